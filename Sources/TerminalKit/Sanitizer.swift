/// Makes untrusted text (customer and supplier messages, imported fields) safe to draw.
///
/// A terminal executes what it is sent: ESC starts a command (move the cursor, retitle the
/// window, even set the clipboard), a bidi override makes "exe.txt" read as "txt.exe", a
/// zero-width space hides a difference between two booking numbers. So nothing invisible or
/// executable survives: each is replaced by a visible stand-in the agent can read and
/// report. The rules (Docs/terminal-toolkit.md):
///
/// - C0 controls and DEL in caret notation: ESC → `^[`, NUL → `^@`, DEL → `^?`.
/// - C1 controls (U+0080–U+009F), bidi controls, other invisible format characters, line and
///   paragraph separators, unassigned code points and noncharacters as `<U+XXXX>`.
/// - Tab expanded to spaces up to the next multiple of 8 columns.
/// - Line breaks (LF, CRLF, a lone CR only when followed by nothing special is shown `^M`) split lines.
/// - A combining mark with nothing to combine with gets a dotted circle (◌) as its base;
///   more than 4 marks on one base are dropped (a "Zalgo" string would smear over other rows).
/// - Inside an emoji sequence, ZWJ, variation selectors and tag characters are kept: they
///   are how 🏳️‍🌈 and 🏴 flags are spelled and they do not reach the terminal on their own.
///   Joiners and selectors are kept elsewhere only where a script is spelled with them
///   (`keeps(_:after:emoji:keycap:)`); after a digit or a Latin letter they are shown.
public enum Sanitizer {
    public static let tabWidth = 8
    public static let maxMarksPerCluster = 4

    /// The sanitized lines of `raw`. Each line holds only printable grapheme clusters.
    public static func lines(_ raw: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var column = 0
        current.reserveCapacity(min(raw.utf8.count, 256))
        var previousWasCR = false
        for ch in raw {
            // Fast path: printable ASCII and clusters made only of ordinary scalars.
            if let a = ch.asciiValue, a >= 0x20, a < 0x7F {
                if previousWasCR { current += "^M"; column += 2; previousWasCR = false }
                current.append(ch); column += 1; continue
            }
            if ch == "\r\n" || ch == "\n" {
                previousWasCR = false
                lines.append(current); current = ""; column = 0; continue
            }
            if previousWasCR { current += "^M"; column += 2; previousWasCR = false }
            if ch == "\r" { previousWasCR = true; continue }
            if ch == "\t" {
                let n = tabWidth - column % tabWidth
                current += String(repeating: " ", count: n); column += n; continue
            }
            let cleaned = clean(ch)
            current += cleaned
            column += DisplayWidth.of(cleaned)
        }
        if previousWasCR { current += "^M" }
        lines.append(current)
        return lines
    }

    /// One line: line breaks are shown as `↵` so a single-line field cannot grow a second row.
    public static func singleLine(_ raw: String) -> String {
        lines(raw).joined(separator: "↵")
    }

    /// A visible stand-in for one scalar, or nil when it may be drawn as is.
    @inlinable
    public static func visible(_ s: Unicode.Scalar) -> String? {
        let v = s.value
        if v < 0x20 { return "^" + String(UnicodeScalar(UInt8(v + 0x40))) }
        if v == 0x7F { return "^?" }
        if v < 0xA0 { return v >= 0x80 ? codePoint(v) : nil }
        if v < 0x300 { return v == 0xAD ? codePoint(v) : nil }
        if v >= 0x4E00 && v <= 0x9FFF { return nil }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069,   // bidi controls
             0x200B, 0x2060...0x2064, 0xFEFF, 0x180E, 0xFFF9...0xFFFB,     // invisible format characters
             0x2028, 0x2029, 0x115F, 0x1160, 0x3164, 0xFFA0:               // separators, Hangul fillers
            return codePoint(v)
        case 0xFDD0...0xFDEF: return codePoint(v)
        default: break
        }
        if v & 0xFFFE == 0xFFFE { return codePoint(v) }
        switch s.properties.generalCategory {
        case .control, .unassigned, .surrogate: return codePoint(v)
        case .format:
            // ZWJ/ZWNJ and tag characters are allowed only inside a cluster (see `clean`).
            return codePoint(v)
        default: return nil
        }
    }

    @usableFromInline
    static func codePoint(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// Whether an invisible joiner or selector `s` inside a cluster is part of how the text is
    /// spelled, and so kept: ZWJ, ZWNJ and tags in emoji sequences (🏳️‍🌈, 🏴 flags); ZWJ and ZWNJ in
    /// the scripts that shape with them (Arabic, Hebrew, Indic, Thai, Tibetan, Myanmar, Khmer,
    /// Mongolian...); variation selectors after an emoji, a keycap (1️⃣) or any other non-ASCII
    /// base (CJK ideographic variants, symbols); Mongolian selectors after Mongolian. Anywhere else
    /// (after a digit or a Latin letter, in a booking number) it would only hide a difference, so
    /// it is shown as `<U+XXXX>` like the other invisible characters.
    static func keeps(_ s: Unicode.Scalar, after base: Unicode.Scalar, emoji: Bool, keycap: Bool) -> Bool {
        let v = s.value, b = base.value
        switch v {
        case 0x200C, 0x200D: return emoji || shapesWithJoiners(b)
        case 0xFE00...0xFE0F: return emoji || keycap || b > 0x7F
        case 0xE0100...0xE01EF: return b > 0x7F
        case 0xE0020...0xE007F: return emoji
        case 0x180B...0x180F: return (0x1800...0x18AF).contains(b)
        case 0x17B4, 0x17B5: return (0x1780...0x17FF).contains(b)
        default: return false
        }
    }

    /// Scripts whose letters join or conjoin, where ZWJ and ZWNJ choose the shape.
    static func shapesWithJoiners(_ v: UInt32) -> Bool {
        switch v {
        case 0x0590...0x0FFF, 0x1000...0x109F, 0x1780...0x18AF, 0xA800...0xABFF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE,
             0x10A00...0x11FFF: return true
        default: return false
        }
    }

    /// One grapheme cluster made safe.
    static func clean(_ ch: Character) -> String {
        let scalars = Array(ch.unicodeScalars)
        guard let first = scalars.first else { return "" }
        if scalars.count == 1 {
            if let v = visible(first) { return v }
            if first.properties.isDefaultIgnorableCodePoint { return codePoint(first.value) }   // a lone selector
            if DisplayWidth.of(first) == 0 { return "◌" + String(first) }   // lone mark
            return String(ch)
        }
        var out = ""
        var base: Unicode.Scalar?
        var marks = 0
        let emoji = first.properties.isEmoji && first.value > 0xFF
        let keycap = scalars.contains("\u{20E3}")
        for s in scalars {
            if base == nil {
                if let v = visible(s) { out += v; continue }
                if s.properties.isDefaultIgnorableCodePoint { out += codePoint(s.value); continue }
                if DisplayWidth.of(s) == 0 { out += "◌"; base = "◌"; out.unicodeScalars.append(s); marks = 1; continue }
                base = s; out.unicodeScalars.append(s); continue
            }
            if s.properties.isDefaultIgnorableCodePoint {
                if keeps(s, after: base!, emoji: emoji, keycap: keycap) { out.unicodeScalars.append(s) }
                else { out += codePoint(s.value); base = nil; marks = 0 }
                continue
            }
            if let vis = visible(s) {
                out += vis; base = nil; marks = 0; continue
            }
            if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
                marks += 1
                if marks > maxMarksPerCluster { continue }
            }
            out.unicodeScalars.append(s)
        }
        return out
    }
}

/// Text that has passed the sanitizer: the only kind of text the `Buffer` accepts.
///
/// Its initializers sanitize, so a widget that holds a `SafeText` cannot hold terminal
/// commands. Build it once when data is loaded (sanitizing costs a pass over the text),
/// not in every frame.
public struct SafeText: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// Sanitized lines; never contain control characters.
    public let lines: [String]

    public init(_ raw: String) { lines = Sanitizer.lines(raw) }
    public init(_ raw: Substring) { lines = Sanitizer.lines(String(raw)) }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }
    /// For lines already produced by the sanitizer or by splitting safe text (no re-scan).
    init(sanitizedLines: [String]) { lines = sanitizedLines }

    public static let empty = SafeText(sanitizedLines: [""])

    /// The text on one row: lines joined with a visible `↵`.
    public var singleLine: String { lines.count == 1 ? lines[0] : lines.joined(separator: "↵") }
    public var description: String { lines.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    /// Columns of the widest line.
    public var width: Int { lines.reduce(0) { max($0, $1.displayWidth) } }

    public static func + (a: SafeText, b: SafeText) -> SafeText {
        var l = a.lines
        l[l.count - 1] += b.lines[0]
        l.append(contentsOf: b.lines.dropFirst())
        return SafeText(sanitizedLines: l)
    }

    /// Cut to at most `columns` with an ellipsis (see `TextLayout.truncate`).
    public func truncated(to columns: Int, ellipsis: String = TextLayout.ellipsis) -> SafeText {
        SafeText(sanitizedLines: [TextLayout.truncate(singleLine, to: columns, ellipsis: ellipsis)])
    }

    /// Word-wrapped rows at `columns` (see `TextLayout.wrap`).
    public func wrapped(to columns: Int) -> [SafeText] {
        lines.flatMap { TextLayout.wrap($0, width: columns) }.map { SafeText(sanitizedLines: [$0]) }
    }
}
