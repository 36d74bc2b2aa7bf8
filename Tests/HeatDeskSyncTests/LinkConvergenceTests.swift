import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskSync

/// Follow-up links converge: tickets of one customer imported on different workstations, the
/// batches exchanged in every order, end with the same links everywhere (the oldest open original).
final class LinkConvergenceTests: XCTestCase {
    let at = SyncFixtures.at
    func key(_ id: String) -> TicketKey { SyncFixtures.key(id) }

    /// Imports on one node as the importer does: customer, order, ticket, then the link decision.
    func arrive(_ db: AppDatabase, _ id: String, hours: Double, orders: [String]) throws {
        let t = Ticket(key: key(id), createdAt: at.addingTimeInterval(hours * 3600), channel: .phone, product: .flight,
                       category: .delay, customerID: "C-1", subject: "催办：航班延误 \(id)", orderIDs: orders)
        try db.writer.write { d in
            let a = try EventApplier(d)
            _ = try a.apply(LoggedEvent(at: self.at, actor: "import", event: .customerUpserted(Customer(id: "C-1", name: "王丽娜", language: "zh"))))
            for o in orders {
                _ = try a.apply(LoggedEvent(at: self.at, actor: "import", event: .orderImported(
                    Order(id: o, customerID: "C-1", product: .other, status: .delayed, bookedAt: self.at.addingTimeInterval(-86_400), detail: .other(o)))))
            }
            _ = try a.apply(LoggedEvent(at: self.at, actor: "import", event: .ticketImported(t, firstMessage: nil)))
            try AppDatabase.linkArrivals(d, a, [AppDatabase.Arrival(ticket: t)], at: self.at, actor: "import")
        }
    }

    func links(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { d in
            try String.fetchAll(d, sql: """
                SELECT c.external_id || '>' || p.external_id FROM ticket_link l JOIN ticket c ON c.id = l.child_id
                JOIN ticket p ON p.id = l.parent_id ORDER BY c.external_id
                """)
        }
    }

    func testWorkstationsImportingApartAgreeOnTheOldestOriginalInAnyExchangeOrder() throws {
        let orders: [[Int]] = [[0, 1, 2, 0, 1, 2], [2, 1, 0, 2, 1, 0], [1, 0, 2, 1, 0, 2], [1, 2, 1, 0, 0, 2, 1]]
        var digests = Set<String>()
        for (round, order) in orders.enumerated() {
            let tmp = TemporaryDirectory("heatdesk-links")
            let shared = tmp.path + "/shared"
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
            let nodes = try (0..<3).map { try SyncFixtures.node(tmp.path, "n\($0)", shared: shared) }
            // n0 holds the first contact; n1 the customer's second contact and a chase, which it
            // links to the second (it has not seen the first yet); n2 imports nothing.
            try arrive(nodes[0].0, "HD-1", hours: 0, orders: ["O-1"])
            try arrive(nodes[1].0, "HD-2", hours: 1, orders: ["O-1"])
            try arrive(nodes[1].0, "HD-3", hours: 2, orders: ["O-1"])
            // A chase outside the window of HD-1 (80 h later) links to nothing anywhere.
            try arrive(nodes[2].0, "HD-4", hours: 80, orders: ["O-9"])
            XCTAssertEqual(try links(nodes[1].0), ["HD-3>HD-2"])
            for n in order { let r = try nodes[n].1.exchange(); XCTAssertEqual(r.faults, [], "round \(round)") }
            for (db, e) in nodes { _ = db; try e.exchange() }
            for (db, e) in nodes { _ = db; try e.exchange() }
            let all = try nodes.map { try links($0.0) }
            XCTAssertEqual(all[0], ["HD-2>HD-1", "HD-3>HD-1"], "round \(round): every chase follows the oldest open contact")
            XCTAssertEqual(all[1], all[0], "round \(round)"); XCTAssertEqual(all[2], all[0], "round \(round)")
            let d = try nodes.map { try SyncEngine.digest($0.0) }
            XCTAssertEqual(Set(d).count, 1, "round \(round)")
            digests.insert(d[0])
        }
        XCTAssertEqual(digests.count, 1, "the same state whatever the order")
    }
}
