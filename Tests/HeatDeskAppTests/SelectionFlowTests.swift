import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// Issue 14, item 7: the selection is always on a visible row, or the screen says why not.
final class SelectionFlowTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    func testEnterAfterAFilteredClaimOpensTheHighlightedRow() throws {
        let (db, d) = try DemoFixture.database()
        dir = d
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        // `/Sophie`, Enter, Enter: claims and opens her queued ticket.
        agent.key("/"); agent.type("Sophie"); agent.key("Enter")
        XCTAssertEqual(agent.state.visibleItems.count, 1)
        agent.key("Enter")
        XCTAssertEqual(agent.state.ticket?.key.externalID, "HD-000035")
        // Back to the lists: her ticket left the queue, so the filter matches nothing, and the
        // list says why instead of showing a dead highlight.
        agent.key("Esc")
        XCTAssertNil(agent.state.ticket)
        XCTAssertNil(agent.state.selectedItem)
        XCTAssertTrue(agent.screen.contains("No ticket matches “Sophie”"), agent.screen)
        // Enter here says why nothing happens.
        agent.key("Enter")
        XCTAssertEqual(agent.state.message?.text.singleLine, "No ticket matches “Sophie”; Esc clears the filter")
        // `2`, `1`: the filter is gone and a row is highlighted; Enter acts on it.
        agent.keys("2", "1")
        XCTAssertEqual(agent.state.filter, "")
        let selected = try XCTUnwrap(agent.state.selectedItem, "a row is highlighted")
        XCTAssertEqual(selected.key, agent.state.visibleItems.first?.key)
        XCTAssertTrue(agentView(agent.state, agent.state.size).textLines[3].contains(selected.customerName.prefix(3)))
        agent.key("Enter")
        XCTAssertEqual(agent.state.ticket?.key, selected.key, "Enter claims and opens the highlighted row")
    }

    func testTheSelectionFollowsTheListWhenItShrinksOrGrows() throws {
        let (db, d) = try DemoFixture.database()
        dir = d
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        agent.key("G")
        let last = try XCTUnwrap(agent.state.selection[.queue]?.selected)
        XCTAssertGreaterThan(last, 2)
        // A reload with fewer rows (others claimed them) keeps the selection on the last row.
        var lists = agent.state.lists
        lists[.queue] = Array(lists[.queue]!.prefix(2))
        agent.send(.listsLoaded(lists, agent.state.counts))
        XCTAssertEqual(agent.state.selection[.queue]?.selected, 1)
        // Empty, then rows again: nothing selected, then the first row.
        lists[.queue] = []
        agent.send(.listsLoaded(lists, agent.state.counts))
        XCTAssertNil(agent.state.selection[.queue]?.selected)
        agent.key("Enter")
        XCTAssertEqual(agent.state.message?.text.singleLine, "This view is empty")
        lists[.queue] = Array(agent.state.lists[.mine]!.prefix(1))
        agent.send(.listsLoaded(lists, agent.state.counts))
        XCTAssertEqual(agent.state.selection[.queue]?.selected, 0)
    }
}
