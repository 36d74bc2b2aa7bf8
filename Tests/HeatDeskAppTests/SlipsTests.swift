import Foundation
import GRDB
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// Issue 14, item 14: an SOS is never lowered without a word, a ticket is not resolved without a
/// reply unasked, first-contact resolution needs a reply to the customer, and `q` asks first.
final class SlipsTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    func demo() throws -> AppDatabase {
        let (db, d) = try DemoFixture.database()
        dir = d
        return db
    }

    /// Claims and opens the first queued SOS ticket.
    func openSOS(_ agent: AgentDriver) throws -> TicketKey {
        let sos = try XCTUnwrap(agent.state.lists[.queue]?.first { $0.priority == .sos })
        agent.keys("/"); agent.type(sos.key.externalID); agent.keys("Enter", "Enter")
        XCTAssertEqual(agent.state.ticket?.key, sos.key)
        XCTAssertEqual(agent.state.ticket?.detail.ticket.ownerID, "AG-002")
        return sos.key
    }

    func testLoweringAnSOSAsksFirst() throws {
        let db = try demo()
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        let key = try openSOS(agent)
        agent.key("p"); agent.type("low"); agent.key("Enter")
        guard case .confirm(let c, .setPriority(key, .low))? = agent.state.modal else { return XCTFail("no confirmation: \(String(describing: agent.state.modal))") }
        XCTAssertFalse(c.yesSelected, "No is the default")
        XCTAssertTrue(agent.screen.contains("Lower an SOS"), agent.screen)
        // Enter (the default) and Esc keep the SOS.
        agent.key("Enter")
        XCTAssertNil(agent.state.modal)
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.priority, .sos)
        agent.key("p"); agent.type("low"); agent.key("Enter"); agent.key("Esc")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.priority, .sos)
        // Yes lowers it.
        agent.key("p"); agent.type("low"); agent.key("Enter"); agent.key("y")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.priority, .low)
        // Raising (or changing a non-SOS) needs no question.
        agent.key("p"); agent.type("urgent"); agent.key("Enter")
        XCTAssertNil(agent.state.modal)
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.priority, .urgent)
    }

    func testResolvingWithoutAReplyAsksAndIsNoFirstContactResolution() throws {
        let db = try demo()
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        let key = try openSOS(agent)
        agent.key("R"); agent.type("solved"); agent.key("Enter")
        guard case .confirm(let c, .resolve(key, .solved))? = agent.state.modal else { return XCTFail("no confirmation") }
        XCTAssertTrue(c.message.singleLine.contains("No reply has gone to the customer"), c.message.singleLine)
        XCTAssertTrue(c.message.singleLine.contains("SOS"), c.message.singleLine)
        agent.key("n")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.status, .open)
        agent.key("R"); agent.type("solved"); agent.key("Enter"); agent.key("y")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.status, .resolved)
        XCTAssertEqual(try firstContact(db, key), false, "no reply, no first-contact resolution")
    }

    func testFirstContactResolutionNeedsAPublicReplyInTheDomainRule() throws {
        let db = try demo()
        let me = try XCTUnwrap(try db.agent(id: "AG-002"))
        let queued = try db.queue(.init(products: [.flight, .hotel], limit: 3)).map(\.key)
        XCTAssertEqual(queued.count, 3)
        // Claimed and resolved with no reply (through the store, as `heatdesk resolve` does): no FCR.
        _ = try db.claim(queued[0], by: me)
        XCTAssertFalse(try db.resolve(queued[0], .solved, by: me))
        XCTAssertEqual(try firstContact(db, queued[0]), false)
        // An internal note is not a reply to the customer.
        _ = try db.claim(queued[1], by: me)
        try db.addMessage(queued[1], by: me, body: "checked the PNR", visibility: .internal)
        XCTAssertFalse(try db.resolve(queued[1], .solved, by: me))
        // A public reply by the first owner, no hand-off: FCR.
        _ = try db.claim(queued[2], by: me)
        try db.addMessage(queued[2], by: me, body: "Your flight is rebooked.", visibility: .public)
        XCTAssertTrue(try db.resolve(queued[2], .solved, by: me))
        XCTAssertEqual(try firstContact(db, queued[2]), true)
        // The rule itself.
        XCTAssertTrue(Ticket.isFirstContactResolution(epoch: 1, handoffs: 0, answered: true))
        XCTAssertFalse(Ticket.isFirstContactResolution(epoch: 1, handoffs: 0, answered: false))
        XCTAssertFalse(Ticket.isFirstContactResolution(epoch: 2, handoffs: 0, answered: true))
        XCTAssertFalse(Ticket.isFirstContactResolution(epoch: 1, handoffs: 1, answered: true))
    }

    func testResolvingAnAnsweredNonSOSTicketNeedsNoQuestion() throws {
        let db = try demo()
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        agent.key("2")
        let mine = try XCTUnwrap(agent.state.lists[.mine]?.first { $0.priority != .sos && $0.firstResponseAt != nil })
        agent.keys("/"); agent.type(mine.key.externalID); agent.keys("Enter", "Enter")
        agent.key("R"); agent.type("solved"); agent.key("Enter")
        XCTAssertNil(agent.state.modal)
        XCTAssertEqual(try db.ticketDetail(mine.key)?.ticket.status, .resolved)
    }

    func testQOnTheListsAsksBeforeLeaving() throws {
        let db = try demo()
        let agent = try AgentDriver(db: db, agentID: "AG-002")
        agent.key("q")
        guard case .confirm(let c, .quit)? = agent.state.modal else { return XCTFail("q quit without asking") }
        XCTAssertTrue(c.message.singleLine.contains("offline"), c.message.singleLine)
        XCTAssertTrue(c.message.singleLine.contains("3 tickets you hold"), c.message.singleLine)
        XCTAssertFalse(agent.state.quit)
        agent.key("Enter")
        XCTAssertFalse(agent.state.quit, "Enter on the default (Stay) stays")
        agent.key("q"); agent.key("y")
        XCTAssertTrue(agent.state.quit)
    }

    func firstContact(_ db: AppDatabase, _ key: TicketKey) throws -> Bool? {
        try db.writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT first_contact FROM ticket WHERE source = ? AND external_id = ?",
                              arguments: [key.source, key.externalID])
        }
    }
}
