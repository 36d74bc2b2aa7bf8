/// Truncation and wrapping measured in columns.
public enum TextLayout {
    /// One column wide in the terminals we target (U+2026 is East Asian "ambiguous";
    /// terminals set to draw ambiguous characters wide are not supported).
    public static let ellipsis = "…"

    /// Characters that must not start a line (kinsoku shori): closing brackets and
    /// punctuation, small kana, the prolonged sound mark.
    static let noLineStart: Set<Character> = Set(
        "、。，．・：；？！）］｝」』】〉》〕〗〙〛〟’”ー…‥ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ゠〜～‼⁇⁈⁉％" + ",.;:!?)]}%"
    )
    /// Characters that must not end a line: opening brackets.
    static let noLineEnd: Set<Character> = Set("（［｛「『【〈《〔〖〘〚〝‘“([{")

    /// `text` cut to at most `columns` columns. When it does not fit, the ellipsis is counted
    /// in the budget and a wide glyph that would straddle the edge is left out whole, so the
    /// result may be one column short; callers pad.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = ellipsis) -> String {
        guard columns > 0 else { return "" }
        let ew = DisplayWidth.of(ellipsis)
        let budget = columns - ew
        var width = 0
        var cut = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let cw = DisplayWidth.of(c)
            if width + cw > columns {
                // Does not fit: keep what fits in the budget plus the ellipsis.
                if budget < 0 { return String(text[..<cut]) }
                return String(text[..<cut]) + ellipsis
            }
            width += cw
            i = text.index(after: i)
            if width <= budget { cut = i }
        }
        return text
    }

    /// Pads (or truncates) to exactly `columns` columns.
    public static func fit(_ text: String, to columns: Int, align: Alignment = .left) -> String {
        let t = truncate(text, to: columns)
        let pad = max(0, columns - DisplayWidth.of(t))
        switch align {
        case .left: return t + String(repeating: " ", count: pad)
        case .right: return String(repeating: " ", count: pad) + t
        case .center: return String(repeating: " ", count: pad / 2) + t + String(repeating: " ", count: pad - pad / 2)
        }
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\u{3000}" }

    /// Rows of at most `width` columns. Latin text breaks at spaces (a word longer than a row is
    /// cut), CJK text between any two characters, and closing punctuation is kept off the start
    /// of a row by moving the character before it down with it. Spaces at a break are dropped.
    public static func wrap(_ line: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        if line.isEmpty { return [""] }
        // Fast path: most lines fit.
        var total = 0
        for c in line { total += DisplayWidth.of(c); if total > width { break } }
        if total <= width { return [line] }

        let glyphs = Array(line)
        let widths = glyphs.map { DisplayWidth.of($0) }
        let n = glyphs.count
        func canBreak(before i: Int) -> Bool {
            let prev = glyphs[i - 1], cur = glyphs[i]
            if isSpace(cur) { return false }
            if isSpace(prev) { return true }
            if noLineStart.contains(cur) || noLineEnd.contains(prev) { return false }
            if widths[i - 1] == 2 || widths[i] == 2 { return true }
            if prev == "-" || prev == "/" { return true }
            return false
        }
        var rows: [String] = []
        var start = 0
        while start < n {
            var w = 0, i = start, lastBreak = -1
            while i < n && w + widths[i] <= width {
                w += widths[i]; i += 1
                if i < n && canBreak(before: i) { lastBreak = i }
            }
            if i >= n { rows.append(String(glyphs[start..<n])); break }
            var brk: Int
            if isSpace(glyphs[i]) { brk = i }
            else if lastBreak > start { brk = lastBreak }
            else { brk = max(i, start + 1) }        // no opportunity: cut the word (always progress)
            // Trim trailing spaces of this row, skip leading spaces of the next.
            var end = brk
            while end > start && isSpace(glyphs[end - 1]) { end -= 1 }
            rows.append(String(glyphs[start..<end]))
            start = brk
            while start < n && isSpace(glyphs[start]) { start += 1 }
        }
        return rows.isEmpty ? [""] : rows
    }
}

public enum Alignment: Sendable, Hashable { case left, center, right }
