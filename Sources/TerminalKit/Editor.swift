/// A place in the editor: logical line and grapheme index within it.
public struct EditorPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// The multi-line text editor for composing replies.
///
/// Text is kept as lines of grapheme clusters, so the cursor moves and deletes whole
/// characters (a Chinese character, an emoji with its modifiers) and never half of one.
/// Everything inserted (typing, pasting) passes the sanitizer first, so the draft can be
/// drawn as is. Word wrap is done at render width; up/down move by wrapped row and keep the
/// column the cursor wanted, as editors do.
public struct EditorState: Hashable, Sendable {
    public private(set) var lines: [[Character]]
    public private(set) var cursor: EditorPosition
    /// First wrapped row shown; corrected at render time to keep the cursor visible.
    public var scroll: Int = 0
    private var goalX: Int?

    public init(text: String = "") {
        lines = [[]]
        cursor = EditorPosition(line: 0, column: 0)
        if !text.isEmpty { insert(text) }
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    // MARK: editing

    /// Inserts text at the cursor (typed or pasted; any length; newlines split lines).
    public mutating func insert(_ raw: String) {
        let parts = Sanitizer.lines(raw).map(Array.init)
        let line = lines[cursor.line]
        let before = Array(line[..<cursor.column]), after = Array(line[cursor.column...])
        if parts.count == 1 {
            lines[cursor.line] = before + parts[0] + after
            cursor.column += parts[0].count
        } else {
            var new: [[Character]] = [before + parts[0]]
            new.append(contentsOf: parts[1..<(parts.count - 1)])
            new.append(parts[parts.count - 1] + after)
            lines.replaceSubrange(cursor.line...cursor.line, with: new)
            cursor = EditorPosition(line: cursor.line + parts.count - 1, column: parts[parts.count - 1].count)
        }
        goalX = nil
    }

    public mutating func newline() { insert("\n") }

    /// Deletes the character before the cursor (joining lines at a line start).
    public mutating func deleteBackward() {
        goalX = nil
        if cursor.column > 0 {
            lines[cursor.line].remove(at: cursor.column - 1); cursor.column -= 1
        } else if cursor.line > 0 {
            let tail = lines.remove(at: cursor.line)
            cursor.line -= 1
            cursor.column = lines[cursor.line].count
            lines[cursor.line] += tail
        }
    }

    /// Deletes the character under the cursor (joining with the next line at a line end).
    public mutating func deleteForward() {
        goalX = nil
        if cursor.column < lines[cursor.line].count {
            lines[cursor.line].remove(at: cursor.column)
        } else if cursor.line + 1 < lines.count {
            lines[cursor.line] += lines.remove(at: cursor.line + 1)
        }
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K).
    public mutating func killToEndOfLine() {
        goalX = nil
        if cursor.column < lines[cursor.line].count { lines[cursor.line].removeSubrange(cursor.column...) } else { deleteForward() }
    }

    // MARK: movement

    public mutating func moveLeft() {
        goalX = nil
        if cursor.column > 0 { cursor.column -= 1 } else if cursor.line > 0 { cursor.line -= 1; cursor.column = lines[cursor.line].count }
    }
    public mutating func moveRight() {
        goalX = nil
        if cursor.column < lines[cursor.line].count { cursor.column += 1 } else if cursor.line + 1 < lines.count { cursor.line += 1; cursor.column = 0 }
    }
    public mutating func moveToLineStart() { goalX = nil; cursor.column = 0 }
    public mutating func moveToLineEnd() { goalX = nil; cursor.column = lines[cursor.line].count }
    public mutating func moveToStart() { goalX = nil; cursor = EditorPosition(line: 0, column: 0) }
    public mutating func moveToEnd() { goalX = nil; cursor = EditorPosition(line: lines.count - 1, column: lines[lines.count - 1].count) }

    public mutating func moveWordRight() {
        goalX = nil
        let l = lines[cursor.line]
        if cursor.column >= l.count { moveRight(); return }
        var c = cursor.column
        while c < l.count && !Self.isWordChar(l[c]) { c += 1 }
        while c < l.count && Self.isWordChar(l[c]) { c += 1; if DisplayWidth.of(l[c - 1]) == 2 { break } }
        cursor.column = c
    }
    public mutating func moveWordLeft() {
        goalX = nil
        let l = lines[cursor.line]
        if cursor.column == 0 { moveLeft(); return }
        var c = cursor.column
        while c > 0 && !Self.isWordChar(l[c - 1]) { c -= 1 }
        while c > 0 && Self.isWordChar(l[c - 1]) { c -= 1; if DisplayWidth.of(l[c]) == 2 { break } }
        cursor.column = c
    }
    static func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Moves by `delta` wrapped rows at `width`, keeping the wanted column.
    public mutating func moveVertically(by delta: Int, width: Int) {
        let rows = visualRows(width: width)
        let (r, x) = cursorRowAndX(rows: rows, width: width)
        let goal = goalX ?? x
        let target = min(max(0, r + delta), rows.count - 1)
        if target == r {
            // Past the first or last row: go to its start or end.
            cursor.column = delta < 0 ? rows[r].range.lowerBound : rows[r].range.upperBound
            goalX = nil; return
        }
        let row = rows[target]
        let isLastOfLine = target + 1 >= rows.count || rows[target + 1].line != row.line
        let l = lines[row.line]
        var col = row.range.lowerBound, acc = 0
        let limit = isLastOfLine ? row.range.upperBound : max(row.range.lowerBound, row.range.upperBound - 1)
        while col < limit {
            let w = DisplayWidth.of(l[col])
            if acc + w > goal { break }
            acc += w; col += 1
        }
        cursor = EditorPosition(line: row.line, column: col)
        goalX = goal
    }

    /// Handles an editing key; false when the key is not the editor's (Tab, Esc, F-keys...),
    /// so the app can apply its own bindings. `size` is the editor's area.
    @discardableResult
    public mutating func handle(_ key: KeyEvent, size: Size) -> Bool {
        let w = max(1, size.width)
        switch (key.key, key.modifiers) {
        case (.enter, []): newline()
        case (.backspace, _), (.char("h"), .ctrl): deleteBackward()
        case (.delete, []), (.char("d"), .ctrl): deleteForward()
        case (.char("k"), .ctrl): killToEndOfLine()
        case (.left, []), (.char("b"), .ctrl): moveLeft()
        case (.right, []), (.char("f"), .ctrl): moveRight()
        case (.up, []), (.char("p"), .ctrl): moveVertically(by: -1, width: w)
        case (.down, []), (.char("n"), .ctrl): moveVertically(by: 1, width: w)
        case (.pageUp, []): moveVertically(by: -max(1, size.height - 1), width: w)
        case (.pageDown, []): moveVertically(by: max(1, size.height - 1), width: w)
        case (.home, []): moveToRowEdge(start: true, width: w)
        case (.end, []): moveToRowEdge(start: false, width: w)
        case (.char("a"), .ctrl): moveToLineStart()
        case (.char("e"), .ctrl): moveToLineEnd()
        case (.home, .ctrl): moveToStart()
        case (.end, .ctrl): moveToEnd()
        case (.left, .ctrl), (.char("b"), .alt): moveWordLeft()
        case (.right, .ctrl), (.char("f"), .alt): moveWordRight()
        default:
            guard let c = key.text else { return false }
            insert(String(c))
        }
        return true
    }

    mutating func moveToRowEdge(start: Bool, width: Int) {
        let rows = visualRows(width: width)
        let (r, _) = cursorRowAndX(rows: rows, width: width)
        let row = rows[r]
        let isLastOfLine = r + 1 >= rows.count || rows[r + 1].line != row.line
        cursor.column = start ? row.range.lowerBound : (isLastOfLine ? row.range.upperBound : max(row.range.lowerBound, row.range.upperBound - 1))
        goalX = nil
    }

    // MARK: layout

    public struct VisualRow: Hashable, Sendable { public var line: Int; public var range: Range<Int> }

    /// Wrapped rows at `width`: each logical line split at spaces (Latin) or between CJK characters.
    /// Rows partition the line; spaces at a break stay at the end of the row they follow.
    public func visualRows(width: Int) -> [VisualRow] {
        var out: [VisualRow] = []
        for (li, l) in lines.enumerated() {
            for r in EditorState.wrapRanges(l, width: max(1, width)) { out.append(VisualRow(line: li, range: r)) }
        }
        return out
    }

    static func wrapRanges(_ glyphs: [Character], width: Int) -> [Range<Int>] {
        let n = glyphs.count
        if n == 0 { return [0..<0] }
        let widths = glyphs.map { DisplayWidth.of($0) }
        func canBreak(before i: Int) -> Bool {
            let prev = glyphs[i - 1], cur = glyphs[i]
            if TextLayout.isSpace(cur) { return false }
            if TextLayout.isSpace(prev) { return true }
            if TextLayout.noLineStart.contains(cur) || TextLayout.noLineEnd.contains(prev) { return false }
            return widths[i - 1] == 2 || widths[i] == 2 || prev == "-"
        }
        var rows: [Range<Int>] = []
        var start = 0
        while start < n {
            var w = 0, i = start, lastBreak = -1
            while i < n && w + widths[i] <= width {
                w += widths[i]; i += 1
                if i < n && canBreak(before: i) { lastBreak = i }
            }
            if i >= n { rows.append(start..<n); break }
            var brk: Int
            if TextLayout.isSpace(glyphs[i]) {
                brk = i
                while brk < n && TextLayout.isSpace(glyphs[brk]) { brk += 1 }
            } else if lastBreak > start { brk = lastBreak } else { brk = max(i, start + 1) }
            rows.append(start..<brk)
            start = brk
        }
        return rows
    }

    /// The wrapped row the cursor is on and its x within that row.
    public func cursorRowAndX(rows: [VisualRow], width: Int) -> (row: Int, x: Int) {
        var found = 0
        for (i, r) in rows.enumerated() where r.line == cursor.line {
            let isLast = i + 1 >= rows.count || rows[i + 1].line != r.line
            if r.range.contains(cursor.column) || (isLast && cursor.column == r.range.upperBound) { found = i; break }
        }
        let row = rows[found]
        let l = lines[row.line]
        var x = 0
        for c in row.range.lowerBound..<min(cursor.column, l.count) { x += DisplayWidth.of(l[c]) }
        return (found, x)
    }
}

/// Draws an `EditorState`; the cursor cell is highlighted and the terminal cursor placed there.
public struct TextEditor: Widget {
    public var state: EditorState
    public var focused: Bool
    public var placeholder: SafeText?
    public init(_ state: EditorState, focused: Bool = true, placeholder: SafeText? = nil) {
        self.state = state; self.focused = focused; self.placeholder = placeholder
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        let st = theme[.input]
        buffer.fill(area, style: st)
        let rows = state.visualRows(width: area.width)
        let (cr, cx) = state.cursorRowAndX(rows: rows, width: area.width)
        var top = min(max(0, state.scroll), max(0, rows.count - area.height))
        if cr < top { top = cr }
        if cr >= top + area.height { top = cr - area.height + 1 }
        if state.isEmpty, let p = placeholder {
            buffer.put(p, in: area, style: st.patched(with: theme[.muted]))
        }
        for i in 0..<min(area.height, rows.count - top) {
            let r = rows[top + i]
            let l = state.lines[r.line]
            var x = area.x
            for c in r.range {
                let g = l[c]
                let w = DisplayWidth.of(g)
                if w == 0 { continue }
                if x + w > area.maxX { break }
                buffer.putLine(String(g), x: x, y: area.y + i, style: st, clip: area)
                x += w
            }
        }
        guard focused else { return }
        let y = area.y + cr - top
        let x = area.x + min(cx, area.width - 1)
        guard area.contains(x: x, y: y) else { return }
        buffer.patchStyle(Rect(x: x, y: y, width: 1, height: 1), theme[.cursor])
        buffer.cursor = Point(x: x, y: y)
    }
}
