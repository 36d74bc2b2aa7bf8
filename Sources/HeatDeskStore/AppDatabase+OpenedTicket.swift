import Foundation
import GRDB
import HeatDeskCore

/// The one read behind an opened ticket, for the agent session and the supervisor monitor alike.
extension AppDatabase {
    /// The ticket's detail, the names of the people in it and the remote events sync refused for
    /// it, in one read transaction (one consistent picture); nil when there is no such ticket.
    public func openedTicket(_ key: TicketKey) throws -> OpenedTicket? {
        try writer.read { db in
            guard let d = try Self.ticketDetail(db, key) else { return nil }
            // Oldest first: they are placed in the conversation at their time.
            let refused = try Self.syncRejections(db, for: key, limit: 100).reversed()
            let ids = [d.ticket.ownerID].compactMap { $0 } + d.participants.map(\.memberID) + d.messages.compactMap(\.authorID)
                + refused.map(\.actor)
            return OpenedTicket(detail: d, names: try Self.memberNames(db, ids), refused: Array(refused))
        }
    }
}
