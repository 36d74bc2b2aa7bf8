import Foundation
import HeatDeskCore
import TerminalKit

// Issue 14, item 17: the customer's earlier contacts in the service trail can be opened. Enter
// on a trail row opens that ticket read-only (the same ticket screen the monitor shows a
// supervisor) over the ticket being worked; Esc comes back to it. The worked ticket, its
// composer and draft are not touched meanwhile: the earlier contact is a separate screen.

extension TicketScreenState {
    /// The earlier contact selected in the service trail, when the trail pane has focus.
    public var selectedEarlierContact: TicketKey? {
        guard pane == .trail, let i = trailList.selected, i < detail.serviceTrail.count else { return nil }
        return detail.serviceTrail[i].key
    }
}

/// Enter on the ticket screen: open the trail's selected earlier contact, or say where to find one.
func openEarlier(_ s: inout AgentState) -> [AgentEffect] {
    guard let t = s.ticket else { return [] }
    guard t.pane == .trail else {
        s.message = note("Enter opens an earlier contact from the Service trail pane (Tab)", .info)
        return []
    }
    guard let key = t.selectedEarlierContact else {
        s.message = note("No earlier contact: this is the customer's first", .info)
        return []
    }
    s.openingEarlier = key
    s.busy = "Opening \(key) (an earlier contact)…"
    return [.openEarlier(key)]
}

func earlierLoaded(_ s: inout AgentState, _ opened: OpenedTicket?) {
    s.busy = nil
    guard let asked = s.openingEarlier, s.ticket != nil else { return }
    guard let opened else {
        s.openingEarlier = nil
        s.message = note("\(asked) is gone", .warning)
        return
    }
    // Only the contact asked for opens: an answer after Esc does not come back.
    guard opened.detail.ticket.key == asked else { return }
    s.openingEarlier = nil
    var screen = TicketScreenState(opened, readOnly: true, timeZone: s.timeZone)
    screen.now = s.now
    s.earlier = screen
}

/// Keys on the earlier contact: Esc (or q) back to the worked ticket; panes and scrolling as on
/// any ticket screen; the help and the global keys; nothing that works on a ticket.
func earlierKey(_ s: inout AgentState, _ k: KeyEvent) -> [AgentEffect] {
    guard s.ticket != nil, s.earlier != nil else { s.earlier = nil; return [] }
    switch AgentBindings.table.action(for: k, in: AgentBindings.earlier) {
    case .back?:
        s.earlier = nil
        return []
    case .help?:
        s.modal = .help(scroll: 0)
        return []
    case .toggleStatus?:
        return [.setStatus(s.me.status == .available ? .away : .available)]
    case .quit?:
        s.quit = true
        return []
    case .reload?:
        return [.loadLists, .openTicket(s.ticket!.key)]
    default:
        if !s.earlier!.handleNavigation(k, in: earlierScreenArea(AgentLayout(s.size, s))) {
            if k.text != nil || k.key == .enter {
                s.message = note("\(s.earlier!.key) is an earlier contact, read-only: Esc goes back to \(s.ticket!.key)", .info)
            }
        }
        return []
    }
}

/// The body the earlier contact takes (the worked ticket's area and its composer's), and the
/// part of it under its one-line banner.
func earlierArea(_ l: AgentLayout) -> Rect { l.ticket.union(l.composer) }
func earlierScreenArea(_ l: AgentLayout) -> Rect { earlierArea(l).inset(top: 1) }

func renderEarlier(_ s: AgentState, _ e: TicketScreenState, _ l: AgentLayout, _ b: inout Buffer) {
    let area = earlierArea(l)
    b.fill(area, role: .normal)
    let back = s.ticket.map { " · Esc back to \($0.key)" + (s.composer != nil ? " (draft kept)" : "") } ?? ""
    b.put(SafeText("◂ Earlier contact \(e.key) · read-only" + back), in: area.row(0), style: b.theme[.info])
    TicketScreen.render(e, in: earlierScreenArea(l), buffer: &b)
}
