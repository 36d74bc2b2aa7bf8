/// Selection and scroll position of a list or table: lives in the app state between frames.
public struct ListState: Hashable, Sendable {
    public var selected: Int?
    /// First visible row. Kept by the move functions so that the view does not jump; the
    /// renderer only corrects it when the selection would be off screen (after a resize).
    public var offset: Int

    public init(selected: Int? = 0, offset: Int = 0) { self.selected = selected; self.offset = offset }

    /// Moves the selection by `delta` rows, clamped to `count`, scrolling as little as possible.
    public mutating func move(by delta: Int, count: Int, visibleRows: Int) {
        guard count > 0 else { selected = nil; offset = 0; return }
        let cur = selected ?? (delta >= 0 ? -1 : count)
        select(min(max(0, cur + delta), count - 1), count: count, visibleRows: visibleRows)
    }
    public mutating func pageDown(count: Int, visibleRows: Int) { move(by: max(1, visibleRows - 1), count: count, visibleRows: visibleRows) }
    public mutating func pageUp(count: Int, visibleRows: Int) { move(by: -max(1, visibleRows - 1), count: count, visibleRows: visibleRows) }
    public mutating func home(count: Int, visibleRows: Int) { select(0, count: count, visibleRows: visibleRows) }
    public mutating func end(count: Int, visibleRows: Int) { select(count - 1, count: count, visibleRows: visibleRows) }

    public mutating func select(_ index: Int?, count: Int, visibleRows: Int) {
        guard count > 0, let index else { selected = nil; offset = 0; return }
        let i = min(max(0, index), count - 1)
        selected = i
        offset = ListState.visibleOffset(selected: i, offset: offset, count: count, rows: visibleRows)
    }

    /// The first row to show so that `selected` is visible and the list does not scroll past its end.
    public static func visibleOffset(selected: Int?, offset: Int, count: Int, rows: Int) -> Int {
        guard rows > 0, count > rows else { return 0 }
        var o = min(max(0, offset), count - rows)
        if let s = selected {
            if s < o { o = s }
            if s >= o + rows { o = s - rows + 1 }
        }
        return o
    }
}

/// A one-column list with selection and scrolling.
public struct ListView: Widget {
    public var items: [SafeText]
    public var state: ListState
    public var focused: Bool
    public var role: Role
    public var showScrollbar: Bool
    /// Per-item role overrides (e.g. `.breach` for overdue items); missing items use `role`.
    public var itemRoles: [Int: Role]

    public init(_ items: [SafeText], state: ListState, focused: Bool = true, role: Role = .normal,
                itemRoles: [Int: Role] = [:], showScrollbar: Bool = true) {
        self.items = items; self.state = state; self.focused = focused; self.role = role
        self.itemRoles = itemRoles; self.showScrollbar = showScrollbar
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let table = Table(columns: [TableColumn("", width: .fill())], rows: items.enumerated().map { i, t in TableRow([t], role: itemRoles[i]) },
                          state: state, focused: focused, showHeader: false, role: role, showScrollbar: showScrollbar)
        table.render(in: area, buffer: &buffer)
    }
}

public struct TableColumn: Sendable {
    public var title: SafeText
    public var width: Constraint
    public var align: Alignment
    public init(_ title: SafeText, width: Constraint, align: Alignment = .left) {
        self.title = title; self.width = width; self.align = align
    }
}

public struct TableRow: Sendable {
    public var cells: [SafeText]
    public var role: Role?
    public init(_ cells: [SafeText], role: Role? = nil) { self.cells = cells; self.role = role }
}

/// Rows and columns with a header, selection and scrolling. Only the visible rows are drawn,
/// so a page of thousands of rows costs what a screenful costs.
public struct Table: Widget {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var state: ListState
    public var focused: Bool
    public var showHeader: Bool
    public var role: Role
    public var showScrollbar: Bool
    /// Columns between cells.
    public var spacing: Int

    public init(columns: [TableColumn], rows: [TableRow], state: ListState = ListState(), focused: Bool = true,
                showHeader: Bool = true, role: Role = .normal, showScrollbar: Bool = true, spacing: Int = 1) {
        self.columns = columns; self.rows = rows; self.state = state; self.focused = focused
        self.showHeader = showHeader; self.role = role; self.showScrollbar = showScrollbar; self.spacing = spacing
    }

    /// Rows of data that fit in `area` (what the app passes as `visibleRows` to `ListState`).
    public func visibleRows(in area: Rect) -> Int { max(0, area.height - (showHeader ? 1 : 0)) }

    /// The x-ranges of the columns inside `width` (after the scrollbar, with spacing).
    public func columnRects(_ area: Rect) -> [Rect] {
        var constraints: [Constraint] = []
        for (i, c) in columns.enumerated() {
            if i > 0 { constraints.append(.fixed(spacing)) }
            constraints.append(c.width)
        }
        let parts = area.split(.horizontal, constraints)
        return stride(from: 0, to: parts.count, by: 2).map { parts[$0] }
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        buffer.fill(area, style: theme[role])
        let dataRows = visibleRows(in: area)
        let needsBar = showScrollbar && rows.count > dataRows && area.width > 2
        let body = needsBar ? area.inset(right: 1) : area
        let cols = columnRects(body)
        var y = area.y
        if showHeader {
            let hs = theme[.header]
            buffer.fill(area.row(0), style: hs)
            for (i, c) in columns.enumerated() where i < cols.count {
                buffer.put(c.title, in: Rect(x: cols[i].x, y: y, width: cols[i].width, height: 1), align: c.align, style: hs)
            }
            y += 1
        }
        let offset = ListState.visibleOffset(selected: state.selected, offset: state.offset, count: rows.count, rows: dataRows)
        for r in 0..<dataRows {
            let index = offset + r
            guard index < rows.count else { break }
            let row = rows[index]
            var st = theme[row.role ?? role]
            if index == state.selected {
                st = row.role.map { theme[$0].patched(with: theme[focused ? .selection : .selectionInactive]) }
                    ?? theme[focused ? .selection : .selectionInactive]
            }
            let line = Rect(x: body.x, y: y + r, width: body.width, height: 1)
            buffer.fill(line, style: st)
            for (i, cell) in row.cells.enumerated() where i < cols.count {
                buffer.put(cell, in: Rect(x: cols[i].x, y: y + r, width: cols[i].width, height: 1), align: columns[i].align, style: st)
            }
        }
        if needsBar {
            Scrollbar(total: rows.count, visible: dataRows, offset: offset)
                .render(in: Rect(x: area.maxX - 1, y: y, width: 1, height: dataRows), buffer: &buffer)
        }
    }
}

/// A one-column scroll indicator: where the visible part sits in the whole.
public struct Scrollbar: Widget {
    public var total: Int, visible: Int, offset: Int
    public init(total: Int, visible: Int, offset: Int) { self.total = total; self.visible = visible; self.offset = offset }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.height > 0, total > visible, total > 0 else { return }
        let h = area.height
        let thumb = max(1, h * visible / total)
        let maxOffset = max(1, total - visible)
        let top = min(h - thumb, (h - thumb) * min(offset, maxOffset) / maxOffset)
        let st = buffer.theme[.scrollbar]
        for i in 0..<h {
            buffer.putLine(i >= top && i < top + thumb ? "█" : "│", x: area.x, y: area.y + i, style: st, clip: area)
        }
    }
}
