import Foundation

/// A JSON reader for batch lines, giving the same values as `JSONSerialization` (String,
/// NSNumber for numbers and booleans, NSNull, [Any], [String: Any]) in one pass. Foundation's
/// parser on Linux took about 60 % of applying a batch (profile in Docs/sync-protocol.md);
/// strings without escapes, the common case, are made straight from their UTF-8 bytes here.
public enum LineJSON {
    struct Failure: Error {}

    public static func object(_ bytes: ArraySlice<UInt8>) -> [String: Any]? {
        object(bytes, keeping: nil)?.object
    }

    /// The object, and the bytes of its top-level member `key` exactly as written: the log keeps
    /// a remote event's payload as its origin wrote it instead of encoding the decoded event again.
    public static func object(_ bytes: ArraySlice<UInt8>, keeping key: String?) -> (object: [String: Any], kept: ArraySlice<UInt8>?)? {
        bytes.withUnsafeBufferPointer { buf -> ([String: Any], ArraySlice<UInt8>?)? in
            var p = Parser(buf: buf, i: 0)
            p.keep = key
            guard let v = try? p.value(), p.skipSpace() == nil, let o = v as? [String: Any] else { return nil }
            return (o, p.kept.map { bytes[(bytes.startIndex + $0.lowerBound)..<(bytes.startIndex + $0.upperBound)] })
        }
    }

    private struct Parser {
        let buf: UnsafeBufferPointer<UInt8>
        var i: Int
        /// A top-level key whose value's byte range is noted in `kept`.
        var keep: String? = nil
        var kept: Range<Int>? = nil

        /// Skips whitespace; returns the next byte, or nil at the end.
        mutating func skipSpace() -> UInt8? {
            while i < buf.count {
                let c = buf[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return c }
            }
            return nil
        }

        mutating func expect(_ c: UInt8) throws {
            guard skipSpace() == c else { throw Failure() }
            i += 1
        }

        mutating func value(depth: Int = 0) throws -> Any {
            guard depth < 64, let c = skipSpace() else { throw Failure() }
            switch c {
            case UInt8(ascii: "{"):
                i += 1
                var out: [String: Any] = [:]
                out.reserveCapacity(16) // event lines and payloads have about that many keys: no rehashing
                if skipSpace() == UInt8(ascii: "}") { i += 1; return out }
                while true {
                    guard skipSpace() == UInt8(ascii: "\"") else { throw Failure() }
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    if depth == 0, key == keep, skipSpace() != nil {
                        let start = i
                        out[key] = try value(depth: depth + 1)
                        kept = start..<i
                    } else {
                        out[key] = try value(depth: depth + 1)
                    }
                    switch skipSpace() {
                    case UInt8(ascii: ","): i += 1
                    case UInt8(ascii: "}"): i += 1; return out
                    default: throw Failure()
                    }
                }
            case UInt8(ascii: "["):
                i += 1
                var out: [Any] = []
                if skipSpace() == UInt8(ascii: "]") { i += 1; return out }
                while true {
                    out.append(try value(depth: depth + 1))
                    switch skipSpace() {
                    case UInt8(ascii: ","): i += 1
                    case UInt8(ascii: "]"): i += 1; return out
                    default: throw Failure()
                    }
                }
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "t"): try word("true"); return NSNumber(value: true)
            case UInt8(ascii: "f"): try word("false"); return NSNumber(value: false)
            case UInt8(ascii: "n"): try word("null"); return NSNull()
            default: return try number()
            }
        }

        mutating func word(_ w: String) throws {
            let u = Array(w.utf8)
            guard i + u.count <= buf.count else { throw Failure() }
            for k in 0..<u.count where buf[i + k] != u[k] { throw Failure() }
            i += u.count
        }

        /// RFC 8259's grammar exactly: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        /// Leading zeros, a bare `.5` or `1.` are refused, as JSONSerialization refuses them; an
        /// integer that fits 64 bits is read exactly (never through a double).
        mutating func number() throws -> NSNumber {
            let start = i
            func isDigit(_ at: Int) -> Bool { at < buf.count && buf[at] >= 0x30 && buf[at] <= 0x39 }
            func digits() throws {
                guard isDigit(i) else { throw Failure() }
                while isDigit(i) { i += 1 }
            }
            if i < buf.count && buf[i] == UInt8(ascii: "-") { i += 1 }
            if i < buf.count && buf[i] == 0x30 {
                i += 1
                if isDigit(i) { throw Failure() }
            } else {
                try digits()
            }
            var integral = true
            if i < buf.count && buf[i] == UInt8(ascii: ".") { integral = false; i += 1; try digits() }
            if i < buf.count && (buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E")) {
                integral = false; i += 1
                if i < buf.count && (buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-")) { i += 1 }
                try digits()
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
            if integral, let v = Int64(text) { return NSNumber(value: v) }
            guard let d = Double(text), d.isFinite else { throw Failure() }
            return NSNumber(value: d)
        }

        /// At the opening quote; returns the string and moves past the closing quote.
        mutating func string() throws -> String {
            i += 1
            let start = i
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") {
                    // Validating, not repairing: JSONSerialization refuses invalid UTF-8, and a
                    // batch must not be read with U+FFFD where its origin wrote other bytes.
                    guard let s = String(validating: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self) else { throw Failure() }
                    i += 1
                    return s
                }
                if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
                if c < 0x20 { throw Failure() }
                i += 1
            }
            throw Failure()
        }

        mutating func escapedString(from start: Int) throws -> String {
            var bytes = Array(buf[start..<i])
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    guard let s = String(validating: bytes, as: UTF8.self) else { throw Failure() }
                    return s
                }
                if c < 0x20 { throw Failure() }
                guard c == UInt8(ascii: "\\") else { bytes.append(c); i += 1; continue }
                guard i + 1 < buf.count else { throw Failure() }
                let e = buf[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""): bytes.append(0x22)
                case UInt8(ascii: "\\"): bytes.append(0x5C)
                case UInt8(ascii: "/"): bytes.append(0x2F)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A surrogate pair: the low half must follow.
                        guard i + 1 < buf.count, buf[i] == UInt8(ascii: "\\"), buf[i + 1] == UInt8(ascii: "u") else { throw Failure() }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Failure() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw Failure()
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw Failure() }
                    bytes.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw Failure()
                }
            }
            throw Failure()
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= buf.count else { throw Failure() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = buf[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw Failure()
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
