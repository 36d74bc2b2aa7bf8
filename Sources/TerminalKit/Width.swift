/// Display width in terminal columns, per grapheme cluster.
///
/// Terminals place text by columns, not by characters: a Chinese character takes two,
/// a combining accent none. `String.count` counts graphemes and would misalign every
/// table that mixes Chinese and English. The rules follow what glibc `wcwidth` and
/// common terminals (xterm, tmux, VTE, kitty) do; East Asian "ambiguous" characters
/// count as narrow, as they do in those terminals by default.
public enum DisplayWidth {
    /// Columns a grapheme cluster takes: 0, 1 or 2.
    @inlinable
    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue { return a >= 0x20 && a < 0x7F ? 1 : 0 }
        let scalars = c.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next() else { return 0 }
        guard let second = it.next() else { return of(first) }
        return clusterWidth(first: first, second: second, rest: &it)
    }

    /// Columns of a whole string: the sum over its grapheme clusters.
    public static func of(_ s: some StringProtocol) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// Width of one scalar on its own (what `wcwidth` would say for printable ones).
    @inlinable
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return v >= 0x20 && v != 0x7F && !(v >= 0x80 && v < 0xA0) && v != 0xAD ? 1 : 0 }
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }            // CJK unified ideographs, the common case
        if v >= 0xAC00 && v <= 0xD7A3 { return 2 }            // Hangul syllables
        return slowScalarWidth(s)
    }

    @usableFromInline
    static func slowScalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v >= 0x1160 && v <= 0x11FF { return 0 }            // Hangul medial vowels / final consonants join the syllable
        if v == 0x200B { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator, .surrogate:
            return 0
        default: break
        }
        if isWide(v) { return 2 }
        if s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    @usableFromInline
    static func clusterWidth(first: Unicode.Scalar, second: Unicode.Scalar, rest: inout String.UnicodeScalarView.Iterator) -> Int {
        // Emoji sequences: terminals that draw them at all draw them in two columns.
        let fv = first.value
        if fv >= 0x1F1E6 && fv <= 0x1F1FF { return 2 }      // regional-indicator flag pair
        var next: Unicode.Scalar? = second
        var emojiBase: Bool?
        while let s = next {
            switch s.value {
            case 0xFE0F, 0x200D, 0x1F3FB...0x1F3FF, 0x20E3:
                if emojiBase == nil { emojiBase = first.properties.isEmoji }
                if emojiBase == true { return 2 }
            case 0xFE0E:
                if first.properties.isEmoji { return 1 }
            default: break
            }
            next = rest.next()
        }
        let base = of(first)
        // A cluster whose base is itself zero-width (a lone mark) still occupies a cell once
        // the sanitizer has given it a visible base; anything printable takes at least one.
        return base
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15) outside the fast paths; emoji with
    /// default emoji presentation are caught by `isEmojiPresentation` instead.
    @usableFromInline
    static let wideRanges: [(UInt32, UInt32)] = [
        (0x1100, 0x115F), (0x2329, 0x232A), (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5),
        (0x2FF0, 0x2FFF), (0x3000, 0x303E), (0x3041, 0x3096), (0x3099, 0x30FF), (0x3105, 0x312F),
        (0x3131, 0x318E), (0x3190, 0x31E3), (0x31EF, 0x321E), (0x3220, 0x3247), (0x3250, 0x4DBF),
        (0x4E00, 0xA48C), (0xA490, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
        (0xFE10, 0xFE19), (0xFE30, 0xFE52), (0xFE54, 0xFE66), (0xFE68, 0xFE6B), (0xFF01, 0xFF60),
        (0xFFE0, 0xFFE6), (0x16FE0, 0x16FE4), (0x16FF0, 0x16FF1), (0x17000, 0x187F7), (0x18800, 0x18CD5),
        (0x18D00, 0x18D08), (0x1AFF0, 0x1AFFE), (0x1B000, 0x1B122), (0x1B132, 0x1B132), (0x1B150, 0x1B152),
        (0x1B155, 0x1B155), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1F200, 0x1F202), (0x1F210, 0x1F23B),
        (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1F260, 0x1F265), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
    ]

    @usableFromInline
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.0 { hi = mid - 1 } else if v > r.1 { lo = mid + 1 } else { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Terminal columns this text takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
