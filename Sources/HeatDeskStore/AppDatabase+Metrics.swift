import Foundation
import GRDB
import HeatDeskCore

/// The supervisor's figures (Docs/metrics.md): counts and sums from the tallies kept as tickets
/// change (AppDatabase+Tallies), lists from partial indexes over live tickets. Nothing here reads all
/// tickets, so a refresh stays fast on a million of them.
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
                SELECT source, external_id FROM ticket WHERE owner_id = ? AND status IN ('open', 'pending') AND status != 'resolved' ORDER BY id
                """, arguments: [agentID]).map { TicketKey(source: $0[0], externalID: $0[1]) }
        }
    }

    static func metricsRecord(_ db: Database, now: Int64, dayStart: Int64, targets: ServiceTargets) throws -> MetricsRecord {
        var r = MetricsRecord(now: now, dayStart: dayStart)
        let limit = metricsListLimit
        // Counts and sums come from the tallies (AppDatabase+Tallies), read over today's
        // quarter-hours; lists and clock-bound counts from partial indexes over live tickets.
        // The index hints keep the planner on them; a bulk import sets them aside while it runs
        // (AppDatabase+BulkLoad), and then the figures are read without hints, slower but right.
        let present = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
        func using(_ index: String) -> String { present.contains(index) ? "INDEXED BY \(index)" : "" }
        let bucket = tallyBucketMillis
        let firstBucket = dayStart / bucket, lastBucket = now / bucket

        // Waiting: counts per (product, priority) from the status tally; the oldest as the
        // first entry of each (product, priority, category) range of the waiting index.
        var waitingCounts: [String: [Int: Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT product, priority_rank, sum(n) FROM \(tallySource(db, "tally_status"))
            WHERE status = 'queued' AND owner = '' GROUP BY product, priority_rank
            """) {
            waitingCounts[row[0], default: [:]][row[1]] = row[2]
        }
        let oldest = try db.cachedStatement(sql: """
            SELECT created_at FROM ticket \(using("ticket_waiting"))
            WHERE status = 'queued' AND owner_id IS NULL AND product = ? AND priority_rank = ? AND category = ?
            ORDER BY created_at LIMIT 1
            """)
        for product in Product.allCases {
            for priority in Priority.allCases {
                let count = waitingCounts[product.rawValue]?[priority.rank] ?? 0
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
            SELECT id, 0 AS later, created_at FROM ticket \(using("ticket_waiting"))
            WHERE status = 'queued' AND owner_id IS NULL AND product IN (\(everyProduct)) AND priority_rank = 0
            UNION ALL
            SELECT id, 1 AS later, created_at FROM ticket \(using("ticket_waiting"))
            WHERE status = 'queued' AND owner_id IS NULL AND product IN (\(everyProduct)) AND priority_rank IN (\(lowerRanks)) AND category = 'complaint'
            ORDER BY later, created_at, id LIMIT ?
            """, arguments: [limit])
        r.pinned = try ticketLines(db, ids: pinnedIDs)

        // Service level of today's tickets: answered (first public reply, or resolution) within
        // the target of their priority and channel class. The arrival tally holds, per
        // quarter-hour and group, the seconds each answer took; a ticket still unanswered is
        // missed once `now − created_at > target`, which decides whole quarter-hours but one:
        // that one is counted on the unanswered tickets' partial index.
        // One range of the arrival tally per group (its key starts with the group), summed in
        // SQL with the group's target bound: no sort, no row decoded in Swift.
        let arrivals = try tallySource(db, "tally_arrival")
        let service = try db.cachedStatement(sql: """
            SELECT sum(n), coalesce(sum(CASE WHEN delay_s >= 0 AND delay_s <= ?1 THEN n END), 0),
                   coalesce(sum(CASE WHEN delay_s > ?1 OR (delay_s < 0 AND bucket < ?2) THEN n END), 0),
                   coalesce(sum(CASE WHEN delay_s < 0 AND bucket = ?2 THEN n END), 0)
            FROM \(arrivals) WHERE product = ?3 AND channel = ?4 AND priority_rank = ?5 AND bucket >= ?6 AND bucket <= ?7
            """)
        let openQuestions = try db.cachedStatement(sql: """
            SELECT count(*) FROM ticket \(using("ticket_open_question"))
            WHERE first_response_at IS NULL AND resolved_at IS NULL AND product = ? AND channel = ? AND priority_rank = ?
              AND created_at >= ? AND created_at < ?
            """)
        var groups: [String: (offered: Int, met: Int, missed: Int)] = [:]
        for product in Product.allCases {
            for channel in Channel.allCases {
                for priority in Priority.allCases {
                    let seconds = Int64(targets.target(priority, channel).seconds)
                    // Unanswered: missed when created before `late`; whole quarter-hours before
                    // the one holding it, and that one ticket by ticket.
                    let late = now - seconds * 1000, lateBucket = late / bucket
                    guard let row = try Row.fetchOne(service, arguments: [seconds, lateBucket, product.rawValue, channel.rawValue, priority.rank,
                                                                          firstBucket, lastBucket]),
                          let offered = row[0] as Int?, offered > 0 else { continue }
                    var missed: Int = row[2]
                    if (row[3] as Int) > 0 {
                        missed += try Int.fetchOne(openQuestions, arguments: [product.rawValue, channel.rawValue, priority.rank,
                                                                              lateBucket * bucket, late]) ?? 0
                    }
                    groups["\(product.rawValue)/\(channel.rawValue)/\(priority.rank)"] = (offered, row[1], missed)
                }
            }
        }
        for product in Product.allCases {
            for channel in Channel.allCases {
                for priority in Priority.allCases {
                    guard let c = groups["\(product.rawValue)/\(channel.rawValue)/\(priority.rank)"] else { continue }
                    r.service.append(MetricsRecord.ServiceGroup(product: product, channel: channel, priority: priority,
                                                                offered: c.offered, met: c.met, missed: c.missed))
                }
            }
        }

        // Unanswered active tickets by due time (the partial index `ticket_unanswered`).
        let unansweredActive = "first_response_at IS NULL AND status != 'resolved'"
        let nearShare = targets.nearShare
        r.pastDue = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket \(using("ticket_unanswered")) WHERE \(unansweredActive) AND sla_due_at <= ?
            """, arguments: [now]) ?? 0
        let nearCondition = "sla_due_at > ? AND sla_due_at - ? <= max((sla_due_at - created_at) * ?, 60000)"
        r.nearDue = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket \(using("ticket_unanswered")) WHERE \(unansweredActive) AND \(nearCondition)
            """, arguments: [now, now, nearShare]) ?? 0
        let riskIDs = try Int64.fetchAll(db, sql: """
            SELECT id FROM ticket \(using("ticket_unanswered"))
            WHERE \(unansweredActive) AND (sla_due_at <= ? OR (\(nearCondition)))
            ORDER BY sla_due_at, id LIMIT ?
            """, arguments: [now, now, now, nearShare, limit])
        r.atRisk = try ticketLines(db, ids: riskIDs)

        // Agents: tickets in hand from the status tally, today's resolutions from the agent tally.
        var inHand: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT owner, sum(n) FROM \(tallySource(db, "tally_status"))
            WHERE status IN ('open', 'pending') AND owner != '' GROUP BY owner
            """) {
            inHand[row[0], default: 0] += row[1] as Int
        }
        // Today's resolutions: one range of the agent tally per agent (its key starts with the owner).
        let today = try db.cachedStatement(sql: """
            SELECT coalesce(sum(resolved), 0), coalesce(sum(handle_ms), 0), coalesce(sum(handle_n), 0), coalesce(sum(first_contact), 0)
            FROM \(tallySource(db, "tally_agent")) WHERE owner_id = ? AND bucket >= ? AND bucket <= ?
            """)
        r.agents = try Row.fetchAll(db, sql: "SELECT id, name, role, status, status_at FROM agent WHERE role != 'supplier' ORDER BY id")
            .map { row in
                let id: String = row[0]
                let t = try Row.fetchOne(today, arguments: [id, firstBucket, lastBucket])
                return MetricsRecord.AgentLine(
                    id: id, name: row[1], role: Role(rawValue: row[2]) ?? .agent, status: AgentStatus(rawValue: row[3]) ?? .offline,
                    statusAt: row[4], inHand: inHand[id] ?? 0, handledToday: t?[0] ?? 0, handleMillis: t?[1] ?? 0,
                    handleCount: t?[2] ?? 0, firstContact: t?[3] ?? 0)
            }

        // Hourly trends of today: the flow tally's quarter-hours, summed per hour.
        let hour: Int64 = 3_600_000
        for row in try Row.fetchAll(db, sql: """
            SELECT bucket, created, resolved, answered, wait_ms FROM \(tallySource(db, "tally_flow")) WHERE bucket >= ? AND bucket <= ?
            """, arguments: [firstBucket, lastBucket]) {
            let b: Int64 = row[0]
            let h = Int((b * bucket - dayStart) / hour)
            guard h >= 0, h < 24 else { continue }
            r.createdPerHour[h] += row[1] as Int
            r.resolvedPerHour[h] += row[2] as Int
            r.answeredPerHour[h] += row[3] as Int
            r.waitMillisPerHour[h] += row[4] as Int64
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
