import Foundation
import GRDB
import HeatDeskCore

/// Remote events the sync merge rules refused (`sync_rejected`, written by the sync engine when
/// it applies a batch). One read serves `heatdesk sync`'s listing and the ticket screens' marks.
/// Refusals are rare (an owner who lost the claim kept working), so the table is small and read
/// without an index of its own.
extension AppDatabase {
    /// Refused events, newest first; only those of `ticket` when it is given.
    public func syncRejections(for ticket: TicketKey? = nil, limit: Int = 100) throws -> [RefusedEvent] {
        try writer.read { db in try Self.syncRejections(db, for: ticket, limit: limit) }
    }

    static func syncRejections(_ db: Database, for ticket: TicketKey?, limit: Int) throws -> [RefusedEvent] {
        try Row.fetchAll(db, sql: """
            SELECT node, seq, at, actor, kind, entity, reason, payload FROM sync_rejected
            WHERE ?1 IS NULL OR entity = ?1 ORDER BY at DESC, node, seq LIMIT ?2
            """, arguments: [ticket.map(RefusedEvent.entity(of:)), limit])
            .map { r in
                RefusedEvent(node: r["node"], seq: r["seq"], at: Date(millis: r["at"]), actor: r["actor"], kind: r["kind"],
                             entity: r["entity"], reason: r["reason"], payload: r["payload"])
            }
    }
}
