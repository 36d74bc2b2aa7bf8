import Foundation
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import XCTest
@testable import HeatDeskImport

final class DataSetGeneratorTests: XCTestCase {
    /// Data/demo at the package root, found from this file.
    static let demoDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data").appendingPathComponent("demo")

    static let fileNames = ["suppliers.jsonl", "agents.jsonl", "customers.jsonl", "orders.jsonl", "tickets.csv", "messages.jsonl", ".base_time"]

    private func generate(_ tickets: Int, seed: UInt64, into dir: TemporaryDirectory) throws -> DataSetGenerator.GeneratedFiles {
        try DataSetGenerator(tickets: tickets, seed: seed).write(to: dir.url)
    }

    private func importAll(_ files: DataSetGenerator.GeneratedFiles) throws -> (AppDatabase, ImportSummary) {
        let db = try AppDatabase.inMemory()
        let summary = try Importer(database: db, now: { Date(timeIntervalSince1970: 0) }).run(paths: files.importPaths)
        XCTAssertEqual(summary.total.rejected, 0, summary.firstRejections.map(\.description).joined(separator: "\n"))
        return (db, summary)
    }

    private func count(_ db: AppDatabase, _ sql: String) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    private func strings(_ db: AppDatabase, _ sql: String) throws -> [String] {
        try db.writer.read { try String.fetchAll($0, sql: sql) }
    }

    // MARK: Determinism

    func testSameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = TemporaryDirectory(), b = TemporaryDirectory(), c = TemporaryDirectory()
        _ = try generate(300, seed: 7, into: a)
        _ = try generate(300, seed: 7, into: b)
        _ = try generate(300, seed: 8, into: c)
        for name in Self.fileNames {
            let x = try Data(contentsOf: a.url.appendingPathComponent(name))
            XCTAssertFalse(x.isEmpty, name)
            XCTAssertEqual(x, try Data(contentsOf: b.url.appendingPathComponent(name)), "\(name) differs for the same seed")
        }
        for name in ["customers.jsonl", "orders.jsonl", "tickets.csv", "messages.jsonl"] {
            XCTAssertNotEqual(try Data(contentsOf: a.url.appendingPathComponent(name)), try Data(contentsOf: c.url.appendingPathComponent(name)),
                              "\(name) is the same for another seed")
        }
    }

    /// The committed demo set is exactly what the generator writes for its seed: it never drifts.
    /// `HEATDESK_WRITE_DEMO=1 swift test --filter testCommittedDemoMatchesTheGenerator` rewrites it.
    func testCommittedDemoMatchesTheGenerator() throws {
        let gen = DataSetGenerator(tickets: DataSetGenerator.demoTickets, seed: DataSetGenerator.demoSeed)
        if ProcessInfo.processInfo.environment["HEATDESK_WRITE_DEMO"] == "1" {
            try gen.write(to: Self.demoDirectory)
        }
        let fresh = TemporaryDirectory()
        try gen.write(to: fresh.url)
        for name in Self.fileNames {
            let committed = Self.demoDirectory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: committed) else { return XCTFail("Data/demo/\(name) is missing") }
            XCTAssertEqual(data, try Data(contentsOf: fresh.url.appendingPathComponent(name)),
                           "Data/demo/\(name) differs from the generator's output; regenerate with HEATDESK_WRITE_DEMO=1")
        }
    }

    // MARK: The demo moved to another day

    /// `heatdesk demo` moves the set to today: the texts move with the orders (time placeholders)
    /// and the waiting tickets stand where a real morning would have them.
    func testTheDemoMovedToAnotherDayTellsTheTruth() throws {
        let dir = TemporaryDirectory()
        let files = try generate(DataSetGenerator.demoTickets, seed: DataSetGenerator.demoSeed, into: dir)
        let base = try Timestamp.parse(String(contentsOf: files.baseTime, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        let now = try Timestamp.parse("2027-03-10T09:00:00+08:00")
        var options = ImportOptions()
        options.timeShift = now.timeIntervalSince(base)
        let db = try AppDatabase.inMemory()
        let summary = try Importer(database: db, options: options, now: { now }).run(paths: files.importPaths)
        XCTAssertEqual(summary.total.rejected, 0, summary.firstRejections.map(\.description).joined(separator: "\n"))

        // No placeholder is left anywhere a text is stored.
        for sql in ["SELECT subject || bot_summary FROM ticket", "SELECT body FROM message", "SELECT detail FROM order_event",
                    "SELECT title || detail FROM travel_order"] {
            let leaks = try strings(db, sql).filter { $0.contains("{{") || $0.contains("|HH:mm") || $0.contains("|d MMM") || $0.contains("|M月d日") }
            XCTAssertEqual(leaks.count, 0, "\(sql): \(leaks.prefix(2))")
        }

        // HD-000009 names the day and time her return flight leaves, in Paris time, after the shift.
        let departure = try XCTUnwrap(try db.writer.read { try Int64.fetchOne($0, sql: """
            SELECT o.service_at FROM travel_order o JOIN ticket_order l ON l.order_id = o.id JOIN ticket t ON t.id = l.ticket_id
            WHERE t.external_id = 'HD-000009' AND o.title LIKE '%MU554%'
            """) })
        func paris(_ format: String) throws -> String {
            // Written in UTC and read an hour later: Paris time in winter.
            try TimePlaceholders.resolve("{{time:" + Timestamp.format(millis: departure) + "|" + format + "}}", shiftMillis: 3_600_000)
        }
        XCTAssertEqual(try paris("d MMM HH:mm"), "11 Mar 14:25")
        let ticket = try XCTUnwrap(try db.writer.read { try Row.fetchOne($0, sql: "SELECT id, subject, bot_summary FROM ticket WHERE external_id = 'HD-000009'") })
        let first = try XCTUnwrap(try db.writer.read { try String.fetchOne($0, sql: "SELECT body FROM message WHERE ticket_id = ? AND author_kind = 'customer' ORDER BY at LIMIT 1", arguments: [ticket["id"] as Int64]) })
        XCTAssertTrue((ticket["subject"] as String).hasSuffix("flying home 11 Mar"), ticket["subject"] as String)
        XCTAssertTrue(first.contains("MU554 to Shanghai is on 11 Mar 14:25"), first)
        XCTAssertFalse(first.contains("tomorrow") || first.contains("23 Nov"), first)
        XCTAssertTrue((ticket["bot_summary"] as String).contains("MU554 (Paris CDG → Shanghai PVG) 11 Mar 14:25"), ticket["bot_summary"] as String)

        // The waiting tickets at the moved base time: most within their target, a few near, a few past.
        let policy = SLAPolicy.standard
        let waiting = try db.writer.read { try Row.fetchAll($0, sql: "SELECT created_at, sla_due_at, priority_rank, external_id FROM ticket WHERE status = 'queued'") }
        var standing: [SLAPolicy.Standing: Int] = [:]
        for row in waiting {
            let created = Date(millis: row["created_at"]), due = Date(millis: row["sla_due_at"])
            XCTAssertLessThan(created, now, row["external_id"] as String)
            standing[policy.standing(createdAt: created, dueAt: due, now: now), default: 0] += 1
        }
        let past = standing[.breached] ?? 0, near = standing[.near] ?? 0
        XCTAssertGreaterThanOrEqual(waiting.count, 20)
        XCTAssertLessThanOrEqual(past * 5, waiting.count, "\(standing)")
        XCTAssertGreaterThanOrEqual(near, 1, "\(standing)")
        XCTAssertGreaterThanOrEqual(past, 1, "\(standing)")
        XCTAssertGreaterThanOrEqual(standing[.ok] ?? 0, waiting.count / 2, "\(standing)")
        print("demo waits at the base time: \(waiting.count) waiting, \(standing[.ok] ?? 0) within, \(near) near, \(past) past")
        // SOS tickets came in seconds ago.
        let sosAges = try db.writer.read { try Int64.fetchAll($0, sql: "SELECT ? - created_at FROM ticket WHERE status = 'queued' AND priority_rank = 0", arguments: [now.millis]) }
        XCTAssertFalse(sosAges.isEmpty)
        for age in sosAges { XCTAssertLessThanOrEqual(age, 60_000) }
        // An SOS mid-trip: where the ticket names a flight home, it has not left yet.
        let homeFlights = try db.writer.read { try Row.fetchAll($0, sql: """
            SELECT t.external_id AS id, max(o.service_at) AS home, count(*) AS flights FROM ticket t
            JOIN ticket_order l ON l.ticket_id = t.id JOIN travel_order o ON o.id = l.order_id AND o.product = 'flight'
            WHERE t.status = 'queued' AND t.priority_rank = 0 GROUP BY t.id
            """) }
        for row in homeFlights where (row["flights"] as Int) > 1 {
            XCTAssertGreaterThan(row["home"] as Int64, now.millis, "\(row["id"] as String)'s flight home has already left")
        }
    }

    // MARK: The demo size

    func testDemoSizeImportsCleanlyWithEverythingTheDemoNeeds() throws {
        let dir = TemporaryDirectory()
        let files = try generate(DataSetGenerator.demoTickets, seed: DataSetGenerator.demoSeed, into: dir)
        XCTAssertEqual(files.counts.tickets, 300)
        XCTAssertEqual(files.counts.customers, 40)
        XCTAssertEqual(files.counts.orders, 120)
        XCTAssertEqual(files.counts.suppliers, 10)
        let (db, summary) = try importAll(files)
        XCTAssertEqual(summary.byKind[.ticket]?.imported, 300)
        XCTAssertEqual(summary.byKind[.message]?.imported, files.counts.messages)

        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM customer"), 40)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM travel_order"), 120)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM ticket"), 300)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM supplier"), 10)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM agent WHERE role = 'agent'"), 15)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM agent WHERE role = 'supervisor'"), 2)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM agent WHERE role = 'supplier' AND supplier_id IS NOT NULL"), 3)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(DISTINCT skills || languages) FROM agent WHERE role = 'agent'"), 10, "mixed skills and languages")

        // Every channel, category and priority; SOS and urgent present; history resolved with dispositions.
        XCTAssertEqual(Set(try strings(db, "SELECT DISTINCT channel FROM ticket")), Set(Channel.allCases.map(\.rawValue)))
        XCTAssertEqual(Set(try strings(db, "SELECT DISTINCT category FROM ticket")), Set(TicketCategory.allCases.map(\.rawValue)))
        XCTAssertEqual(try count(db, "SELECT count(DISTINCT priority_rank) FROM ticket"), Priority.allCases.count)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM ticket WHERE priority_rank = 0"), 2)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM ticket WHERE priority_rank = 1"), 5)
        let queued = try count(db, "SELECT count(*) FROM ticket WHERE status = 'queued'")
        let held = try count(db, "SELECT count(*) FROM ticket WHERE status IN ('open', 'pending')")
        XCTAssertGreaterThanOrEqual(queued, 20, "plenty of current work")
        XCTAssertGreaterThan(queued, held, "most of the newest tickets wait in the queue")
        XCTAssertGreaterThanOrEqual(held, 5)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM ticket WHERE status IN ('open', 'pending') AND owner_id IS NULL"), 0)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM ticket WHERE status = 'resolved' AND (resolved_at IS NULL OR disposition IS NULL)"), 0)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(DISTINCT disposition) FROM ticket"), 7)
        XCTAssertGreaterThan(try count(db, "SELECT count(*) FROM ticket WHERE bot_summary <> ''"), 150)

        // Earlier contact history: several tickets per customer, older ones resolved.
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM (SELECT customer_id FROM ticket GROUP BY customer_id HAVING count(*) >= 3)"), 30)
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM customer WHERE flags LIKE '%complained_before%'"), 4)
        XCTAssertEqual(Set(try strings(db, "SELECT DISTINCT tier FROM customer")), Set(MemberTier.allCases.map(\.rawValue)))

        // Chinese and English: about two thirds Chinese.
        let zh = try count(db, "SELECT count(*) FROM customer WHERE language = 'zh'")
        let en = try count(db, "SELECT count(*) FROM customer WHERE language = 'en'")
        XCTAssertEqual(zh + en, 40)
        XCTAssertTrue((20...34).contains(zh), "zh customers: \(zh)")

        // Multi-product trips with disruptive events.
        XCTAssertGreaterThanOrEqual(try count(db, "SELECT count(*) FROM ticket WHERE products = 'flight,hotel,car'"), 12)
        for kind in ["delayed", "changed", "cancelled", "refunded", "no_show", "completed"] {
            XCTAssertGreaterThan(try count(db, "SELECT count(*) FROM order_event WHERE kind = '\(kind)'"), 0, kind)
        }
        XCTAssertEqual(Set(try strings(db, "SELECT DISTINCT product FROM travel_order")), ["flight", "hotel", "car"])

        // Conversations: bot turns, agent replies, internal notes, colleagues, suppliers.
        for author in ["customer", "bot", "agent", "colleague", "supplier", "system"] {
            XCTAssertGreaterThan(try count(db, "SELECT count(*) FROM message WHERE author_kind = '\(author)'"), 0, author)
        }
        XCTAssertGreaterThan(try count(db, "SELECT count(*) FROM message WHERE visibility = 'internal'"), 0)
    }

    func testTheStoriesAreThere() throws {
        let dir = TemporaryDirectory()
        let files = try generate(DataSetGenerator.demoTickets, seed: DataSetGenerator.demoSeed, into: dir)
        XCTAssertEqual(DataSetGenerator(tickets: 300).includedStories.count, DataSetGenerator.storyTitles.count)
        let (db, _) = try importAll(files)
        // Tokyo: the delayed flight moved the car pick-up; the ticket waits, urgent.
        XCTAssertEqual(try count(db, """
            SELECT count(*) FROM ticket t JOIN ticket_order x ON x.ticket_id = t.id JOIN travel_order o ON o.id = x.order_id
            WHERE t.subject LIKE 'CA925%' AND t.status = 'queued' AND t.priority_rank = 1 AND o.product = 'car'
              AND EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = o.id AND e.kind = 'changed')
            """), 1)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM order_event WHERE kind = 'delayed' AND detail LIKE '%CA925%'"), 1)
        // Paris SOS, Bangkok stranded with the airline in the thread, the black-card complaint.
        XCTAssertEqual(try count(db, "SELECT count(*) FROM ticket WHERE category = 'sos' AND priority_rank = 0 AND subject LIKE '%Paris%'"), 1)
        XCTAssertEqual(try count(db, """
            SELECT count(*) FROM ticket t JOIN message m ON m.ticket_id = t.id
            WHERE t.subject LIKE 'CA960%' AND t.status = 'pending' AND m.author_kind = 'supplier'
            """), 1)
        XCTAssertEqual(try count(db, """
            SELECT count(*) FROM ticket t JOIN customer c ON c.id = t.customer_id
            WHERE t.category = 'complaint' AND t.status = 'open' AND c.tier = 'black' AND c.flags LIKE '%complained_before%'
              AND t.subject LIKE '%华尔道夫%'
            """), 1)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM ticket WHERE bot_summary LIKE '%自然灾害保障金%' AND subject LIKE '%三亚%康莱德%'"), 1)
    }

    // MARK: Other sizes

    func testEverySizeImportsCleanlyWithExactCounts() throws {
        for n in [0, 1, 2, 7, 16, 45, 1003] {
            let dir = TemporaryDirectory()
            let gen = DataSetGenerator(tickets: n, seed: UInt64(n) &* 31 &+ 5)
            let files = try gen.write(to: dir.url)
            XCTAssertEqual(files.counts.tickets, n)
            XCTAssertEqual(files.counts.customers, gen.plannedCounts.customers)
            XCTAssertEqual(files.counts.orders, gen.plannedCounts.orders)
            if n == 1003 { XCTAssertEqual(files.counts.customers, 134); XCTAssertEqual(files.counts.orders, 401) }
            let (db, summary) = try importAll(files)
            XCTAssertEqual(summary.total.rejected, 0, "n=\(n)")
            XCTAssertEqual(try count(db, "SELECT count(*) FROM ticket"), n)
            XCTAssertEqual(try count(db, "SELECT count(*) FROM travel_order"), gen.plannedCounts.orders)
        }
    }

    func testTimesCarryTheOffsetOfThePlace() throws {
        let dir = TemporaryDirectory()
        let files = try generate(300, seed: DataSetGenerator.demoSeed, into: dir)
        let orders = try String(contentsOf: files.orders, encoding: .utf8)
        let tokyo = orders.split(separator: "\n").first { $0.contains("\"CA925\"") }
        XCTAssertNotNil(tokyo)
        XCTAssertTrue(tokyo?.contains("\"departure\":\"2026-11-22T13:25:00+08:00\"") == true, String(tokyo ?? ""))
        XCTAssertTrue(tokyo?.contains("+09:00\"") == true)
        XCTAssertEqual(try String(contentsOf: files.baseTime, encoding: .utf8), "2026-11-22T08:00:00+08:00\n")
        // Summer time: Paris in July is +02:00, in November +01:00; Sydney in November +11:00.
        XCTAssertEqual(GenZone.centralEurope.offset(at: Int64(GenTime.daysFromCivil(2026, 7, 1)) * 86400), 120)
        XCTAssertEqual(GenZone.centralEurope.offset(at: Int64(GenTime.daysFromCivil(2026, 11, 22)) * 86400), 60)
        XCTAssertEqual(GenZone.sydney.offset(at: Int64(GenTime.daysFromCivil(2026, 11, 22)) * 86400), 660)
        XCTAssertEqual(GenZone.usPacific.offset(at: Int64(GenTime.daysFromCivil(2026, 11, 22)) * 86400), -480)
        XCTAssertEqual(GenZone.usPacific.offset(at: Int64(GenTime.daysFromCivil(2026, 8, 1)) * 86400), -420)
    }
}
