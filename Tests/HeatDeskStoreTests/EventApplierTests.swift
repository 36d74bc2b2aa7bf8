import XCTest
import GRDB
import HeatDeskCore
import HeatDeskTestSupport
@testable import HeatDeskStore

final class EventApplierTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_795_000_000)

    private func ticket(_ id: String, priority: Priority = .normal, created: TimeInterval = 0, product: Product = .flight) -> Ticket {
        Ticket(key: TicketKey(source: "main", externalID: id), createdAt: at.addingTimeInterval(created), channel: .chat,
               product: product, category: .delay, priority: priority, customerID: "C-1", subject: "s \(id)")
    }

    private func apply(_ db: AppDatabase, _ events: [DomainEvent]) throws -> [EventApplier.Outcome] {
        try db.writer.write { d in
            let a = try EventApplier(d)
            return try events.map { try a.apply(LoggedEvent(at: at, actor: "test", event: $0)) }
        }
    }

    func testEachChangeIsLoggedOnceInItsTransaction() throws {
        let db = try AppDatabase.inMemory()
        let customer = Customer(id: "C-1", name: "Li Na", language: "en", tier: .star4, flags: [.complainedBefore])
        let events: [DomainEvent] = [.customerUpserted(customer), .ticketImported(ticket("T-1"), firstMessage: nil)]
        XCTAssertEqual(try apply(db, events), [.applied, .applied])
        XCTAssertEqual(try apply(db, events), [.alreadyPresent, .alreadyPresent])
        var changed = customer; changed.tier = .blackCard
        XCTAssertEqual(try apply(db, [.customerUpserted(changed)]), [.applied])
        let log = try db.writer.read { try Row.fetchAll($0, sql: "SELECT node, actor, kind, entity, payload FROM event ORDER BY seq") }
        XCTAssertEqual(log.map { $0["kind"] as String }, ["customer.upserted", "ticket.imported", "customer.upserted"])
        XCTAssertEqual(log[1]["entity"] as String, "ticket:main/T-1")
        XCTAssertEqual(log[0]["node"] as String, try db.nodeID())
        XCTAssertTrue((log[2]["payload"] as String).contains("\"tier\":\"black\""))
    }

    func testAFailedEventLeavesNoTraceOfItsBatch() throws {
        let db = try AppDatabase.inMemory()
        XCTAssertThrowsError(try apply(db, [
            .customerUpserted(Customer(id: "C-1", name: "Li Na")),
            .messageAdded(TicketKey(source: "main", externalID: "nope"), Message(at: at, authorKind: .agent, body: "hi")),
        ]))
        let count = try db.writer.read { try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM customer) + (SELECT count(*) FROM event)") }
        XCTAssertEqual(count, 0)
    }

    func testQueueOrdersByPriorityThenSLAAndFiltersByProduct() throws {
        let db = try AppDatabase.inMemory()
        _ = try apply(db, [.customerUpserted(Customer(id: "C-1", name: "王丽娜")),
                           .ticketImported(ticket("low", priority: .low), firstMessage: nil),
                           .ticketImported(ticket("normal-late", created: 600), firstMessage: nil),
                           .ticketImported(ticket("normal-early", created: 0, product: .hotel), firstMessage: nil),
                           .ticketImported(ticket("sos", priority: .sos, created: 900), firstMessage: nil)])
        XCTAssertEqual(try db.queue().map(\.key.externalID), ["sos", "normal-early", "normal-late", "low"])
        // SOS is everyone's: it passes any product filter.
        XCTAssertEqual(try db.queue(.init(products: [.hotel])).map(\.key.externalID), ["sos", "normal-early"])
        XCTAssertEqual(try db.queue(.init(limit: 2, offset: 1)).map(\.key.externalID), ["normal-early", "normal-late"])
        XCTAssertEqual(try db.counts().byPriority[.sos], 1)
    }

    func testMessagesAreASetAcrossDeliveries() throws {
        let db = try AppDatabase.inMemory()
        let key = TicketKey(source: "main", externalID: "T-1")
        let m = Message(at: at, authorKind: .supplier, authorID: "S-HILTON", body: "Room held until 02:00.")
        XCTAssertEqual(try apply(db, [.customerUpserted(Customer(id: "C-1", name: "x")), .ticketImported(ticket("T-1"), firstMessage: nil),
                                      .messageAdded(key, m), .messageAdded(key, m)]).suffix(2), [.applied, .alreadyPresent])
        XCTAssertEqual(try db.ticketDetail(key)?.messages, [m])
    }

    func testQueueUsesItsIndex() throws {
        let db = try AppDatabase.inMemory()
        let plan = try db.writer.read { d in
            // As `AppDatabase.queue` asks: the partial index needs its condition in the query.
            try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE status = 'queued' AND status != 'resolved' ORDER BY priority_rank, sla_due_at, id LIMIT 50")
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        XCTAssertTrue(plan.contains("ticket_queue"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE FOR ORDER BY"), plan)
    }

    /// v4-trim-indexes dropped ticket_resolved_by_owner: the recently-closed list and its count
    /// must still be index ranges, in order, through ticket_resolutions.
    func testRecentlyClosedUsesTicketResolutions() throws {
        let db = try AppDatabase.inMemory()
        let plans = try db.writer.read { d in
            try [AppDatabase.itemColumns + " WHERE t.owner_id = 'A' AND t.resolved_at IS NOT NULL AND t.status = 'resolved' ORDER BY t.resolved_at DESC LIMIT 50",
                 "SELECT count(*) FROM ticket WHERE owner_id = 'A' AND resolved_at IS NOT NULL AND resolved_at >= 0"].map { sql in
                try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
        XCTAssertNil(try db.writer.read { try String.fetchOne($0, sql: "SELECT name FROM sqlite_master WHERE name = 'ticket_resolved_by_owner'") })
        for plan in plans {
            XCTAssertTrue(plan.contains("ticket_resolutions (owner_id=? AND resolved_at>?)"), plan)
            XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
        }
    }

    /// A claim clears an earlier resolution (an imported resolved ticket); the usual claim, of a
    /// ticket never resolved, takes the statement that leaves those columns alone.
    func testClaimClearsAResolutionOnlyWhereThereIsOne() throws {
        let db = try AppDatabase.inMemory()
        var done = ticket("done")
        done.status = .resolved; done.ownerID = "A-9"; done.resolvedAt = at; done.disposition = .refunded
        _ = try apply(db, [.customerUpserted(Customer(id: "C-1", name: "Li Na")),
                           .ticketImported(ticket("fresh"), firstMessage: nil), .ticketImported(done, firstMessage: nil)])
        // Which UPDATE each claim ran: the rows alone cannot tell, both statements leave NULLs.
        final class Updates: @unchecked Sendable { var sql: [String] = [] }
        let updates = Updates()
        let outcomes = try db.writer.write { d in
            d.trace { event in
                if case .statement(let s) = event, s.sql.hasPrefix("UPDATE ticket SET owner_id") { updates.sql.append(s.sql) }
            }
            defer { d.trace(options: [], nil) }
            let a = try EventApplier(d)
            return try ["fresh", "done"].map { id in
                try a.apply(LoggedEvent(at: at, actor: "test", event: .ticketChanged(TicketKey(source: "main", externalID: id),
                                                                                      .claimed(owner: "A-1"), epoch: 1)))
            }
        }
        XCTAssertEqual(outcomes, [.applied, .applied])
        // What the SET names (the RETURNING clause reads the row's tally columns, resolution included).
        XCTAssertEqual(updates.sql.map { $0.components(separatedBy: " WHERE ")[0].contains("resolved_at") }, [false, true], "\(updates.sql)")
        let rows = try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT external_id, owner_id, status, claim_epoch, resolved_at, disposition, first_contact FROM ticket ORDER BY external_id")
        }
        for r in rows {
            XCTAssertEqual(r["owner_id"] as String?, "A-1"); XCTAssertEqual(r["status"] as String?, "open")
            XCTAssertEqual(r["claim_epoch"] as Int?, 1)
            XCTAssertNil(r["resolved_at"] as Int64?, "\(r)"); XCTAssertNil(r["disposition"] as String?, "\(r)")
            XCTAssertNil(r["first_contact"] as Int?, "\(r)")
        }
    }
}
