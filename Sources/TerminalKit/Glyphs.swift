/// Grapheme iteration that skips Unicode's grapheme-break machinery where it cannot matter.
///
/// Most screen text is ASCII, Latin-1 and CJK, where every scalar is a cluster of its own:
/// walking scalars there is several times faster than walking `Character`s, which is what keeps
/// a 200x60 frame under a millisecond. Anything else (marks, emoji sequences, jamo, flags)
/// falls back to `Character`, so the result is always the real clusters.
enum Glyphs {
    /// A scalar that never joins its neighbours into one cluster (no Extend, SpacingMark,
    /// Prepend, Hangul jamo, regional indicator, ZWJ, CR).
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        if v < 0x300 { return v >= 0x20 && v != 0x7F }
        if v < 0x3000 { return false }
        if v <= 0x9FFF { return !(v >= 0x302A && v <= 0x302F) && v != 0x3099 && v != 0x309A }
        if v >= 0xAC00 && v <= 0xD7A3 { return true }
        return v >= 0xFF01 && v <= 0xFF60
    }

    /// Calls `body(firstScalar, clusterOrNil, width)` for each grapheme cluster of `s`;
    /// `body` returns false to stop.
    @inline(__always)
    static func forEach(_ s: String, _ body: (Unicode.Scalar, String?, Int) -> Bool) {
        let us = s.unicodeScalars
        var i = us.startIndex
        let end = us.endIndex
        while i < end {
            let sc = us[i]
            let next = us.index(after: i)
            if isSimple(sc.value) && (next == end || isSimple(us[next].value)) {
                if !body(sc, nil, DisplayWidth.of(sc)) { return }
                i = next
                continue
            }
            let ch = s[i]
            let after = s.index(after: i)
            let w = DisplayWidth.of(ch)
            let single = us.index(after: i) == after
            if !body(sc, single ? nil : String(ch), w) { return }
            i = after
        }
    }

    /// Columns of `s`, stopping early once past `limit`.
    static func width(_ s: String, limit: Int = .max) -> Int {
        var w = 0
        forEach(s) { _, _, cw in w += cw; return w <= limit }
        return w
    }
}
