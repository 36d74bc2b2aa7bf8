import XCTest
import GRDB
import HeatDeskCore
import HeatDeskTestSupport
@testable import HeatDeskStore

/// Every figure of Docs/metrics.md on a fixed day of events, against values worked out by hand.
final class MetricsTests: XCTestCase {
    /// Midnight of "today" and the moment the monitor looks: 03:30.
    let day = Date(millis: 1_794_960_000_000)
    var now: Date { t(3, 30) }
    func t(_ h: Int, _ m: Int, _ s: Int = 0) -> Date { day.addingTimeInterval(TimeInterval(h * 3600 + m * 60 + s)) }

    let li = Agent(id: "A-1", name: "李娜", skills: [.flight, .hotel], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["zh", "en"])
    let wang = Agent(id: "A-3", name: "王强", skills: [.car, .other], languages: ["zh"])
    let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, languages: ["zh", "en"])
    let desk = Agent(id: "SC-1", name: "Hilton front desk", role: .supplier, supplierID: "SUP-H")
    /// Live answers within 60 s, email within 10 minutes.
    let targets = try! ServiceTargets.parse("live * 60 95%\nemail * 600 90%\n")
    var db: AppDatabase!

    func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    override func setUpWithError() throws {
        db = try AppDatabase.inMemory()
        func ticket(_ id: String, _ created: Date, _ channel: Channel, _ product: Product, _ priority: Priority,
                    category: TicketCategory = .change, due: Date? = nil) -> DomainEvent {
            .ticketImported(Ticket(key: key(id), createdAt: created, channel: channel, product: product, category: category,
                                   priority: priority, customerID: "C-1", subject: "subject \(id)", slaDueAt: due), firstMessage: nil)
        }
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-1", name: "王丽娜", language: "zh")),
            .supplierUpserted(Supplier(id: "SUP-H", name: "Hilton", product: .hotel)),
            .agentUpserted(li), .agentUpserted(tom), .agentUpserted(wang), .agentUpserted(boss), .agentUpserted(desk),
            ticket("T-1", t(0, 10), .chat, .flight, .normal),
            ticket("T-2", t(1, 0), .chat, .flight, .urgent),
            ticket("T-3", t(2, 0), .email, .hotel, .normal),
            ticket("T-4", t(3, 0), .phone, .car, .sos, category: .sos),
            ticket("T-5", t(3, 29), .chat, .hotel, .high, category: .complaint),
            // Yesterday's, with a due time the import file set: near its due at 03:30.
            ticket("T-6", t(-1, 0), .email, .flight, .low, due: t(3, 35)),
            ticket("T-7", t(0, 30), .chat, .other, .normal),
        ]
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e in events { _ = try a.apply(LoggedEvent(at: self.day, actor: "test", event: e)) }
        }
        try db.setStatus(of: li, .available, at: t(0, 0))
        try db.setStatus(of: tom, .away, at: t(1, 30))
        try db.setStatus(of: boss, .available, at: t(0, 0))
        // T-1: Li answers in 40 s and solves it in 10 minutes: first contact.
        _ = try db.claim(key("T-1"), by: li, at: t(0, 10, 30))
        try db.addMessage(key("T-1"), by: li, body: "您好", visibility: .public, at: t(0, 10, 40))
        try db.resolve(key("T-1"), .solved, by: li, at: t(0, 20, 30))
        // T-2: answered after 120 s, handed to Tom, who solves it 20 minutes after taking it.
        _ = try db.claim(key("T-2"), by: li, at: t(1, 1))
        try db.addMessage(key("T-2"), by: li, body: "正在处理", visibility: .public, at: t(1, 2))
        try db.transfer(key("T-2"), to: tom, by: li, at: t(1, 5))
        try db.resolve(key("T-2"), .rebooked, by: tom, at: t(1, 25))
        // T-3: an email answered in 8 minutes, still in Li's hands.
        _ = try db.claim(key("T-3"), by: li, at: t(2, 5))
        try db.addMessage(key("T-3"), by: li, body: "Dear guest", visibility: .public, at: t(2, 8))
        // T-7: claimed by Wang, who then went offline without answering: a stale claim.
        _ = try db.claim(key("T-7"), by: wang, at: t(0, 31))
        try db.setStatus(of: wang, .offline, at: t(0, 40))
    }

    func report() throws -> MetricsReport {
        MetricsReport(try db.metricsRecord(now: now, dayStart: day, targets: targets), targets: targets)
    }

    func testQueuesLongestWaitAndPinned() throws {
        let r = try report()
        // Queued: T-4 (car sos, since 03:00), T-5 (hotel high, since 03:29), T-6 (flight low, since 23:00 yesterday).
        XCTAssertEqual(r.waitingTotal, 3)
        XCTAssertEqual(r.queues.map(\.product), [.flight, .hotel, .car])
        XCTAssertEqual(r.queues.map(\.longestWait), [16_200, 60, 1_800])
        XCTAssertEqual(r.longestWait, 16_200, "4 h 30 min for yesterday's T-6")
        XCTAssertEqual(r.waitingByPriority, [.sos: 1, .high: 1, .low: 1])
        XCTAssertEqual(r.pinned.map(\.ticket.key.externalID), ["T-4", "T-5"], "SOS and complaint, longest waiting first")
        XCTAssertEqual(r.pinned.map(\.wait), [1_800, 60])
    }

    func testServiceLevelPerProductAndChannel() throws {
        let r = try report()
        // Today: T-1 met (40 s), T-2 missed (120 s), T-3 met (480 s ≤ 600 s email), T-4 missed
        // (unanswered 30 min), T-5 open question (60 s, not past 60 s), T-7 missed (3 h unanswered).
        XCTAssertEqual(r.serviceOverall, MetricsReport.Level(offered: 6, met: 2, missed: 3))
        XCTAssertEqual(r.serviceOverall.share, 0.4)
        XCTAssertEqual(r.serviceByProduct.map(\.product), [.flight, .hotel, .car, .other])
        XCTAssertEqual(r.serviceByProduct.map(\.level.share), [0.5, 1.0, 0.0, 0.0])
        XCTAssertEqual(r.serviceByProduct[1].level, MetricsReport.Level(offered: 2, met: 1, missed: 0))
        XCTAssertEqual(r.serviceByChannel.map(\.channel), [.phone, .chat, .email])
        XCTAssertEqual(r.serviceByChannel.map(\.level.share), [0.0, 1.0 / 3.0, 1.0])
        XCTAssertEqual(r.serviceByChannel.map(\.goal), [0.95, 0.95, 0.90])
    }

    func testPastAndNearSLA() throws {
        let r = try report()
        // Unanswered and active: T-7 due 01:00 (30 min live normal), T-4 due 03:01 (60 s SOS): past;
        // T-6 due 03:35, 5 of its 275 minutes left: near; T-5 due 03:44 with 14 of 15 minutes left: fine.
        XCTAssertEqual(r.pastDue, 2)
        XCTAssertEqual(r.nearDue, 1)
        XCTAssertEqual(r.atRisk.map(\.ticket.key.externalID), ["T-7", "T-4", "T-6"])
        XCTAssertEqual(r.atRisk.map(\.standing), [.breached, .breached, .near])
        XCTAssertEqual(r.atRisk.map(\.dueIn), [-9_000, -1_740, 300])
        XCTAssertEqual(r.atRisk[0].ticket.ownerID, "A-3")
    }

    func testAgentsHandlingTimeAndFirstContactResolution() throws {
        let r = try report()
        XCTAssertEqual(r.agents.map(\.id), ["A-1", "A-2", "A-3", "S-1"], "supplier contacts are not agents")
        XCTAssertEqual(r.agents.map(\.presence), [.busy, .away, .offline, .available])
        XCTAssertEqual(r.agents.map(\.inHand), [1, 0, 1, 0])
        XCTAssertEqual(r.agents.map(\.handledToday), [1, 1, 0, 0])
        // Li: claimed 00:10:30, resolved 00:20:30. Tom: took it over 01:05, resolved 01:25.
        XCTAssertEqual(r.agents.map(\.averageHandling), [600, 1_200, nil, nil])
        XCTAssertEqual(r.agents.map(\.firstContactShare), [1.0, 0.0, nil, nil], "T-2 changed hands: not first contact")
        XCTAssertEqual(r.agents.map(\.staleClaims), [0, 0, 1, 0])
        XCTAssertEqual(r.presenceCounts, [.available: 1, .busy: 1, .away: 1, .offline: 1])
        XCTAssertEqual(r.handledToday, 2)
        XCTAssertEqual(r.averageHandling, 900)
        XCTAssertEqual(r.firstContactShare, 0.5)
        XCTAssertEqual(r.staleClaims, 1)
    }

    func testHourlyTrends() throws {
        let r = try report()
        XCTAssertEqual(r.hours, 4)
        XCTAssertEqual(r.createdPerHour, [2, 1, 1, 2], "T-6 came in yesterday")
        XCTAssertEqual(r.resolvedPerHour, [1, 1, 0, 0])
        XCTAssertEqual(r.averageWaitPerHour, [40, 120, 480, nil])
    }

    func testJSONCarriesTheSameFigures() throws {
        let json = try report().json
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let service = try XCTUnwrap(object["service_level"] as? [String: Any])
        XCTAssertEqual(service["level"] as? Double, 0.4)
        let waiting = try XCTUnwrap(object["waiting"] as? [String: Any])
        XCTAssertEqual(waiting["longest_wait"] as? Int, 16_200)
        let agents = try XCTUnwrap(object["staff"] as? [String: Any])
        XCTAssertEqual(agents["average_handling"] as? Int, 900)
        XCTAssertEqual(agents["first_contact_resolution"] as? Double, 0.5)
        let hourly = try XCTUnwrap(object["hourly"] as? [String: Any])
        XCTAssertEqual((hourly["average_wait"] as? [Any])?.count, 4)
        XCTAssertTrue(json.contains(#""average_wait":[40,120,480,null]"#), json)
        XCTAssertTrue(json.contains(#""by_channel":[{"channel":"phone","offered":1,"met":0,"missed":1,"level":0.0,"goal":0.95}"#), json)
    }

    func testTargetsFileRulesAndErrors() throws {
        let t = try ServiceTargets.parse("""
            # the center's own bar
            live * 20 95%   # calls and chats
            email urgent 3600 0.9
            near 25%
            """)
        XCTAssertEqual(t.target(.low, .phone), .init(seconds: 20, goal: 0.95))
        XCTAssertEqual(t.target(.urgent, Channel.email), .init(seconds: 3600, goal: 0.9))
        XCTAssertEqual(t.target(.normal, Channel.email), ServiceTargets.standard.target(.normal, Channel.email))
        XCTAssertEqual(t.nearShare, 0.25)
        XCTAssertThrowsError(try ServiceTargets.parse("live\nlive fast 20 95%")) { XCTAssertEqual("\($0)", "line 1: expected 'CLASS PRIORITY SECONDS GOAL%', got 1 fields") }
        XCTAssertThrowsError(try ServiceTargets.parse("live fast 20 95%")) { XCTAssertTrue("\($0)".hasPrefix("line 1: unknown priority 'fast'"), "\($0)") }
        XCTAssertThrowsError(try ServiceTargets.parse("\nsms * 20 95%")) { XCTAssertTrue("\($0)".hasPrefix("line 2: unknown channel class"), "\($0)") }
        XCTAssertThrowsError(try ServiceTargets.parse("live * -5 95%")) { XCTAssertTrue("\($0)".contains("seconds")) }
        XCTAssertThrowsError(try ServiceTargets.parse("live * 20 150%")) { XCTAssertTrue("\($0)".contains("goal")) }
    }

    func testDataVersionMovesOnlyWhenAnotherConnectionCommits() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("w.sqlite")
        let monitor = try AppDatabase.open(path: path)
        let other = try AppDatabase.open(path: path)
        let v0 = try monitor.dataVersion()
        XCTAssertEqual(try monitor.dataVersion(), v0, "nothing changed")
        _ = try monitor.metricsRecord(now: now, dayStart: day)
        XCTAssertEqual(try monitor.dataVersion(), v0, "reading is not a change")
        try other.setMeta("x", "1")
        XCTAssertNotEqual(try monitor.dataVersion(), v0, "another process committed")
    }

    func testTheRefreshReadsTalliesAndLiveIndexesOnly() throws {
        // Counts and sums come from the tallies, each a range of its primary key (today's
        // quarter-hours, or one status); what reads tickets does so through a covering partial
        // index over live tickets: no scan of the ticket table, no lookup of a ticket row, nothing
        // that grows with the resolved history (v8-tallies dropped the covering indexes of v3-metrics).
        let plans = try db.writer.read { d -> [(String, String)] in
            try Self.refreshSQL(d, now: self.now, day: self.day, targets: self.targets).map { sql in
                // `?` or numbered `?N` parameters: as many nulls as the statement takes.
                let numbered = sql.matches(of: /\?(\d+)/).compactMap { Int($0.1) }.max()
                let nulls = StatementArguments(Array(repeating: nil as Int?, count: numbered ?? sql.filter { $0 == "?" }.count))
                return (sql, try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + sql, arguments: nulls).map { $0["detail"] as String }.joined(separator: "; "))
            }
        }
        let tickets = plans.filter { $0.0.contains("FROM ticket INDEXED BY") }
        let tallies = plans.filter { $0.0.contains("FROM tally_") }
        XCTAssertEqual(tickets.count, 6, "\(tickets.map(\.0))")
        XCTAssertEqual(tallies.count, 5, "\(tallies.map(\.0))")
        for (sql, plan) in tickets {
            XCTAssertTrue(plan.contains("COVERING INDEX ticket_waiting") || plan.contains("COVERING INDEX ticket_open_question")
                          || plan.contains("COVERING INDEX ticket_unanswered"), "\(sql)\n\(plan)")
            // The near-SLA count and the at-risk list walk the unanswered index (live tickets only).
            XCTAssertFalse(plan.contains("SCAN ticket") && !plan.contains("SCAN ticket USING COVERING INDEX ticket_unanswered"), plan)
        }
        for (sql, plan) in tallies {
            XCTAssertTrue(plan.hasPrefix("SEARCH tally_"), "a key range: \(sql)\n\(plan)")
            XCTAssertFalse(plan.contains("SCAN"), plan)
        }
        for (_, plan) in plans where !plan.contains("ticket_unanswered") {
            XCTAssertFalse(plan.contains("SCAN ticket") || plan.contains("SCAN t "), plan)
        }
        let dropped = ["ticket_board", "ticket_arrivals", "ticket_created", "ticket_resolved_at", "ticket_answers"]
        let names = try db.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        XCTAssertEqual(Set(names).intersection(dropped), [])
    }

    /// The statements `metricsRecord` runs, as it runs them (captured by tracing).
    static func refreshSQL(_ d: Database, now: Date, day: Date, targets: ServiceTargets) throws -> [String] {
        final class Box: @unchecked Sendable { var sql: [String] = [] }
        let box = Box()
        d.trace(options: .statement) { event in
            if case .statement(let s) = event, !box.sql.contains(s.sql) { box.sql.append(s.sql) }
        }
        _ = try AppDatabase.metricsRecord(d, now: now.millis, dayStart: day.millis, targets: targets)
        d.trace(options: [])
        return box.sql.filter { !$0.hasPrefix("EXPLAIN") && !$0.contains("sqlite_master") && !$0.contains("FROM meta") }
    }
}
