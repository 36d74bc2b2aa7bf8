import Foundation

/// A ticket as a screen opens it: the detail, the names behind the ids in it, and the remote
/// events sync refused for it. The agent session and the supervisor monitor load it through the
/// same read, so they cannot show one ticket two ways.
public struct OpenedTicket: Equatable, Sendable {
    public var detail: TicketDetail
    /// Agent and supplier names by id (owner, participants, authors, refused events' actors).
    public var names: [String: String]
    /// Remote events the merge rules refused for this ticket, oldest first.
    public var refused: [RefusedEvent]

    public init(detail: TicketDetail, names: [String: String] = [:], refused: [RefusedEvent] = []) {
        self.detail = detail; self.names = names; self.refused = refused
    }
}

/// A remote event the merge rules refused (the `sync_rejected` table): not applied, but kept so
/// the screens can show what a workstation that lost the claim tried to do (issue 6: "it stays
/// visible, marked").
public struct RefusedEvent: Equatable, Sendable {
    /// Where it came from: the origin node and its seq there.
    public var node: String
    public var seq: Int64
    /// When its actor did it.
    public var at: Date
    public var actor: String
    /// The event's kind (`ticket.resolved`) and entity (`ticket:main/HD-1`).
    public var kind: String
    public var entity: String
    /// Why the rules refused it.
    public var reason: String
    /// The payload as the batch carried it (`DomainEvent+Payload`).
    public var payload: String

    public init(node: String, seq: Int64, at: Date, actor: String, kind: String, entity: String, reason: String, payload: String) {
        self.node = node; self.seq = seq; self.at = at; self.actor = actor; self.kind = kind; self.entity = entity
        self.reason = reason; self.payload = payload
    }

    /// The entity name a ticket's events carry (`DomainEvent.entity`).
    public static func entity(of key: TicketKey) -> String { "ticket:\(key.source)/\(key.externalID)" }

    /// What the actor tried, in words ("resolve it: solved", "set it pending, waiting for the
    /// customer"); a refused message gives its text. Falls back to the kind when the payload
    /// does not decode (a newer workstation's event).
    public var attempt: String {
        guard let event = try? DomainEvent.decode(kind: kind, payload: Data(payload.utf8)) else { return kind }
        switch event {
        case .messageAdded(_, let m): return (m.visibility == .internal ? "note: " : "message: ") + m.body
        case .ticketChanged(_, let change, let epoch): return Self.words(change) + " (epoch \(epoch))"
        default: return kind
        }
    }

    static func words(_ change: TicketChange) -> String {
        switch change {
        case .claimed(let owner): return "claim it for \(owner)"
        case .transferred(let to): return "transfer it to \(to)"
        case .requeued(let reason): return "requeue it" + (reason.isEmpty ? "" : ": \(reason)")
        case .reopened(let owner): return "reopen it for \(owner)"
        case .statusChanged(let status, let waitingFor):
            if status == .pending { return "set it pending" + (waitingFor.map { ", waiting for the \($0)" } ?? "") }
            return "set it \(status.rawValue)"
        case .priorityChanged(let p): return "set its priority to \(p.rawValue)"
        case .resolved(let d, _): return "resolve it: \(d.rawValue)"
        case .participantJoined(let p): return "pull in \(p.memberID)"
        case .participantLeft(let id): return "let \(id) leave"
        case .contactRevealed(let field, _): return "reveal the contact (\(field))"
        case .linked(let parent, _): return "link it as a follow-up of \(parent)"
        }
    }
}
