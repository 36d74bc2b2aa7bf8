import XCTest
import GRDB
import HeatDeskCore
@testable import HeatDeskStore

/// Follow-ups (issue 14, item 16): linking where tickets arrive, the applier's oldest-parent
/// rule, routing to the original's owner, and merging.
final class LinkTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    let li = Agent(id: "A-1", name: "李娜", skills: [.flight, .hotel], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["zh", "en"])
    let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, skills: [], languages: ["zh", "en"])
    var db: AppDatabase!

    func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    override func setUpWithError() throws {
        db = try AppDatabase.inMemory()
        let orders = ["O-1", "O-2"].map {
            Order(id: $0, customerID: "C-1", product: .flight, status: .delayed, bookedAt: at.addingTimeInterval(-86_400 * 20),
                  detail: .other("trip"), events: [])
        } + [Order(id: "O-9", customerID: "C-2", product: .hotel, status: .booked, bookedAt: at, detail: .other("hotel"), events: [])]
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-1", name: "王丽娜", language: "zh")),
            .customerUpserted(Customer(id: "C-2", name: "Emily Carter", language: "en")),
            .agentUpserted(li), .agentUpserted(tom), .agentUpserted(boss),
        ] + orders.map { .orderImported($0) }
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e in events { _ = try a.apply(LoggedEvent(at: self.at, actor: "test", event: e)) }
        }
    }

    /// Imports a ticket the way the importer does: the ticket event, then the follow-up decision.
    @discardableResult
    func arrive(_ id: String, hours: Double, customer: String = "C-1", orders: [String] = ["O-1"], subject: String = "航班延误",
                message: String? = nil, chases: String? = nil, status: TicketStatus = .queued) throws -> Int {
        let created = at.addingTimeInterval(hours * 3600)
        let t = Ticket(key: key(id), createdAt: created, channel: .phone, product: .flight, category: .delay, status: status,
                       customerID: customer, subject: subject, orderIDs: orders, ownerID: status == .queued ? nil : "A-1",
                       resolvedAt: status == .resolved ? created : nil, disposition: status == .resolved ? .solved : nil)
        let m = message.map { Message(at: created, authorKind: .customer, authorID: customer, body: $0) }
        return try db.writer.write { d in
            let a = try EventApplier(d)
            _ = try a.apply(LoggedEvent(at: self.at, actor: "import", event: .ticketImported(t, firstMessage: m)))
            return try AppDatabase.linkArrivals(d, a, [AppDatabase.Arrival(ticket: t, firstMessage: message, chases: chases)],
                                                at: self.at, actor: "import")
        }
    }

    func parent(_ id: String) throws -> String? { try db.links(of: key(id)).parent?.key.externalID }

    func testAChaseWithTheSameCustomerAndOrderWithinTheWindowFollowsTheOldestOpenTicket() throws {
        try arrive("HD-1", hours: 0)
        try arrive("HD-2", hours: 1, orders: ["O-2", "O-1"], subject: "催办：航班延误")
        try arrive("HD-3", hours: 2, subject: "Chasing: flight delay")
        XCTAssertEqual(try parent("HD-2"), "HD-1")
        XCTAssertEqual(try parent("HD-3"), "HD-1", "the oldest open match, not the latest chase")
        XCTAssertEqual(try db.links(of: key("HD-1")).followUps.map(\.key.externalID), ["HD-2", "HD-3"])
        XCTAssertEqual(try db.links(of: key("HD-2")).parent?.reason, .matched)
    }

    func testNoLinkOutsideTheWindowAcrossCustomersOrWithoutASharedOrder() throws {
        try arrive("HD-1", hours: 0)
        try arrive("HD-2", hours: 73)                      // past 72 h
        try arrive("HD-3", hours: 1, customer: "C-2", orders: ["O-9"])
        try arrive("HD-4", hours: 2, orders: ["O-2"])      // another order of the same customer
        try arrive("HD-5", hours: 3, orders: [])
        for id in ["HD-2", "HD-3", "HD-4", "HD-5"] { XCTAssertNil(try parent(id), id) }
    }

    func testResolvedOriginalsDoNotAttract() throws {
        try arrive("HD-1", hours: 0, status: .resolved)
        try arrive("HD-2", hours: 1, chases: "HD-1")
        try arrive("HD-3", hours: 2, subject: "about HD-1 again")
        XCTAssertNil(try parent("HD-2"))
        // HD-3 matches HD-2 (open, same customer and order): a chase of the still-open contact.
        XCTAssertEqual(try parent("HD-3"), "HD-2")
    }

    func testNamedAndMentionedOriginalsWinOverTheMatch() throws {
        try arrive("HD-1", hours: 0)
        try arrive("HD-2", hours: 1, orders: ["O-2"])
        try arrive("HD-3", hours: 2, chases: "HD-2")
        try arrive("HD-4", hours: 3, orders: [], message: "上次的工单 hd-2 还没人处理")
        XCTAssertEqual(try parent("HD-3"), "HD-2"); XCTAssertEqual(try db.links(of: key("HD-3")).parent?.reason, .named)
        XCTAssertEqual(try parent("HD-4"), "HD-2"); XCTAssertEqual(try db.links(of: key("HD-4")).parent?.reason, .mentioned)
        // A mention of another customer's ticket is not a link.
        try arrive("HD-5", hours: 4, customer: "C-2", orders: ["O-9"], subject: "re HD-1")
        XCTAssertNil(try parent("HD-5"))
    }

    func testAnOlderTicketArrivingLaterBecomesTheOriginal() throws {
        try arrive("HD-2", hours: 5)
        try arrive("HD-1", hours: 0)
        XCTAssertEqual(try parent("HD-2"), "HD-1")
    }

    func testTheApplierKeepsTheOlderParentWhateverTheOrderAndRefusesANewerOne() throws {
        try arrive("HD-1", hours: 0, orders: ["O-2"]); try arrive("HD-2", hours: 1, customer: "C-2", orders: ["O-9"])
        try arrive("HD-3", hours: 2, orders: [])
        func link(_ child: String, _ parent: String) throws -> EventApplier.Outcome {
            try db.writer.write { d in
                try EventApplier(d).apply(LoggedEvent(at: self.at, actor: "x", event: .ticketChanged(self.key(child), .linked(parent: self.key(parent), reason: .named), epoch: 0)))
            }
        }
        XCTAssertEqual(try link("HD-3", "HD-2"), .applied)
        XCTAssertEqual(try link("HD-3", "HD-1"), .applied)
        XCTAssertEqual(try link("HD-3", "HD-2"), .alreadyPresent, "the older parent stays")
        XCTAssertEqual(try parent("HD-3"), "HD-1")
        if case .rejected = try link("HD-1", "HD-3") {} else { XCTFail("a newer ticket cannot be the original") }
        XCTAssertThrowsError(try link("HD-3", "HD-404")) { XCTAssertTrue("\($0)".contains("no ticket")) }
    }

    func testAFollowUpOfAnOwnedTicketGoesToItsOwnerNotToTheQueue() throws {
        try arrive("HD-1", hours: 0)
        XCTAssertEqual(try db.claim(key("HD-1"), by: tom, at: at), .claimed(key("HD-1"), epoch: 1))
        try arrive("HD-2", hours: 1, subject: "催办：航班延误")
        let liQueue = try db.agentList(.queue, agent: li).map(\.key.externalID)
        XCTAssertFalse(liQueue.contains("HD-2"), "not offered to another agent")
        XCTAssertNil(try db.claimNext(by: li, at: at), "nor claimed by claim-next")
        let mine = try db.agentList(.mine, agent: tom)
        XCTAssertEqual(mine.map(\.key.externalID), ["HD-1", "HD-2"], "right after its original")
        XCTAssertEqual(mine[0].link, .chased(1))
        XCTAssertEqual(mine[1].link, .followUp(of: key("HD-1"), owner: "A-2"))
        // Once the original is resolved (not merged), the follow-up is back in the queue.
        try db.addMessage(key("HD-1"), by: tom, body: "已为您改签", visibility: .public, at: at)
        XCTAssertFalse(try db.resolve(key("HD-1"), .solved, by: tom, at: at), "a chased ticket is not first-contact resolution")
        XCTAssertTrue(try db.agentList(.queue, agent: li).map(\.key.externalID).contains("HD-2"))
    }

    func testAFollowUpOfAQueuedTicketWaitsBehindIt() throws {
        try arrive("HD-1", hours: 0)
        try arrive("HD-2", hours: 1)
        let q = try db.queue(AppDatabase.QueueFilter())
        XCTAssertEqual(q.map(\.key.externalID), ["HD-1"])
        XCTAssertEqual(q[0].link, .chased(1))
        // Claiming the original brings the follow-up to the same agent.
        _ = try db.claim(key("HD-1"), by: li, at: at)
        XCTAssertEqual(try db.agentList(.mine, agent: li).map(\.key.externalID), ["HD-1", "HD-2"])
    }

    func testAMoreUrgentFollowUpStaysInTheQueueMarked() throws {
        try arrive("HD-1", hours: 0)
        try db.writer.write { d in
            let t = Ticket(key: self.key("HD-2"), createdAt: self.at.addingTimeInterval(3600), channel: .phone, product: .flight,
                           category: .sos, priority: .sos, customerID: "C-1", subject: "护照丢了", orderIDs: ["O-1"])
            let a = try EventApplier(d)
            _ = try a.apply(LoggedEvent(at: self.at, actor: "import", event: .ticketImported(t, firstMessage: nil)))
            try AppDatabase.linkArrivals(d, a, [AppDatabase.Arrival(ticket: t)], at: self.at, actor: "import")
        }
        let q = try db.queue(AppDatabase.QueueFilter())
        XCTAssertEqual(q.map(\.key.externalID), ["HD-2", "HD-1"], "an SOS never waits behind its original")
        XCTAssertEqual(q[0].link, .followUp(of: key("HD-1"), owner: nil))
    }

    /// A phone chase of an email ticket is due long before its original: hidden behind it, it
    /// would pass its target out of everyone's sight, so it stays in the queue, marked.
    func testAFollowUpDueBeforeItsQueuedOriginalStaysInTheQueue() throws {
        try db.writer.write { d in
            let a = try EventApplier(d)
            var arrivals: [AppDatabase.Arrival] = []
            for (id, hours, channel) in [("HD-1", 0.0, Channel.email), ("HD-2", 1.0, Channel.phone)] {
                let t = Ticket(key: self.key(id), createdAt: self.at.addingTimeInterval(hours * 3600), channel: channel, product: .flight,
                               category: .delay, customerID: "C-1", subject: "航班延误", orderIDs: ["O-1"])
                _ = try a.apply(LoggedEvent(at: self.at, actor: "import", event: .ticketImported(t, firstMessage: nil)))
                arrivals.append(AppDatabase.Arrival(ticket: t))
            }
            try AppDatabase.linkArrivals(d, a, arrivals, at: self.at, actor: "import")
        }
        XCTAssertEqual(try parent("HD-2"), "HD-1")
        let q = try db.queue(AppDatabase.QueueFilter())
        XCTAssertEqual(Set(q.map(\.key.externalID)), ["HD-1", "HD-2"], "the phone chase is due first: it is not hidden")
        let chase = try XCTUnwrap(q.first { $0.key.externalID == "HD-2" })
        XCTAssertLessThan(chase.slaDueAt, try XCTUnwrap(q.first { $0.key.externalID == "HD-1" }).slaDueAt)
        XCTAssertEqual(chase.link, .followUp(of: key("HD-1"), owner: nil))
        // Once someone works the original, the chase is theirs, not the queue's.
        _ = try db.claim(key("HD-1"), by: li, at: at)
        XCTAssertEqual(try db.queue(AppDatabase.QueueFilter()).map(\.key.externalID), [])
        XCTAssertEqual(try db.agentList(.mine, agent: li).map(\.key.externalID), ["HD-1", "HD-2"])
    }

    func testMergeKeepsBothConversationsAndCountsRight() throws {
        try arrive("HD-1", hours: 0, message: "航班延误了，酒店怎么办？")
        _ = try db.claim(key("HD-1"), by: tom, at: at)
        try arrive("HD-2", hours: 1, subject: "催办：航班延误", message: "这个问题我已经说过一遍了")
        XCTAssertThrowsError(try db.merge(key("HD-2"), into: key("HD-1"), by: li, at: at)) {
            XCTAssertTrue("\($0)".contains("A-2"), "\($0)")
        }
        XCTAssertThrowsError(try db.merge(key("HD-1"), into: key("HD-2"), by: tom, at: at))
        try db.merge(key("HD-2"), into: key("HD-1"), by: tom, at: at.addingTimeInterval(7200))
        let f = try XCTUnwrap(db.ticketDetail(key("HD-2")))
        XCTAssertEqual(f.ticket.status, .resolved); XCTAssertEqual(f.ticket.disposition, .duplicate)
        XCTAssertEqual(f.ticket.ownerID, "A-2")
        XCTAssertEqual(f.messages.map(\.body), ["这个问题我已经说过一遍了"], "its conversation stays its own")
        XCTAssertEqual(f.links.parent?.key, key("HD-1"))
        XCTAssertEqual(try db.writer.read { try Bool.fetchOne($0, sql: "SELECT first_contact FROM ticket WHERE external_id = 'HD-2'") }, false)
        let o = try XCTUnwrap(db.ticketDetail(key("HD-1")))
        XCTAssertEqual(o.links.followUps.map(\.merged), [true])
        XCTAssertEqual(o.links.followUpMessages.map(\.message.body), ["这个问题我已经说过一遍了"])
        XCTAssertEqual(o.links.followUpMessages.map(\.from), [key("HD-2")])
        XCTAssertThrowsError(try db.merge(key("HD-2"), into: key("HD-1"), by: tom, at: at)) { XCTAssertTrue("\($0)".contains("already resolved")) }
    }

    func testMergingAnUnlinkedTicketLinksIt() throws {
        try arrive("HD-1", hours: 0, orders: ["O-1"])
        try arrive("HD-2", hours: 100, orders: ["O-2"])
        _ = try db.claim(key("HD-2"), by: li, at: at)
        try db.merge(key("HD-2"), into: key("HD-1"), by: boss, at: at)
        let links = try db.links(of: key("HD-2"))
        XCTAssertEqual(links.parent?.key, key("HD-1")); XCTAssertEqual(links.parent?.reason, .merged)
        XCTAssertEqual(try db.ticketDetail(key("HD-2"))?.ticket.disposition, .duplicate)
    }

    func testMentionedIDs() {
        XCTAssertEqual(FollowUpRule.mentionedIDs(in: "催办：工单HD-000012还没回复，#hd-7; not X-1a or -3"), ["HD-000012", "HD-7"], "Chinese text runs into the id")
        XCTAssertEqual(FollowUpRule.mentionedIDs(in: "re: HD-000012, HD-000012 and AB-9"), ["HD-000012", "AB-9"])
    }
}
