import Foundation

/// Makes customer and supplier data safe to put into a reply: plain text on one line that
/// cannot be read as placeholder syntax or as terminal control.
///
/// - Escape sequences (`ESC [ … m`, `ESC ] … BEL`, other `ESC x`) are removed whole.
/// - C0 and C1 controls and DEL are removed; tabs and line breaks become a space.
/// - Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are removed.
/// - `{` and `}` become `(` and `)`, so a value never reads as `{{…}}`.
/// - Runs of spaces collapse to one; the ends are trimmed; the result is cut at `maxLength` characters.
public enum ValueSanitizer {
    public static let maxLength = 200

    public static func clean(_ raw: String) -> String {
        // Fast path: printable ASCII without braces or double spaces needs nothing.
        var simple = true
        var prevSpace = true
        for u in raw.utf8 {
            if u < 0x20 || u >= 0x7F || u == UInt8(ascii: "{") || u == UInt8(ascii: "}") { simple = false; break }
            if u == 0x20 { if prevSpace { simple = false; break }; prevSpace = true } else { prevSpace = false }
        }
        if simple, !prevSpace || raw.isEmpty, raw.utf8.count <= maxLength { return raw }

        var out = String.UnicodeScalarView()
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        var pendingSpace = false
        func emit(_ c: Unicode.Scalar, into out: inout String.UnicodeScalarView, pendingSpace: inout Bool) {
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        while i < scalars.count {
            let c = scalars[i]
            let v = c.value
            if v == 0x1B {
                i += 1
                guard i < scalars.count else { break }
                let kind = scalars[i].value
                if kind == 0x5B { // CSI: parameters and intermediates, then one final byte 0x40–0x7E
                    i += 1
                    while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                    i += 1
                } else if kind == 0x5D || kind == 0x50 || kind == 0x5F || kind == 0x5E { // OSC, DCS, APC, PM: to BEL or ST
                    i += 1
                    while i < scalars.count {
                        if scalars[i].value == 0x07 { i += 1; break }
                        if scalars[i].value == 0x1B, i + 1 < scalars.count, scalars[i + 1].value == 0x5C { i += 2; break }
                        i += 1
                    }
                } else {
                    i += 1 // two-character escape
                }
                continue
            }
            i += 1
            if v == 0x09 || v == 0x0A || v == 0x0D || v == 0x20 || v == 0x3000 || v == 0x85 || v == 0x2028 || v == 0x2029 {
                pendingSpace = true
                continue
            }
            if v < 0x20 || (0x7F...0x9F).contains(v) { continue }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C { continue }
            if v == 0x7B { emit("(", into: &out, pendingSpace: &pendingSpace); continue }
            if v == 0x7D { emit(")", into: &out, pendingSpace: &pendingSpace); continue }
            emit(c, into: &out, pendingSpace: &pendingSpace)
        }
        var result = String(out)
        if result.count > maxLength { result = String(result.prefix(maxLength - 1)) + "…" }
        return result
    }
}
