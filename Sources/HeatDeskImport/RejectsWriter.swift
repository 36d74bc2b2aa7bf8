import Foundation
import HeatDeskCore

/// Writes rejected rows as CSV: where, why, and the row as it stood, so it can be fixed and
/// imported again. Columns: file, line, kind, id, field, reason, record.
///
/// Works on bytes, not Swift `Character`s: a `"` followed by a combining mark (a GBK field
/// starting with 台 read as UTF-8 gives exactly that) is one Character that is not `"`, and
/// the row's own bytes, invalid UTF-8 included, must come back unchanged (`Rejection.raw`).
final class RejectsWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ImportError.unreadable(path, "cannot create the rejects file")
        }
        guard let h = FileHandle(forWritingAtPath: path) else { throw ImportError.unreadable(path, "cannot write the rejects file") }
        handle = h
        buffer = Array("file,line,kind,id,field,reason,record\n".utf8)
    }

    func write(_ r: Rejection) throws {
        Self.append(r, to: &buffer)
        if buffer.count > 64 * 1024 { try flush() }
    }

    /// One rejection as a CSV line (with its newline).
    static func line(_ r: Rejection) -> [UInt8] {
        var out: [UInt8] = []
        append(r, to: &out)
        return out
    }

    private static func append(_ r: Rejection, to out: inout [UInt8]) {
        let texts = [r.file, String(r.line), r.kind?.rawValue ?? "", r.id ?? "", r.field, r.reason]
        for t in texts {
            quote(Array(t.utf8), into: &out)
            out.append(UInt8(ascii: ","))
        }
        quote(record(r.raw), into: &out)
        out.append(0x0A)
    }

    /// The record without the newline that ended it (LF, CRLF or a lone CR).
    static func record(_ raw: [UInt8]) -> ArraySlice<UInt8> {
        var end = raw.count
        if end > 0, raw[end - 1] == 0x0A { end -= 1 }
        if end > 0, raw[end - 1] == 0x0D { end -= 1 }
        return raw[..<end]
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        try? flush()
        try? handle.close()
    }

    /// RFC 4180 quoting at the byte level: a field holding a comma, quote, CR or LF is quoted
    /// and its quotes doubled; every other byte is copied as it is.
    static func quote<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        let special = bytes.contains { (b: UInt8) -> Bool in b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D }
        guard special else { out.append(contentsOf: bytes); return }
        out.append(0x22)
        for b in bytes {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(Array(s.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
