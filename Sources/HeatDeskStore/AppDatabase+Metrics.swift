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
        // Every aggregate names the covering index it is written for (v3-metrics): the planner
        // would otherwise pick a narrower index and look up each wide ticket row. A bulk import
        // sets these indexes aside while it runs (AppDatabase+BulkLoad): then the figures are read
        // without the hints, slower but right, rather than failing with "no such index".
        let present = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
        func using(_ index: String) -> String { present.contains(index) ? "INDEXED BY \(index)" : "" }

        // Waiting: a count per (product, priority) range, and the oldest as the first entry of
        // each (product, priority, category) range; walking the entries for min() costs double.
        let waitingCount = try db.cachedStatement(sql: """
            SELECT count(*) FROM ticket \(using("ticket_board"))
            WHERE status = 'queued' AND owner_id IS NULL AND product = ? AND priority_rank = ?
            """)
        let oldest = try db.cachedStatement(sql: """
            SELECT created_at FROM ticket \(using("ticket_board"))
            WHERE status = 'queued' AND owner_id IS NULL AND product = ? AND priority_rank = ? AND category = ?
            ORDER BY created_at LIMIT 1
            """)
        for product in Product.allCases {
            for priority in Priority.allCases {
                let count = try Int.fetchOne(waitingCount, arguments: [product.rawValue, priority.rank]) ?? 0
                guard count > 0 else { continue }
                let first = try TicketCategory.allCases.compactMap {
                    try Int64.fetchOne(oldest, arguments: [product.rawValue, priority.rank, $0.rawValue])
                }.min()
                r.waiting.append(MetricsRecord.Waiting(product: product, priority: priority, count: count, oldestCreatedAt: first ?? now))
            }
        }

        // Lists: choose the rows on the index alone (seeks to the SOS and complaint ranges),
        // then read only those rows.
        let everyProduct = Product.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let lowerRanks = Priority.allCases.dropFirst().map { "\($0.rank)" }.joined(separator: ", ")
        // SOS first, always (issue 14, item 11): an old complaint never pushes a waiting SOS down
        // or out of the bounded list.
        let pinnedIDs = try Int64.fetchAll(db, sql: """
            SELECT id, 0 AS later, created_at FROM ticket \(using("ticket_board"))
            WHERE status = 'queued' AND owner_id IS NULL AND product IN (\(everyProduct)) AND priority_rank = 0
            UNION ALL
            SELECT id, 1 AS later, created_at FROM ticket \(using("ticket_board"))
            WHERE status = 'queued' AND owner_id IS NULL AND product IN (\(everyProduct)) AND priority_rank IN (\(lowerRanks)) AND category = 'complaint'
            ORDER BY later, created_at, id LIMIT ?
            """, arguments: [limit])
        r.pinned = try ticketLines(db, ids: pinnedIDs)

        // Service level of today's tickets: answered (first public reply, or resolution) within
        // the target of their priority and channel class. One index range per (product,
        // channel, priority) with its target bound: no sort, nothing but index pages.
        let serviceStmt = try db.cachedStatement(sql: """
            SELECT count(*), coalesce(sum(coalesce(first_response_at, resolved_at) - created_at <= ?), 0),
                   coalesce(sum(coalesce(first_response_at, resolved_at, ?) - created_at > ?), 0)
            FROM ticket \(using("ticket_arrivals"))
            WHERE product = ? AND channel = ? AND priority_rank = ? AND created_at >= ? AND created_at <= ?
            """)
        for product in Product.allCases {
            for channel in Channel.allCases {
                for priority in Priority.allCases {
                    let target = Int64(targets.target(priority, channel).seconds) * 1000
                    guard let row = try Row.fetchOne(serviceStmt, arguments: [target, now, target, product.rawValue, channel.rawValue,
                                                                             priority.rank, dayStart, now]) else { continue }
                    let offered: Int = row[0]
                    if offered > 0 {
                        r.service.append(MetricsRecord.ServiceGroup(product: product, channel: channel, priority: priority,
                                                                    offered: offered, met: row[1], missed: row[2]))
                    }
                }
            }
        }

        // Unanswered active tickets by due time (the partial index `ticket_unanswered`).
        let unanswered = "first_response_at IS NULL AND status != 'resolved'"
        let nearShare = targets.nearShare
        r.pastDue = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket \(using("ticket_unanswered")) WHERE \(unanswered) AND sla_due_at <= ?
            """, arguments: [now]) ?? 0
        let nearCondition = "sla_due_at > ? AND sla_due_at - ? <= max((sla_due_at - created_at) * ?, 60000)"
        r.nearDue = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket \(using("ticket_unanswered")) WHERE \(unanswered) AND \(nearCondition)
            """, arguments: [now, now, nearShare]) ?? 0
        let riskIDs = try Int64.fetchAll(db, sql: """
            SELECT id FROM ticket \(using("ticket_unanswered"))
            WHERE \(unanswered) AND (sla_due_at <= ? OR (\(nearCondition)))
            ORDER BY sla_due_at, id LIMIT ?
            """, arguments: [now, now, now, nearShare, limit])
        r.atRisk = try ticketLines(db, ids: riskIDs)

        // Agents: tickets in hand, today's resolutions.
        // One status at a time, so the owners come in index order (IN would sort them).
        var inHand: [String: Int] = [:]
        for status in [TicketStatus.open, .pending] {
            for row in try Row.fetchAll(db, sql: """
                SELECT owner_id, count(*) FROM ticket \(using("ticket_board"))
                WHERE status = ? AND owner_id IS NOT NULL GROUP BY owner_id
                """, arguments: [status.rawValue]) {
                inHand[row[0], default: 0] += row[1] as Int
            }
        }
        // Today's resolutions per agent: one index range each (grouping would sort them all).
        let today = try db.cachedStatement(sql: """
            SELECT count(*), coalesce(sum(resolved_at - claimed_at), 0), count(claimed_at), coalesce(sum(first_contact), 0)
            FROM ticket \(using("ticket_resolutions"))
            WHERE owner_id = ? AND resolved_at IS NOT NULL AND resolved_at >= ? AND resolved_at <= ?
            """)
        r.agents = try Row.fetchAll(db, sql: "SELECT id, name, role, status, status_at FROM agent WHERE role != 'supplier' ORDER BY id")
            .map { row in
                let id: String = row[0]
                let t = try Row.fetchOne(today, arguments: [id, dayStart, now])
                return MetricsRecord.AgentLine(
                    id: id, name: row[1], role: Role(rawValue: row[2]) ?? .agent, status: AgentStatus(rawValue: row[3]) ?? .offline,
                    statusAt: row[4], inHand: inHand[id] ?? 0, handledToday: t?[0] ?? 0, handleMillis: t?[1] ?? 0,
                    handleCount: t?[2] ?? 0, firstContact: t?[3] ?? 0)
            }

        // Hourly trends of today: one index range per hour (grouping by an expression would sort).
        let hour: Int64 = 3_600_000
        let created = try db.cachedStatement(sql: """
            SELECT count(*) FROM ticket \(using("ticket_created")) WHERE created_at >= ? AND created_at < ?
            """)
        let resolved = try db.cachedStatement(sql: """
            SELECT count(*) FROM ticket \(using("ticket_resolved_at")) WHERE resolved_at IS NOT NULL AND resolved_at >= ? AND resolved_at < ?
            """)
        let answered = try db.cachedStatement(sql: """
            SELECT count(*), coalesce(sum(first_response_at - created_at), 0) FROM ticket \(using("ticket_answers"))
            WHERE first_response_at IS NOT NULL AND first_response_at >= ? AND first_response_at < ?
            """)
        for h in 0..<24 {
            let from = dayStart + Int64(h) * hour
            guard from <= now else { break }
            let to = min(from + hour, now + 1)
            r.createdPerHour[h] = try Int.fetchOne(created, arguments: [from, to]) ?? 0
            r.resolvedPerHour[h] = try Int.fetchOne(resolved, arguments: [from, to]) ?? 0
            if let row = try Row.fetchOne(answered, arguments: [from, to]) {
                r.answeredPerHour[h] = row[0]; r.waitMillisPerHour[h] = row[1]
            }
        }
        return r
    }

    /// The list lines of the given tickets, in the given order.
    static func ticketLines(_ db: Database, ids: [Int64]) throws -> [MetricsRecord.TicketLine] {
        let stmt = try db.cachedStatement(sql: """
            SELECT t.source, t.external_id, t.product, t.channel, t.category, t.priority_rank, t.status, t.owner_id,
                   CAST(coalesce(c.name, t.customer_id) AS BLOB), CAST(t.subject AS BLOB), t.created_at, t.sla_due_at
            FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id WHERE t.id = ?
            """)
        return try ids.compactMap { id in try Row.fetchOne(stmt, arguments: [id]).map(ticketLine) }
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
