/// A minimal JSON writer into bytes. Event payloads are written for every imported row, and
/// JSONEncoder costs several microseconds per object on Linux; this costs a fraction of that
/// and writes keys in a stable order, so two nodes encode the same event byte for byte.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []
    private var pendingKey = false

    public init() { bytes.reserveCapacity(512) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    public mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    public mutating func key(_ k: String) {
        comma()
        JSONWriter.appendQuoted(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    private mutating func comma() {
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    /// Called before any value: inside an array it places the comma; after a key it does nothing.
    private mutating func value() {
        if pendingKey { pendingKey = false; return }
        comma()
    }

    public mutating func string(_ s: String) { value(); JSONWriter.appendQuoted(s, to: &bytes) }
    public mutating func int(_ v: Int64) { value(); bytes.append(contentsOf: String(v).utf8) }
    public mutating func int(_ v: Int) { value(); bytes.append(contentsOf: String(v).utf8) }
    /// A fraction, rounded to four decimals so shares print as 0.9524, not binary noise.
    public mutating func double(_ v: Double) {
        value(); bytes.append(contentsOf: (v.isFinite ? String((v * 10_000).rounded() / 10_000) : "null").utf8)
    }
    public mutating func bool(_ v: Bool) { value(); bytes.append(contentsOf: (v ? "true" : "false").utf8) }
    public mutating func null() { value(); bytes.append(contentsOf: "null".utf8) }
    /// A time as an ISO 8601 UTC string, written without building a String first.
    public mutating func timestamp(_ millis: Int64) {
        value(); bytes.append(UInt8(ascii: "\"")); Timestamp.append(millis: millis, to: &bytes); bytes.append(UInt8(ascii: "\""))
    }

    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func field(_ k: String, _ v: Int64) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }
    /// Omits the key when the value is absent: payloads stay small and decoders treat both alike.
    public mutating func field(_ k: String, _ v: String?) { if let v { key(k); string(v) } }
    public mutating func field(_ k: String, _ v: Int64?) { if let v { key(k); int(v) } }
    public mutating func field(_ k: String, timestamp v: Int64?) { if let v { key(k); timestamp(v) } }
    public mutating func field(_ k: String, strings: [String]) {
        key(k); beginArray(); for s in strings { string(s) }; endArray()
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var plainStart = 0
            for i in 0..<buf.count {
                let c = buf[i]
                guard c == 0x22 || c == 0x5C || c < 0x20 else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[plainStart..<i]))
                switch c {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
                }
                plainStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[plainStart..<buf.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func quoted(_ s: String) -> String { var o: [UInt8] = []; appendQuoted(s, to: &o); return String(decoding: o, as: UTF8.self) }
}
