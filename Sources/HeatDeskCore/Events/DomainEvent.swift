import Foundation

/// Every change to heatdesk's state is one of these, with an actor and a time (domain.md,
/// "Process discipline"). The store writes the change to its tables and the event to its log
/// in one transaction, so waits, handling times and SLA are measured from the record.
public enum DomainEvent: Sendable, Equatable {
    case customerUpserted(Customer)
    case agentUpserted(Agent)
    case supplierUpserted(Supplier)
    case orderImported(Order)
    /// A ticket entering the system, with the customer's first message if there was one.
    case ticketImported(Ticket, firstMessage: Message?)
    case messageAdded(TicketKey, Message)
    /// Work on a ticket, with the claim epoch the actor held or opened (see `TicketChange`).
    case ticketChanged(TicketKey, TicketChange, epoch: Int)
    /// An agent switched between available and away (offline comes from heartbeats).
    case agentStatusChanged(agentID: String, AgentStatus)

    /// The stable name written in the log's `kind` column and in sync batches.
    public var kind: String {
        switch self {
        case .customerUpserted: return "customer.upserted"
        case .agentUpserted: return "agent.upserted"
        case .supplierUpserted: return "supplier.upserted"
        case .orderImported: return "order.imported"
        case .ticketImported: return "ticket.imported"
        case .messageAdded: return "message.added"
        case .ticketChanged(_, let change, _): return "ticket.\(change.name)"
        case .agentStatusChanged: return "agent.status_changed"
        }
    }

    /// What the event is about, as `ticket:main/HD-1`, `order:O-1`, `customer:C-1`.
    public var entity: String {
        switch self {
        case .customerUpserted(let c): return "customer:\(c.id)"
        case .agentUpserted(let a): return "agent:\(a.id)"
        case .supplierUpserted(let s): return "supplier:\(s.id)"
        case .orderImported(let o): return "order:\(o.id)"
        case .ticketImported(let t, _): return "ticket:\(t.key.source)/\(t.key.externalID)"
        case .messageAdded(let k, _), .ticketChanged(let k, _, _): return "ticket:\(k.source)/\(k.externalID)"
        case .agentStatusChanged(let id, _): return "agent:\(id)"
        }
    }
}

/// An event as the log holds it: who did it and when.
public struct LoggedEvent: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var event: DomainEvent

    public init(at: Date, actor: String, event: DomainEvent) { self.at = at; self.actor = actor; self.event = event }
}
