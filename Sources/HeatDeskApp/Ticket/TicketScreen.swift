import Foundation
import HeatDeskCore
import TerminalKit

/// The panes of an opened ticket. On a wide terminal the conversation stays on the left and
/// the other panes share the right; on a narrow one the panes take turns.
public enum TicketPane: Int, CaseIterable, Sendable, Hashable {
    case conversation, orders, trail, people, summary

    public var title: String {
        switch self {
        case .conversation: return "Conversation"
        case .orders: return "Orders"
        case .trail: return "Service trail"
        case .people: return "People"
        case .summary: return "Bot summary"
        }
    }
}

/// One opened ticket as a screen: what is shown and where the agent is looking. The agent
/// session embeds it; `readOnly` is for the supervisor monitor, which shows the same screen
/// without the work keys. Untrusted text is sanitized once here, when the ticket is loaded.
public struct TicketScreenState: Sendable {
    public private(set) var detail: TicketDetail
    /// Agent and supplier names by id, for authors, owner and participants.
    public private(set) var names: [String: String]
    public var readOnly: Bool
    public var pane: TicketPane = .conversation
    /// The pane shown on the right on a wide terminal (never `.conversation`).
    public var side: TicketPane = .orders
    /// Conversation scroll: nil follows the newest message.
    public var conversationScroll: Int?
    /// The bot summary pane's scroll (from its top).
    public var summaryScroll = 0
    public var orderList = ListState()
    public var trailList = ListState()
    public var peopleList = ListState()
    /// Contact details are masked until an explicit, logged reveal.
    public var revealed = false
    /// What the reveal opened (shown after `revealed`), or why it opened nothing.
    public var revealedContact: ContactDetails?
    public var revealProblem: String?
    public var timeZone: TimeZone
    /// The clock for the SLA countdown in the header (the session advances it on ticks); nil hides it.
    public var now: Date?

    // Loaded once, sanitized once.
    public private(set) var timeline: OrderTimeline
    public private(set) var conversation: [PaneLine]
    public private(set) var timelineRows: [TableRow]
    /// For each timeline table row: the timeline row it belongs to.
    private(set) var timelineIndex: [Int]
    public private(set) var trailRows: [TableRow]
    public private(set) var people: [(id: String, line: SafeText, active: Bool)]
    let header: [SafeText]
    /// `↳ Follow-up of HD-000012 (open · 王芳) — M merges it` / `⟲ Chased 2× — HD-000120, HD-000133`; nil without links.
    let linkLine: SafeText?
    let summary: SafeText
    /// The whole hand-over summary, for its own pane (the header shows what fits).
    let summaryLines: [PaneLine]

    /// Remote events sync refused for this ticket: shown in the conversation at their time, marked.
    public private(set) var refused: [RefusedEvent]

    /// The screen of a ticket as `AppDatabase.openedTicket` reads it.
    public init(_ opened: OpenedTicket, readOnly: Bool = false, timeZone: TimeZone = TimeZone.current) {
        self.init(detail: opened.detail, names: opened.names, refused: opened.refused, readOnly: readOnly, timeZone: timeZone)
    }

    public init(detail: TicketDetail, names: [String: String] = [:], refused: [RefusedEvent] = [], readOnly: Bool = false,
                timeZone: TimeZone = TimeZone.current) {
        self.detail = detail; self.names = names; self.refused = refused; self.readOnly = readOnly; self.timeZone = timeZone
        self.timeline = OrderTimeline(orders: detail.orders)
        let t = detail.ticket, c = detail.customer
        func name(_ id: String?) -> String { id.map { names[$0] ?? $0 } ?? "" }

        var conv: [PaneLine] = []
        // Refused events go in at their time, after the messages of the same moment.
        var pending = refused.sorted { $0.at < $1.at }[...]
        func refusedUpTo(_ at: Date?) {
            while let r = pending.first, at.map({ r.at < $0 }) ?? true {
                pending.removeFirst()
                conv.append(PaneLine(SafeText(Format.dayTime(r.at, timeZone) + "  ✗ not applied: " + r.reason), role: .warning))
                let who = names[r.actor].map { "\($0) (\(r.actor))" } ?? r.actor
                for (i, line) in SafeText(who + " tried to " + r.attempt).lines.enumerated() {
                    conv.append(PaneLine(SafeText((i == 0 ? "  " : "    ") + line), role: .muted))
                }
            }
        }
        // A follow-up's messages are shown in its original's conversation at their time, marked
        // with the ticket they came from (issue 14, item 16).
        let entries = (detail.messages.map { (m: $0, from: TicketKey?.none) }
                       + detail.links.followUpMessages.map { (m: $0.message, from: Optional($0.from)) })
            .enumerated().sorted { ($0.element.m.at, $0.offset) < ($1.element.m.at, $1.offset) }.map(\.element)
        for (m, from) in entries {
            refusedUpTo(m.at)
            let who: String
            var role: TerminalKit.Role
            switch m.authorKind {
            case .customer: who = "Customer " + c.name; role = .accent
            case .bot: who = "Bot"; role = .muted
            case .agent: who = "Agent " + name(m.authorID); role = .success
            case .colleague: who = "Colleague " + name(m.authorID); role = .info
            case .supplier: who = "Supplier " + name(m.authorID); role = .title
            case .system: who = "System"; role = .muted
            }
            var head = Format.dayTime(m.at, timeZone) + "  " + who
            if let from { head += "  [" + from.description + "]" }
            if m.visibility == .internal { head += "  [internal note]"; role = .warning }
            conv.append(PaneLine(SafeText(head), role: role))
            for line in SafeText(m.body).lines { conv.append(PaneLine(SafeText("  " + line), role: m.visibility == .internal ? .warning : .normal)) }
        }
        refusedUpTo(nil)
        if conv.isEmpty { conv = [PaneLine("No messages yet.", role: .muted)] }
        self.conversation = conv

        var rows: [TableRow] = [], index: [Int] = []
        for (i, r) in timeline.rows.enumerated() {
            let o = timeline.orders[r.orderIndex]
            let role: TerminalKit.Role? = r.event.kind.disrupts ? .warning : nil
            rows.append(TableRow([SafeText(Format.dayTime(r.event.at, timeZone)), SafeText(OrderTimeline.mark(o.product)),
                                  SafeText(o.title), SafeText(r.event.kind.rawValue), SafeText(r.event.detail)], role: role))
            index.append(i)
            if !r.impacts.isEmpty {
                let text = r.impacts.map { "\($0.what) \($0.title) \(Format.dayTime($0.at, timeZone))" }.joined(separator: "; ")
                rows.append(TableRow(["", "", "", "⚠ breaks", SafeText(text)], role: .breach))
                index.append(i)
            }
        }
        self.timelineRows = rows; self.timelineIndex = index
        // Open the order trail on the first disruption: what the agent must see first.
        if let first = rows.firstIndex(where: { $0.role == .warning }) { orderList = ListState(selected: first) }

        self.trailRows = detail.serviceTrail.map { e in
            TableRow([SafeText(Format.day(e.createdAt, timeZone)), SafeText(e.key.description), SafeText(e.channel.rawValue),
                      SafeText(e.category.rawValue), SafeText(e.status.rawValue + (e.disposition.map { " · " + $0.rawValue } ?? "")),
                      SafeText(e.subject)],
                     role: e.category == .complaint ? .warning : nil)
        }

        var ppl: [(String, SafeText, Bool)] = []
        if let owner = t.ownerID { ppl.append((owner, SafeText("owner      " + name(owner) + "  (" + owner + ")"), true)) }
        for p in detail.participants {
            let kind = p.kind == .supplier ? "supplier  " : "colleague "
            let state = p.leftAt.map { "left " + Format.dayTime($0, timeZone) } ?? "joined " + Format.dayTime(p.joinedAt, timeZone)
            ppl.append((p.memberID, SafeText(kind + " " + name(p.memberID) + "  (" + p.memberID + ")  " + state), p.leftAt == nil))
        }
        self.people = ppl

        var h1 = "\(t.key)  \(t.priority.rawValue.uppercased())  \(t.status.rawValue)"
        if let o = t.ownerID { h1 += " · " + name(o) }
        h1 += "  \(t.product.rawValue)/\(t.category.rawValue)  \(t.channel.rawValue)  " + t.subject
        var h2 = c.name + "  " + Format.tier(c.tier) + "  " + c.language
        let flags = c.flags.sorted().filter { $0 != .complainedBefore }.map(Format.flag)
        if !flags.isEmpty { h2 += "  " + flags.joined(separator: ", ") }
        self.header = [SafeText(h1), SafeText(h2)]
        self.linkLine = TicketScreenState.linkLine(detail, names: names)
        self.summary = SafeText("Bot: " + (t.botSummary.isEmpty ? "(no hand-over summary)" : t.botSummary))
        self.summaryLines = [PaneLine(SafeText("Bot hand-over summary · \(t.key) · " + t.subject), role: .header)]
            + (t.botSummary.isEmpty ? [PaneLine("The bot left no hand-over summary.", role: .muted)]
                                    : SafeText(t.botSummary).lines.map { PaneLine(SafeText($0), role: .info) })
    }

    /// The header's link line (issue 14, item 16): the original a follow-up chases, or the
    /// follow-ups chasing this ticket, each with its state and holder.
    static func linkLine(_ d: TicketDetail, names: [String: String]) -> SafeText? {
        func state(_ l: LinkedTicket) -> String {
            if l.merged { return "merged" }
            return l.status.rawValue + (l.ownerID.map { " · " + (names[$0] ?? $0) } ?? "")
        }
        if let p = d.links.parent {
            if d.ticket.status == .resolved && d.ticket.disposition == .duplicate {
                return SafeText("↳ Merged into \(p.key) (\(state(p)))")
            }
            return SafeText("↳ Follow-up of \(p.key) (\(state(p)))" + (p.status == .resolved ? "" : "  M merges it there"))
        }
        guard !d.links.followUps.isEmpty else { return nil }
        let open = d.links.followUps.contains { $0.status != .resolved }
        return SafeText("⟲ Chased \(d.links.followUps.count)× — " + d.links.followUps.map { "\($0.key) (\(state($0)))" }.joined(separator: ", ")
                        + (open && d.ticket.status != .resolved ? "  M merges" : ""))
    }

    /// Replaces the data after a reload, keeping where the agent was looking.
    public mutating func reload(_ opened: OpenedTicket) {
        var fresh = TicketScreenState(opened, readOnly: readOnly, timeZone: timeZone)
        fresh.pane = pane; fresh.side = side; fresh.revealed = revealed; fresh.now = now
        fresh.revealedContact = revealedContact; fresh.revealProblem = revealProblem
        fresh.conversationScroll = conversationScroll; fresh.summaryScroll = summaryScroll
        fresh.orderList = orderList; fresh.trailList = trailList; fresh.peopleList = peopleList
        self = fresh
    }

    public var key: TicketKey { detail.ticket.key }

    /// `SLA 12m`, `SLA !3m` near breach, `SLA ✗20m` past it while the customer waits for a first
    /// answer; `SLA met (reply in 4m)` / `SLA missed (reply in 2h05m)` once answered (the target is a first-response
    /// one: nothing counts down after). Nil without a clock.
    public var slaBadge: (text: SafeText, role: TerminalKit.Role)? {
        let t = detail.ticket
        guard let now else { return nil }
        let mark = t.slaMark(now: now)
        switch mark {
        case .due where t.status == .resolved: return nil
        case .due(.ok, _): return (SafeText("SLA " + mark.cell), .success)
        case .due(.near, _): return (SafeText("SLA " + mark.cell), .warning)
        case .due(.breached, _): return (SafeText("SLA " + mark.cell), .breach)
        case .met(let after, _): return (SafeText("SLA met (reply in " + Durations.short(after) + ")"), .muted)
        case .missed(let after, _): return (SafeText("SLA missed (reply in " + Durations.short(after) + ")"), .muted)
        }
    }
    public var complainedBefore: Bool {
        detail.customer.flags.contains(.complainedBefore) || detail.serviceTrail.contains { $0.category == .complaint }
    }

    /// Active participants' ids (for leave).
    public var activeMembers: [String] { detail.participants.filter { $0.leftAt == nil }.map(\.memberID) }

    /// The contact line: hidden; after `v` the real details the logged reveal opened, or the
    /// masked ones and a word on why nothing more (no contact key here, only a masked number imported).
    public var contactLine: SafeText {
        let c = detail.customer
        if !revealed { return SafeText(readOnly ? "phone ••••  email ••••" : "phone ••••  email ••••  (v reveals, logged)") }
        if let real = revealedContact { return SafeText("phone \(real.phone ?? "-")  email \(real.email ?? "-")") }
        let masked = "phone \(c.phoneMasked ?? "-")  email \(c.emailMasked ?? "-")"
        return SafeText(revealProblem == nil ? masked : masked + "  (masked: not revealed here)")
    }

    // MARK: navigation (pure; shared by the agent session and the monitor)

    /// The pane order Tab walks.
    public mutating func nextPane(backwards: Bool = false) {
        let all = TicketPane.allCases
        let i = all.firstIndex(of: pane)!
        pane = all[(i + (backwards ? all.count - 1 : 1)) % all.count]
        if pane != .conversation { side = pane }
    }

    /// Moves within the focused pane; `area` is the ticket screen's area (for page sizes).
    public mutating func move(_ delta: Int, page: Bool = false, in area: Rect) {
        let l = TicketScreen.layout(self, in: area)
        switch pane {
        case .conversation:
            let body = l.conversation
            let pane = TextPane(conversation)
            let maxScroll = pane.maxScroll(in: body.size)
            let current = conversationScroll ?? maxScroll
            let step = page ? max(1, body.height - 1) * delta.signum() : delta
            let next = min(max(0, current + step), maxScroll)
            conversationScroll = next >= maxScroll ? nil : next
        case .orders:
            let rows = max(1, l.sideList.height - 1)
            if page { delta > 0 ? orderList.pageDown(count: timelineRows.count, visibleRows: rows) : orderList.pageUp(count: timelineRows.count, visibleRows: rows) }
            else { orderList.move(by: delta, count: timelineRows.count, visibleRows: rows) }
        case .trail:
            let rows = max(1, l.sideList.height - 1)
            if page { delta > 0 ? trailList.pageDown(count: trailRows.count, visibleRows: rows) : trailList.pageUp(count: trailRows.count, visibleRows: rows) }
            else { trailList.move(by: delta, count: trailRows.count, visibleRows: rows) }
        case .people:
            peopleList.move(by: delta, count: people.count, visibleRows: max(1, l.sideList.height))
        case .summary:
            let area = l.sideList.union(l.sideDetail)
            let maxScroll = TextPane(summaryLines).maxScroll(in: area.size)
            let step = page ? max(1, area.height - 1) * delta.signum() : delta
            summaryScroll = min(max(0, summaryScroll + step), maxScroll)
        }
    }

    /// Handles the keys that only look (panes, scrolling). True when the key was used.
    public mutating func handleNavigation(_ key: KeyEvent, in area: Rect) -> Bool {
        switch (key.key, key.modifiers) {
        case (.tab, []): nextPane()
        case (.tab, .shift): nextPane(backwards: true)
        case (.down, []), (.char("j"), []): move(1, in: area)
        case (.up, []), (.char("k"), []): move(-1, in: area)
        case (.pageDown, []), (.char(" "), []): move(1, page: true, in: area)
        case (.pageUp, []), (.char("b"), []): move(-1, page: true, in: area)
        default: return false
        }
        return true
    }
}

/// Draws a `TicketScreenState` into a rectangle.
public enum TicketScreen {
    public struct Layout: Equatable {
        public var header: Rect
        public var tabs: Rect
        /// The conversation pane (on a narrow terminal: the focused pane's body).
        public var conversation: Rect
        /// The side pane's list (orders, trail, people) and its detail box.
        public var sideList: Rect
        public var sideDetail: Rect
        public var wide: Bool
    }

    /// Wide terminals (140 columns and more) show the conversation beside the other panes.
    public static let wideFrom = 140

    public static let maxSummaryRows = 3

    /// Where the rest of a cut summary is, as a key that gets there in one press from `pane`.
    public static func summaryHint(_ pane: TicketPane) -> String {
        switch pane {
        case .summary: return "in full below"
        case .conversation: return "S-Tab: Bot summary"
        case .people: return "Tab: Bot summary"
        case .orders, .trail: return "more in Bot summary"
        }
    }

    public static func headerHeight(_ s: TicketScreenState, width: Int, summaryRows: Int = maxSummaryRows) -> Int {
        var h = 3   // two header lines and the contact line (with the complaint warning)
        if s.linkLine != nil { h += 1 }   // the follow-up line
        h += min(summaryRows, max(1, s.summary.wrapped(to: max(1, width)).count))
        return h
    }

    public static func layout(_ s: TicketScreenState, in area: Rect) -> Layout {
        // Short terminals give the summary two rows at most; the panes need the room.
        let hh = min(headerHeight(s, width: area.width, summaryRows: area.height < 26 ? 2 : maxSummaryRows), max(0, area.height - 4))
        let parts = area.split(.vertical, [.fixed(hh), .fixed(1), .fill()])
        let body = parts[2]
        let wide = area.width >= wideFrom
        if wide {
            let cols = body.split(.horizontal, [.percent(50), .fixed(1), .fill()])
            let side = cols[2].split(.vertical, [.fill(), .fixed(min(6, cols[2].height / 3))])
            return Layout(header: parts[0], tabs: parts[1], conversation: cols[0], sideList: side[0], sideDetail: side[1], wide: true)
        }
        let side = body.split(.vertical, [.fill(), .fixed(min(4, body.height / 3))])
        return Layout(header: parts[0], tabs: parts[1], conversation: body, sideList: side[0], sideDetail: side[1], wide: false)
    }

    public static func render(_ s: TicketScreenState, in area: Rect, buffer b: inout Buffer) {
        let l = layout(s, in: area)
        let th = b.theme
        b.fill(area, role: .normal)
        // Header: who and what, the customer, the warning, the bot's summary.
        var first = l.header.row(0)
        if let badge = s.slaBadge {
            let w = badge.text.width
            first = first.inset(right: w + 1)
            b.put(badge.text, in: Rect(x: l.header.maxX - w, y: l.header.y, width: w, height: 1), style: th[badge.role])
        }
        b.put(s.header[0], in: first, style: th[.title])
        b.put(s.header[1], in: l.header.row(1), style: th[.header])
        var row2: [Span] = []
        if s.complainedBefore { row2.append(Span("⚠ COMPLAINED BEFORE — expect an upset customer  ", .breach)) }
        row2.append(Span(s.contactLine, s.revealed ? .warning : .muted))
        b.render(Label(lines: [row2]), in: l.header.row(2))
        var top = 3
        if let link = s.linkLine, l.header.height > 3 {
            b.put(link, in: l.header.row(3), style: th[.warning])
            top = 4
        }
        let summaryRows = s.summary.wrapped(to: max(1, l.header.width))
        let room = max(0, l.header.height - top)
        for (i, r) in summaryRows.prefix(room).enumerated() {
            let last = i == room - 1 && summaryRows.count > room
            // More summary than rows: the last row ends in one ellipsis (truncation adds it) and
            // says where the rest is: the summary's own pane.
            if last {
                let hint = SafeText(" (" + TicketScreen.summaryHint(s.pane) + ")")
                let row = l.header.row(top + i)
                b.put((r + "…").truncated(to: max(1, row.width - hint.width)), in: row.inset(right: hint.width), style: th[.info])
                b.put(hint, in: Rect(x: row.maxX - hint.width, y: row.y, width: hint.width, height: 1), style: th[.muted])
            } else {
                b.put(r, in: l.header.row(top + i), style: th[.info])
            }
        }

        // Tabs: the focused pane is highlighted; counts say what is behind each.
        let counts: [TicketPane: Int] = [.conversation: s.detail.messages.count, .orders: s.detail.orders.count,
                                         .trail: s.detail.serviceTrail.count, .people: s.people.count]
        var titles = TicketPane.allCases.map { p in SafeText(p.title + (counts[p].map { " \($0)" } ?? "")) }
        if !s.refused.isEmpty { titles[TicketPane.conversation.rawValue] = SafeText("Conversation \(s.detail.messages.count) ✗\(s.refused.count)") }
        b.render(Tabs(titles, selected: s.pane.rawValue), in: l.tabs)

        if l.wide {
            renderConversation(s, in: l.conversation, buffer: &b, focused: s.pane == .conversation)
            b.render(Label(lines: (0..<l.conversation.height).map { _ in [Span("│", .border)] }),
                     in: Rect(x: l.conversation.maxX, y: l.conversation.y, width: 1, height: l.conversation.height))
            renderSide(s, s.pane == .conversation ? s.side : s.pane, l: l, buffer: &b)
        } else if s.pane == .conversation {
            renderConversation(s, in: l.conversation, buffer: &b, focused: true)
        } else {
            renderSide(s, s.pane, l: l, buffer: &b)
        }
    }

    static func renderConversation(_ s: TicketScreenState, in area: Rect, buffer b: inout Buffer, focused: Bool) {
        let pane = TextPane(s.conversation)
        let top = s.conversationScroll ?? pane.maxScroll(in: area.size)
        b.render(TextPane(s.conversation, scroll: top), in: area)
    }

    static func renderSide(_ s: TicketScreenState, _ pane: TicketPane, l: Layout, buffer b: inout Buffer) {
        let focused = s.pane == pane
        switch pane {
        case .conversation:
            renderConversation(s, in: l.sideList, buffer: &b, focused: true)
        case .orders:
            if s.timelineRows.isEmpty { b.put("No orders linked to this trip.", in: l.sideList, style: b.theme[.muted]); return }
            let table = Table(columns: [TableColumn("When", width: .fixed(11)), TableColumn("", width: .fixed(1)),
                                        TableColumn("Order", width: .fixed(l.sideList.width >= 100 ? 26 : 14)),
                                        TableColumn("Event", width: .fixed(10)), TableColumn("Detail", width: .fill())],
                              rows: s.timelineRows, state: s.orderList, focused: focused)
            b.render(table, in: l.sideList)
            renderOrderDetail(s, in: l.sideDetail, buffer: &b)
        case .trail:
            if s.trailRows.isEmpty { b.put("First contact: no earlier tickets of this customer.", in: l.sideList, style: b.theme[.muted]); return }
            let table = Table(columns: [TableColumn("Date", width: .fixed(10)), TableColumn("Ticket", width: .fixed(9)),
                                        TableColumn("Via", width: .fixed(5)), TableColumn("What", width: .fixed(9)),
                                        TableColumn("Outcome", width: .fixed(18)), TableColumn("Subject", width: .fill())],
                              rows: s.trailRows, state: s.trailList, focused: focused)
            b.render(table, in: l.sideList)
            if let i = s.trailList.selected, i < s.detail.serviceTrail.count {
                let e = s.detail.serviceTrail[i]
                b.render(TextPane(text: SafeText("\(e.key) · \(e.subject)"), role: .info), in: l.sideDetail)
            }
        case .people:
            let items = s.people.map(\.line)
            var roles: [Int: TerminalKit.Role] = [:]
            for (i, p) in s.people.enumerated() where !p.active { roles[i] = .muted }
            if items.isEmpty { b.put("Nobody works this ticket yet.", in: l.sideList, style: b.theme[.muted]); return }
            b.render(ListView(items, state: s.peopleList, focused: focused, itemRoles: roles), in: l.sideList.union(l.sideDetail))
        case .summary:
            b.render(TextPane(s.summaryLines, scroll: s.summaryScroll), in: l.sideList.union(l.sideDetail))
        }
    }

    static func renderOrderDetail(_ s: TicketScreenState, in area: Rect, buffer b: inout Buffer) {
        guard area.height > 0, let sel = s.orderList.selected, sel < s.timelineIndex.count else { return }
        let r = s.timeline.rows[s.timelineIndex[sel]]
        let o = s.timeline.orders[r.orderIndex]
        var lines: [PaneLine] = []
        var what = "\(o.id)  \(o.product.rawValue)  \(o.title)  status \(o.status.rawValue)"
        if let start = o.serviceStart { what += "  starts " + Format.dayTime(start, s.timeZone) }
        lines.append(PaneLine(SafeText(what), role: .header))
        lines.append(PaneLine(SafeText(Format.dayTime(r.event.at, s.timeZone) + " " + r.event.kind.rawValue + ": " + r.event.detail)))
        for i in r.impacts {
            lines.append(PaneLine(SafeText("⚠ breaks " + i.what + ": " + i.title + " at " + Format.dayTime(i.at, s.timeZone)), role: .breach))
        }
        b.render(TextPane(lines, showScrollbar: false), in: area)
    }
}

extension Rect {
    /// The smallest rectangle holding both (for panes that take a list and its detail box).
    func union(_ o: Rect) -> Rect {
        if o.isEmpty { return self }
        if isEmpty { return o }
        let x0 = min(x, o.x), y0 = min(y, o.y)
        return Rect(x: x0, y: y0, width: max(maxX, o.maxX) - x0, height: max(maxY, o.maxY) - y0)
    }
}
