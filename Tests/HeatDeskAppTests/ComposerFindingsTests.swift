import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import TerminalTestSupport
import XCTest

/// Issue 14, item 8: every HEAT finding is reachable in the composer, in full, at 80x24 and larger.
final class ComposerFindingsTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    /// A Chinese ticket, a one-word reply checked once: many findings.
    func checkedDraft(_ size: Size) throws -> AgentDriver {
        let (db, d) = try DemoFixture.database()
        dir = d
        let agent = try AgentDriver(db: db, agentID: "AG-002", size: size)
        agent.keys("/"); agent.type("HD-000005"); agent.keys("Enter", "Enter")
        agent.key("r"); agent.type("ok"); agent.key("C-s")
        return agent
    }

    func testEveryFindingIsReachableInFull() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let agent = try checkedDraft(size)
            let findings = try XCTUnwrap(agent.state.composer?.findings)
            XCTAssertGreaterThan(findings.count, 3, "the draft needs more findings than the three collapsed rows")
            // Collapsed: three rows, the last saying how many more and how to see them.
            XCTAssertTrue(agent.screen.contains("+\(findings.count - 2) more HEAT findings · C-r shows all \(findings.count) in full"),
                          agent.screen)
            // C-r pages through all of them, each finding's whole text on screen, then closes.
            var seen = Set<Int>()
            var presses = 0
            agent.key("C-r")
            while agent.state.composer?.findingsFrom != nil && presses < 20 {
                let screen = agent.screen
                for (i, f) in findings.enumerated() {
                    let lines = findingLines(f, width: AgentLayout(size, agent.state).findings.width).map(\.singleLine)
                    if lines.allSatisfy({ screen.contains($0) }) { seen.insert(i) }
                }
                XCTAssertTrue(screen.contains("HEAT findings "), screen)
                agent.key("C-r"); presses += 1
            }
            XCTAssertEqual(seen, Set(findings.indices), "at \(size): every finding was shown in full")
            XCTAssertNil(agent.state.composer?.findingsFrom, "the last C-r returns to the text")
            XCTAssertEqual(agent.state.composer?.editor.text, "ok", "paging the findings leaves the draft alone")
            // Typing edits the draft and drops the findings (they are re-checked on C-s).
            agent.key("C-r"); agent.type("!")
            XCTAssertEqual(agent.state.composer?.editor.text, "ok!")
            XCTAssertNil(agent.state.composer?.findingsFrom)
        }
    }

    func testSnapshotsOfTheFindings() throws {
        let size = Size(width: 80, height: 24)
        let agent = try checkedDraft(size)
        check("findings-collapsed", agent)
        agent.key("C-r")
        check("findings-full", agent)
    }

    func check(_ name: String, _ d: AgentDriver, file: StaticString = #filePath, line: UInt = #line) {
        let size = d.state.size
        let (doc, _) = Snapshot.document(name, size: size) { theme, size in
            var s = d.state
            s.theme = theme
            return agentView(s, size)
        }
        Snapshot.assertMatches("agent-\(name)-\(size.width)x\(size.height)", doc, file: file, line: line)
    }
}

/// Issue 14, item 6: the bot's hand-over summary is readable in full without leaving the ticket.
final class BotSummaryPaneTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    func testTheWholeSummaryIsInItsOwnPane() throws {
        let (db, d) = try DemoFixture.database()
        dir = d
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        agent.keys("/"); agent.type("HD-000005"); agent.keys("Enter", "Enter")
        let summary = try XCTUnwrap(agent.state.ticket?.detail.ticket.botSummary)
        // The header shows what fits and says where the rest is.
        XCTAssertTrue(agent.screen.contains("(S-Tab: Bot summary)"), agent.screen)
        agent.key("S-Tab")
        XCTAssertEqual(agent.state.ticket?.pane, .summary)
        // Every character of the summary is on screen (wrapped), at 80x24, scrolling if needed.
        var shown = ""
        for _ in 0..<10 {
            let rows = agentView(agent.state, agent.state.size).textLines
            shown += rows.joined()
            agent.key("Space")
        }
        let compact = shown.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "│", with: "").replacingOccurrences(of: "█", with: "")
        for clause in summary.split(whereSeparator: { "；。，".contains($0) }) {
            XCTAssertTrue(compact.contains(clause.replacingOccurrences(of: " ", with: "")), "missing: \(clause)")
        }
        check("ticket-summary", agent)
        // Tab goes on round to the conversation.
        agent.key("Tab")
        XCTAssertEqual(agent.state.ticket?.pane, .conversation)
    }

    func check(_ name: String, _ d: AgentDriver, file: StaticString = #filePath, line: UInt = #line) {
        let size = d.state.size
        let (doc, _) = Snapshot.document(name, size: size) { theme, size in
            var s = d.state
            s.theme = theme
            return agentView(s, size)
        }
        Snapshot.assertMatches("agent-\(name)-\(size.width)x\(size.height)", doc, file: file, line: line)
    }
}
