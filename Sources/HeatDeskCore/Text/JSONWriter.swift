/// A minimal JSON object writer. Event payloads are written for every imported row, and
/// JSONEncoder costs several microseconds per object on Linux; this costs a fraction of that
/// and writes keys in a stable order, so two nodes encode the same event byte for byte.
public struct JSONWriter: Sendable {
    public private(set) var text: String = ""
    private var needsComma: [Bool] = []

    public init() { text.reserveCapacity(256) }

    public mutating func beginObject() { value(); text.append("{"); needsComma.append(false) }
    public mutating func endObject() { text.append("}"); needsComma.removeLast() }
    public mutating func beginArray() { value(); text.append("["); needsComma.append(false) }
    public mutating func endArray() { text.append("]"); needsComma.removeLast() }

    public mutating func key(_ k: String) {
        comma()
        JSONWriter.appendQuoted(k, to: &text)
        text.append(":")
        pendingKey = true
    }

    private var pendingKey = false

    private mutating func comma() {
        if let last = needsComma.last {
            if last { text.append(",") }
            needsComma[needsComma.count - 1] = true
        }
    }

    /// Called before any value: inside an array it places the comma; after a key it does nothing.
    private mutating func value() {
        if pendingKey { pendingKey = false; return }
        comma()
    }

    public mutating func string(_ s: String) { value(); JSONWriter.appendQuoted(s, to: &text) }
    public mutating func int(_ v: Int64) { value(); text.append(String(v)) }
    public mutating func int(_ v: Int) { value(); text.append(String(v)) }
    public mutating func bool(_ v: Bool) { value(); text.append(v ? "true" : "false") }
    public mutating func null() { value(); text.append("null") }

    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func field(_ k: String, _ v: Int64) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }
    /// Omits the key when the value is absent: payloads stay small and decoders treat both alike.
    public mutating func field(_ k: String, _ v: String?) { if let v { key(k); string(v) } }
    public mutating func field(_ k: String, _ v: Int64?) { if let v { key(k); int(v) } }
    public mutating func field(_ k: String, strings: [String]) {
        key(k); beginArray(); for s in strings { string(s) }; endArray()
    }

    public static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        var plainStart = s.utf8.startIndex
        var idx = plainStart
        let utf8 = s.utf8
        while idx != utf8.endIndex {
            let c = utf8[idx]
            if c == 0x22 || c == 0x5C || c < 0x20 {
                out.append(contentsOf: s[plainStart..<idx])
                switch c {
                case 0x22: out.append("\\\"")
                case 0x5C: out.append("\\\\")
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                default:
                    let hex = String(c, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                plainStart = utf8.index(after: idx)
            }
            idx = utf8.index(after: idx)
        }
        out.append(contentsOf: s[plainStart..<utf8.endIndex])
        out.append("\"")
    }

    public static func quoted(_ s: String) -> String { var o = ""; appendQuoted(s, to: &o); return o }
}
