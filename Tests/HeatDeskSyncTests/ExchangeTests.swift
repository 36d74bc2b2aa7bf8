import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskSync

/// Two and three workstations meeting in a temporary shared directory.
final class ExchangeTests: XCTestCase {
    var tmp: TemporaryDirectory!
    var shared: String { tmp.path + "/shared" }

    override func setUp() {
        tmp = TemporaryDirectory("heatdesk-sync")
        try! FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
    }

    func testImportedTicketsReachTheOtherWorkstationAndClaimsAreExclusive() throws {
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared, agent: "A-1")
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared, agent: "A-2")
        try SyncFixtures.seed(a, tickets: 20)
        let ra = try ea.exchange()
        XCTAssertEqual(ra.faults, []); XCTAssertGreaterThan(ra.exported, 20)
        let rb = try eb.exchange()
        XCTAssertEqual(rb.faults, []); XCTAssertTrue(rb.news); XCTAssertEqual(rb.appliedFiles.count, 1)
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
        XCTAssertFalse(try eb.exchange().news, "nothing new the second time")

        // Both see T-00003 queued; B claims first through the shared directory; A, not yet synced, loses.
        let k = SyncFixtures.key("T-00003")
        XCTAssertEqual(try b.claim(k, by: SyncFixtures.tom, authority: eb.authority), .claimed(k, epoch: 1))
        XCTAssertEqual(try a.claim(k, by: SyncFixtures.li, authority: ea.authority), .heldBy(k, agentID: "A-2", name: "Tom Baker"))
        XCTAssertEqual(try a.workState(k)?.status, .queued, "the loser wrote nothing")
        try eb.exchange(); try ea.exchange()
        XCTAssertEqual(try a.workState(k)?.ownerID, "A-2")
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
        XCTAssertTrue(FileManager.default.fileExists(atPath: shared + "/claims/main.T-00003/1.json"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: shared + "/heartbeat/" + (try a.nodeID())))
    }

    /// Several batch files (the next is read ahead while one is applied), written by "another
    /// implementation" whose payload JSON is spaced differently: the receiving log keeps each
    /// payload byte for byte, and the tables agree.
    func testRemoteEventsAreLoggedAsTheirBatchLinesCarryThem() throws {
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared)
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared)
        try SyncFixtures.seed(a, tickets: 12)
        ea.batchLimit = 4
        let files = try ea.exchange().exportedFiles
        XCTAssertGreaterThan(files.count, 3)
        let node = try a.nodeID()
        var written: [Int64: [UInt8]] = [:]
        for f in files {
            let path = shared + "/log/" + node + "/" + f, range = SharedDirectory.parseBatchName(f)!
            var batch = try Batch.decode(Data(contentsOf: URL(fileURLWithPath: path)), path: path, node: node, from: range.from, to: range.to)
            for i in batch.events.indices {
                // `{"k":v,...}` becomes `{ "k": v, ...}`: the same object, other bytes.
                var spaced: [UInt8] = [], inString = false, escaped = false
                for c in batch.events[i].payload {
                    spaced.append(c)
                    if inString { if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }; continue }
                    if c == 0x22 { inString = true } else if c == UInt8(ascii: "{") || c == UInt8(ascii: ",") || c == UInt8(ascii: ":") { spaced.append(0x20) }
                }
                batch.events[i].payload = spaced
                written[batch.events[i].seq] = spaced
            }
            try FileManager.default.removeItem(atPath: path)
            try batch.encoded().write(to: URL(fileURLWithPath: path))
        }
        let r = try eb.exchange()
        XCTAssertEqual(r.faults, []); XCTAssertEqual(r.appliedFiles.count, files.count)
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
        let logged = try b.writer.read { d in
            try Row.fetchAll(d, sql: "SELECT origin_seq, payload FROM event WHERE node = ?", arguments: [node])
                .map { (Int64($0[0] as Int), Array(($0[1] as String).utf8)) }
        }
        XCTAssertEqual(logged.count, written.count)
        for (seq, payload) in logged { XCTAssertEqual(payload, written[seq], "event \(seq)") }
        XCTAssertTrue(logged.allSatisfy { $0.1.starts(with: Array("{ \"".utf8)) })
    }

    func testAnOwnerWhoLostTheTicketCannotOverwriteTheNewOwner() throws {
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared, agent: "A-1")
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared, agent: "S-1")
        try SyncFixtures.seed(a, tickets: 3)
        let k = SyncFixtures.key("T-00001")
        XCTAssertEqual(try a.claim(k, by: SyncFixtures.li, authority: ea.authority), .claimed(k, epoch: 1))
        try ea.exchange(); try eb.exchange()
        // The supervisor hands it to Tom (epoch 2) while Li, offline, sets it pending and resolves it in epoch 1.
        try b.transfer(k, to: SyncFixtures.tom, by: SyncFixtures.boss, authority: eb.authority)
        try a.setPending(k, waitingFor: "customer", by: SyncFixtures.li)
        try a.addMessage(k, by: SyncFixtures.li, body: "Waiting for your passport number.", visibility: .public)
        try a.resolve(k, .solved, by: SyncFixtures.li)
        try eb.exchange()
        let ra = try ea.exchange()
        let rb = try eb.exchange()
        XCTAssertEqual(ra.faults + rb.faults, [])
        for db in [a, b] {
            let s = try XCTUnwrap(db.workState(k))
            XCTAssertEqual(s.ownerID, "A-2"); XCTAssertEqual(s.epoch, 2); XCTAssertEqual(s.status, .open)
        }
        // Li's epoch-1 changes reached B after epoch 2: rejected, kept visible, the message kept (append-only).
        XCTAssertEqual(Set(rb.rejected.map(\.kind)), ["ticket.status_changed", "ticket.resolved"])
        XCTAssertEqual(try eb.rejections().count, 2)
        XCTAssertEqual(try eb.rejections(for: k).map(\.actor), ["A-1", "A-1"])
        XCTAssertEqual(try eb.rejections(for: SyncFixtures.key("T-00002")), [])
        XCTAssertEqual(try b.ticketDetail(k)?.messages.count, try a.ticketDetail(k)?.messages.count)
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }

    /// A claim is stale when its workstation's heartbeat is older than the limit; the scan reads
    /// each claim file once (they never change), and only while the claim is held.
    func testStaleClaimsFollowHeartbeatsAndReadEachClaimFileOnce() throws {
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared, agent: "A-1")
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared, agent: "S-1")
        try SyncFixtures.seed(a, tickets: 3)
        let k = SyncFixtures.key("T-00001")
        XCTAssertEqual(try a.claim(k, by: SyncFixtures.li, authority: ea.authority), .claimed(k, epoch: 1))
        try ea.exchange(); try eb.exchange()
        XCTAssertEqual(try eb.staleClaims(olderThan: 120), [], "A beat just now")
        let later = Date().addingTimeInterval(600)
        let stale = try eb.staleClaims(olderThan: 120, now: later)
        XCTAssertEqual(stale.map(\.ticket), [k])
        XCTAssertEqual(stale.first?.holder, "A-1")
        XCTAssertEqual(stale.first?.node, try a.nodeID())

        // Removed behind its back, the claim file is still known to this engine: it was read once.
        try FileManager.default.removeItem(atPath: shared + "/claims/main.T-00001/1.json")
        XCTAssertEqual(try eb.staleClaims(olderThan: 120, now: later).map(\.holder), ["A-1"])
        let fresh = try SyncEngine(db: b, shared: shared, agentID: "S-1")
        XCTAssertEqual(try fresh.staleClaims(olderThan: 120, now: later), [], "a new engine reads the files")

        // Requeued (a new epoch): no longer held, no longer listed.
        try b.requeue(k, by: SyncFixtures.boss, reason: "stale", authority: eb.authority)
        XCTAssertEqual(try eb.staleClaims(olderThan: 120, now: later), [])
    }

    /// A run killed between linking a claim and committing it wins its own claim on retry; a
    /// run killed between publishing a batch and recording it republishes the same bytes.
    func testRecoveryAfterAKillBetweenTheSharedDirectoryAndTheDatabase() throws {
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared, agent: "A-1")
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared, agent: "A-2")
        try SyncFixtures.seed(a, tickets: 2)
        let first = try ea.exchange()
        let k = SyncFixtures.key("T-00000")
        XCTAssertEqual(try ea.authority.acquire(k, epoch: 1, holder: "A-1"), .won)   // ... and the process died here
        XCTAssertEqual(try a.claim(k, by: SyncFixtures.li, authority: ea.authority), .claimed(k, epoch: 1), "the retry wins")
        XCTAssertEqual(try eb.authority.acquire(k, epoch: 1, holder: "A-2"), .lost(to: "A-1"))
        XCTAssertEqual(try eb.authority.acquire(k, epoch: 1, holder: "A-1"), .lost(to: "A-1"), "same agent, another workstation: lost")

        // A run placed its batch, then died before recording it: the marks say "pending".
        let log = shared + "/log/" + (try a.nodeID())
        let before = try FileManager.default.contentsOfDirectory(atPath: log).sorted()
        try a.setMeta("sync.exported", "0")
        try a.setMeta("sync.pending", first.exportedFiles[0])
        let again = try ea.exchange()
        XCTAssertEqual(again.faults, [])
        XCTAssertEqual(again.exportedFiles.count, 1, "only the claim's batch is new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: log).count, before.count + 1)
        XCTAssertNil(try a.meta("sync.pending"))
        try eb.exchange()
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }

    /// A workstation that claimed without the shared directory loses to the claim file everywhere.
    func testOwnerOnlyFromClaimFiles() throws {
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared, agent: "A-1")
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared, agent: "A-2")
        try SyncFixtures.seed(a, tickets: 2)
        try ea.exchange(); try eb.exchange()
        let k = SyncFixtures.key("T-00001")
        XCTAssertEqual(try a.claim(k, by: SyncFixtures.li, authority: ea.authority), .claimed(k, epoch: 1))
        XCTAssertEqual(try b.claim(k, by: SyncFixtures.tom), .claimed(k, epoch: 1), "a local claim, not through the directory")
        let rb = try eb.exchange()
        let ra = try ea.exchange()
        let rb2 = try eb.exchange()
        XCTAssertEqual(ra.rejected.map(\.kind), ["ticket.claimed"], "Tom's claim has no claim file behind it")
        XCTAssertEqual(rb.rejected + rb2.rejected, [])
        XCTAssertTrue(rb2.news, "Li's claim replaces Tom's on B")
        for db in [a, b] { XCTAssertEqual(try db.workState(k)?.ownerID, "A-1") }
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }

    func testOnlyTheOwnerOrASupervisorClosesEvenFromAnotherWorkstation() throws {
        let db = try AppDatabase.inMemory()
        try SyncFixtures.seed(db, tickets: 1)
        let k = SyncFixtures.key("T-00000")
        _ = try db.claim(k, by: SyncFixtures.li)
        let outcome = try db.writer.write { d in
            try EventApplier(d).apply(LoggedEvent(at: Date(), actor: "A-2", event: .ticketChanged(k, .resolved(.solved, firstContact: false), epoch: 1)),
                                      origin: .init(node: "elsewhere", seq: 9, hlc: 1))
        }
        guard case .rejected(let why) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(why.contains("neither its owner"), why)
    }

    func testPriorityIsLastWriterWinsOnTheClockInEveryOrder() throws {
        let k = SyncFixtures.key("T-00000")
        func run(_ order: [Int]) throws -> Int {
            let db = try AppDatabase.inMemory()
            try SyncFixtures.seed(db, tickets: 1)
            let changes: [(Priority, Int64, String)] = [(.high, 100 << 16, "n1"), (.sos, 100 << 16, "n2"), (.low, 90 << 16, "n3")]
            try db.writer.write { d in
                let a = try EventApplier(d)
                for i in order {
                    let (p, hlc, node) = changes[i]
                    _ = try a.apply(LoggedEvent(at: Date(), actor: "S-1", event: .ticketChanged(k, .priorityChanged(p), epoch: 0)),
                                    origin: .init(node: node, seq: Int64(i + 1), hlc: hlc))
                }
            }
            return try db.writer.read { try Int.fetchOne($0, sql: "SELECT priority_rank FROM ticket")! }
        }
        let results = try [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]].map(run)
        XCTAssertEqual(Set(results), [Priority.sos.rank], "equal clocks: the greater node id wins")
    }
}

final class BackgroundSyncTests: XCTestCase {
    func testAClaimElsewhereReachesARunningWorkstationWithinAPollOrTwo() throws {
        let tmp = TemporaryDirectory("heatdesk-bg")
        let shared = tmp.path + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared, agent: "A-1")
        let (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared, agent: "A-2")
        try SyncFixtures.seed(a, tickets: 4)
        try ea.exchange(); try eb.exchange()
        let news = expectation(description: "news arrives")
        news.assertForOverFulfill = false
        let bg = BackgroundSync(engine: eb, interval: 0.1) { result in
            if case .success(let r) = result, r.news { news.fulfill() }
        }
        bg.start()
        defer { bg.stop() }
        let k = SyncFixtures.key("T-00002")
        XCTAssertEqual(try a.claim(k, by: SyncFixtures.li, authority: ea.authority), .claimed(k, epoch: 1))
        try ea.exchange()
        wait(for: [news], timeout: 5)
        XCTAssertEqual(try b.workState(k)?.ownerID, "A-1", "the ticket left B's queue")
    }
}
