import Foundation

/// Decides who wins a claim epoch. The store asks it before writing a claim, a transfer, a
/// requeue or a reopen, so the screens and verbs never know whether exclusivity is local (one
/// SQLite transaction) or across workstations (the shared directory's `claims/T/<epoch>`).
public protocol ClaimAuthority: Sendable {
    /// Tries to take `epoch` of `ticket` for `holder`. Returns `.won`, or who won it instead.
    func acquire(_ ticket: TicketKey, epoch: Int, holder: String) throws -> ClaimVerdict
}

public enum ClaimVerdict: Equatable, Sendable {
    case won
    /// Another holder (an agent id) took this epoch first.
    case lost(to: String)
}

/// One workstation alone: the store's transaction is the whole truth, every epoch is won.
public struct LocalClaimAuthority: ClaimAuthority {
    public init() {}
    public func acquire(_ ticket: TicketKey, epoch: Int, holder: String) throws -> ClaimVerdict { .won }
}
