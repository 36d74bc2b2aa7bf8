import Foundation
@testable import HeatDeskApp
import HeatDeskCore
@testable import HeatDeskStore
import HeatDeskSync
import HeatDeskTestSupport
import TerminalKit
import TerminalTestSupport
import XCTest

/// Issue 6: "an event from an owner who lost the claim can never overwrite the new owner's state
/// (it stays visible, marked)". Two workstations meet in a shared directory; Li, offline, keeps
/// working a ticket the supervisor handed to Tom; Tom's screen shows what Li tried, marked.
final class RefusedEventTests: XCTestCase {
    let li = Agent(id: "A-1", name: "李娜", skills: [.flight, .hotel], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["zh", "en"])
    let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, languages: ["zh", "en"])
    let key = TicketKey(source: "main", externalID: "T-1")
    /// Minutes into the hour before the demo's recorded now (the driver's clock).
    func t(_ minutes: Int) -> Date { DemoFixture.baseTime.addingTimeInterval(Double(minutes * 60 - 3600)) }

    var tmp: TemporaryDirectory!
    var b: AppDatabase!
    var eb: SyncEngine!

    override func setUpWithError() throws {
        tmp = TemporaryDirectory("heatdesk-refused")
        let shared = tmp.file("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let a = try AppDatabase.open(path: tmp.file("a.sqlite"))
        let ea = try SyncEngine(db: a, shared: shared, agentID: li.id)
        b = try AppDatabase.open(path: tmp.file("b.sqlite"))
        eb = try SyncEngine(db: b, shared: shared, agentID: boss.id)

        let ticket = Ticket(key: key, createdAt: t(0), channel: .chat, product: .flight, category: .delay,
                            customerID: "C-1", subject: "MU523 延误，酒店怎么办")
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-1", name: "王丽娜", language: "zh")),
            .agentUpserted(li), .agentUpserted(tom), .agentUpserted(boss),
            .ticketImported(ticket, firstMessage: Message(at: t(0), authorKind: .customer, body: "航班延误了，酒店怎么办？")),
        ]
        try a.writer.write { d in
            let applier = try EventApplier(d)
            for e in events { _ = try applier.apply(LoggedEvent(at: self.t(0), actor: "import", event: e)) }
        }
        XCTAssertEqual(try a.claim(key, by: li, authority: ea.authority, at: t(1)), .claimed(key, epoch: 1))
        try a.addMessage(key, by: li, body: "您好，我来处理。", visibility: .public, at: t(2))
        try ea.exchange(); try eb.exchange()

        // The supervisor hands the ticket to Tom (epoch 2) while Li, offline, goes on in epoch 1.
        try b.transfer(key, to: tom, by: boss, reason: "Li's shift ended", authority: eb.authority, at: t(5))
        try a.setPending(key, waitingFor: "customer", by: li, at: t(6))
        try a.addMessage(key, by: li, body: "请提供护照号码。", visibility: .public, at: t(7))
        _ = try a.resolve(key, .solved, by: li, at: t(8))
        try eb.exchange(); try ea.exchange()
        let report = try eb.exchange()
        XCTAssertEqual(report.faults, [])
        XCTAssertEqual(report.rejected.count, 2)
    }

    func testTheStoreReadIsWhatSyncReports() throws {
        let refused = try b.syncRejections(for: key)
        XCTAssertEqual(refused.map(\.kind), ["ticket.resolved", "ticket.status_changed"], "newest first")
        XCTAssertEqual(refused.map(\.at), [t(8), t(6)])
        let engine = try eb.rejections(for: key)
        XCTAssertEqual(engine.map(\.reason), refused.map(\.reason))
        XCTAssertEqual(engine.map(\.seq), refused.map(\.seq))
        XCTAssertEqual(try b.syncRejections(for: TicketKey(source: "main", externalID: "T-2")), [])
        XCTAssertEqual(try b.syncRejections().count, 2)

        let opened = try XCTUnwrap(try b.openedTicket(key))
        XCTAssertEqual(opened.refused.map(\.kind), ["ticket.status_changed", "ticket.resolved"], "oldest first, for the conversation")
        XCTAssertEqual(opened.refused.map(\.attempt), ["set it pending, waiting for the customer (epoch 1)", "resolve it: solved (epoch 1)"])
        XCTAssertEqual(opened.names["A-1"], "李娜", "the refused events' actors are named")
        XCTAssertEqual(opened.detail.ticket.ownerID, "A-2")
        XCTAssertEqual(opened.detail.ticket.status, .open, "Li's pending and resolution did not overwrite Tom's ticket")
    }

    func testTheNewOwnerSeesWhatTheOldOneTriedMarkedAtItsTime() throws {
        let d = try AgentDriver(db: b, agentID: tom.id)
        d.keys("2", "Enter")   // Tom's own tickets: T-1
        let screen = try XCTUnwrap(d.state.ticket)
        XCTAssertEqual(screen.key, key)
        let buffer = agentView(d.state, d.state.size)
        let lines = buffer.textLines
        func row(_ text: String) -> Int? { lines.firstIndex { $0.contains(text) } }
        let pending = try XCTUnwrap(row("✗ not applied: T-1: status change from epoch 1"), lines.joined(separator: "\n"))
        let message = try XCTUnwrap(row("请提供护照号码。"), "Li's message is kept: messages are an append-only set")
        let resolve = try XCTUnwrap(row("✗ not applied: T-1: resolved in epoch 1, the ticket is at epoch 2"))
        XCTAssertTrue(pending < message && message < resolve, "each refused event at its time:\n" + lines.joined(separator: "\n"))
        XCTAssertEqual(row("李娜 (A-1) tried to set it pending, waiting for the customer (epoch 1)"), pending + 2, "after the wrapped reason")
        XCTAssertTrue(lines[resolve + 1].contains("李娜 (A-1) tried to resolve it: solved (epoch 1)"), lines[resolve + 1])
        XCTAssertTrue(lines.contains { $0.contains("Conversation 3 ✗2") }, "the tab counts them")
        // The mark is in the warning role, what was tried is muted.
        let x = lines[pending].distance(from: lines[pending].startIndex, to: lines[pending].range(of: "✗")!.lowerBound)
        XCTAssertEqual(buffer[x, pending].style, buffer.theme[.warning])
        XCTAssertEqual(buffer[4, pending + 2].style, buffer.theme[.muted])

        let (doc, same) = Snapshot.document("agent-ticket-refused", size: d.state.size) { theme, size in
            var s = d.state
            s.theme = theme
            return agentView(s, size)
        }
        XCTAssertTrue(same)
        Snapshot.assertMatches("agent-ticket-refused-80x24", doc)
    }

    /// Untrusted text in a refused event (a message body, a reason) is sanitized once, at load.
    func testARefusedMessageIsShownMutedAndSanitized() {
        let ticket = Ticket(key: key, createdAt: t(0), channel: .chat, product: .flight, category: .delay, customerID: "C-1", subject: "s")
        let detail = TicketDetail(ticket: ticket, customer: Customer(id: "C-1", name: "王丽娜", language: "zh"),
                                  messages: [Message(at: t(1), authorKind: .customer, body: "first"),
                                             Message(at: t(9), authorKind: .customer, body: "last")],
                                  participants: [], orders: [], serviceTrail: [])
        let event = DomainEvent.messageAdded(key, Message(at: t(4), authorKind: .agent, authorID: "A-9", body: "hi\u{1B}[2J\nline two"))
        let refused = RefusedEvent(node: "n", seq: 3, at: t(4), actor: "A-9", kind: event.kind, entity: event.entity,
                                   reason: "not a participant \u{202E}", payload: event.payload)
        let s = TicketScreenState(OpenedTicket(detail: detail, refused: [refused]), readOnly: true, timeZone: TimeZone(identifier: "UTC")!)
        let texts = s.conversation.map(\.text.singleLine)
        let mark = texts.firstIndex { $0.hasSuffix("✗ not applied: not a participant <U+202E>") }
        XCTAssertNotNil(mark, "\(texts)")
        XCTAssertEqual(texts.firstIndex(of: "  first"), 1)
        XCTAssertEqual(mark, 2, "between the messages of before and after")
        XCTAssertEqual(texts[3], "  A-9 tried to message: hi^[[2J")
        XCTAssertEqual(texts[4], "    line two")
        XCTAssertEqual(s.conversation[3].role, .muted)
        XCTAssertEqual(texts.last, "  last")
        XCTAssertEqual(refused.attempt, "message: hi\u{1B}[2J\nline two")
        XCTAssertEqual(RefusedEvent(node: "n", seq: 1, at: t(0), actor: "x", kind: "ticket.future_thing", entity: "", reason: "",
                                    payload: "{}").attempt, "ticket.future_thing", "an event this build cannot read shows its kind")
    }
}
