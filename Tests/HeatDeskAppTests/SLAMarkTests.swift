import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// Issue 14, item 1: the SLA is a first-response target. Until the customer is answered a
/// ticket counts down; once answered it says whether the first response met its target, with
/// the time it took, and nothing counts down any more: on the lists, the ticket screen and in
/// the scriptable verbs' JSON, as the monitor already counts it.
final class SLAMarkTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    let t0 = Date(timeIntervalSince1970: 1_795_305_600)

    func testTheMarkIsACountdownUntilAnsweredThenMetOrMissed() {
        let due = t0.addingTimeInterval(30 * 60)
        let p = SLAPolicy.standard
        // Unanswered: the countdown, then past due.
        XCTAssertEqual(p.mark(createdAt: t0, dueAt: due, firstResponseAt: nil, now: t0.addingTimeInterval(60)),
                       .due(.ok, left: 29 * 60))
        XCTAssertEqual(p.mark(createdAt: t0, dueAt: due, firstResponseAt: nil, now: t0.addingTimeInterval(3600)).cell, "✗30m")
        // Answered in 4 minutes: met, and still met hours later (no countdown, no ✗).
        let met = p.mark(createdAt: t0, dueAt: due, firstResponseAt: t0.addingTimeInterval(240), now: t0.addingTimeInterval(5 * 3600))
        XCTAssertEqual(met, .met(after: 240, at: t0.addingTimeInterval(240)))
        XCTAssertEqual(met.cell, "✓ 4m")
        XCTAssertEqual(met.words, "met: answered in 4m")
        XCTAssertEqual(met.name, "met")
        // Answered at the due time exactly: met; a second later: missed.
        XCTAssertEqual(p.mark(createdAt: t0, dueAt: due, firstResponseAt: due, now: due).name, "met")
        let late = p.mark(createdAt: t0, dueAt: due, firstResponseAt: due.addingTimeInterval(1), now: due.addingTimeInterval(99))
        XCTAssertEqual(late.name, "missed")
        XCTAssertEqual(late.cell, "late 30m")
        // Resolved without a reply counts as answered at the resolution (Docs/metrics.md, "answered").
        XCTAssertEqual(p.mark(createdAt: t0, dueAt: due, firstResponseAt: nil, resolvedAt: t0.addingTimeInterval(600),
                              now: t0.addingTimeInterval(9000)).name, "met")
        // The JSON of `queue` says the same and gives the first response's time.
        let item = QueueItem(key: TicketKey(source: "main", externalID: "HD-1"), priority: .normal, status: .open, channel: .chat,
                             product: .flight, category: .delay, tripProducts: [.flight], createdAt: t0, slaDueAt: due,
                             customerName: "A", customerTier: .star1, subject: "", ownerID: "AG-1",
                             firstResponseAt: t0.addingTimeInterval(240))
        let json = QueueItem.json([item], now: t0.addingTimeInterval(5 * 3600))
        XCTAssertTrue(json.contains("\"sla\":\"met\""), json)
        XCTAssertTrue(json.contains("\"first_response_at\":"), json)
    }

    func testAnsweredTicketsShowMetOrMissedOnTheListsAndTheTicketScreen() throws {
        let (db, d) = try DemoFixture.database()
        dir = d
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        // The demo's Mine list: answered tickets, each first answered within its target.
        agent.key("2")
        let mine = try XCTUnwrap(agent.state.lists[.mine])
        XCTAssertFalse(mine.isEmpty)
        for i in mine {
            XCTAssertNotNil(i.firstResponseAt, "\(i.key)")
            XCTAssertTrue(i.slaMark(now: DemoFixture.baseTime).isAnswered)
        }
        let rows = agent.screen.split(separator: "\n").dropFirst(3).prefix(mine.count)
        for row in rows { XCTAssertTrue(row.contains("✓ "), "an answered ticket shows its met mark: \(row)") }
        XCTAssertFalse(agent.screen.contains("✗"), "no answered ticket counts down or shows ✗:\n\(agent.screen)")

        // An unanswered ticket past due counts down (✗) until the agent replies; then it says
        // the first response missed the target, with how long the customer waited.
        agent.key("1")
        agent.keys("/"); agent.type("HD-000005"); agent.keys("Enter", "Enter")
        let opened = try XCTUnwrap(agent.state.ticket)
        XCTAssertEqual(opened.slaBadge?.text.singleLine, "SLA ✗1m")
        XCTAssertEqual(opened.slaBadge?.role, .breach)
        agent.key("r"); agent.type("张伟您好，我们正在为您处理。"); agent.key("C-s"); agent.key("C-s")
        XCTAssertNil(agent.state.composer, "sent")
        let answered = try XCTUnwrap(agent.state.ticket)
        // (The runtime stamps the reply with the wall clock, so the wait is read back, not assumed.)
        let firstResponse = try XCTUnwrap(answered.detail.ticket.firstResponseAt)
        let waited = firstResponse.timeIntervalSince(answered.detail.ticket.createdAt)
        XCTAssertEqual(answered.slaBadge?.text.singleLine, "SLA missed (reply in \(Durations.short(waited)))")
        XCTAssertEqual(answered.slaBadge?.role, .muted)
        XCTAssertTrue(agent.screen.contains("SLA missed"), agent.screen)
        agent.key("Esc"); agent.key("2")
        let row = try XCTUnwrap(agent.state.lists[.mine]?.first { $0.key.externalID == "HD-000005" })
        XCTAssertEqual(row.slaMark(now: DemoFixture.baseTime).name, "missed")
        XCTAssertEqual(row.slaMark(now: DemoFixture.baseTime).cell, "late " + SLAPolicy.Mark.coarse(waited))
        XCTAssertTrue(agent.screen.contains("late " + SLAPolicy.Mark.coarse(waited)), agent.screen)
    }
}
