/// One logical line of a text pane with its role (a message header, a quoted reply...).
public struct PaneLine: Sendable, Hashable {
    public var text: SafeText
    public var role: Role
    public init(_ text: SafeText, role: Role = .normal) { self.text = text; self.role = role }
}

/// Scrolling, word-wrapped text: a conversation, an order trail, a help page.
public struct TextPane: Widget {
    public var lines: [PaneLine]
    /// First wrapped row shown; clamped so the pane never scrolls past its end.
    public var scroll: Int
    public var wrap: Bool
    public var showScrollbar: Bool

    public init(_ lines: [PaneLine], scroll: Int = 0, wrap: Bool = true, showScrollbar: Bool = true) {
        self.lines = lines; self.scroll = scroll; self.wrap = wrap; self.showScrollbar = showScrollbar
    }
    public init(text: SafeText, role: Role = .normal, scroll: Int = 0) {
        self.init(text.lines.map { PaneLine(SafeText(sanitizedLines: [$0]), role: role) }, scroll: scroll)
    }

    /// The rows the pane shows at `width` (wrapping each logical line).
    public func rows(width: Int) -> [(text: String, role: Role)] {
        var out: [(String, Role)] = []
        for l in lines {
            for seg in l.text.lines {
                if wrap { for r in TextLayout.wrap(seg, width: width) { out.append((r, l.role)) } }
                else { out.append((TextLayout.truncate(seg, to: width), l.role)) }
            }
        }
        return out
    }

    /// The largest useful `scroll` for a pane of `size` (for End / PgDn in `update`).
    public func maxScroll(in size: Size) -> Int {
        let textWidth = max(1, size.width - 1)
        return max(0, rows(width: textWidth).count - size.height)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        buffer.fill(area, style: theme[.normal])
        var all = rows(width: area.width)
        var textArea = area
        if showScrollbar && all.count > area.height && area.width > 2 {
            textArea = area.inset(right: 1)
            all = rows(width: textArea.width)
        }
        let top = min(max(0, scroll), max(0, all.count - area.height))
        for i in 0..<min(area.height, all.count - top) {
            let r = all[top + i]
            buffer.putLine(r.text, x: textArea.x, y: area.y + i, style: theme[r.role], clip: textArea)
        }
        if textArea.width < area.width {
            Scrollbar(total: all.count, visible: area.height, offset: top)
                .render(in: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height), buffer: &buffer)
        }
    }
}

/// A row of tab titles with the active one highlighted; titles shrink when they do not fit.
public struct Tabs: Widget {
    public var titles: [SafeText]
    public var selected: Int
    public init(_ titles: [SafeText], selected: Int) { self.titles = titles; self.selected = selected }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        let row = area.row(0)
        buffer.fill(row, style: theme[.tabInactive])
        guard !titles.isEmpty else { return }
        let natural = titles.reduce(0) { $0 + $1.singleLine.displayWidth + 2 } + titles.count - 1
        let per = natural <= row.width ? Int.max : max(3, (row.width - (titles.count - 1)) / titles.count - 2)
        var x = row.x
        for (i, t) in titles.enumerated() {
            guard x < row.maxX else { break }
            let label = " " + TextLayout.truncate(t.singleLine, to: per) + " "
            x += buffer.putLine(label, x: x, y: row.y, style: theme[i == selected ? .tabActive : .tabInactive], clip: row)
            if i < titles.count - 1 { x += buffer.putLine("│", x: x, y: row.y, style: theme[.tabInactive], clip: row) }
        }
    }
}

/// The bottom (or top) line: spans on the left, spans on the right; the left side gives way.
public struct StatusBar: Widget {
    public var left: [Span]
    public var right: [Span]
    public var role: Role
    public init(left: [Span], right: [Span] = [], role: Role = .statusBar) { self.left = left; self.right = right; self.role = role }

    public func render(in area: Rect, buffer: inout Buffer) {
        let row = area.row(0)
        let base = buffer.theme[role]
        buffer.fill(row, style: base)
        let rw = right.reduce(0) { $0 + $1.width }
        let rightSpans = rw <= row.width ? right : truncatedSpans(right, to: row.width)
        let rightWidth = min(rw, row.width)
        let leftRoom = max(0, row.width - rightWidth - (rightWidth > 0 ? 1 : 0))
        let lw = left.reduce(0) { $0 + $1.width }
        buffer.put(lw <= leftRoom ? left : truncatedSpans(left, to: leftRoom), x: row.x, y: row.y,
                   clip: Rect(x: row.x, y: row.y, width: leftRoom, height: 1), base: base)
        buffer.put(rightSpans, x: row.maxX - rightWidth, y: row.y, clip: row, base: base)
    }
}

/// One line of key hints generated from the binding table: `q Quit  ↑/k Up  ? Help`.
/// Hints that do not fit are left out whole, never cut in the middle.
public struct HelpBar<Action: Hashable & Sendable>: Widget {
    public var bindings: KeyBindingTable<Action>
    public var context: BindingContext
    public init(_ bindings: KeyBindingTable<Action>, context: BindingContext) { self.bindings = bindings; self.context = context }

    public func render(in area: Rect, buffer: inout Buffer) {
        let theme = buffer.theme
        let row = area.row(0)
        buffer.fill(row, style: theme[.helpText])
        var x = row.x
        for item in bindings.helpItems(in: context) {
            let k = SafeText(item.keys), h = SafeText(item.help)
            let need = k.singleLine.displayWidth + 1 + h.singleLine.displayWidth
            guard x + need <= row.maxX else { break }
            x += buffer.put(k, x: x, y: row.y, style: theme[.helpKey], clip: row)
            x += 1
            x += buffer.put(h, x: x, y: row.y, style: theme[.helpText], clip: row)
            x += 2
        }
    }
}

/// The `?` screen: every binding, grouped by context, generated from the same table.
public struct HelpScreen<Action: Hashable & Sendable>: Widget {
    public var bindings: KeyBindingTable<Action>
    public var title: SafeText
    public var scroll: Int
    public init(_ bindings: KeyBindingTable<Action>, title: SafeText = "Keys", scroll: Int = 0) {
        self.bindings = bindings; self.title = title; self.scroll = scroll
    }

    /// The pane lines (also used to compute how far the screen scrolls).
    public var lines: [PaneLine] {
        var out: [PaneLine] = []
        let keyWidth = min(18, bindings.bindings.map { $0.keys.map(\.description).joined(separator: " ").displayWidth }.max() ?? 0)
        for ctx in bindings.contexts {
            if !out.isEmpty { out.append(PaneLine("")) }
            out.append(PaneLine(SafeText(ctx.name), role: .title))
            for b in bindings.active(in: ctx) where b.context == ctx {
                let keys = TextLayout.fit(b.keys.map(\.description).joined(separator: " "), to: keyWidth)
                out.append(PaneLine(SafeText("  " + keys + "  " + (b.description ?? b.help))))
            }
        }
        return out
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let block = Block(title: title, fill: .dialog)
        block.render(in: area, buffer: &buffer)
        TextPane(lines, scroll: scroll, wrap: true).render(in: block.inner(area).inset(left: 1, right: 0), buffer: &buffer)
    }
}

/// A short-lived note on one line ("Ticket claimed", "Sync failed: ..."). The app keeps it in
/// its state and drops it on a tick after `expires` (`expired(at:)`), so the view stays pure.
public struct TransientMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, success, warning, error }
    public var text: SafeText
    public var kind: Kind
    public var expires: ContinuousClock.Instant
    public init(_ text: SafeText, kind: Kind = .info, lasting: Duration = .seconds(4), now: ContinuousClock.Instant = .now) {
        self.text = text; self.kind = kind; self.expires = now + lasting
    }
    public func expired(at now: ContinuousClock.Instant) -> Bool { now >= expires }
}

public struct MessageLine: Widget {
    public var message: TransientMessage?
    public init(_ message: TransientMessage?) { self.message = message }
    public func render(in area: Rect, buffer: inout Buffer) {
        let row = area.row(0)
        buffer.fill(row, style: buffer.theme[.normal])
        guard let m = message else { return }
        let role: Role = switch m.kind { case .info: .info; case .success: .success; case .warning: .warning; case .error: .error }
        buffer.put(m.text, in: row, style: buffer.theme[role])
    }
}
