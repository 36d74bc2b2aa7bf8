import Foundation
import GRDB
import HeatDeskCore

/// Board lines of named tickets, for lists whose members come from elsewhere than the figures
/// (the monitor's stale claims come from the shared directory's heartbeats).
extension AppDatabase {
    /// The lines of `keys` that exist, in the given order; one indexed lookup per key.
    public func ticketLines(_ keys: [TicketKey]) throws -> [MetricsRecord.TicketLine] {
        guard !keys.isEmpty else { return [] }
        return try writer.read { db in
            let stmt = try db.cachedStatement(sql: """
                SELECT t.source, t.external_id, t.product, t.channel, t.category, t.priority_rank, t.status, t.owner_id,
                       CAST(coalesce(c.name, t.customer_id) AS BLOB), CAST(t.subject AS BLOB), t.created_at, t.sla_due_at
                FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id WHERE t.source = ? AND t.external_id = ?
                """)
            return try keys.compactMap { k in try Row.fetchOne(stmt, arguments: [k.source, k.externalID]).map(Self.ticketLine) }
        }
    }
}
