import Foundation
import GRDB
import HeatDeskCore

/// The supervisor's figures, aggregated in SQL over indexed ranges (Docs/metrics.md): nothing
/// here reads all tickets, so a refresh stays fast on a million of them.
extension AppDatabase {
    /// How many tickets the monitor's lists hold at most.
    public static let metricsListLimit = 50

    /// One consistent read of everything the monitor and `stats` show.
    public func metricsRecord(now: Date = Date(), dayStart: Date, targets: ServiceTargets = .standard) throws -> MetricsRecord {
        try writer.read { db in try Self.metricsRecord(db, now: now.millis, dayStart: dayStart.millis, targets: targets) }
    }

    /// A number that changes whenever another connection (another process, sync, or this
    /// process's own writes) commits: read on the writer's single connection, so a refresh can
    /// be skipped for the price of one pragma when nothing changed.
    public func dataVersion() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// The open and pending tickets an agent holds (a stale claim's tickets, to requeue them).
    public func ticketsHeld(by agentID: String) throws -> [TicketKey] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source, external_id FROM ticket WHERE owner_id = ? AND status IN ('open', 'pending') ORDER BY id
                """, arguments: [agentID]).map { TicketKey(source: $0[0], externalID: $0[1]) }
        }
    }

    static func metricsRecord(_ db: Database, now: Int64, dayStart: Int64, targets: ServiceTargets) throws -> MetricsRecord {
        var r = MetricsRecord(now: now, dayStart: dayStart)
        let limit = metricsListLimit

        r.waiting = try Row.fetchAll(db, sql: """
            SELECT product, priority_rank, count(*), min(created_at) FROM ticket
            WHERE status = 'queued' GROUP BY product, priority_rank
            """).compactMap { row in
            guard let p = Product(rawValue: row[0]), let pr = Priority(rank: row[1]) else { return nil }
            return MetricsRecord.Waiting(product: p, priority: pr, count: row[2], oldestCreatedAt: row[3])
        }

        let lineColumns = """
            t.source, t.external_id, t.product, t.channel, t.category, t.priority_rank, t.status, t.owner_id,
            coalesce(c.name, t.customer_id), t.subject, t.created_at, t.sla_due_at
            """
        // SOS through the queue index (status, priority), complaints through the category filter.
        r.pinned = try Row.fetchAll(db, sql: """
            SELECT \(lineColumns) FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id
            WHERE t.status = 'queued' AND (t.priority_rank = 0 OR t.category = 'complaint')
            ORDER BY t.created_at, t.id LIMIT ?
            """, arguments: [limit]).map(ticketLine)

        // Service level of today's tickets: answered (first public reply, or resolution) within
        // the target of their priority and channel class.
        r.service = try Row.fetchAll(db, sql: """
            SELECT product, channel, priority_rank, count(*),
                   sum(CASE WHEN answered IS NOT NULL AND answered - created_at <= target THEN 1 ELSE 0 END),
                   sum(CASE WHEN (answered IS NOT NULL AND answered - created_at > target)
                              OR (answered IS NULL AND ? - created_at > target) THEN 1 ELSE 0 END)
            FROM (SELECT product, channel, priority_rank, created_at,
                         coalesce(first_response_at, resolved_at) AS answered, \(targetSQL(targets)) AS target
                  FROM ticket WHERE created_at >= ? AND created_at <= ?)
            GROUP BY product, channel, priority_rank
            """, arguments: [now, dayStart, now]).compactMap { row in
            guard let p = Product(rawValue: row[0]), let c = Channel(rawValue: row[1]), let pr = Priority(rank: row[2]) else { return nil }
            return MetricsRecord.ServiceGroup(product: p, channel: c, priority: pr, offered: row[3], met: row[4], missed: row[5])
        }

        // Unanswered active tickets by due time (the partial index `ticket_unanswered`).
        let unanswered = "t.first_response_at IS NULL AND t.status != 'resolved'"
        let nearShare = targets.nearShare
        r.pastDue = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket t WHERE \(unanswered) AND t.sla_due_at <= ?", arguments: [now]) ?? 0
        let nearCondition = "t.sla_due_at > ? AND t.sla_due_at - ? <= max((t.sla_due_at - t.created_at) * ?, 60000)"
        r.nearDue = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket t WHERE \(unanswered) AND \(nearCondition)",
                                     arguments: [now, now, nearShare]) ?? 0
        r.atRisk = try Row.fetchAll(db, sql: """
            SELECT \(lineColumns) FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id
            WHERE \(unanswered) AND (t.sla_due_at <= ? OR (\(nearCondition)))
            ORDER BY t.sla_due_at, t.id LIMIT ?
            """, arguments: [now, now, now, nearShare, limit]).map(ticketLine)

        // Agents: tickets in hand (owner index), today's resolutions (resolved_at index).
        // INDEXED BY: the owner indexes would sort the GROUP BY for free but walk every
        // ticket ever owned; the worked tickets and today's resolutions are the small ranges.
        let inHand = Dictionary(try Row.fetchAll(db, sql: """
            SELECT owner_id, count(*) FROM ticket INDEXED BY ticket_queue
            WHERE status IN ('open', 'pending') AND owner_id IS NOT NULL GROUP BY owner_id
            """).map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: +)
        var today: [String: (Int, Int64, Int, Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT owner_id, count(*), coalesce(sum(resolved_at - claimed_at), 0), count(claimed_at), coalesce(sum(first_contact), 0)
            FROM ticket INDEXED BY ticket_resolved_at
            WHERE resolved_at IS NOT NULL AND resolved_at >= ? AND resolved_at <= ? AND owner_id IS NOT NULL
            GROUP BY owner_id
            """, arguments: [dayStart, now]) {
            today[row[0]] = (row[1], row[2], row[3], row[4])
        }
        r.agents = try Row.fetchAll(db, sql: "SELECT id, name, role, status, status_at FROM agent WHERE role != 'supplier' ORDER BY id")
            .map { row in
                let id: String = row[0]
                let t = today[id] ?? (0, 0, 0, 0)
                return MetricsRecord.AgentLine(
                    id: id, name: row[1], role: Role(rawValue: row[2]) ?? .agent, status: AgentStatus(rawValue: row[3]) ?? .offline,
                    statusAt: row[4], inHand: inHand[id] ?? 0, handledToday: t.0, handleMillis: t.1, handleCount: t.2, firstContact: t.3)
            }

        // Hourly trends of today.
        let hour: Int64 = 3_600_000
        let dayEnd = dayStart + 24 * hour
        for row in try Row.fetchAll(db, sql: """
            SELECT (created_at - ?) / ?, count(*) FROM ticket WHERE created_at >= ? AND created_at < ? AND created_at <= ? GROUP BY 1
            """, arguments: [dayStart, hour, dayStart, dayEnd, now]) {
            let h: Int = row[0]; if (0..<24).contains(h) { r.createdPerHour[h] = row[1] }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT (resolved_at - ?) / ?, count(*) FROM ticket
            WHERE resolved_at IS NOT NULL AND resolved_at >= ? AND resolved_at < ? AND resolved_at <= ? GROUP BY 1
            """, arguments: [dayStart, hour, dayStart, dayEnd, now]) {
            let h: Int = row[0]; if (0..<24).contains(h) { r.resolvedPerHour[h] = row[1] }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT (first_response_at - ?) / ?, count(*), sum(first_response_at - created_at) FROM ticket
            WHERE first_response_at IS NOT NULL AND first_response_at >= ? AND first_response_at < ? AND first_response_at <= ? GROUP BY 1
            """, arguments: [dayStart, hour, dayStart, dayEnd, now]) {
            let h: Int = row[0]
            if (0..<24).contains(h) { r.answeredPerHour[h] = row[1]; r.waitMillisPerHour[h] = row[2] }
        }
        return r
    }

    /// The target of each row in milliseconds, as a CASE over channel class and priority; the
    /// numbers come from typed configuration, never from text.
    static func targetSQL(_ targets: ServiceTargets) -> String {
        func perPriority(_ cls: ServiceTargets.ChannelClass) -> String {
            "CASE priority_rank " + Priority.allCases.map { "WHEN \($0.rank) THEN \(Int64(targets.target($0, cls).seconds) * 1000)" }
                .joined(separator: " ") + " ELSE 1800000 END"
        }
        return "(CASE WHEN channel = 'email' THEN \(perPriority(.email)) ELSE \(perPriority(.live)) END)"
    }

    static func ticketLine(_ r: Row) -> MetricsRecord.TicketLine {
        MetricsRecord.TicketLine(
            key: TicketKey(source: r[0], externalID: r[1]), product: Product(rawValue: r[2]) ?? .other,
            channel: Channel(rawValue: r[3]) ?? .chat, category: TicketCategory(rawValue: r[4]) ?? .other,
            priority: Priority(rank: r[5]) ?? .normal, status: TicketStatus(rawValue: r[6]) ?? .queued, ownerID: r[7],
            customerName: r[8], subject: r[9], createdAt: r[10], slaDueAt: r[11])
    }
}
