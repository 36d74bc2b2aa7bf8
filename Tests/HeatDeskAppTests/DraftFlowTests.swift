import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// Issue 14, items 2 and 12: typed replies and notes are never lost (kept per agent and ticket
/// in the database, offered again, kept on a refused send, on Esc and on a quit, dropped once
/// sent), and an agent is told when someone else moved one of their tickets on.
final class DraftFlowTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    let sos = TicketKey(source: "main", externalID: "HD-000009")

    func demo() throws -> AppDatabase {
        let (db, d) = try DemoFixture.database()
        dir = d
        return db
    }

    /// Another process on the same file (the supervisor's monitor, a verb): its commits reach the
    /// session through `data_version`, as they do on a real workstation.
    func otherProcess() throws -> AppDatabase { try AppDatabase.open(path: dir!.file("demo.sqlite")) }

    /// AG-002 claims and opens HD-000009 (the SOS of the issue).
    func claimSOS(_ db: AppDatabase) throws -> AgentDriver {
        let d = try AgentDriver(db: db, agentID: "AG-002")
        d.key("/"); d.type("HD-000009"); d.key("Enter")
        XCTAssertEqual(d.state.visibleItems.map(\.key), [sos])
        d.key("Enter")
        XCTAssertEqual(d.state.ticket?.key, sos)
        XCTAssertEqual(d.state.ticket?.detail.ticket.ownerID, "AG-002")
        return d
    }

    /// A template chosen over words the agent already wrote (typed, or a restored draft) keeps
    /// them below it; a template chosen over an untouched template replaces it.
    func testATemplateChosenOverTypedWordsKeepsThem() throws {
        let d = try claimSOS(try demo())
        d.key("r"); d.type("Emily, I am calling the embassy now")
        func pickFirstTemplate() {
            d.key("C-t")
            guard case .picker? = d.state.modal else { return XCTFail("no template picker: \(String(describing: d.state.modal))") }
            d.key("Enter")
            while case .blanks? = d.state.modal { d.type("x"); d.key("Enter") }
        }
        pickFirstTemplate()
        let text = try XCTUnwrap(d.state.composer?.editor.text)
        XCTAssertTrue(text.hasSuffix("Emily, I am calling the embassy now"), text)
        XCTAssertNotNil(d.state.composer?.templateID)
        XCTAssertTrue(d.state.message?.text.singleLine.contains("kept below") ?? false, "\(String(describing: d.state.message))")
        // A fresh composer with a template only: choosing again replaces the untouched template.
        d.key("C-x"); d.key("y")
        XCTAssertNil(d.state.composer, "thrown away")
        d.key("r")
        XCTAssertEqual(d.state.composer?.editor.text, "")
        pickFirstTemplate()
        let once = try XCTUnwrap(d.state.composer?.editor.text)
        pickFirstTemplate()
        XCTAssertEqual(d.state.composer?.editor.text, once, "an untouched template is replaced, not stacked")
    }

    /// C-s, and C-s again when HEAT findings held the first one.
    func sendAnyway(_ d: AgentDriver) {
        d.key("C-s")
        if d.state.composer?.findings?.isEmpty == false { d.key("C-s") }
    }

    /// A poll as the session makes it each second: another process's commit becomes a reload.
    func poll(_ d: AgentDriver) {
        let inbox = Inbox()
        d.runtime.execute(.poll) { inbox.post($0) }
        for m in inbox.items { d.send(m) }
    }

    func kept(_ db: AppDatabase, _ agent: String = "AG-002") throws -> [Visibility: String] {
        var out: [Visibility: String] = [:]
        for d in try db.drafts(agent: agent, ticket: sos) { out[d.visibility] = d.body }
        return out
    }

    // MARK: item 2

    func testTheDraftSurvivesARequeueAndTheRefusedSendKeepsItInTheEditor() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("r")
        let text = "Dear Emily, I am sorry about your passport. I am calling the embassy for you now."
        d.type(text)
        // A pause: the tick keeps what was typed.
        d.send(.tick(DemoFixture.baseTime.addingTimeInterval(60)))
        XCTAssertEqual(try kept(db)[.public], text, "kept while typing, before any Esc or send")

        // The supervisor requeues the ticket from the monitor.
        let other = try otherProcess()
        try other.requeue(sos, by: try XCTUnwrap(try other.agent(id: "SV-01")), reason: "stale claim")
        poll(d)
        XCTAssertEqual(d.state.message?.text.singleLine, "HD-000009 was requeued by 赵雪梅 (SV-01); your draft is kept")
        XCTAssertEqual(d.state.composer?.editor.text, text, "the editor stays open with the text")
        XCTAssertNil(d.state.ticket?.detail.ticket.ownerID)

        // Sending is refused: the text is back in the editor, with the reason.
        sendAnyway(d)
        let c = try XCTUnwrap(d.state.composer, "the refused reply is back in the editor")
        XCTAssertEqual(c.editor.text, text)
        let msg = try XCTUnwrap(d.state.message?.text.singleLine)
        XCTAssertTrue(msg.hasPrefix("Not sent: HD-000009 is queued and not claimed"), msg)
        XCTAssertTrue(msg.contains("kept"), msg)
        XCTAssertNil(d.state.busy)
        XCTAssertEqual(try kept(db)[.public], text, "still kept in the database")
        XCTAssertFalse(try XCTUnwrap(try db.ticketDetail(sos)).messages.contains { $0.body == text })

        // Esc keeps it; claiming again and r continue it; this time it goes, and the draft with it.
        d.key("Esc")
        XCTAssertNil(d.state.composer)
        d.key("c")
        XCTAssertEqual(d.state.ticket?.detail.ticket.ownerID, "AG-002")
        d.key("r")
        XCTAssertEqual(d.state.composer?.editor.text, text)
        sendAnyway(d)
        XCTAssertNil(d.state.composer)
        XCTAssertEqual(d.state.message?.text.singleLine, "Reply sent")
        XCTAssertTrue(try XCTUnwrap(try db.ticketDetail(sos)).messages.contains { $0.body == text })
        XCTAssertEqual(try kept(db), [:], "a sent reply leaves no draft")
        XCTAssertTrue(d.state.drafts.isEmpty)
    }

    func testADraftIsOfferedAgainWhenTheTicketOpensInANewSession() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("r")
        d.type("Dear Emily, the embassy opens at 09:30 tomorrow.")
        // No Esc, no tick: 40 keystrokes keep it too, and the rest is lost only to a crash within the second.
        XCTAssertEqual(try kept(db)[.public].map { $0.count >= ComposerState.saveEvery }, true)
        d.key("Esc")
        XCTAssertEqual(d.state.message?.text.singleLine, "Draft kept — r continues it, C-x in the editor throws it away")
        XCTAssertEqual(try kept(db)[.public], "Dear Emily, the embassy opens at 09:30 tomorrow.")

        // A new session (after a quit or a crash): the state comes from the database.
        let again = try AgentDriver(db: db, agentID: "AG-002")
        again.key("2")
        let row = try XCTUnwrap(again.state.visibleItems.firstIndex { $0.key == sos })
        again.state.selection[.mine] = ListState(selected: row)
        again.key("Enter")
        XCTAssertEqual(again.state.ticket?.key, sos)
        XCTAssertNil(again.state.composer, "offered, not forced open")
        XCTAssertEqual(again.state.message?.text.singleLine, "Draft from 08:00 kept — r to continue")
        again.key("r")
        XCTAssertEqual(again.state.composer?.editor.text, "Dear Emily, the embassy opens at 09:30 tomorrow.")
        XCTAssertTrue(again.screen.contains("draft kept 08:00"), again.screen)
        // Another agent does not see it.
        XCTAssertEqual(try kept(db, "AG-009"), [:])
    }

    func testEscKeepsABlankEditorDropsItAndCxThrowsAwayAfterAsking() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("r"); d.type("Dear Emily,"); d.key("Esc")
        XCTAssertEqual(try kept(db)[.public], "Dear Emily,")

        // Emptied and closed: nothing is kept any more (that is what the agent did).
        d.key("r")
        for _ in 0..<11 { d.key("Backspace") }
        d.key("Esc")
        XCTAssertEqual(d.state.message?.text.singleLine, "Editor closed")
        XCTAssertEqual(try kept(db), [:])

        // C-x asks; No keeps the text; Yes throws it away.
        d.key("r"); d.type("Sorry, wrong ticket")
        d.key("C-x")
        guard case .confirm(_, .discardDraft)? = d.state.modal else { return XCTFail("C-x did not ask: \(String(describing: d.state.modal))") }
        d.key("n")
        XCTAssertEqual(d.state.composer?.editor.text, "Sorry, wrong ticket")
        d.key("C-x"); d.key("y")
        XCTAssertNil(d.state.composer)
        XCTAssertEqual(d.state.message?.text.singleLine, "Reply thrown away")
        XCTAssertEqual(try kept(db), [:])
    }

    func testNotesAreKeptApartFromReplies() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("N"); d.type("Embassy: +33 1 44 51 31 00"); d.key("Esc")
        XCTAssertEqual(d.state.message?.text.singleLine, "Note draft kept — N continues it, C-x in the editor throws it away")
        d.key("r")
        XCTAssertEqual(d.state.composer?.editor.text, "", "a reply does not pick up the note")
        XCTAssertEqual(d.state.composer?.visibility, .public)
        d.type("Dear Emily,")
        // Switching this reply to a note would overwrite the kept note: refused, with why.
        d.key("C-o")
        XCTAssertEqual(d.state.composer?.visibility, .public)
        XCTAssertTrue(d.state.message?.text.singleLine.hasPrefix("You keep a note draft") ?? false)
        d.key("Esc")
        XCTAssertEqual(try kept(db), [.public: "Dear Emily,", .internal: "Embassy: +33 1 44 51 31 00"])

        // Back and in again: both are offered; the note goes in and only its draft goes.
        d.key("Esc")
        d.key("2")
        d.state.selection[.mine] = ListState(selected: try XCTUnwrap(d.state.visibleItems.firstIndex { $0.key == sos }))
        d.key("Enter")
        XCTAssertEqual(d.state.message?.text.singleLine, "Draft from 08:00 kept — r to continue; Note draft from 08:00 kept — N to continue")
        d.key("N")
        XCTAssertEqual(d.state.composer?.visibility, .internal)
        XCTAssertEqual(d.state.composer?.editor.text, "Embassy: +33 1 44 51 31 00")
        d.key("C-s")
        XCTAssertEqual(d.state.message?.text.singleLine, "Note saved")
        XCTAssertEqual(try kept(db), [.public: "Dear Emily,"])
    }

    func testQuittingFromTheEditorKeepsTheTextFirst() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("r"); d.type("Dear Emily")
        // The runtime answers later, as a real one would: the quit waits for the save.
        var s = d.state
        let fx = agentUpdate(&s, .key(KeyEvent("C-c")))
        guard case .saveDraft(let draft, _, _)? = fx.first else { return XCTFail("no save before quitting: \(fx)") }
        XCTAssertEqual(draft.body, "Dear Emily")
        XCTAssertFalse(s.quit, "not before the draft is kept")
        XCTAssertEqual(s.busy, "Keeping your draft…")
        _ = agentUpdate(&s, .draftSaved(sos))
        XCTAssertTrue(s.quit)

        // A failed save does not leave silently: it says so, and a second C-c leaves.
        var f = d.state
        _ = agentUpdate(&f, .key(KeyEvent("C-c")))
        _ = agentUpdate(&f, .draftNotSaved(sos, "disk I/O error"))
        XCTAssertFalse(f.quit)
        XCTAssertEqual(f.message?.text.singleLine, "Draft of HD-000009 not kept: disk I/O error — C-c again leaves without it")
        _ = agentUpdate(&f, .key(KeyEvent("C-c")))
        XCTAssertTrue(f.quit)
    }

    /// Effects run concurrently: a save that arrives after a newer one, or after the send, is dropped.
    func testALateSaveDoesNotUndoANewerOneOrTheSend() throws {
        let db = try demo()
        let d = try claimSOS(db)
        let rt = d.runtime
        func draft(_ text: String) -> AppDatabase.Draft {
            AppDatabase.Draft(agentID: "AG-002", ticket: sos, visibility: .public, body: text, savedAt: DemoFixture.baseTime)
        }
        let inbox = Inbox()
        rt.execute(.saveDraft(draft("newer"), moving: nil, revision: 1002)) { inbox.post($0) }
        rt.execute(.saveDraft(draft("older"), moving: nil, revision: 1001)) { inbox.post($0) }
        XCTAssertEqual(try kept(db)[.public], "newer")
        rt.execute(.send(draft("Dear Emily, sent."), moving: nil, revision: 1003)) { inbox.post($0) }
        rt.execute(.saveDraft(draft("Dear Emily, sent"), moving: nil, revision: 1002)) { inbox.post($0) }
        XCTAssertEqual(try kept(db), [:], "the send dropped the draft; the late save does not bring it back")
        XCTAssertEqual(inbox.items.filter { if case .draftSaved = $0 { return true } else { return false } }.count, 3, "every save is answered")
    }

    // MARK: item 12

    func testAReassignmentBySomeoneElseIsNamedAndMyOwnMovesAreNot() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("Esc")
        let other = try otherProcess()
        let sv = try XCTUnwrap(try other.agent(id: "SV-01"))
        try other.transfer(sos, to: try XCTUnwrap(try other.agent(id: "AG-009")), by: sv)
        poll(d)
        XCTAssertEqual(d.state.message?.text.singleLine, "HD-000009 was reassigned by 赵雪梅 (SV-01) to Emma Walsh (AG-009)")
        XCTAssertEqual(d.state.message?.kind, .warning)
        XCTAssertFalse(d.state.lists[.mine]?.contains { $0.key == sos } ?? true)

        // My own transfer to the queue says what I did, not that someone else did it.
        d.key("n")
        let mine = try XCTUnwrap(d.state.ticket?.key)
        d.key("T")
        guard case .picker(_, .transfer)? = d.state.modal else { return XCTFail("no transfer picker") }
        d.key("Enter")   // ↩ back to the queue
        XCTAssertTrue(d.effects.contains(.explainDepartures([mine])), "it left Mine, and the log was asked")
        XCTAssertEqual(d.state.message?.text.singleLine, "\(mine) is back in the queue", "no notice of my own move")
    }

    func testARequeueWhileTheListsAreShownIsNamedWithTheKeptDraft() throws {
        let db = try demo()
        let d = try claimSOS(db)
        d.key("N"); d.type("Called the hotel"); d.key("Esc"); d.key("Esc")
        XCTAssertNil(d.state.ticket)
        let other = try otherProcess()
        try other.requeue(sos, by: try XCTUnwrap(try other.agent(id: "SV-01")), reason: "agent left")
        poll(d)
        XCTAssertEqual(d.state.message?.text.singleLine, "HD-000009 was requeued by 赵雪梅 (SV-01); your draft is kept")
    }
}

/// Drafts stay on the workstation: a snapshot for new workstations carries none of them.
final class DraftSnapshotTests: XCTestCase {
    func testASnapshotCarriesNoDraft() throws {
        let (db, dir) = try DemoFixture.database()
        let shared = dir.file("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let secret = "PRIVATE-DRAFT-7f3a: Emily's new passport number is 123456789"
        try db.saveDraft(AppDatabase.Draft(agentID: "AG-002", ticket: TicketKey(source: "main", externalID: "HD-000009"),
                                           visibility: .internal, body: secret, savedAt: DemoFixture.baseTime))
        let engine = try SyncEngine(db: db, shared: shared)
        let id = try engine.writeSnapshot(now: DemoFixture.baseTime)
        let copy = shared + "/snapshots/" + id + "/db.sqlite"
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: copy))
        XCTAssertNil(bytes.range(of: Data(secret.utf8)), "the draft's text is nowhere in the snapshot file")
        let fresh = dir.file("fresh.sqlite")
        XCTAssertNotNil(try SyncEngine.bootstrap(path: fresh, shared: shared))
        XCTAssertEqual(try AppDatabase.open(path: fresh).drafts(agent: "AG-002"), [])
        XCTAssertEqual(try db.drafts(agent: "AG-002").map(\.body), [secret], "the workstation keeps its own")
    }
}
