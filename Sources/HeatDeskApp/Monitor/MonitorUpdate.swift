import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// The supervisor monitor: `update` (pure), `view` (pure), and the runtime that carries out
/// effects (`MonitorRuntime`).
public enum Monitor {
    /// Who may open the monitor: supervisors only. Nil when allowed, else the refusal to print.
    public static func refusal(for agent: Agent?, id: String) -> String? {
        guard let agent else { return "no agent '\(id)' in the directory" }
        guard agent.role == .supervisor else {
            return "the monitor is for supervisors; \(agent.id) (\(agent.name)) is \(agent.role == .agent ? "an agent" : "a supplier contact")"
        }
        return nil
    }

    /// Rows a page key moves; the view keeps the selection visible whatever the real height.
    static let pageRows = 8

    public static func update(_ s: inout MonitorState, _ message: MonitorMessage) -> [MonitorEffect] {
        switch message {
        case .resized(let size):
            s.size = size
            return []
        case .tick(let now):
            if let m = s.message, m.expired(at: .now) { s.message = nil }
            guard !s.paused else { return [] }
            var effects: [MonitorEffect] = []
            if !s.refreshing {
                s.refreshing = true
                // Counts that depend on the clock alone (past due, missed) are re-read now and then.
                let old = s.readAt.map { now.timeIntervalSince($0) >= s.fullEvery } ?? true
                effects.append(.refresh(force: old, known: s.version))
            }
            // Heartbeats age with the clock alone, so they are looked at on their own period.
            if s.heartbeats, !s.checkingStale, s.staleAt.map({ now.timeIntervalSince($0) >= s.staleEvery }) ?? true {
                s.checkingStale = true
                effects.append(.checkStale)
            }
            return effects
        case .staleHolds(let lines, let at):
            let keep = s.selectedKeyOrNil
            s.stale = lines; s.staleAt = at; s.checkingStale = false
            reselect(&s, keeping: keep)
            return []
        case .staleFailed(let text, let at):
            s.staleAt = at; s.checkingStale = false
            note(&s, text, .error)
            return []
        case .refreshed(let record, let version, let at):
            let keep = s.selectedKeyOrNil
            s.record = record; s.version = version; s.readAt = at; s.refreshing = false
            s.report = MetricsReport(record, targets: s.targets)
            reselect(&s, keeping: keep)
            // Something changed: the open ticket is read again too (it may be the change).
            guard let open = s.ticket else { return [] }
            s.ticket?.now = Date(millis: record.now)
            return [.openTicket(open.key)]
        case .unchanged(let at):
            s.refreshing = false
            // Nothing committed: only waits and due times move with the clock.
            if var record = s.record, at.millis > record.now {
                record.now = at.millis
                s.record = record
                s.report = MetricsReport(record, targets: s.targets)
            }
            s.ticket?.now = at
            return []
        case .ticketLoaded(let opened):
            guard let opened else {
                if s.opening != nil { s.opening = nil; note(&s, "That ticket is gone", .warning) }
                return []
            }
            let key = opened.detail.ticket.key
            if s.ticket?.key == key {
                s.ticket!.reload(opened)
            } else if s.opening == key {
                // Only the ticket asked for opens: a reload answered after Esc does not come back.
                s.opening = nil
                var screen = TicketScreenState(opened, readOnly: true, timeZone: s.timeZone)
                screen.now = s.record.map { Date(millis: $0.now) }
                s.ticket = screen
            }
            return []
        case .assignOptions(let options):
            guard let o = options else { note(&s, "That ticket is gone", .warning); return [] }
            guard s.modal == nil else { return [] }
            guard o.status != .resolved else { note(&s, "\(o.ticket) is resolved", .warning); return [] }
            guard !o.candidates.isEmpty else { note(&s, "No agent to hand \(o.ticket) to", .warning); return [] }
            // As tall as the agents need, within what the terminal leaves around it.
            s.modal = .reassign(AssignPicker(o, visibleRows: min(AssignPicker.rows(for: s.size), max(3, o.candidates.count))))
            return []
        case .done(let text):
            note(&s, text, .success)
            s.refreshing = true
            // An action may have freed a stale claim: look again at once.
            guard s.heartbeats, !s.checkingStale else { return [.refresh(force: true, known: s.version)] }
            s.checkingStale = true
            return [.refresh(force: true, known: s.version), .checkStale]
        case .failed(let text):
            s.refreshing = false
            note(&s, text, .error)
            return []
        case .key(let key):
            if s.modal != nil { return modalKey(&s, key) }
            if s.ticket != nil { return ticketKey(&s, key) }
            guard let action = bindings.action(for: key, in: context) else { return [] }
            return perform(&s, action)
        }
    }

    static func perform(_ s: inout MonitorState, _ action: MonitorAction) -> [MonitorEffect] {
        let ticketCount = s.attention.count, agentCount = s.report?.agents.count ?? 0
        func move(_ f: (inout ListState, Int) -> Void) {
            if s.focus == .tickets { f(&s.tickets, ticketCount) } else { f(&s.agents, agentCount) }
        }
        switch action {
        case .quit: s.quit = true
        case .help: s.modal = .help(scroll: 0)
        case .pause:
            s.paused.toggle()
            note(&s, s.paused ? "Paused: figures frozen until you press p again" : "Live again", .info)
            if !s.paused { s.refreshing = true; return [.refresh(force: true, known: s.version)] }
        case .refresh:
            s.refreshing = true
            return [.refresh(force: true, known: s.version)]
        case .switchPane: s.focus = s.focus == .tickets ? .agents : .tickets
        case .down: move { $0.move(by: 1, count: $1, visibleRows: pageRows) }
        case .up: move { $0.move(by: -1, count: $1, visibleRows: pageRows) }
        case .pageDown: move { $0.pageDown(count: $1, visibleRows: pageRows) }
        case .pageUp: move { $0.pageUp(count: $1, visibleRows: pageRows) }
        case .home: move { $0.home(count: $1, visibleRows: pageRows) }
        case .end: move { $0.end(count: $1, visibleRows: pageRows) }
        case .open:
            guard let t = ticketOrNote(&s) else { return [] }
            s.opening = t.key
            return [.openTicket(t.key)]
        case .back:
            s.ticket = nil
        case .requeue:
            if s.focus == .agents, let a = s.selectedAgent {
                guard a.inHand > 0 else { note(&s, "\(a.name) holds no tickets", .warning); return [] }
                s.modal = .confirmRequeueHeld(ConfirmState(
                    title: "Requeue held tickets",
                    message: SafeText("Put the \(a.inHand) ticket\(a.inHand == 1 ? "" : "s") \(a.name) (\(a.id), \(a.presence.rawValue)) holds back in the queue?"),
                    yes: "Requeue", no: "Cancel"), agentID: a.id)
                return []
            }
            guard let t = ticketOrNote(&s) else { return [] }
            guard t.status == .open || t.status == .pending else {
                note(&s, "\(t.key) is \(t.status.rawValue): nothing to requeue", .warning); return []
            }
            s.modal = .confirmRequeue(ConfirmState(title: "Requeue", message: SafeText("Take \(t.key) from \(t.ownerID ?? "its owner") and put it back in the queue?"),
                                                   yes: "Requeue", no: "Cancel"), ticket: t.key)
        case .reassign:
            guard let t = ticketOrNote(&s) else { return [] }
            guard t.status != .resolved else { note(&s, "\(t.key) is resolved", .warning); return [] }
            // Skills and languages are not in the figures: the picker opens when they are read.
            return [.loadAssignOptions(t.key)]
        case .choose, .cancel, .yes, .no:
            break   // the modals' own keys (modalKey)
        case .raise:
            guard let t = ticketOrNote(&s) else { return [] }
            guard let higher = Priority(rank: t.priority.rank - 1) else { note(&s, "\(t.key) is already SOS", .warning); return [] }
            return [.setPriority(t.key, higher)]
        }
        return []
    }

    static func modalKey(_ s: inout MonitorState, _ key: KeyEvent) -> [MonitorEffect] {
        guard let modal = s.modal else { return [] }
        switch modal {
        case .help(let scroll):
            s.modal = scrolled(key, scroll).map { .help(scroll: $0) }
        case .reassign(var p):
            switch p.picker.handle(key) {
            case .open: s.modal = .reassign(p)
            case .cancelled: s.modal = nil
            case .chosen(let i):
                let c = p.options.candidates[i]
                // Offline, or not the customer's language or the ticket's product: ask first.
                if let question = AssignPicker.question(p.options, c) {
                    s.modal = .confirmAssign(question, ticket: p.ticket, agentID: c.agent.id)
                    return []
                }
                s.modal = nil
                return [.reassign(p.ticket, to: c.agent.id)]
            }
        case .confirmAssign(var confirm, let ticket, let agentID):
            switch confirm.handle(key) {
            case .open: s.modal = .confirmAssign(confirm, ticket: ticket, agentID: agentID)
            case .cancelled, .chosen(false):
                s.modal = nil
                note(&s, "Nothing changed: \(ticket) not assigned", .info)
            case .chosen(true):
                s.modal = nil
                return [.reassign(ticket, to: agentID)]
            }
        case .confirmRequeueHeld(var confirm, let agentID):
            switch confirm.handle(key) {
            case .open: s.modal = .confirmRequeueHeld(confirm, agentID: agentID)
            case .cancelled, .chosen(false): s.modal = nil
            case .chosen(true):
                s.modal = nil
                return [.requeueHeld(agentID: agentID)]
            }
        case .confirmRequeue(var confirm, let ticket):
            switch confirm.handle(key) {
            case .open: s.modal = .confirmRequeue(confirm, ticket: ticket)
            case .cancelled, .chosen(false): s.modal = nil
            case .chosen(true):
                s.modal = nil
                return [.requeue(ticket)]
            }
        }
        return []
    }

    /// Scroll keys move a read-only pane; Esc, q and Enter close it (nil).
    static func scrolled(_ key: KeyEvent, _ scroll: Int) -> Int? {
        switch key.key {
        case .escape, .enter, .char("q"), .char("?"): return nil
        case .down, .char("j"): return scroll + 1
        case .up, .char("k"): return max(0, scroll - 1)
        case .pageDown, .char(" "): return scroll + pageRows
        case .pageUp: return max(0, scroll - pageRows)
        case .home: return 0
        default: return scroll
        }
    }

    /// Keys on the open ticket: Esc goes back, the actions act on it, the rest look around
    /// (the ticket screen's own navigation, as in the agent session).
    static func ticketKey(_ s: inout MonitorState, _ key: KeyEvent) -> [MonitorEffect] {
        switch bindings.action(for: key, in: ticketContext) {
        case let action? where [.back, .help, .requeue, .reassign, .raise, .refresh].contains(action):
            return perform(&s, action)
        default:
            _ = s.ticket?.handleNavigation(key, in: ticketArea(s.size))
            return []
        }
    }

    /// The ticket the actions work on: the open one, else the selected line of the board.
    static func ticketOrNote(_ s: inout MonitorState) -> MetricsRecord.TicketLine? {
        if let open = s.ticket {
            let t = open.detail.ticket
            return MetricsRecord.TicketLine(key: t.key, product: t.product, channel: t.channel, category: t.category, priority: t.priority,
                                            status: t.status, ownerID: t.ownerID, customerName: open.detail.customer.name,
                                            subject: t.subject, createdAt: t.createdAt.millis, slaDueAt: t.slaDueAt.millis)
        }
        if let t = s.selectedTicket { return t }
        note(&s, s.focus == .agents ? "Tab to the ticket list to act on a ticket" : "No ticket selected", .warning)
        return nil
    }

    static func note(_ s: inout MonitorState, _ text: String, _ kind: TransientMessage.Kind) {
        s.message = TransientMessage(SafeText(text), kind: kind, lasting: .seconds(5))
    }

    /// After new figures the selection follows its ticket (lists reorder as waits change).
    static func reselect(_ s: inout MonitorState, keeping key: TicketKey?) {
        let list = s.attention
        if let key, let i = list.firstIndex(where: { $0.ticket.key == key }) {
            s.tickets.select(i, count: list.count, visibleRows: pageRows)
        } else if let i = s.tickets.selected {
            s.tickets.select(min(i, list.count - 1), count: list.count, visibleRows: pageRows)
        } else {
            s.tickets.select(0, count: list.count, visibleRows: pageRows)
        }
        let agents = s.report?.agents.count ?? 0
        s.agents.select(min(s.agents.selected ?? 0, max(0, agents - 1)), count: agents, visibleRows: pageRows)
    }
}

extension MonitorState {
    /// The selected ticket's key, whatever pane has focus (to keep it across refreshes).
    var selectedKeyOrNil: TicketKey? {
        let list = attention
        guard let i = tickets.selected, i < list.count else { return nil }
        return list[i].ticket.key
    }
}
