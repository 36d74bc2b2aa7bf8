import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// Where everything goes at a size; `update` uses the same rectangles for page sizes.
public struct AgentLayout: Equatable {
    public var top: Rect
    public var tabs: Rect
    public var list: Rect
    public var ticket: Rect
    public var composer: Rect
    public var editor: Rect
    public var findings: Rect
    public var message: Rect
    public var help: Rect

    public static let minimum = Size(width: 80, height: 24)

    public init(_ size: Size, _ s: AgentState) {
        let area = Rect(size)
        let rows = area.split(.vertical, [.fixed(1), .fill(), .fixed(1), .fixed(1)])
        top = rows[0]; message = rows[2]; help = rows[3]
        let body = rows[1]
        let l = body.split(.vertical, [.fixed(1), .fill()])
        tabs = l[0]; list = l[1]
        if let c = s.composer {
            // Findings shown in full: the composer covers all but the ticket's first rows, and
            // the text keeps three rows to stay in sight.
            let expanded = c.findingsFrom != nil
            let composerHeight = expanded ? min(body.height, max(8, body.height - 3)) : min(max(8, body.height * 2 / 5), body.height - 6)
            let parts = body.split(.vertical, [.fill(), .fixed(composerHeight)])
            ticket = parts[0]; composer = parts[1]
            let inner = composer.inset(by: 1)
            let findingRows = expanded ? max(1, inner.height - 3) : min(3, max(1, (c.findings?.count ?? 1)))
            let e = inner.split(.vertical, [.fill(), .fixed(findingRows)])
            editor = e[0]; findings = e[1]
        } else {
            ticket = body; composer = Rect(x: 0, y: body.maxY, width: body.width, height: 0)
            editor = composer; findings = composer
        }
    }
}

/// Draws the whole session.
public func agentView(_ s: AgentState, _ size: Size) -> Buffer {
    var b = Buffer(size: size, theme: s.theme)
    let l = AgentLayout(size, s)
    renderTopLine(s, l.top, &b)
    if let t = s.ticket {
        if let e = s.earlier {
            renderEarlier(s, e, l, &b)
        } else {
            TicketScreen.render(t, in: l.ticket, buffer: &b)
            if let c = s.composer { renderComposer(s, c, l, &b) }
        }
    } else {
        renderLists(s, l, &b)
    }
    let busy = s.busy.map { TransientMessage(SafeText($0), kind: .info) }
    b.render(MessageLine(busy ?? s.message), in: l.message)
    // The hints of where the keys go now (a modal, the editor, the filter…), and only keys that
    // do what they say there.
    let context = AgentBindings.context(of: s)
    b.render(HelpBar(AgentBindings.helpTable(for: context), context: context), in: l.help)

    switch s.modal {
    case .help(let scroll)?:
        let box = Rect(size).inset(top: 1, left: 2, bottom: 1, right: 2)
        b.render(HelpScreen(AgentBindings.table, title: "Keys 按键 · ↑↓ scroll · Esc closes", scroll: scroll), in: box)
    case .picker(let p, _)?:
        b.render(Picker(p), in: Rect(size))
    case .blanks(let prompt)?:
        renderBlanks(prompt, size, &b)
    case .confirm(let c, _)?:
        b.render(ConfirmDialog(c), in: Rect(size))
    case nil:
        break
    }
    return b
}

func renderTopLine(_ s: AgentState, _ r: Rect, _ b: inout Buffer) {
    let me = s.me
    let statusRole: TerminalKit.Role = me.status == .available ? .success : .warning
    let left: [Span] = [
        Span(SafeText(" \(me.name) \(me.id) "), .title),
        Span(SafeText(" " + me.skills.map(\.rawValue).joined(separator: ",") + " · " + me.languages.joined(separator: ",") + " ")),
        Span(SafeText(me.status == .available ? "● available" : "○ \(me.status.rawValue)"), statusRole),
    ]
    let c = s.counts
    let q = "\(c.queued)\(c.queuedCapped ? "+" : "")"
    // Narrow terminals get the short form so the status stays visible.
    let counts = r.width >= 110 ? "queue \(q) · mine \(c.mine) · pulled in \(c.pulledIn) · resolved 24h \(c.resolvedToday) "
        : "Q \(q) · mine \(c.mine) · in \(c.pulledIn) · done \(c.resolvedToday) "
    let right: [Span] = [Span(SafeText(counts))]
    b.render(StatusBar(left: left, right: right), in: r)
}

func listTitle(_ l: AgentList) -> String {
    switch l {
    case .queue: return "Queue"
    case .mine: return "Mine"
    case .pulledIn: return "Pulled in"
    case .closed: return "Recently closed"
    }
}

func renderLists(_ s: AgentState, _ l: AgentLayout, _ b: inout Buffer) {
    let titles = AgentList.allCases.enumerated().map { i, list in
        SafeText("\(i + 1) \(listTitle(list)) \(s.lists[list]?.count ?? 0)")
    }
    let tabsRow = l.tabs
    let filterText: SafeText? = s.filtering || !s.filter.isEmpty ? SafeText("/" + s.filter + (s.filtering ? "▏" : "")) : nil
    let fw = filterText.map { min(tabsRow.width / 3, $0.width + 2) } ?? 0
    b.render(Tabs(titles, selected: AgentList.allCases.firstIndex(of: s.list)!), in: tabsRow.inset(right: fw))
    if let f = filterText {
        let r = Rect(x: tabsRow.maxX - fw, y: tabsRow.y, width: fw, height: 1)
        b.fill(r, role: .input)
        b.put(f, in: r.inset(left: 1), style: b.theme[.input])
    }
    let items = s.visibleItems
    if items.isEmpty {
        let why = !s.loaded ? "Loading…" : !s.filter.isEmpty ? "No ticket matches “\(s.filter)” (Esc clears)" : emptyText(s.list)
        b.put(SafeText(why), in: l.list.inset(top: 1, left: 2), style: b.theme[.muted])
        return
    }
    let wide = l.list.width >= 100
    var cols = [TableColumn("Pri", width: .fixed(6)), TableColumn("Wait", width: .fixed(6), align: .right),
                TableColumn("SLA", width: .fixed(8), align: .right), TableColumn("Via", width: .fixed(5)),
                TableColumn("Trip", width: .fixed(4))]
    if wide { cols.insert(TableColumn("Ticket", width: .fixed(10)), at: 0) }
    cols += [TableColumn("Customer", width: .fixed(wide ? 16 : 10)), TableColumn("Tier", width: .fixed(5)),
             TableColumn("Subject", width: .fill())]
    if wide { cols.insert(TableColumn("What", width: .fixed(9)), at: cols.count - 1) }
    // Only the rows on screen are built (a page holds 200): the table gets that slice.
    let sel = s.selection[s.list, default: ListState()]
    let visible = max(1, l.list.height - 1)
    let offset = ListState.visibleOffset(selected: sel.selected, offset: sel.offset, count: items.count, rows: visible)
    let window = items[offset..<min(items.count, offset + visible)]
    let rows = window.map { i -> TableRow in
        // A countdown until the customer is answered; then whether the first response met its target.
        let mark = i.slaMark(now: s.now)
        let active = i.status == .queued || i.status == .open || i.status == .pending
        var cells: [SafeText] = [SafeText(i.priority.rawValue), SafeText(Durations.short(s.now.timeIntervalSince(i.createdAt))),
                                 SafeText(active || mark.isAnswered ? mark.cell : i.status.rawValue), SafeText(i.channel.rawValue),
                                 SafeText(Format.products(i.tripProducts.isEmpty ? [i.product] : i.tripProducts))]
        if wide { cells.insert(SafeText(i.key.description), at: 0) }
        cells += [SafeText(i.customerName), SafeText(Format.tier(i.customerTier))]
        if wide { cells.append(SafeText(i.category.rawValue)) }
        cells.append(SafeText(i.subject))
        let role: TerminalKit.Role?
        switch mark {
        case _ where i.priority == .sos: role = .sos
        case .due(.breached, _) where active: role = .breach
        case .due(.near, _) where active: role = .warning
        default: role = nil
        }
        return TableRow(cells, role: role)
    }
    var shown = ListState(selected: sel.selected.map { $0 - offset }, offset: 0)
    if let x = shown.selected, x < 0 || x >= rows.count { shown.selected = nil }
    let bar = items.count > visible
    b.render(Table(columns: cols, rows: rows, state: shown, showScrollbar: false), in: bar ? l.list.inset(right: 1) : l.list)
    if bar {
        b.fill(Rect(x: l.list.maxX - 1, y: l.list.y, width: 1, height: 1), role: .header)
        b.render(Scrollbar(total: items.count, visible: visible, offset: offset),
                 in: Rect(x: l.list.maxX - 1, y: l.list.y + 1, width: 1, height: visible))
    }
}

func emptyText(_ l: AgentList) -> String {
    switch l {
    case .queue: return "The queue is empty for your skills and languages."
    case .mine: return "You own no ticket. Enter on the queue (1) claims one, n claims the next best."
    case .pulledIn: return "No colleague has pulled you into a ticket."
    case .closed: return "Nothing resolved yet."
    }
}

func renderComposer(_ s: AgentState, _ c: ComposerState, _ l: AgentLayout, _ b: inout Buffer) {
    let who = s.ticket?.detail.customer.name ?? ""
    var title = c.visibility == .public ? "Reply to \(who)" : "Internal note (not sent to the customer)"
    if let id = c.templateID { title += " · template \(id)" }
    if let at = c.savedAt, !c.isBlank { title += " · draft kept \(draftTime(at, s))" }
    b.render(Block(title: SafeText(title), role: c.visibility == .public ? .border : .warning, fill: .normal), in: l.composer)
    b.render(TextEditor(c.editor, placeholder: c.visibility == .public ? "Write the reply… (C-t: template)" : "Write the note…"), in: l.editor)
    guard l.findings.height > 0 else { return }
    if let f = c.findings {
        if f.isEmpty {
            b.put("HEAT ✓ no findings", in: l.findings, style: b.theme[.success])
        } else if let from = c.findingsFrom {
            // In full: each finding wrapped, a page of them, and where the page is.
            let pages = findingPages(f, width: l.findings.width, rows: l.findings.height)
            let page = pages.firstIndex { $0.contains(from) } ?? 0
            var y = l.findings.y
            for i in pages[page] {
                for line in findingLines(f[i], width: l.findings.width) where y < l.findings.maxY - 1 {
                    b.put(line, in: Rect(x: l.findings.x, y: y, width: l.findings.width, height: 1), style: b.theme[.warning])
                    y += 1
                }
            }
            let r = pages[page]
            let where_ = "HEAT findings \(r.lowerBound + 1)–\(r.upperBound) of \(f.count) · "
                + (page + 1 < pages.count ? "C-r next page" : "C-r back to the text")
            b.put(SafeText(where_), in: l.findings.row(l.findings.height - 1), style: b.theme[.muted])
        } else {
            // At most three rows; the last says how many more there are and how to see them.
            let rows = l.findings.height
            let hidden = f.count > rows ? f.count - (rows - 1) : 0
            for (i, x) in f.prefix(hidden > 0 ? rows - 1 : rows).enumerated() {
                b.put(findingText(x), in: l.findings.row(i), style: b.theme[.warning])
            }
            if hidden > 0 {
                b.put(SafeText("+\(hidden) more HEAT finding\(hidden == 1 ? "" : "s") · C-r shows all \(f.count) in full"),
                      in: l.findings.row(rows - 1), style: b.theme[.warning])
            } else if f.contains(where: { findingText($0).width > l.findings.width }) {
                b.put(SafeText(" C-r full text"), in: l.findings.row(rows - 1), align: .right, style: b.theme[.muted])
            }
        }
    } else if c.visibility == .public {
        b.put("C-s checks with HEAT before sending", in: l.findings, style: b.theme[.muted])
    }
}

func findingText(_ x: Finding) -> SafeText {
    SafeText("HEAT [\(x.element.rawValue)] \(x.reason) → \(x.suggestion)")
}

func findingLines(_ x: Finding, width: Int) -> [SafeText] { findingText(x).wrapped(to: max(1, width)) }

/// The findings split into pages that fit `rows` (the last row says where the page is); a
/// finding longer than a page gets a page of its own, cut.
func findingPages(_ f: [Finding], width: Int, rows: Int) -> [Range<Int>] {
    let room = max(1, rows - 1)
    var pages: [Range<Int>] = []
    var start = 0, used = 0
    for (i, x) in f.enumerated() {
        let n = findingLines(x, width: width).count
        if used > 0 && used + n > room { pages.append(start..<i); start = i; used = 0 }
        used += n
    }
    if start < f.count || pages.isEmpty { pages.append(start..<f.count) }
    return pages
}

func renderBlanks(_ p: BlankPrompt, _ size: Size, _ b: inout Buffer) {
    let box = Rect(size).centered(width: min(size.width - 4, 70), height: 7)
    b.render(Block(title: SafeText("Fill the template (\(p.index + 1)/\(p.missing.count)) · \(p.template.id)"), titleRole: .dialogTitle, fill: .dialog), in: box)
    let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
    b.put(SafeText(p.missing[p.index].prompt + ":"), in: inner.row(0), style: b.theme[.dialog])
    let input = inner.row(2)
    b.fill(input, role: .input)
    b.render(TextEditor(p.input), in: input)
    b.put("Enter next · Esc cancel", in: inner.row(4), style: b.theme[.dialog].patched(with: b.theme[.muted]))
}
