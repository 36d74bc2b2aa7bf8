import XCTest
import GRDB
import HeatDeskCore
@testable import HeatDeskStore

/// The drafts table (issue 14, item 2) and the log read that names who moved a ticket (item 12).
final class DraftTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    let li = Agent(id: "A-1", name: "李娜", skills: [.flight], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["en"])
    let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, skills: [], languages: ["zh", "en"])
    var db: AppDatabase!

    func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    func draft(_ agent: String, _ ticket: String, _ v: Visibility, _ body: String, minutes: Double = 0) -> AppDatabase.Draft {
        AppDatabase.Draft(agentID: agent, ticket: key(ticket), visibility: v, body: body, templateID: v == .public ? "flight-delay.en" : nil,
                          audience: .customer, savedAt: at.addingTimeInterval(minutes * 60))
    }

    override func setUpWithError() throws {
        db = try AppDatabase.inMemory()
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-1", name: "Emily Carter", language: "en")),
            .agentUpserted(li), .agentUpserted(tom), .agentUpserted(boss),
            .ticketImported(Ticket(key: key("T-1"), createdAt: at, channel: .chat, product: .flight, category: .delay,
                                   priority: .normal, customerID: "C-1", subject: "delay"), firstMessage: nil),
        ]
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e in events { _ = try a.apply(LoggedEvent(at: self.at, actor: "test", event: e)) }
        }
    }

    func testSaveLoadReplaceAndDeletePerAgentTicketAndVisibility() throws {
        try db.saveDraft(draft("A-1", "T-1", .public, "Dear Emily,"))
        try db.saveDraft(draft("A-1", "T-1", .internal, "called the airline", minutes: 1))
        try db.saveDraft(draft("A-2", "T-1", .public, "Hello Emily"))
        try db.saveDraft(draft("A-1", "T-2", .public, "another ticket"))

        XCTAssertEqual(try db.drafts(agent: "A-1", ticket: key("T-1")),
                       [draft("A-1", "T-1", .public, "Dear Emily,"), draft("A-1", "T-1", .internal, "called the airline", minutes: 1)])
        XCTAssertEqual(try db.drafts(agent: "A-2", ticket: key("T-1")).map(\.body), ["Hello Emily"])
        XCTAssertEqual(try db.drafts(agent: "A-2", ticket: key("T-2")), [])
        XCTAssertEqual(Set(try db.drafts(agent: "A-1").map(\.ticket.externalID)), ["T-1", "T-2"])

        // Saving again replaces; one draft per agent, ticket and visibility.
        try db.saveDraft(draft("A-1", "T-1", .public, "Dear Emily, we found a seat.", minutes: 2))
        XCTAssertEqual(try db.drafts(agent: "A-1", ticket: key("T-1")).first, draft("A-1", "T-1", .public, "Dear Emily, we found a seat.", minutes: 2))

        try db.deleteDraft(agent: "A-1", ticket: key("T-1"), visibility: .public)
        XCTAssertEqual(try db.drafts(agent: "A-1", ticket: key("T-1")).map(\.visibility), [.internal])
        XCTAssertEqual(try db.drafts(agent: "A-2", ticket: key("T-1")).count, 1, "another agent's draft stays")
    }

    func testMovingAReplyToANoteReplacesItInOneStep() throws {
        try db.saveDraft(draft("A-1", "T-1", .public, "text"))
        var note = draft("A-1", "T-1", .internal, "text, as a note")
        note.templateID = nil
        try db.saveDraft(note, moving: .public)
        XCTAssertEqual(try db.drafts(agent: "A-1", ticket: key("T-1")), [note])
    }

    func testDraftsAreNotEventsAndSurviveReopening() throws {
        let events = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") }
        try db.saveDraft(draft("A-1", "T-1", .public, "Dear Emily,"))
        XCTAssertEqual(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") }, events, "nothing in the log, nothing to sync")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("heatdesk-drafts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ws.sqlite").path
        do {
            let file = try AppDatabase.open(path: path)
            try file.saveDraft(draft("A-1", "T-9", .internal, "kept across a restart"))
        }
        XCTAssertEqual(try AppDatabase.open(path: path).drafts(agent: "A-1").map(\.body), ["kept across a restart"])
    }

    func testLastMoveNamesWhoMovedTheTicketAndWhereItIsNow() throws {
        XCTAssertNil(try db.lastMove(of: key("T-1")), "imported, never moved")
        XCTAssertNil(try db.lastMove(of: key("nope")))
        _ = try db.claim(key("T-1"), by: li, at: at)
        XCTAssertEqual(try db.lastMove(of: key("T-1"))?.change, "claimed")
        try db.transfer(key("T-1"), to: tom, by: boss, at: at.addingTimeInterval(60))
        let move = try XCTUnwrap(try db.lastMove(of: key("T-1")))
        XCTAssertEqual(move, AppDatabase.TicketMove(key: key("T-1"), change: "transferred", actorID: "S-1", actorName: "周敏",
                                                   at: at.addingTimeInterval(60), ownerID: "A-2", ownerName: "Tom Baker", status: .open))
        try db.requeue(key("T-1"), by: boss, reason: "stale", at: at.addingTimeInterval(120))
        let requeued = try XCTUnwrap(try db.lastMove(of: key("T-1")))
        XCTAssertEqual(requeued.change, "requeued")
        XCTAssertEqual(requeued.actorID, "S-1")
        XCTAssertNil(requeued.ownerID)
        XCTAssertEqual(requeued.status, .queued)
        // Messages and other events after it do not hide it; a window that does not reach it finds nothing.
        try db.setPriority(key("T-1"), .high, by: boss)
        XCTAssertEqual(try db.lastMove(of: key("T-1"))?.change, "requeued")
        XCTAssertNil(try db.lastMove(of: key("T-1"), window: 1))
    }
}
