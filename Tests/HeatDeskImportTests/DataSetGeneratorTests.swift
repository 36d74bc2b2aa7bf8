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
