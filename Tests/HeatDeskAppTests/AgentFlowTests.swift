import Foundation
import GRDB
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// Whole flows of the agent session, by feeding keys to the pure update and carrying out its
/// effects against a copy of the demo database.
final class AgentFlowTests: XCTestCase {
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    func demo() throws -> AppDatabase {
        let (db, d) = try DemoFixture.database()
        dir = d
        return db
    }

    func testClaimOpenTemplateBlankSendInviteResolve() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        XCTAssertTrue(d.state.loaded)
        let queue = try XCTUnwrap(d.state.lists[.queue])
        XCTAssertFalse(queue.isEmpty)
        // Sorted by priority, then SLA due time.
        for (a, b) in zip(queue, queue.dropFirst()) {
            XCTAssertTrue(a.priority < b.priority || (a.priority == b.priority && a.slaDueAt <= b.slaDueAt), "\(a.key) before \(b.key)")
        }

        // Type-to-filter, then Enter claims and opens.
        d.keys("/"); d.type("hd-000005"); d.key("Enter")
        XCTAssertEqual(d.state.visibleItems.map(\.key.externalID), ["HD-000005"])
        d.key("Enter")
        let opened = try XCTUnwrap(d.state.ticket)
        XCTAssertEqual(opened.key.externalID, "HD-000005")
        XCTAssertEqual(opened.detail.ticket.ownerID, "AG-002")
        XCTAssertEqual(opened.detail.ticket.status, .open)
        XCTAssertEqual(Set(opened.detail.orders.map(\.product)), [.flight, .hotel, .car], "the whole trip is on one screen")

        // The template picker: the ticket's product and situation, the customer's language first.
        d.key("t")
        guard case .picker(_, .template(let templates))? = d.state.modal else { return XCTFail("no template picker: \(String(describing: d.state.modal))") }
        XCTAssertEqual(templates.first?.language, .zh)
        XCTAssertEqual(templates.first?.situation, .delay)
        XCTAssertTrue(templates.allSatisfy { $0.product == .flight || $0.product == .any })
        d.type("flight-delay-overnight.zh"); d.key("Enter")

        // Its blank is asked for before anything reaches the editor.
        guard case .blanks(let prompt)? = d.state.modal else { return XCTFail("no blank prompt") }
        XCTAssertEqual(prompt.missing.map(\.key), ["次日起飞时间"])
        d.type("11月23日 09:30"); d.key("Enter")
        XCTAssertNil(d.state.modal)
        let draft = try XCTUnwrap(d.state.composer)
        XCTAssertTrue(draft.editor.text.contains("11月23日 09:30"))
        XCTAssertTrue(draft.editor.text.contains("张伟"))
        XCTAssertFalse(draft.editor.text.contains("{{"))
        XCTAssertEqual(draft.findings, [], "the HEAT findings are shown before sending")
        XCTAssertTrue(d.screen.contains("HEAT ✓ no findings"))

        d.key("C-s")
        XCTAssertNil(d.state.composer)
        let afterSend = try XCTUnwrap(try db.ticketDetail(opened.key))
        let sent = try XCTUnwrap(afterSend.messages.last)
        XCTAssertEqual(sent.authorKind, .agent)
        XCTAssertEqual(sent.visibility, .public)
        XCTAssertTrue(sent.body.contains("11月23日 09:30"))

        // Pull in the hotel desk (a hotel agent), then the hotel itself.
        d.key("i")
        guard case .picker(let colleagues, .invite(let ids))? = d.state.modal else { return XCTFail("no colleague picker") }
        XCTAssertFalse(ids.contains("AG-002"))
        XCTAssertTrue(colleagues.items.first.map { $0.singleLine.contains("✓") } ?? false, "colleagues covering the trip come first")
        d.type("AG-003"); d.key("Enter")
        d.key("s")
        guard case .picker(_, .supplier(let sups))? = d.state.modal else { return XCTFail("no supplier picker: \(d.screen)") }
        XCTAssertEqual(Set(sups), ["SUP-CA", "SUP-HILTON", "SUP-HERTZ"])
        d.type("HILTON"); d.key("Enter")
        let people = try XCTUnwrap(try db.ticketDetail(opened.key)).participants
        XCTAssertEqual(people.map(\.memberID).sorted(), ["AG-003", "SUP-HILTON"])
        XCTAssertEqual(d.state.ticket?.people.count, 3, "owner and two participants listed")

        // Resolve with a disposition: back to the lists, first-contact resolution recorded.
        d.key("R")
        guard case .picker(_, .resolve)? = d.state.modal else { return XCTFail("no disposition picker") }
        d.type("rebooked"); d.key("Enter")
        XCTAssertNil(d.state.ticket)
        XCTAssertTrue(d.state.message?.text.singleLine.contains("first-contact resolution") ?? false, "\(String(describing: d.state.message))")
        let closed = try XCTUnwrap(try db.ticketDetail(opened.key)).ticket
        XCTAssertEqual(closed.status, .resolved)
        XCTAssertEqual(closed.disposition, .rebooked)
        XCTAssertEqual(d.state.lists[.closed]?.first?.key, opened.key)
        XCTAssertEqual(try db.agentLists(agent: d.runtime.me).lists[.pulledIn]?.count, 0)
        let colleague = try XCTUnwrap(try db.agent(id: "AG-003"))
        XCTAssertTrue(try db.agentList(.pulledIn, agent: colleague).isEmpty, "resolved tickets leave the pulled-in view")
    }

    func testPulledInColleagueWritesAndLeavesThenTheOwnerReopens() throws {
        let db = try demo()
        let owner = try AgentDriver(db: db, agentID: "AG-002")
        owner.keys("/"); owner.type("HD-000005"); owner.keys("Enter", "Enter")
        let key = try XCTUnwrap(owner.state.ticket?.key)
        owner.key("i"); owner.type("AG-003"); owner.key("Enter")

        let colleague = try AgentDriver(db: db, agentID: "AG-003")
        colleague.key("3")
        XCTAssertEqual(colleague.state.visibleItems.map(\.key), [key], "the ticket is in the colleague's pulled-in view")
        colleague.key("Enter")
        XCTAssertEqual(colleague.state.ticket?.key, key)
        colleague.key("r"); colleague.type("酒店已为您保留房间至明早。"); colleague.keys("C-s", "C-s")
        let written = try XCTUnwrap(try db.ticketDetail(key)?.messages.last)
        XCTAssertEqual(written.authorKind, .colleague)
        XCTAssertEqual(written.authorID, "AG-003")
        colleague.key("R")
        XCTAssertNil(colleague.state.modal, "a participant does not resolve")
        colleague.key("l")
        guard case .picker(let p, .leave(let ids))? = colleague.state.modal else { return XCTFail("no leave picker") }
        XCTAssertEqual(ids, ["AG-003"])
        XCTAssertTrue(p.items[0].singleLine.hasPrefix("myself"))
        colleague.key("Enter")
        XCTAssertNil(colleague.state.ticket)
        XCTAssertEqual(colleague.state.lists[.pulledIn]?.count, 0)

        owner.key("R"); owner.type("solved"); owner.key("Enter")
        // A colleague's message is not the agents' first response: resolving asks first.
        guard case .confirm(_, .resolve(key, .solved))? = owner.state.modal else { return XCTFail("no confirmation") }
        owner.key("y")
        owner.key("4")
        XCTAssertEqual(owner.state.visibleItems.first?.key, key)
        owner.key("Enter")
        owner.key("o")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.status, .open)
        XCTAssertEqual(owner.state.ticket?.detail.ticket.status, .open)
        XCTAssertEqual(owner.state.ticket?.detail.ticket.ownerID, "AG-002")
    }

    func testFilterNarrowsAndEscClearsIt() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        let all = d.state.visibleItems.count
        d.key("/"); d.type("sos")
        XCTAssertTrue(d.state.filtering)
        XCTAssertTrue(d.state.visibleItems.allSatisfy { $0.priority == .sos || $0.category == .sos || $0.subject.lowercased().contains("sos") })
        XCTAssertLessThan(d.state.visibleItems.count, all)
        d.key("Enter")
        XCTAssertFalse(d.state.filtering)
        d.key("j")
        XCTAssertEqual(d.state.selection[.queue]?.selected, 1)
        d.key("Esc")
        XCTAssertEqual(d.state.filter, "")
        XCTAssertEqual(d.state.visibleItems.count, all)
        XCTAssertEqual(d.state.selection[.queue]?.selected, 0)

        // A ticket id beyond the loaded lists is found in the database and opened.
        d.key("/"); d.type("HD-000001"); d.key("Enter")
        XCTAssertEqual(d.state.ticket?.key.externalID, "HD-000001")
        XCTAssertTrue(d.effects.contains(.find("HD-000001")))
        d.key("Esc")
        d.key("/"); d.type("HD-999999"); d.key("Enter")
        XCTAssertNil(d.state.ticket)
        XCTAssertEqual(d.state.message?.text.singleLine, "No ticket HD-999999")
    }

    func testTicketHeldBySomeoneElseSaysWho() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        let key = TicketKey(source: "main", externalID: "HD-000005")
        _ = try db.claim(key, by: try XCTUnwrap(try db.agent(id: "AG-013")))
        d.keys("/"); d.type("HD-000005"); d.key("Enter")
        d.key("Enter")
        XCTAssertNil(d.state.ticket)
        XCTAssertEqual(d.state.message?.text.singleLine, "HD-000005 is held by 黄诗涵 (AG-013)")
        XCTAssertEqual(d.state.message?.kind, .warning)
    }

    func testClaimNextTakesTheBestQueuedTicket() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        let best = try XCTUnwrap(d.state.lists[.queue]?.first)
        d.key("n")
        XCTAssertEqual(d.state.ticket?.key, best.key)
        XCTAssertEqual(d.state.ticket?.detail.ticket.ownerID, "AG-002")
        XCTAssertEqual(d.state.lists[.mine]?.contains { $0.key == best.key }, true)
        d.key("Esc")
        XCTAssertNil(d.state.ticket)
        XCTAssertNotEqual(d.state.lists[.queue]?.first?.key, best.key)
    }

    func testHEATFindingsHoldTheFirstSendAndNotesSkipTheCheck() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        d.keys("/"); d.type("HD-000182"); d.keys("Enter", "Enter")
        let key = try XCTUnwrap(d.state.ticket?.key)
        let before = try XCTUnwrap(try db.ticketDetail(key)).messages.count
        d.key("r"); d.type("ok")
        d.key("C-s")
        XCTAssertNotNil(d.state.composer, "a reply with findings is not sent on the first C-s")
        XCTAssertFalse(d.state.composer?.findings?.isEmpty ?? true)
        XCTAssertEqual(try XCTUnwrap(try db.ticketDetail(key)).messages.count, before)
        d.key("C-s")
        XCTAssertNil(d.state.composer)
        XCTAssertEqual(try XCTUnwrap(try db.ticketDetail(key)).messages.count, before + 1)

        d.key("N"); d.type("Called AF: rebooking confirmed.")
        XCTAssertEqual(d.state.composer?.visibility, .internal)
        d.key("C-s")
        let last = try XCTUnwrap(try XCTUnwrap(try db.ticketDetail(key)).messages.last)
        XCTAssertEqual(last.visibility, .internal)
        XCTAssertTrue(d.screen.contains("[internal note]") || d.state.ticket!.conversation.contains { $0.text.singleLine.contains("[internal note]") })
    }

    func testRevealWithoutTheContactKeySaysWhyAndLogsNothing() throws {
        let (db, dirKept) = try DemoFixture.database(contactKey: .unavailable("no contact key on this workstation (/nowhere/contact.key is missing)"))
        dir = dirKept
        let d = try AgentDriver(db: db, agentID: "AG-002")
        d.keys("/"); d.type("HD-000009"); d.keys("Enter", "Enter")
        d.key("v")
        XCTAssertFalse(d.screen.contains("+447700900123"))
        XCTAssertTrue(d.screen.contains("phone +44******0123"), d.screen)
        XCTAssertTrue(d.screen.contains("not revealed here"), d.screen)
        XCTAssertTrue(d.screen.contains("Not revealed: the contact is sealed; no contact key"), d.screen)
        XCTAssertEqual(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event WHERE kind = 'ticket.contact_revealed'") }, 0)
    }

    func testRevealShowsTheRealContactAndIsLoggedAndStatusSwitches() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        // HD-000009: Emily Carter, stranded in Paris; the SOS call-back needs her real number.
        d.keys("/"); d.type("HD-000009"); d.keys("Enter", "Enter")
        XCTAssertEqual(d.state.ticket?.key.externalID, "HD-000009")
        XCTAssertTrue(d.screen.contains("phone ••••"))
        XCTAssertFalse(d.screen.contains("+447700900123"))
        d.key("v")
        XCTAssertTrue(d.state.ticket?.revealed ?? false)
        XCTAssertFalse(d.screen.contains("phone ••••"))
        XCTAssertTrue(d.screen.contains("phone +447700900123  email emily.carter@example.com"), d.screen)
        XCTAssertTrue(d.screen.contains("Contact details revealed (logged)"), d.screen)
        let logged = try db.writer.read { try Row.fetchAll($0, sql: "SELECT entity, payload FROM event WHERE kind = 'ticket.contact_revealed' AND actor = 'AG-002'") }
        XCTAssertEqual(logged.count, 1)
        XCTAssertTrue((logged.first?["payload"] as String? ?? "").contains(#""customer_id":"CU-000002""#))
        // A second `v` shows what is already shown and logs nothing more.
        d.key("v")
        XCTAssertEqual(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event WHERE kind = 'ticket.contact_revealed'") }, 1)

        let start = d.state.me.status
        d.key("a")
        XCTAssertNotEqual(d.state.me.status, start)
        XCTAssertEqual(try db.agent(id: "AG-002")?.status, d.state.me.status)
    }

    func testMovingOnNeedsTheOwnerAndWritingNeedsAnOpenTicket() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        // A resolved ticket of another agent: read it, but not write in it or move it.
        let key = TicketKey(source: "main", externalID: "HD-000001")
        d.send(.ticketLoaded(try XCTUnwrap(try db.openedTicket(key))))
        d.key("r")
        XCTAssertNil(d.state.composer)
        XCTAssertTrue(d.state.message?.text.singleLine.contains("resolved") ?? false)
        d.key("R")
        XCTAssertNil(d.state.modal)
        XCTAssertTrue(d.state.message?.text.singleLine.contains("Only the owner") ?? false)
    }

    func testTransferAndPendingAndPriority() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        d.key("n")
        let key = try XCTUnwrap(d.state.ticket?.key)
        d.key("p")
        d.type("urgent"); d.key("Enter")
        // The next best ticket is an SOS: lowering it asks first.
        guard case .confirm(_, .setPriority(key, .urgent))? = d.state.modal else { return XCTFail("no confirmation") }
        d.key("y")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.priority, .urgent)
        d.key("w"); d.type("supplier"); d.key("Enter")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.status, .pending)
        d.key("w"); d.type("resume"); d.key("Enter")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.status, .open)
        d.key("T")
        guard case .picker(let p, .transfer)? = d.state.modal else { return XCTFail("no transfer picker") }
        XCTAssertEqual(p.items.first?.singleLine, "↩ back to the queue")
        d.type("AG-013"); d.key("Enter")
        XCTAssertNil(d.state.ticket, "a transferred ticket is no longer ours to show")
        XCTAssertEqual(try db.ticketDetail(key)?.ticket.ownerID, "AG-013")
    }

    func testOtherProcessesAndTheBackgroundHookTriggerAReload() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        let inbox = Inbox()
        d.runtime.execute(.poll) { inbox.post($0) }   // baseline
        XCTAssertTrue(inbox.items.isEmpty)
        // Another connection (another process) claims the top of the queue.
        let other = try AppDatabase.open(path: dir!.file("demo.sqlite"))
        let top = try XCTUnwrap(d.state.lists[.queue]?.first)
        _ = try other.claim(top.key, by: try XCTUnwrap(try other.agent(id: "AG-013")))
        d.runtime.execute(.poll) { inbox.post($0) }
        guard case .externalChange? = inbox.items.first else { return XCTFail("no reload after another process wrote: \(inbox.items)") }
        d.send(.externalChange)
        XCTAssertNotEqual(d.state.lists[.queue]?.first?.key, top.key)
        // Quiet: no news, no reload.
        let quiet = Inbox()
        d.runtime.execute(.poll) { quiet.post($0) }
        XCTAssertTrue(quiet.items.isEmpty)

        let news = AgentRuntime(db: db, me: d.runtime.me, background: { true })
        let told = Inbox()
        news.execute(.poll) { told.post($0) }
        guard case .externalChange? = told.items.first else { return XCTFail("background news did not reload") }
    }

    /// A commit by another process before the first poll is not taken for the baseline: the
    /// screen's loads note the version they show (the supplier who answers within a second of
    /// being pulled in).
    func testACommitBeforeTheFirstPollIsStillShown() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")   // loads the lists, no poll yet
        let other = try AppDatabase.open(path: dir!.file("demo.sqlite"))
        let top = try XCTUnwrap(d.state.lists[.queue]?.first)
        _ = try other.claim(top.key, by: try XCTUnwrap(try other.agent(id: "AG-013")))
        let inbox = Inbox()
        d.runtime.execute(.poll) { inbox.post($0) }
        guard case .externalChange? = inbox.items.first else { return XCTFail("the first poll missed another process's commit: \(inbox.items)") }
    }

    func testHelpScreenAndTooSmall() throws {
        let db = try demo()
        let d = try AgentDriver(db: db, agentID: "AG-002")
        d.key("?")
        XCTAssertTrue(d.screen.contains("Keys"))
        XCTAssertTrue(d.screen.contains("claim the next best ticket"))
        d.key("x")
        XCTAssertNil(d.state.modal)
        let program = agentProgram(state: d.state, runtime: d.runtime)
        let small = program.frame(size: Size(width: 70, height: 20)).textLines.joined(separator: "\n")
        XCTAssertTrue(small.contains("Terminal too small"))
        XCTAssertTrue(small.contains("need 80x24"))
    }

    func testAgentViewsAreThePeopleItSays() throws {
        let db = try demo()
        let me = try XCTUnwrap(try db.agent(id: "AG-002"))
        let mine = try db.agentList(.mine, agent: me)
        XCTAssertTrue(mine.allSatisfy { $0.ownerID == "AG-002" && ($0.status == .open || $0.status == .pending) })
        let closed = try db.agentList(.closed, agent: me)
        XCTAssertTrue(closed.allSatisfy { $0.status == .resolved && $0.ownerID == "AG-002" })
        let queue = try db.agentList(.queue, agent: me)
        XCTAssertTrue(queue.allSatisfy { $0.status == .queued })
        XCTAssertTrue(queue.allSatisfy { [.flight, .hotel, .other].contains($0.product) || $0.priority == .sos })
        let counts = try db.agentLists(agent: me).counts
        XCTAssertEqual(counts.mine, mine.count)
        XCTAssertEqual(counts.queued, queue.count)
    }
}

/// The cross-product timeline is pure: a late flight shows what it breaks downstream.
final class OrderTimelineTests: XCTestCase {
    func testADelayedFlightBreaksTheHotelCheckInAndTheCarPickUp() {
        let t0 = Date(timeIntervalSince1970: 1_795_305_600)
        let flight = Order(id: "F1", customerID: "C", product: .flight, status: .delayed, bookedAt: t0,
                           detail: .flight(FlightDetail(carrier: "CA", number: "CA925", origin: "PEK", destination: "NRT",
                                                        departure: t0.addingTimeInterval(3600), arrival: t0.addingTimeInterval(5 * 3600))),
                           events: [OrderEvent(at: t0, kind: .booked), OrderEvent(at: t0.addingTimeInterval(600), kind: .delayed, detail: "4h")])
        let hotel = Order(id: "H1", customerID: "C", product: .hotel, status: .confirmed, bookedAt: t0,
                          detail: .hotel(HotelDetail(name: "Hilton", city: "Tokyo", checkIn: t0.addingTimeInterval(8 * 3600), checkOut: t0.addingTimeInterval(80 * 3600))),
                          events: [OrderEvent(at: t0.addingTimeInterval(60), kind: .booked)])
        let car = Order(id: "C1", customerID: "C", product: .car, status: .confirmed, bookedAt: t0,
                        detail: .car(CarDetail(company: "Hertz", pickupPlace: "NRT", pickupAt: t0.addingTimeInterval(6 * 3600),
                                               returnPlace: "NRT", returnAt: t0.addingTimeInterval(70 * 3600))),
                        events: [OrderEvent(at: t0.addingTimeInterval(120), kind: .booked)])
        let earlier = Order(id: "H0", customerID: "C", product: .hotel, status: .completed, bookedAt: t0,
                            detail: .hotel(HotelDetail(name: "Before", city: "PEK", checkIn: t0.addingTimeInterval(-86_400), checkOut: t0)),
                            events: [])
        let tl = OrderTimeline(orders: [earlier, flight, hotel, car])
        XCTAssertEqual(tl.rows.map(\.event.kind), [.booked, .booked, .booked, .delayed])
        let delay = tl.rows.last!
        XCTAssertEqual(delay.impacts.map(\.what), ["car pick-up", "hotel check-in"])
        XCTAssertEqual(delay.impacts.map(\.orderID), ["C1", "H1"], "the hotel of the night before is not affected")
        XCTAssertTrue(tl.rows.dropLast().allSatisfy { $0.impacts.isEmpty })
    }
}

/// The ticket screen alone, as the supervisor monitor will use it: read-only, and untrusted
/// text shown, never executed.
final class TicketScreenTests: XCTestCase {
    func testHostileTextIsShownNotExecutedAndReadOnlyOffersNoReveal() {
        let t0 = Date(timeIntervalSince1970: 1_795_305_600)
        let ticket = Ticket(key: TicketKey(source: "main", externalID: "HD-1"), createdAt: t0, channel: .chat, product: .hotel,
                            category: .complaint, customerID: "C1", subject: "Room \u{1b}[31mred\u{1b}[0m", botSummary: "summary")
        let customer = Customer(id: "C1", name: "Evil\u{202E}gnp.exe", language: "en", tier: .star2, phoneMasked: "138****5678",
                                flags: [.complainedBefore])
        let detail = TicketDetail(ticket: ticket, customer: customer,
                                  messages: [Message(at: t0, authorKind: .customer, body: "hi \u{1b}]0;pwned\u{07} there")],
                                  participants: [], orders: [], serviceTrail: [])
        var s = TicketScreenState(detail: detail, readOnly: true, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        var b = Buffer(size: Size(width: 80, height: 24))
        TicketScreen.render(s, in: b.area, buffer: &b)
        let text = b.textLines.joined(separator: "\n")
        XCTAssertTrue(text.contains("hi ^[]0;pwned^G there"), text)
        XCTAssertTrue(text.contains("^[[31mred^[[0m"), text)
        XCTAssertTrue(text.contains("Evil<U+202E>gnp.exe"), text)
        XCTAssertFalse(text.contains("\u{1b}"))
        XCTAssertTrue(text.contains("⚠ COMPLAINED BEFORE"))
        XCTAssertFalse(text.contains("reveals"), "the read-only screen offers no reveal")
        XCTAssertFalse(text.contains("138****5678"))
        XCTAssertTrue(text.contains("No orders") || text.contains("Orders 0"))

        // Navigation works without the agent session: Tab walks the panes.
        XCTAssertTrue(s.handleNavigation("Tab", in: b.area))
        XCTAssertEqual(s.pane, .orders)
        XCTAssertFalse(s.handleNavigation("r", in: b.area), "work keys are not the screen's")
    }
}
