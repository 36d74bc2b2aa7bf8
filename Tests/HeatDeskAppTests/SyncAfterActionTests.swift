import Foundation
import HeatDeskApp
import HeatDeskCore
@testable import HeatDeskStore
import HeatDeskSync
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// A local action is published at once: the sync hook runs right after it, not at the next
/// one-second poll.
final class SyncAfterActionTests: XCTestCase {
    let li = Agent(id: "A-1", name: "李娜", skills: [.flight], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["zh", "en"])
    let key = TicketKey(source: "main", externalID: "T-1")

    /// Counts the hook's calls.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        var count: Int { lock.lock(); defer { lock.unlock() }; return n }
        func hit() { lock.lock(); n += 1; lock.unlock() }
    }

    func seed(_ db: AppDatabase) throws {
        let t0 = DemoFixture.baseTime.addingTimeInterval(-600)
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-1", name: "Emily Carter", language: "en")),
            .agentUpserted(li), .agentUpserted(tom),
            .ticketImported(Ticket(key: key, createdAt: t0, channel: .chat, product: .flight, category: .delay, customerID: "C-1",
                                   subject: "Delayed flight"), firstMessage: nil),
        ]
        try db.writer.write { d in
            let applier = try EventApplier(d)
            for e in events { _ = try applier.apply(LoggedEvent(at: t0, actor: "import", event: e)) }
        }
    }

    func testTheHookRunsAfterEachChangeAndNotAfterReads() throws {
        let tmp = TemporaryDirectory("heatdesk-sync-now")
        let db = try AppDatabase.open(path: tmp.file("a.sqlite"))
        try seed(db)
        let calls = Counter()
        let d = try AgentDriver(db: db, agentID: li.id, background: { calls.hit(); return false })
        XCTAssertEqual(calls.count, 0, "loading the lists publishes nothing")
        d.key("n")   // claim next: T-1
        XCTAssertEqual(d.state.ticket?.key, key)
        XCTAssertEqual(calls.count, 1, "the claim is published at once")
        d.key("r"); d.type("We are rebooking you now."); d.key("C-s"); d.key("C-s")
        XCTAssertEqual(try db.ticketDetail(key)?.messages.count, 1)
        XCTAssertEqual(calls.count, 2, "so is the reply")
        d.key("Esc")
        XCTAssertEqual(calls.count, 2)
    }

    func testAnotherWorkstationSeesTheClaimOnItsNextPoll() throws {
        let tmp = TemporaryDirectory("heatdesk-sync-now")
        let shared = tmp.file("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let a = try AppDatabase.open(path: tmp.file("a.sqlite"))
        let ea = try SyncEngine(db: a, shared: shared, agentID: li.id)
        let b = try AppDatabase.open(path: tmp.file("b.sqlite"))
        let eb = try SyncEngine(db: b, shared: shared, agentID: tom.id)
        try seed(a)
        try ea.exchange(); try eb.exchange()
        XCTAssertEqual(try b.workState(key)?.status, .queued)

        let d = try AgentDriver(db: a, agentID: li.id, authority: ea.authority, background: { try ea.exchange().news })
        d.key("n")
        // B polls once: Li's claim is already in the shared directory's log, not only her claim file.
        XCTAssertTrue(try eb.exchange().news)
        XCTAssertEqual(try b.workState(key)?.ownerID, li.id)
    }

    func testASyncFaultAfterAnActionIsSaidButTheActionStands() throws {
        let tmp = TemporaryDirectory("heatdesk-sync-now")
        let db = try AppDatabase.open(path: tmp.file("a.sqlite"))
        try seed(db)
        let d = try AgentDriver(db: db, agentID: li.id, background: { throw CocoaError(.fileWriteVolumeReadOnly) })
        d.key("n")
        XCTAssertEqual(try db.workState(key)?.ownerID, li.id)
        XCTAssertEqual(d.state.message?.kind, .error)
        XCTAssertTrue(d.state.message?.text.singleLine.hasPrefix("sync:") ?? false, "\(String(describing: d.state.message))")
    }
}
