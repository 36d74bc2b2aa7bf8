import XCTest
import GRDB
import HeatDeskCore
@testable import HeatDeskStore

/// The work commands: who may do what, exclusive claims, epochs as fencing tokens, FCR.
final class WorkTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    let li = Agent(id: "A-1", name: "李娜", skills: [.flight, .hotel], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["en"])
    let carDesk = Agent(id: "A-3", name: "王强", skills: [.car], languages: ["zh"])
    let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, skills: [], languages: ["zh", "en"])
    let hiltonDesk = Agent(id: "SC-1", name: "Hilton Tokyo front desk", role: .supplier, supplierID: "SUP-HILTON")
    var db: AppDatabase!

    func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    override func setUpWithError() throws {
        db = try AppDatabase.inMemory()
        let t = { (id: String, p: Priority, product: Product, customer: String, created: TimeInterval) in
            Ticket(key: self.key(id), createdAt: self.at.addingTimeInterval(created), channel: .chat, product: product,
                   category: .delay, priority: p, customerID: customer, subject: "subject \(id)")
        }
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-zh", name: "王丽娜", language: "zh")),
            .customerUpserted(Customer(id: "C-en", name: "Emily Carter", language: "en")),
            .supplierUpserted(Supplier(id: "SUP-HILTON", name: "Hilton Tokyo", product: .hotel)),
            .agentUpserted(li), .agentUpserted(tom), .agentUpserted(carDesk), .agentUpserted(boss), .agentUpserted(hiltonDesk),
            .ticketImported(t("T-1", .normal, .flight, "C-zh", 0), firstMessage: nil),
            .ticketImported(t("T-2", .urgent, .flight, "C-en", 60), firstMessage: nil),
            .ticketImported(t("T-3", .sos, .car, "C-zh", 120), firstMessage: nil),
            .ticketImported(t("T-4", .high, .hotel, "C-zh", 180), firstMessage: nil),
        ]
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e in events { _ = try a.apply(LoggedEvent(at: self.at, actor: "test", event: e)) }
        }
    }

    func testClaimIsExclusiveAndSaysWhoHoldsIt() throws {
        XCTAssertEqual(try db.claim(key("T-2"), by: tom, at: at), .claimed(key("T-2"), epoch: 1))
        XCTAssertEqual(try db.claim(key("T-2"), by: li, at: at), .heldBy(key("T-2"), agentID: "A-2", name: "Tom Baker"))
        XCTAssertThrowsError(try db.claim(key("T-2"), by: hiltonDesk)) { XCTAssertTrue("\($0)".contains("supplier contact")) }
        let s = try XCTUnwrap(db.workState(key("T-2")))
        XCTAssertEqual(s.status, .open); XCTAssertEqual(s.ownerID, "A-2"); XCTAssertEqual(s.epoch, 1)
        let kinds = try db.writer.read { try String.fetchAll($0, sql: "SELECT kind FROM event WHERE entity = 'ticket:main/T-2' ORDER BY seq") }
        XCTAssertEqual(kinds, ["ticket.imported", "ticket.claimed"])
    }

    func testAnAuthorityThatSaysLostWinsOverTheLocalQueue() throws {
        struct Lost: ClaimAuthority {
            func acquire(_ ticket: TicketKey, epoch: Int, holder: String) throws -> ClaimVerdict { .lost(to: "A-2") }
        }
        XCTAssertEqual(try db.claim(key("T-1"), by: li, authority: Lost()), .heldBy(key("T-1"), agentID: "A-2", name: "Tom Baker"))
        XCTAssertEqual(try db.workState(key("T-1"))?.status, .queued, "nothing written for a lost epoch")
    }

    func testClaimNextTakesTheBestTicketOfTheAgentsSkillsAndLanguages() throws {
        // Li: flight+hotel, zh+en → the SOS car T-3 first (SOS is everyone's), then the urgent T-2
        // (en flight) before the high T-4 (zh hotel).
        XCTAssertEqual(try db.claimNext(by: li, at: at), .claimed(key("T-3"), epoch: 1))
        XCTAssertEqual(try db.claimNext(by: li, at: at), .claimed(key("T-2"), epoch: 1))
        XCTAssertEqual(try db.claimNext(by: li, at: at), .claimed(key("T-4"), epoch: 1))
        // Tom: flight, en only → T-1 is a Chinese customer's: nothing left for him.
        XCTAssertNil(try db.claimNext(by: tom, at: at))
        XCTAssertNil(try db.claimNext(by: carDesk, at: at), "the SOS car ticket is already Li's")
    }

    func testRepliesNotesParticipantsAndSuppliers() throws {
        _ = try db.claim(key("T-4"), by: li, at: at)
        XCTAssertThrowsError(try db.addMessage(key("T-4"), by: tom, body: "hi", visibility: .public)) {
            XCTAssertEqual("\($0)", "main/T-4 belongs to A-1; only its owner, participants and supervisors write in it".replacingOccurrences(of: "main/", with: ""))
        }
        XCTAssertThrowsError(try db.addMessage(key("T-4"), by: li, body: "  \n ", visibility: .public))
        try db.addMessage(key("T-4"), by: li, body: "已为您联系酒店", visibility: .public, at: at.addingTimeInterval(300))
        XCTAssertThrowsError(try db.addMessage(key("T-4"), by: hiltonDesk, body: "ok", visibility: .public)) {
            XCTAssertTrue("\($0)".contains("not part of T-4"), "\($0)")
        }
        XCTAssertEqual(try db.invite(key("T-4"), member: "SUP-HILTON", by: li, at: at).kind, .supplier)
        XCTAssertEqual(try db.invite(key("T-4"), member: "A-3", by: li, at: at.addingTimeInterval(1)).kind, .colleague)
        XCTAssertThrowsError(try db.invite(key("T-4"), member: "A-3", by: li)) { XCTAssertTrue("\($0)".contains("already in")) }
        XCTAssertThrowsError(try db.invite(key("T-4"), member: "NOBODY", by: li)) { XCTAssertEqual("\($0)", "no agent or supplier 'NOBODY'") }
        try db.addMessage(key("T-4"), by: hiltonDesk, body: "Room held until 02:00.", visibility: .public, at: at.addingTimeInterval(600))
        try db.addMessage(key("T-4"), by: carDesk, body: "租车已顺延", visibility: .internal, at: at.addingTimeInterval(660))
        try db.leave(key("T-4"), member: "A-3", by: carDesk, at: at.addingTimeInterval(700))
        XCTAssertThrowsError(try db.addMessage(key("T-4"), by: carDesk, body: "again", visibility: .internal))

        let detail = try XCTUnwrap(db.ticketDetail(key("T-4")))
        XCTAssertEqual(detail.messages.map(\.authorKind), [.agent, .supplier, .colleague])
        XCTAssertEqual(detail.messages[1].authorID, "SUP-HILTON")
        XCTAssertEqual(detail.ticket.firstResponseAt, at.addingTimeInterval(300), "the first public agent reply")
        XCTAssertEqual(detail.participants.map(\.memberID), ["SUP-HILTON", "A-3"])
        XCTAssertNotNil(detail.participants[1].leftAt)
    }

    func testTransferPendingResolveReopenAndFirstContactResolution() throws {
        _ = try db.claim(key("T-2"), by: tom, at: at)
        XCTAssertThrowsError(try db.resolve(key("T-2"), .solved, by: li)) { XCTAssertTrue("\($0)".contains("only its owner or a supervisor")) }
        // First-contact resolution needs a public reply to the customer (issue 14, item 14).
        try db.addMessage(key("T-2"), by: tom, body: "Rebooked on the 18:05.", visibility: .public, at: at.addingTimeInterval(300))
        XCTAssertTrue(try db.resolve(key("T-2"), .rebooked, by: tom, at: at.addingTimeInterval(600)), "answered and solved by its first owner: FCR")

        _ = try db.claim(key("T-1"), by: li, at: at)
        try db.setPending(key("T-1"), waitingFor: "supplier", by: li)
        XCTAssertEqual(try db.workState(key("T-1"))?.status, .pending)
        try db.setPending(key("T-1"), waitingFor: nil, by: li)
        try db.transfer(key("T-1"), to: tom, by: li, at: at)
        XCTAssertEqual(try db.workState(key("T-1"))?.epoch, 2)
        XCTAssertThrowsError(try db.addMessage(key("T-1"), by: li, body: "still mine?", visibility: .public))
        XCTAssertFalse(try db.resolve(key("T-1"), .solved, by: tom), "transferred: not first contact")
        try db.reopen(key("T-1"), by: li)
        let s = try XCTUnwrap(db.workState(key("T-1")))
        XCTAssertEqual(s.ownerID, "A-1"); XCTAssertEqual(s.status, .open); XCTAssertEqual(s.epoch, 3)
        try db.transfer(key("T-1"), to: nil, by: boss, reason: "wrong desk")
        XCTAssertEqual(try db.workState(key("T-1"))?.status, .queued)
        try db.setPriority(key("T-1"), .urgent, by: boss)
        XCTAssertEqual(try db.queue().first?.key, key("T-3"))
        XCTAssertEqual(try db.queue().dropFirst().first?.key, key("T-1"))
    }

    func testAnOldEpochCanNeverOverwriteTheNewOwner() throws {
        _ = try db.claim(key("T-2"), by: tom, at: at)
        try db.transfer(key("T-2"), to: li, by: boss, at: at)
        // Tom's workstation, not yet told, resolves in epoch 1: the applier refuses it.
        let outcome = try db.writer.write { d in
            try EventApplier(d).apply(LoggedEvent(at: self.at, actor: "A-2", event: .ticketChanged(self.key("T-2"), .resolved(.solved, firstContact: true), epoch: 1)))
        }
        guard case .rejected = outcome else { return XCTFail("\(outcome)") }
        let late = try db.writer.write { d in
            try EventApplier(d).apply(LoggedEvent(at: self.at, actor: "A-2", event: .ticketChanged(self.key("T-2"), .claimed(owner: "A-2"), epoch: 1)))
        }
        guard case .rejected = late else { return XCTFail("\(late)") }
        let s = try XCTUnwrap(db.workState(key("T-2")))
        XCTAssertEqual(s.ownerID, "A-1"); XCTAssertEqual(s.status, .open); XCTAssertEqual(s.epoch, 2)
    }

    func testAgentStatusAndRevealAreLogged() throws {
        try db.setStatus(of: li, .available, at: at)
        try db.setStatus(of: li, .available, at: at)
        XCTAssertEqual(try db.agent(id: "A-1")?.status, .available)
        _ = try db.claim(key("T-4"), by: li, at: at)
        try db.logContactReveal(key("T-4"), field: "phone", by: li, at: at)
        let kinds = try db.writer.read { try String.fetchAll($0, sql: "SELECT kind FROM event WHERE actor = 'A-1' ORDER BY seq") }
        XCTAssertEqual(kinds, ["agent.status_changed", "ticket.claimed", "ticket.contact_revealed"])
    }

    // MARK: Assigning (issue 14, item 10)

    /// Remembers what it was asked, then answers like a shared directory with one epoch already taken.
    final class Recording: ClaimAuthority, @unchecked Sendable {
        var asked: [(TicketKey, Int, String)] = []
        var taken: [Int: String] = [:]
        func acquire(_ ticket: TicketKey, epoch: Int, holder: String) throws -> ClaimVerdict {
            asked.append((ticket, epoch, holder))
            if let other = taken[epoch], other != holder { return .lost(to: other) }
            taken[epoch] = holder
            return .won
        }
    }

    func testASupervisorAssignsAWaitingTicketAsAClaimOnTheAgentsBehalf() throws {
        let authority = Recording()
        XCTAssertEqual(try db.assign(key("T-4"), to: li, by: boss, authority: authority, at: at), .claimed(epoch: 1))
        XCTAssertEqual(authority.asked.map { "\($0.0) \($0.1) \($0.2)" }, ["T-4 1 A-1"], "the epoch is taken for the agent, like their own claim")
        let s = try XCTUnwrap(db.workState(key("T-4")))
        XCTAssertEqual(s.status, .open); XCTAssertEqual(s.ownerID, "A-1"); XCTAssertEqual(s.epoch, 1); XCTAssertEqual(s.handoffs, 0)
        let logged = try db.writer.read { try Row.fetchAll($0, sql: "SELECT kind, actor FROM event WHERE entity = 'ticket:main/T-4' ORDER BY seq") }
        XCTAssertEqual(logged.map { "\($0[0] as String) \($0[1] as String)" }, ["ticket.imported test", "ticket.claimed S-1"],
                       "a claim, made by the supervisor")
        XCTAssertEqual(try db.agentList(.mine, agent: li).map(\.key), [key("T-4")], "it is hers")
        XCTAssertEqual(try db.claim(key("T-4"), by: tom, at: at), .heldBy(key("T-4"), agentID: "A-1", name: "李娜"))
        // A worked ticket is transferred (a new epoch), still only by a supervisor.
        XCTAssertEqual(try db.assign(key("T-4"), to: tom, by: boss, authority: authority, at: at), .transferred(from: "A-1", epoch: 2))
        XCTAssertEqual(try db.workState(key("T-4"))?.ownerID, "A-2")
        XCTAssertEqual(authority.asked.last?.2, "A-2")
    }

    func testAssigningIsForSupervisorsAndLosesToAFasterClaim() throws {
        XCTAssertThrowsError(try db.assign(key("T-1"), to: tom, by: li, at: at)) {
            XCTAssertEqual("\($0)", "only a supervisor can assign tickets; A-1 is an agent")
        }
        XCTAssertThrowsError(try db.assign(key("T-1"), to: hiltonDesk, by: boss, at: at)) { XCTAssertTrue("\($0)".contains("supplier contact")) }
        XCTAssertEqual(try db.workState(key("T-1"))?.status, .queued, "nothing written")
        // Another workstation claimed epoch 1 first (its claim not synced here yet): the assignment loses.
        let authority = Recording()
        authority.taken[1] = "A-2"
        XCTAssertThrowsError(try db.assign(key("T-1"), to: li, by: boss, authority: authority, at: at)) {
            XCTAssertEqual("\($0)", "T-1 was claimed meanwhile by A-2 (Tom Baker)")
        }
        XCTAssertEqual(try db.workState(key("T-1"))?.status, .queued)
        _ = try db.claim(key("T-2"), by: tom, at: at)
        try db.resolve(key("T-2"), .solved, by: tom, at: at)
        XCTAssertThrowsError(try db.assign(key("T-2"), to: li, by: boss, at: at)) { XCTAssertTrue("\($0)".contains("is resolved")) }
    }

    func testAssignOptionsShowSkillsLanguagesStatusLoadAndConcerns() throws {
        try db.setStatus(of: li, .available, at: at)
        try db.setStatus(of: tom, .away, at: at)
        _ = try db.claim(key("T-2"), by: tom, at: at)
        // T-4: a Chinese customer's hotel ticket. Li fits; Tom speaks no zh and serves no hotel;
        // Wang is offline and serves cars.
        let o = try XCTUnwrap(db.assignOptions(key("T-4")))
        XCTAssertEqual(o.status, .queued); XCTAssertEqual(o.language, "zh"); XCTAssertEqual(o.product, .hotel)
        XCTAssertEqual(o.candidates.map(\.agent.id), ["A-1", "A-2", "A-3"], "fitting first, then by status; agents only")
        XCTAssertEqual(o.candidates.map(\.concerns), [[], [.language("zh"), .product(.hotel)], [.offline, .product(.hotel)]])
        XCTAssertEqual(o.candidates.map(\.held), [0, 1, 0])
        XCTAssertEqual(o.candidates[1].concerns.map(\.description), ["does not speak zh", "does not serve hotel"])
        // An SOS is everyone's: no product concern, the language still counts.
        let sos = try XCTUnwrap(db.assignOptions(key("T-3")))
        XCTAssertEqual(sos.candidates.first { $0.agent.id == "A-2" }?.concerns, [.language("zh")])
        // The owner is not offered their own ticket.
        XCTAssertFalse(try XCTUnwrap(db.assignOptions(key("T-2"))).candidates.contains { $0.agent.id == "A-2" })
        XCTAssertNil(try db.assignOptions(key("T-99")))
    }
}
