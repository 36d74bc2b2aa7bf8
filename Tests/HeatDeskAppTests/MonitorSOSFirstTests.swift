import XCTest
import HeatDeskApp
import HeatDeskCore
@testable import HeatDeskStore
import TerminalKit

/// Issue 14, item 11: the attention list puts SOS first, always: a long-waiting complaint, a
/// silent workstation's ticket or one past its SLA never sits above a waiting SOS.
final class MonitorSOSFirstTests: XCTestCase {
    func testSOSTicketsComeBeforeEveryOtherRow() throws {
        let f = try MonitorFixture()
        // A normal complaint waiting since 00:00 (3h30m), and a second SOS that arrived at 03:20.
        let extra: [DomainEvent] = [
            .ticketImported(Ticket(key: f.key("T-8"), createdAt: f.t(0, 0), channel: .chat, product: .hotel, category: .complaint,
                                   priority: .normal, customerID: "C-2", subject: "Complaint: room never cleaned"), firstMessage: nil),
            .ticketImported(Ticket(key: f.key("T-9"), createdAt: f.t(3, 20), channel: .phone, product: .flight, category: .sos,
                                   priority: .sos, customerID: "C-1", subject: "SOS：航班取消滞留机场"), firstMessage: nil),
        ]
        try f.db.writer.write { d in
            let a = try EventApplier(d)
            for e in extra { _ = try a.apply(LoggedEvent(at: f.day, actor: "test", event: e)) }
        }
        // A silent workstation holds T-3 (a normal email ticket) all along.
        let env = f.environment(staleClaims: f.liSilent())
        var s = f.state()
        env.drive(&s, .tick(f.now))
        let order = s.attention.map(\.ticket.key.externalID)
        XCTAssertEqual(Array(order.prefix(2)), ["T-4", "T-9"], "both SOS tickets first, longest waiting first: \(order)")
        XCTAssertEqual(order.firstIndex(of: "T-8"), 2, "the 3h30m complaint after the SOS tickets: \(order)")
        let firstNonSOS = s.attention.firstIndex { $0.ticket.priority != .sos } ?? s.attention.count
        XCTAssertFalse(s.attention[firstNonSOS...].contains { $0.ticket.priority == .sos }, "\(order)")
        // The store's pinned list says the same: SOS before complaints, whatever their age.
        XCTAssertEqual(s.report?.pinned.map(\.ticket.key.externalID), ["T-4", "T-9", "T-8", "T-5"])
    }

    func testAnSOSPastItsSLAOutranksAStaleHold() throws {
        let f = try MonitorFixture()
        // T-4 (SOS) is claimed by 王强, who is offline: it is no longer waiting, only past due.
        _ = try f.db.claim(f.key("T-4"), by: f.wang, at: f.t(3, 1))
        let env = f.environment(staleClaims: f.liSilent())
        var s = f.state()
        env.drive(&s, .tick(f.now))
        let order = s.attention.map(\.ticket.key.externalID)
        XCTAssertEqual(order.first, "T-4", "an SOS past its SLA is above the complaint and the silent hold: \(order)")
    }
}
