import Foundation

/// Things a reply may report as done only when the record shows them (Docs/templates.md,
/// "Facts"). Each is a flag of `TemplateContext` (a template section shows a sentence only when
/// it holds) and the HEAT checker's `T.unbacked-claim` rule flags a draft that claims one the
/// record does not show.
public enum RecordFact: String, CaseIterable, Sendable {
    /// The hotel has confirmed the room (kept for a late arrival, or the change accepted).
    case hotelHeld = "order.hotel.held"
    /// The car booking has been changed (pick-up moved, car kept).
    case carMoved = "order.car.moved"
    /// A refund is on record (issued or approved).
    case refunded = "order.refunded"

    /// The facts `ticket`'s record holds: its trip's order events, the suppliers' replies in its
    /// conversation and the staff's internal notes.
    ///
    /// - hotel held: a hotel order event `confirmed` or `changed` since the trouble began;
    /// - car moved: a car order event `changed` since the trouble began;
    /// - refunded: an order of the trip refunded (status or event), at any time;
    /// - any of them: a supplier's message or a staff note (an agent's or colleague's internal
    ///   message) that says so without hedging (`是否`, `需要`, `尚未`, "whether", "need to",
    ///   "not yet", a question…).
    ///
    /// The trouble began at the earliest delay, cancellation, change or no-show of the trip in
    /// the 72 hours before the ticket was created, else when the ticket was created: a hotel's
    /// confirmation from the day it was booked says nothing about tonight's late arrival.
    public static func facts(ticket: Ticket, trip: [Order], messages: [Message]) -> Set<RecordFact> {
        var out = Set<RecordFact>()
        let since = troubleBegan(ticket: ticket, trip: trip)
        for order in trip {
            if order.status == .refunded || order.events.contains(where: { $0.kind == .refunded }) { out.insert(.refunded) }
            let recent = order.events.filter { $0.at >= since }
            switch order.product {
            case .hotel where recent.contains(where: { $0.kind == .confirmed || $0.kind == .changed }):
                out.insert(.hotelHeld)
            case .car where recent.contains(where: { $0.kind == .changed }):
                out.insert(.carMoved)
            default:
                break
            }
        }
        for m in messages {
            let staffNote = m.visibility == .internal && (m.authorKind == .agent || m.authorKind == .colleague)
            guard m.authorKind == .supplier || staffNote else { continue }
            out.formUnion(said(m.body))
        }
        return out
    }

    /// When the ticket's trouble began (see `facts`).
    public static func troubleBegan(ticket: Ticket, trip: [Order]) -> Date {
        let window = ticket.createdAt.addingTimeInterval(-72 * 3600)
        let disruptions = trip.flatMap(\.events).filter { $0.kind.disrupts && $0.at >= window && $0.at <= ticket.createdAt }.map(\.at)
        return disruptions.min() ?? ticket.createdAt
    }

    /// The facts a supplier's message or a staff note states.
    static func said(_ body: String) -> Set<RecordFact> {
        let t = body.lowercased()
        func any(_ words: [String]) -> Bool { words.contains { t.contains($0) } }
        if any(hedges) { return [] }
        var out = Set<RecordFact>()
        if (t.contains("保留") && t.contains("房")) || (t.contains("room") && any(["held", "holding", "hold ", "kept", "keep "])) || any(["酒店已确认"]) {
            out.insert(.hotelHeld)
        }
        if (any(["取车", "车辆", "租车"]) && any(["顺延", "改为", "改到", "保留"]))
            || (any(["pick-up", "pickup", "car "]) && any(["moved", "held", "holding", "rebooked", "changed"])) {
            out.insert(.carMoved)
        }
        if (t.contains("退款") && t.contains("已")) || (t.contains("refund") && any(["issued", "processed", "approved", "paid", "refunded"])) {
            out.insert(.refunded)
        }
        return out
    }

    /// Words that make a message a question or a plan, not a fact.
    static let hedges = ["是否", "需要", "待确认", "等待", "尚未", "还没", "能否", "可否", "吗", "？", "?",
                         "whether", "need to", "needs to", "not yet", "pending", "could you", "can you", "please", "waiting"]
}
