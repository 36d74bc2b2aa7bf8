import Foundation

/// What an agent, supervisor or sync does to a ticket once it exists. Each change carries the
/// claim epoch its actor held (design.md, "Sync through the shared directory"): changes that
/// open an epoch (claim, transfer, requeue, reopen) carry the new one; the others carry the
/// owner's current one, so a workstation that lost its claim can never overwrite the new owner.
public enum TicketChange: Sendable, Equatable {
    /// An agent took a queued ticket: it is theirs from `epoch` on.
    case claimed(owner: String)
    /// Handed to another agent, who owns it from the new epoch.
    case transferred(to: String)
    /// Back to the queue (a transfer to the queue, or a supervisor freeing a stale claim).
    case requeued(reason: String)
    /// A resolved ticket opened again; `owner` works it from the new epoch.
    case reopened(owner: String)
    /// Open ↔ pending (waiting for the customer or a supplier).
    case statusChanged(TicketStatus, waitingFor: String?)
    case priorityChanged(Priority)
    /// Done. `firstContact`: solved by its first owner without transfer, reopen or a pending wait.
    case resolved(Disposition, firstContact: Bool)
    /// A colleague or supplier pulled into the conversation.
    case participantJoined(Participant)
    case participantLeft(memberID: String)
    /// The customer's real contact details were shown (`field`: `phone,email`, `phone`,
    /// `email`) to the event's actor: logged; the details themselves are never in the log.
    case contactRevealed(field: String, customerID: String? = nil)
    /// This ticket is a follow-up (a chase) of `parent`: the customer asking again about the same
    /// problem. Not owner-bound; every node keeps, per follow-up, the oldest parent any link
    /// event named (`TicketLink`), so all converge whatever order the links arrive in.
    case linked(parent: TicketKey, reason: LinkReason)

    /// True for changes that start a new claim epoch (the fencing token).
    public var opensEpoch: Bool {
        switch self {
        case .claimed, .transferred, .requeued, .reopened: return true
        default: return false
        }
    }

    /// The word after `ticket.` in the event's kind.
    public var name: String {
        switch self {
        case .claimed: return "claimed"
        case .transferred: return "transferred"
        case .requeued: return "requeued"
        case .reopened: return "reopened"
        case .statusChanged: return "status_changed"
        case .priorityChanged: return "priority_changed"
        case .resolved: return "resolved"
        case .participantJoined: return "participant_joined"
        case .participantLeft: return "participant_left"
        case .contactRevealed: return "contact_revealed"
        case .linked: return "linked"
        }
    }
}
