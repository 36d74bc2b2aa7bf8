import Foundation
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync

/// A small center: a supervisor, agents, customers and queued tickets, loaded on one node.
enum SyncFixtures {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)
    static let li = Agent(id: "A-1", name: "李娜", skills: [.flight, .hotel], languages: ["zh", "en"])
    static let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["en"])
    static let wang = Agent(id: "A-3", name: "王强", skills: [.flight, .car], languages: ["zh", "en"])
    static let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, skills: [], languages: ["zh", "en"])
    static let agents = [li, tom, wang, boss]

    static func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    /// Directory, customers and `tickets` queued flight tickets, as one node's own events.
    static func seed(_ db: AppDatabase, tickets: Int) throws {
        var events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-zh", name: "王丽娜", language: "zh")),
            .customerUpserted(Customer(id: "C-en", name: "Emily Carter", language: "en")),
            .supplierUpserted(Supplier(id: "SUP-HILTON", name: "Hilton Tokyo", product: .hotel)),
        ]
        events += agents.map { .agentUpserted($0) }
        for i in 0..<tickets {
            let t = Ticket(key: key(String(format: "T-%05d", i)), createdAt: at.addingTimeInterval(Double(i)), channel: .chat,
                           product: .flight, category: .delay, priority: i % 7 == 0 ? .urgent : .normal,
                           customerID: i % 2 == 0 ? "C-zh" : "C-en", subject: "航班延误 \(i)")
            events.append(.ticketImported(t, firstMessage: Message(at: t.createdAt, authorKind: .customer, body: "My flight is late \(i)")))
        }
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e in events { _ = try a.apply(LoggedEvent(at: at, actor: "import", event: e)) }
        }
    }

    /// A workstation on its own database file, syncing through `shared`.
    static func node(_ dir: String, _ name: String, shared: String, agent: String = "") throws -> (AppDatabase, SyncEngine) {
        let db = try AppDatabase.open(path: dir + "/" + name + ".sqlite")
        return (db, try SyncEngine(db: db, shared: shared, agentID: agent))
    }
}
