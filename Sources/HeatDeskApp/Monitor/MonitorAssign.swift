import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// The monitor's assign picker (issue 14, item 10): the agents a ticket can go to, with their
/// skills, languages, status and load, and what speaks against each (offline, not the
/// customer's language, not the ticket's product). Typing filters, as in every picker.
public struct AssignPicker: Sendable, Equatable {
    public var options: AppDatabase.AssignOptions
    /// The rows' text for filtering, and the selection among the matches.
    public var picker: PickerState

    public init(_ options: AppDatabase.AssignOptions, visibleRows: Int) {
        self.options = options
        let items = options.candidates.map { c in
            SafeText([c.agent.name, c.agent.id, c.agent.status.rawValue, c.agent.skills.map(\.rawValue).joined(separator: ","),
                      c.agent.languages.joined(separator: ",")].joined(separator: " "))
        }
        picker = PickerState(title: AssignPicker.title(options), items: items, visibleRows: visibleRows)
    }

    public var ticket: TicketKey { options.ticket }

    public var selected: AppDatabase.AssignCandidate? { picker.selectedItem.map { options.candidates[$0] } }

    /// `Assign T-4 · hotel · customer speaks zh` for a waiting ticket; `Reassign` (from its owner) otherwise.
    static func title(_ o: AppDatabase.AssignOptions) -> SafeText {
        let verb = o.status == .queued ? "Assign \(o.ticket)" : "Reassign \(o.ticket) from \(o.ownerID ?? "-")"
        return SafeText("\(verb) · \(o.product.rawValue)\(o.priority == .sos ? " SOS" : "") · customer speaks \(o.language)")
    }

    /// The warning a confirmation shows before handing the ticket to `c`: nil when nothing speaks against them.
    static func question(_ o: AppDatabase.AssignOptions, _ c: AppDatabase.AssignCandidate) -> ConfirmState? {
        guard !c.concerns.isEmpty else { return nil }
        return ConfirmState(title: SafeText("Assign \(o.ticket)"),
                            message: SafeText(AppDatabase.assignWarning(c.agent, c.concerns) + " — assign \(o.ticket) anyway?"),
                            yes: "Assign anyway", no: "Cancel")
    }

    /// Short marks for the fit column: `✓`, or `⚠ offline, no zh, no hotel`.
    static func fit(_ c: AppDatabase.AssignCandidate) -> String {
        guard !c.concerns.isEmpty else { return "✓" }
        return "⚠ " + c.concerns.map { concern in
            switch concern {
            case .offline: return "offline"
            case .language(let l): return "no " + l
            case .product(let p): return "no " + p.rawValue
            }
        }.joined(separator: ", ")
    }

    /// Rows of agents the picker shows at a terminal size (the board stays in sight around it).
    static func rows(for size: Size) -> Int { max(3, min(12, size.height - 11)) }

    /// The box inside `area`: nearly the whole width (the columns need it), as tall as its rows.
    static func box(in area: Rect, rows: Int) -> Rect {
        area.centered(width: min(area.width, max(60, min(100, area.width - 2))), height: min(area.height, rows + 5))
    }
}

/// Draws an `AssignPicker`: the query, a table of the matching agents, and the highlighted
/// agent's fit in words.
struct AssignPickerView: Widget {
    var state: AssignPicker

    func render(in area: Rect, buffer b: inout Buffer) {
        let theme = b.theme
        let p = state.picker
        let box = AssignPicker.box(in: area, rows: p.visibleRows)
        let block = Block(title: p.title, titleRole: .dialogTitle, fill: .dialog)
        block.render(in: box, buffer: &b)
        let inner = block.inner(box)
        guard inner.height >= 3 else { return }
        // The query line, as in every picker.
        let input = inner.row(0)
        b.fill(input, style: theme[.input])
        let used = b.put(SafeText("> " + p.query), x: input.x, y: input.y, style: theme[.input], clip: input)
        if input.x + used < input.maxX {
            b.put(" ", x: input.x + used, y: input.y, style: theme[.cursor], clip: input)
            b.cursor = Point(x: input.x + used, y: input.y)
        }
        let counter = "\(p.matches.count)/\(p.items.count)"
        if input.width > counter.count + used + 2 {
            b.put(SafeText(counter), in: input, align: .right, style: theme[.input].patched(with: theme[.muted]))
        }
        let footer = inner.row(inner.height - 1)
        let listArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        if p.matches.isEmpty {
            b.put("(no match)", in: listArea.row(0), style: theme[.dialog].patched(with: theme[.muted]))
            return
        }
        let shown = p.matches.map { state.options.candidates[$0] }
        let nameWidth = min(14, max(5, shown.map { SafeText($0.agent.name).width }.max() ?? 5))
        let idWidth = max(2, shown.map { SafeText($0.agent.id).width }.max() ?? 2)
        let skillWidth = min(16, max(6, shown.map { SafeText($0.agent.skills.map(\.rawValue).joined(separator: ",")).width }.max() ?? 6))
        let columns = [
            TableColumn("Agent", width: .fixed(nameWidth)), TableColumn("Id", width: .fixed(idWidth)),
            TableColumn("Status", width: .fixed(9)), TableColumn("Held", width: .fixed(4), align: .right),
            TableColumn("Skills", width: .fixed(skillWidth)), TableColumn("Lang", width: .fixed(5)), TableColumn("Fit", width: .fill()),
        ]
        let rows = shown.map { c in
            TableRow([SafeText(c.agent.name), SafeText(c.agent.id), SafeText(c.agent.status.rawValue), SafeText("\(c.held)"),
                      SafeText(c.agent.skills.map(\.rawValue).joined(separator: ",")), SafeText(c.agent.languages.joined(separator: ",")),
                      SafeText(AssignPicker.fit(c))],
                     role: !c.concerns.isEmpty ? .warning : nil)
        }
        b.render(Table(columns: columns, rows: rows, state: p.list, role: .dialog), in: listArea)
        // The highlighted agent's fit in words: what Enter will ask about.
        guard let c = state.selected else { return }
        let o = state.options
        if c.concerns.isEmpty {
            b.put(SafeText("✓ \(c.agent.name) speaks \(o.language)" + (o.priority == .sos ? " (SOS: every desk)" : " and serves \(o.product.rawValue)")
                           + " · holds \(c.held)"), in: footer, style: theme[.dialog].patched(with: theme[.success]))
        } else {
            b.put(SafeText("⚠ " + AppDatabase.assignWarning(c.agent, c.concerns) + ": Enter asks first"),
                  in: footer, style: theme[.dialog].patched(with: theme[.warning]))
        }
    }
}
