import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import TerminalTestSupport
import XCTest

/// Follow-ups on the agent screens (issue 14, item 16), on the demo's chase tickets: the link
/// line on both tickets, the follow-up's words in the original's conversation, and `M`.
final class FollowUpFlowTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    func driver(_ agent: String = "AG-002", size: Size = Size(width: 80, height: 24)) throws -> (AgentDriver, AppDatabase) {
        let (db, d) = try DemoFixture.database()
        dir = d
        return (try AgentDriver(db: db, agentID: agent, size: size), db)
    }

    func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    func testMergingTheChaseFromTheOriginalKeepsItsWordsOnTheOriginal() throws {
        let (agent, db) = try driver()
        // The chase HD-000098 waits behind its queued original HD-000097; claiming the original brings it along.
        agent.keys("/"); agent.type("HD-000097"); agent.keys("Enter", "Enter")
        XCTAssertEqual(agent.state.ticket?.key, key("HD-000097"))
        XCTAssertTrue(agent.screen.contains("⟲ Chased 1× — HD-000098 (queued)"), agent.screen)
        XCTAssertTrue(agent.state.ticket!.conversation.contains { $0.text.singleLine.contains("[HD-000098]") },
                      "the chase's words are in the original's conversation")
        agent.key("M")
        guard case .confirm(_, .merge([key("HD-000098")], into: key("HD-000097"), from: key("HD-000097")))? = agent.state.modal else {
            return XCTFail("M asks first: \(String(describing: agent.state.modal))")
        }
        agent.key("n")
        XCTAssertEqual(try db.workState(key("HD-000098"))?.status, .queued, "No changes nothing")
        agent.key("M"); agent.key("y")
        let merged = try XCTUnwrap(db.ticketDetail(key("HD-000098")))
        XCTAssertEqual(merged.ticket.status, .resolved); XCTAssertEqual(merged.ticket.disposition, .duplicate)
        XCTAssertEqual(merged.ticket.ownerID, "AG-002")
        XCTAssertEqual(agent.state.ticket?.key, key("HD-000097"), "the original stays open")
        XCTAssertTrue(agent.screen.contains("⟲ Chased 1× — HD-000098 (merged)"), agent.screen)
        XCTAssertTrue(agent.state.ticket!.conversation.contains { $0.text.singleLine.contains("[HD-000098]") })
        agent.key("Esc"); agent.key("2")
        XCTAssertFalse(agent.state.visibleItems.contains { $0.key == key("HD-000098") }, "a merged chase leaves Mine")
    }

    func testAChaseOfAnotherAgentsTicketIsTheirsAndShowsItsLink() throws {
        // HD-000176 chases HD-000175, which AG-008 holds: not in AG-009's queue, in AG-008's Mine after it.
        let (other, _) = try driver("AG-009")
        XCTAssertFalse(other.state.lists[.queue, default: []].contains { $0.key == key("HD-000176") })
        let (owner, db) = try driver("AG-008")
        let mine = owner.state.lists[.mine, default: []].map(\.key.externalID)
        let at = try XCTUnwrap(mine.firstIndex(of: "HD-000175"))
        XCTAssertEqual(mine[at + 1], "HD-000176", "right after its original")
        // Opened from Mine it is claimed for the owner; M merges it into the original.
        owner.key("2"); owner.keys("/"); owner.type("HD-000176"); owner.keys("Enter", "Enter")
        XCTAssertTrue(owner.screen.contains("↳ Follow-up of HD-000175 (open"), owner.screen)
        owner.key("M"); owner.key("y")
        XCTAssertEqual(try db.workState(key("HD-000176"))?.status, .resolved)
        XCTAssertTrue(owner.screen.contains("↳ Merged into HD-000175"), owner.screen)
    }

    /// The ticket screen of a Chinese chase at 80x24: the link line between the contact line and the bot's summary.
    func testSnapshotOfAChaseAt80x24() throws {
        let (agent, _) = try driver()
        // A phone chase due before its email original: in the queue (marked), so Enter claims it.
        agent.keys("/"); agent.type("HD-000098"); agent.keys("Enter", "Enter")
        XCTAssertEqual(agent.state.ticket?.key, key("HD-000098"))
        XCTAssertTrue(agent.screen.contains("↳ Follow-up of HD-000097 (queued)"), agent.screen)
        let (doc, _) = Snapshot.document("ticket-followup-zh", size: agent.state.size) { theme, size in
            var s = agent.state
            s.theme = theme
            return agentView(s, size)
        }
        Snapshot.assertMatches("agent-ticket-followup-zh-80x24", doc)
    }
}
