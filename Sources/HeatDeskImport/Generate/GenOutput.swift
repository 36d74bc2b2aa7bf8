import Foundation

/// One output file written through a buffer of about a megabyte: memory stays flat however
/// many rows go through. Rows are encoded straight into bytes (no JSONEncoder, no Data per row).
final class GenFile {
    let url: URL
    private let handle: FileHandle
    private var buf: [UInt8] = []
    private(set) var bytesWritten = 0
    private(set) var rows = 0
    private var needsComma = false
    private static let flushAt = 1 << 20

    init(_ url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buf.reserveCapacity(GenFile.flushAt + 64 * 1024)
    }

    func flush() throws {
        guard !buf.isEmpty else { return }
        try handle.write(contentsOf: Data(buf))
        bytesWritten += buf.count
        buf.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func rowDone() throws {
        rows += 1
        if buf.count >= GenFile.flushAt { try flush() }
    }

    func raw(_ s: String) { buf.append(contentsOf: s.utf8) }
    func raw(_ s: StaticString) { s.withUTF8Buffer { buf.append(contentsOf: $0) } }

    // MARK: JSON Lines

    func beginLine() { buf.append(UInt8(ascii: "{")); needsComma = false }
    func endLine() throws { buf.append(UInt8(ascii: "}")); buf.append(0x0A); try rowDone() }

    private func key(_ k: StaticString) {
        GenFile.appendKey(k, comma: needsComma, to: &buf)
        needsComma = true
    }

    private static func appendKey(_ k: StaticString, comma: Bool, to buf: inout [UInt8]) {
        if comma { buf.append(UInt8(ascii: ",")) }
        buf.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { buf.append(contentsOf: $0) }
        buf.append(UInt8(ascii: "\""))
        buf.append(UInt8(ascii: ":"))
    }

    func field(_ k: StaticString, _ v: String) { key(k); jsonString(v) }
    func field(_ k: StaticString, _ v: String?) { if let v { field(k, v) } }
    func field(_ k: StaticString, time t: Int64, _ zone: GenZone) {
        key(k); buf.append(UInt8(ascii: "\"")); GenTime.appendTimestamp(t, zone, to: &buf); buf.append(UInt8(ascii: "\""))
    }
    func field(_ k: StaticString, strings: [String]) {
        key(k); buf.append(UInt8(ascii: "["))
        for (i, s) in strings.enumerated() {
            if i > 0 { buf.append(UInt8(ascii: ",")) }
            jsonString(s)
        }
        buf.append(UInt8(ascii: "]"))
    }

    func beginObject(_ k: StaticString) { key(k); buf.append(UInt8(ascii: "{")); needsComma = false }
    func endObject() { buf.append(UInt8(ascii: "}")); needsComma = true }
    func beginArray(_ k: StaticString) { key(k); buf.append(UInt8(ascii: "[")); needsComma = false }
    func endArray() { buf.append(UInt8(ascii: "]")); needsComma = true }
    /// An object as an element of the array just begun.
    func beginElement() {
        if needsComma { buf.append(UInt8(ascii: ",")) }
        buf.append(UInt8(ascii: "{")); needsComma = false
    }
    func endElement() { buf.append(UInt8(ascii: "}")); needsComma = true }

    private func jsonString(_ s: String) { GenFile.appendJSON(s, to: &buf) }

    /// One exclusive access to the buffer per string, and clean strings (nearly all) copied whole.
    private static func appendJSON(_ s: String, to buf: inout [UInt8]) {
        buf.append(UInt8(ascii: "\""))
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { p in
            for c in p where c == 0x22 || c == 0x5C || c < 0x20 { return false }
            buf.append(contentsOf: p)
            return true
        }
        if done != true {
            for c in s.utf8 {
                switch c {
                case 0x22: buf.append(0x5C); buf.append(0x22)
                case 0x5C: buf.append(0x5C); buf.append(0x5C)
                case 0x0A: buf.append(0x5C); buf.append(UInt8(ascii: "n"))
                case 0x0D: buf.append(0x5C); buf.append(UInt8(ascii: "r"))
                case 0x09: buf.append(0x5C); buf.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    buf.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
                default: buf.append(c)
                }
            }
        }
        buf.append(UInt8(ascii: "\""))
    }

    // MARK: CSV (RFC 4180: quoted when a field holds a comma, quote or line break)

    func csv(_ s: String, first: Bool = false) { GenFile.appendCSV(s, first: first, to: &buf) }

    private static func appendCSV(_ s: String, first: Bool, to buf: inout [UInt8]) {
        if !first { buf.append(UInt8(ascii: ",")) }
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { p in
            for c in p where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D { return false }
            buf.append(contentsOf: p)
            return true
        }
        if done == true { return }
        buf.append(0x22)
        for c in s.utf8 {
            if c == 0x22 { buf.append(0x22) }
            buf.append(c)
        }
        buf.append(0x22)
    }

    func csv(time t: Int64?, _ zone: GenZone) {
        buf.append(UInt8(ascii: ","))
        if let t { GenTime.appendTimestamp(t, zone, to: &buf) }
    }

    func endCSVRow() throws { buf.append(0x0A); try rowDone() }
}
