import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import TerminalTestSupport
import XCTest

/// Issue 14, item 17: Enter on an earlier contact of the service trail opens it read-only (the
/// ticket screen the monitor shows a supervisor); Esc comes back to the ticket being worked,
/// its panes, selection and composer as they were.
final class EarlierContactTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    /// AG-002 claims and opens HD-000005 (张伟, four earlier contacts) and looks at the trail.
    func onTheTrail(_ size: Size = Size(width: 80, height: 24)) throws -> AgentDriver {
        let (db, d) = try DemoFixture.database()
        dir = d
        let driver = try AgentDriver(db: db, agentID: "AG-002", size: size)
        driver.keys("/"); driver.type("HD-000005"); driver.keys("Enter", "Enter")
        driver.keys("Tab", "Tab")
        XCTAssertEqual(driver.state.ticket?.pane, .trail)
        return driver
    }

    func testEnterOpensTheSelectedEarlierContactReadOnlyAndEscComesBack() throws {
        let d = try onTheTrail()
        d.key("j")   // the second row: HD-000003
        let before = try XCTUnwrap(d.state.ticket)
        d.key("Enter")
        XCTAssertTrue(d.effects.contains(.openEarlier(TicketKey(source: "main", externalID: "HD-000003"))))
        let e = try XCTUnwrap(d.state.earlier)
        XCTAssertEqual(e.key.externalID, "HD-000003")
        XCTAssertTrue(e.readOnly)
        XCTAssertEqual(AgentBindings.context(of: d.state), AgentBindings.earlier)
        XCTAssertTrue(d.screen.contains("◂ Earlier contact HD-000003 · read-only · Esc back to HD-000005"), d.screen)
        XCTAssertTrue(d.screen.contains("Esc/q back to your ticket"), "the help bar says how to get back")
        XCTAssertFalse(d.screen.contains("v reveals"), "read-only: no reveal offered")

        // Looking around moves the earlier contact's screen only; work keys do nothing there.
        d.key("Tab")
        XCTAssertEqual(d.state.earlier?.pane, .orders)
        let effects = d.effects.count
        for k in ["r", "t", "R", "T", "c", "v"] { d.key(KeyEvent(stringLiteral: k)) }
        XCTAssertNil(d.state.composer)
        XCTAssertNil(d.state.modal)
        XCTAssertEqual(d.effects.count, effects, "nothing written from a read-only contact")
        XCTAssertEqual(d.state.message?.text, "HD-000003 is an earlier contact, read-only: Esc goes back to HD-000005")

        d.key("Esc")
        XCTAssertNil(d.state.earlier)
        let after = try XCTUnwrap(d.state.ticket)
        XCTAssertEqual(after.key, before.key)
        XCTAssertEqual(after.pane, .trail, "back where the agent was looking")
        XCTAssertEqual(after.trailList, before.trailList)
        XCTAssertFalse(d.screen.contains("Earlier contact"))
        // q comes back too (it does not leave the ticket or the session).
        d.key("Enter"); XCTAssertNotNil(d.state.earlier)
        d.key("q")
        XCTAssertNil(d.state.earlier); XCTAssertNotNil(d.state.ticket); XCTAssertFalse(d.state.quit)
    }

    func testEnterElsewhereSaysWhereEarlierContactsAre() throws {
        let d = try onTheTrail()
        d.key("S-Tab")   // orders
        d.key("Enter")
        XCTAssertNil(d.state.earlier)
        XCTAssertEqual(d.state.message?.text, "Enter opens an earlier contact from the Service trail pane (Tab)")
    }

    /// The reply being written stays exactly as it was: the earlier contact is a screen of its
    /// own, and its keys (Esc included) never reach the composer.
    func testTheComposerAndDraftAreUntouched() throws {
        let d = try onTheTrail()
        var draft = ComposerState(visibility: .public)
        draft.editor = EditorState(text: "张先生您好，")
        d.state.composer = draft
        let key = try XCTUnwrap(d.state.ticket?.selectedEarlierContact)
        d.state.openingEarlier = key
        let opened = try XCTUnwrap(d.runtime.db.openedTicket(key))
        d.send(.earlierLoaded(opened))
        XCTAssertEqual(d.state.earlier?.key, key)
        XCTAssertTrue(d.screen.contains("Esc back to HD-000005 (draft kept)"), d.screen)
        d.keys("Tab", "j", "Esc")
        XCTAssertNil(d.state.earlier)
        XCTAssertEqual(d.state.composer?.editor.text, "张先生您好，")
        XCTAssertEqual(d.state.composer?.visibility, .public)
        XCTAssertNotEqual(d.state.message?.text, "Draft dropped")
    }

    /// A late answer after Esc does not bring the earlier contact back.
    func testALateAnswerDoesNotReopen() throws {
        let d = try onTheTrail()
        let key = try XCTUnwrap(d.state.ticket?.selectedEarlierContact)
        let opened = try XCTUnwrap(d.runtime.db.openedTicket(key))
        d.send(.earlierLoaded(opened))
        XCTAssertNil(d.state.earlier, "not asked for")
    }

    func testSnapshot() throws {
        let d = try onTheTrail()
        d.key("Enter")
        let (doc, _) = Snapshot.document("earlier-contact", size: d.state.size) { theme, size in
            var s = d.state
            s.theme = theme
            return agentView(s, size)
        }
        Snapshot.assertMatches("agent-earlier-contact-80x24", doc)
    }
}
