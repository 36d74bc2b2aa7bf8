/// Something that draws itself into a rectangle of a buffer. Widgets are values built fresh in
/// every `view`; what must survive between frames (selection, scroll, typed text) lives in the
/// app's state as a `ListState`, `EditorState`, `PickerState`...
public protocol Widget {
    func render(in area: Rect, buffer: inout Buffer)
}

extension Buffer {
    public mutating func render(_ widget: some Widget, in area: Rect) {
        let a = area.intersection(self.area)
        guard !a.isEmpty else { return }
        widget.render(in: a, buffer: &self)
    }

    /// Writes spans left to right from (x, y) inside `clip`; returns the columns used.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, clip: Rect, base: Style = .plain) -> Int {
        var cx = x
        for s in spans where cx < clip.maxX {
            cx += put(s.text, x: cx, y: y, style: base.patched(with: s.style ?? theme[s.role]), clip: clip)
        }
        return cx - x
    }
}

/// A piece of one row with a role (or an explicit style).
public struct Span: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: SafeText
    public var role: Role
    public var style: Style?
    public init(_ text: SafeText, _ role: Role = .normal) { self.text = text; self.role = role }
    public init(_ text: SafeText, style: Style) { self.text = text; self.role = .normal; self.style = style }
    public init(stringLiteral value: String) { self.init(SafeText(value)) }
    public var width: Int { text.singleLine.displayWidth }
}

/// A frame with an optional title: the box around panes and dialogs.
public struct Block: Widget {
    public var title: SafeText?
    public var role: Role
    public var titleRole: Role
    public var fillRole: Role?
    public init(title: SafeText? = nil, role: Role = .border, titleRole: Role = .title, fill: Role? = nil) {
        self.title = title; self.role = role; self.titleRole = titleRole; self.fillRole = fill
    }

    /// The area left inside the frame.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, buffer: inout Buffer) {
        if let f = fillRole { buffer.fill(area, role: f) }
        guard area.width >= 2, area.height >= 2 else { return }
        let st = fillRole.map { buffer.theme[$0].patched(with: buffer.theme[role]) } ?? buffer.theme[role]
        let horizontal = String(repeating: "─", count: area.width - 2)
        buffer.putLine("┌" + horizontal + "┐", x: area.x, y: area.y, style: st, clip: area)
        buffer.putLine("└" + horizontal + "┘", x: area.x, y: area.maxY - 1, style: st, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.putLine("│", x: area.x, y: y, style: st, clip: area)
            buffer.putLine("│", x: area.maxX - 1, y: y, style: st, clip: area)
        }
        if let title, area.width > 4 {
            let t = TextLayout.truncate(title.singleLine, to: area.width - 4)
            let ts = fillRole.map { buffer.theme[$0].patched(with: buffer.theme[titleRole]) } ?? buffer.theme[titleRole]
            buffer.putLine(" " + t + " ", x: area.x + 1, y: area.y, style: ts, clip: area)
        }
    }
}

/// Plain rows of text, truncated with an ellipsis (no wrapping): labels, detail fields.
public struct Label: Widget {
    public var lines: [[Span]]
    public var align: Alignment
    public init(_ text: SafeText, role: Role = .normal, align: Alignment = .left) {
        self.lines = text.lines.map { [Span(SafeText(sanitizedLines: [$0]), role)] }; self.align = align
    }
    public init(lines: [[Span]], align: Alignment = .left) { self.lines = lines; self.align = align }

    public func render(in area: Rect, buffer: inout Buffer) {
        for (i, spans) in lines.prefix(area.height).enumerated() {
            let row = area.row(i)
            let joined = spans.reduce(0) { $0 + $1.width }
            if spans.count == 1 || joined <= row.width {
                if spans.count == 1 {
                    buffer.put(spans[0].text, in: row, align: align, style: spans[0].style ?? buffer.theme[spans[0].role])
                } else {
                    let x = align == .left ? row.x : align == .right ? row.maxX - joined : row.x + (row.width - joined) / 2
                    buffer.put(spans, x: x, y: row.y, clip: row)
                }
            } else {
                buffer.put(truncatedSpans(spans, to: row.width), x: row.x, y: row.y, clip: row)
            }
        }
    }
}

/// Spans cut to `columns` with the ellipsis on the last visible span.
func truncatedSpans(_ spans: [Span], to columns: Int) -> [Span] {
    var out: [Span] = []
    var left = columns
    for (i, s) in spans.enumerated() {
        guard left > 0 else { break }
        let w = s.width
        if w < left || (w == left && i == spans.count - 1) { out.append(s); left -= w; continue }
        var t = s
        t.text = s.text.truncated(to: left)
        out.append(t)
        break
    }
    return out
}
