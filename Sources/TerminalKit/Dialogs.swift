/// What a modal made of a key press.
public enum ModalOutcome<Value: Sendable>: Sendable {
    /// Still open (the key moved a selection or edited the filter, or was ignored).
    case open
    case chosen(Value)
    case cancelled
}
extension ModalOutcome: Equatable where Value: Equatable {}

/// A yes/no question. `y`/`n`, Enter on the highlighted button, Esc cancels.
public struct ConfirmState: Sendable, Hashable {
    public var title: SafeText
    public var message: SafeText
    public var yesLabel: SafeText
    public var noLabel: SafeText
    /// Which button Enter presses; the safe choice (no) by default.
    public var yesSelected: Bool

    public init(title: SafeText, message: SafeText, yes: SafeText = "Yes", no: SafeText = "No", yesSelected: Bool = false) {
        self.title = title; self.message = message; self.yesLabel = yes; self.noLabel = no; self.yesSelected = yesSelected
    }

    public mutating func handle(_ key: KeyEvent) -> ModalOutcome<Bool> {
        switch (key.key, key.modifiers) {
        case (.char("y"), []), (.char("Y"), []): return .chosen(true)
        case (.char("n"), []), (.char("N"), []): return .chosen(false)
        case (.enter, []): return .chosen(yesSelected)
        case (.escape, _), (.char("c"), .ctrl): return .cancelled
        case (.left, _), (.right, _), (.tab, _), (.char("h"), []), (.char("l"), []):
            yesSelected.toggle(); return .open
        default: return .open
        }
    }
}

public struct ConfirmDialog: Widget {
    public var state: ConfirmState
    public init(_ state: ConfirmState) { self.state = state }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        let width = min(area.width, max(30, min(60, state.message.width + 4)))
        let textRows = state.message.wrapped(to: max(1, width - 4))
        let height = min(area.height, textRows.count + 5)
        let box = area.centered(width: width, height: height)
        let block = Block(title: state.title, titleRole: .dialogTitle, fill: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(left: 1, right: 1)
        for (i, r) in textRows.prefix(max(0, inner.height - 2)).enumerated() {
            buffer.put(r, x: inner.x, y: inner.y + i, style: theme[.dialog], clip: inner)
        }
        let yes = "[ " + state.yesLabel.singleLine + " ]", no = "[ " + state.noLabel.singleLine + " ]"
        let total = yes.displayWidth + 2 + no.displayWidth
        let y = inner.maxY - 1
        guard y > inner.y || inner.height == 1 else { return }
        var x = inner.x + max(0, (inner.width - total) / 2)
        let sel = theme[.dialog].patched(with: theme[.selection])
        x += buffer.putLine(yes, x: x, y: y, style: state.yesSelected ? sel : theme[.dialog], clip: inner) + 2
        buffer.putLine(no, x: x, y: y, style: state.yesSelected ? theme[.dialog] : sel, clip: inner)
    }
}

/// A modal list with type-to-filter: templates, agents to transfer to, suppliers to call in.
/// Typing narrows the list (every space-separated word must appear, case-insensitively),
/// arrows move, Enter chooses, Esc cancels. The chosen value is an index into `items`.
public struct PickerState: Sendable, Hashable {
    public var title: SafeText
    public private(set) var items: [SafeText]
    public private(set) var query: String = ""
    public private(set) var matches: [Int]
    public var list = ListState()
    /// Rows of the list the picker shows (kept in step with the widget's layout).
    public var visibleRows: Int

    private let folded: [String]

    public init(title: SafeText, items: [SafeText], visibleRows: Int = 10) {
        self.title = title; self.items = items; self.visibleRows = visibleRows
        self.folded = items.map { $0.singleLine.lowercased() }
        self.matches = Array(items.indices)
        self.list = ListState(selected: items.isEmpty ? nil : 0)
    }

    public mutating func setQuery(_ q: String) {
        query = Sanitizer.singleLine(q)
        let words = query.lowercased().split(separator: " ")
        matches = items.indices.filter { i in words.allSatisfy { folded[i].contains($0) } }
        list = ListState(selected: matches.isEmpty ? nil : 0)
    }

    public var selectedItem: Int? { list.selected.flatMap { $0 < matches.count ? matches[$0] : nil } }

    public mutating func handle(_ key: KeyEvent) -> ModalOutcome<Int> {
        switch (key.key, key.modifiers) {
        case (.escape, _), (.char("c"), .ctrl), (.char("g"), .ctrl): return .cancelled
        case (.enter, _): return selectedItem.map { .chosen($0) } ?? .open
        case (.up, _), (.char("p"), .ctrl): list.move(by: -1, count: matches.count, visibleRows: visibleRows)
        case (.down, _), (.char("n"), .ctrl), (.tab, []): list.move(by: 1, count: matches.count, visibleRows: visibleRows)
        case (.pageUp, _): list.pageUp(count: matches.count, visibleRows: visibleRows)
        case (.pageDown, _): list.pageDown(count: matches.count, visibleRows: visibleRows)
        case (.backspace, _): if !query.isEmpty { setQuery(String(query.dropLast())) }
        case (.char("u"), .ctrl): setQuery("")
        default:
            if let c = key.text { setQuery(query + String(c)) }
        }
        return .open
    }

    /// Inserts pasted text into the filter.
    public mutating func paste(_ text: String) { setQuery(query + text) }
}

public struct Picker: Widget {
    public var state: PickerState
    public init(_ state: PickerState) { self.state = state }

    /// The box the picker takes inside `area` (the app uses it to keep `visibleRows` in step).
    public static func box(in area: Rect, rows: Int) -> Rect {
        area.centered(width: min(area.width, max(40, area.width * 2 / 3)), height: min(area.height, rows + 4))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        let box = Picker.box(in: area, rows: state.visibleRows)
        let block = Block(title: state.title, titleRole: .dialogTitle, fill: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box)
        guard inner.height >= 1 else { return }
        let input = inner.row(0)
        buffer.fill(input, style: theme[.input])
        let prompt = "> "
        let q = SafeText(state.query).singleLine
        // Keep the end of a long query visible: that is where typing happens.
        let room = max(0, input.width - prompt.displayWidth - 1)
        var shown = q
        while shown.displayWidth > room { shown.removeFirst() }
        let used = buffer.putLine(prompt + shown, x: input.x, y: input.y, style: theme[.input], clip: input)
        if input.x + used < input.maxX {
            buffer.put(" ", x: input.x + used, y: input.y, style: theme[.cursor], clip: input)
            buffer.cursor = Point(x: input.x + used, y: input.y)
        }
        let counter = "\(state.matches.count)/\(state.items.count)"
        if input.width > counter.count + used + 2 {
            buffer.put(SafeText(counter), in: input, align: .right, style: theme[.input].patched(with: theme[.muted]))
        }
        let listArea = inner.inset(top: 1)
        if state.matches.isEmpty {
            buffer.put("(no match)", in: listArea, style: theme[.dialog].patched(with: theme[.muted]))
            return
        }
        // Only the visible slice is materialised.
        let rows = listArea.height
        let off = ListState.visibleOffset(selected: state.list.selected, offset: state.list.offset, count: state.matches.count, rows: rows)
        let slice = state.matches[off..<min(state.matches.count, off + rows)].map { state.items[$0] }
        var ls = state.list
        ls.offset = 0
        ls.selected = state.list.selected.map { $0 - off }
        let bar = Scrollbar(total: state.matches.count, visible: rows, offset: off)
        ListView(slice, state: ls, role: .dialog, showScrollbar: false).render(in: state.matches.count > rows ? listArea.inset(right: 1) : listArea, buffer: &buffer)
        if state.matches.count > rows { bar.render(in: Rect(x: listArea.maxX - 1, y: listArea.y, width: 1, height: rows), buffer: &buffer) }
    }
}
