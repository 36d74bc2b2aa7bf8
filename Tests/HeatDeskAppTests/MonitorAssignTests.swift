import TerminalTestSupport
import XCTest
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// Issue 14, item 10: `a` on a waiting ticket assigns it (a claim on the agent's behalf); the
/// picker shows skills, languages, status and load, and asks before an offline agent or one
/// without the ticket's language or product. Flows through `update` and the real effects.
final class MonitorAssignTests: XCTestCase {
    var f: MonitorFixture!
    var env: MonitorEnvironment!
    var s: MonitorState!

    override func setUpWithError() throws {
        f = try MonitorFixture()
        env = f.environment()
        s = f.state()
        env.drive(&s, .tick(f.now))
    }

    @discardableResult
    func key(_ k: KeyEvent) -> [MonitorEffect] { env.drive(&s, .key(k)) }

    func select(_ id: String) throws {
        let i = try XCTUnwrap(s.attention.firstIndex { $0.ticket.key.externalID == id }, "\(id) in the attention list")
        s.tickets.select(i, count: s.attention.count, visibleRows: 8)
    }

    var picker: AssignPicker? { if case .reassign(let p)? = s.modal { p } else { nil } }
    var question: ConfirmState? { if case .confirmAssign(let c, _, _)? = s.modal { c } else { nil } }

    func testAWaitingTicketIsAssignedToTheChosenAgent() throws {
        // T-4: the SOS car ticket of a Chinese customer, waiting.
        try select("T-4")
        XCTAssertEqual(key("a"), [.loadAssignOptions(f.key("T-4"))])
        let p = try XCTUnwrap(picker)
        XCTAssertEqual(p.picker.title, "Assign T-4 · car SOS · customer speaks zh")
        // An SOS is every desk's: only Wang (offline) has a concern; fitting agents first, available first.
        XCTAssertEqual(p.options.candidates.map(\.agent.id), ["A-1", "A-2", "A-3"])
        XCTAssertEqual(p.options.candidates.map(\.concerns), [[], [], [.offline]])
        XCTAssertEqual(p.options.candidates.map(\.held), [1, 0, 1], "the load: tickets held")
        let fx = key("Enter")
        XCTAssertTrue(fx.contains(.reassign(f.key("T-4"), to: "A-1")), "nothing speaks against Li: no question")
        let st = try XCTUnwrap(f.db.workState(f.key("T-4")))
        XCTAssertEqual(st.status, .open); XCTAssertEqual(st.ownerID, "A-1"); XCTAssertEqual(st.epoch, 1)
        XCTAssertEqual(s.message?.text, "T-4 assigned to 李娜 (A-1)")
        XCTAssertEqual(s.message?.kind, .success)
        XCTAssertEqual(s.report?.agents.first { $0.id == "A-1" }?.inHand, 2, "figures read again")
        XCTAssertNil(s.modal)
    }

    func testAnOfflineAgentOrOneWithoutTheLanguageOrProductIsAskedAbout() throws {
        // T-5: Emily Carter's hotel complaint (English), waiting.
        try select("T-5")
        key("a")
        let p = try XCTUnwrap(picker)
        XCTAssertEqual(p.options.candidates.map(\.agent.id), ["A-1", "A-2", "A-3"])
        XCTAssertEqual(p.options.candidates.map(\.concerns), [[], [.product(.hotel)], [.offline, .language("en"), .product(.hotel)]])
        // Tom (flight only): asked, and No (the default) changes nothing.
        key("Down")
        XCTAssertEqual(key("Enter"), [])
        XCTAssertEqual(question?.message, "Tom Baker (A-2) does not serve hotel — assign T-5 anyway?")
        XCTAssertEqual(Monitor.bindingContext(of: s), Monitor.questionContext)
        XCTAssertEqual(key("Enter"), [], "Enter is No unless moved to Yes")
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message?.text, "Nothing changed: T-5 not assigned")
        XCTAssertEqual(try f.db.workState(f.key("T-5"))?.status, .queued)
        // Wang: offline, no English, no hotel — typing his id filters to him; y assigns anyway.
        key("a")
        for c in "a-3" { key(KeyEvent(.char(c))) }
        XCTAssertEqual(picker?.selected?.agent.id, "A-3")
        key("Enter")
        XCTAssertEqual(question?.message, "王强 (A-3) is offline, does not speak en and does not serve hotel — assign T-5 anyway?")
        XCTAssertEqual(key("n"), [])
        XCTAssertEqual(try f.db.workState(f.key("T-5"))?.status, .queued)
        key("a"); for c in "a-3" { key(KeyEvent(.char(c))) }; key("Enter")
        XCTAssertTrue(key("y").contains(.reassign(f.key("T-5"), to: "A-3")))
        XCTAssertEqual(try f.db.workState(f.key("T-5"))?.ownerID, "A-3")
    }

    func testAWorkedTicketIsStillTransferred() throws {
        try select("T-7")   // Wang's, open: assigning it transfers it, a new epoch
        key("a")
        XCTAssertEqual(picker?.picker.title, "Reassign T-7 from A-3 · other · customer speaks zh")
        XCTAssertFalse(picker?.options.candidates.contains { $0.agent.id == "A-3" } ?? true, "not offered to its owner")
        key("Enter")
        XCTAssertEqual(s.message?.text, "T-7 handed from A-3 to 李娜 (A-1)")
        let st = try XCTUnwrap(f.db.workState(f.key("T-7")))
        XCTAssertEqual(st.ownerID, "A-1"); XCTAssertEqual(st.epoch, 2)
    }

    func testOnlyASupervisorAssigns() throws {
        // A monitor environment acting as an agent (the executable refuses to start one; the store refuses too).
        let asAgent = MonitorEnvironment(db: f.db, supervisor: f.li, targets: f.targets, now: { [f] in f!.now }, dayStart: { [f] _ in f!.day })
        var st = f.state()
        asAgent.drive(&st, .tick(f.now))
        let i = try XCTUnwrap(st.attention.firstIndex { $0.ticket.key.externalID == "T-4" })
        st.tickets.select(i, count: st.attention.count, visibleRows: 8)
        asAgent.drive(&st, .key("a"))
        asAgent.drive(&st, .key("Enter"))
        XCTAssertEqual(st.message?.text, "only a supervisor can assign tickets; A-1 is an agent")
        XCTAssertEqual(st.message?.kind, .error)
        XCTAssertEqual(try f.db.workState(f.key("T-4"))?.status, .queued)
    }

    func testAResolvedTicketOpensNoPicker() throws {
        try select("T-7")
        try f.db.resolve(f.key("T-7"), .solved, by: f.boss, at: f.now)
        key("a")
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message?.text, "T-7 is resolved")
    }

    /// The picker at 80x24 with Chinese names: skills, languages, status, load and fit.
    func testSnapshotOfThePicker() throws {
        try select("T-5")
        key("a")
        key("Down")
        let state = s!
        let draw: (Theme, Size) -> Buffer = { theme, size in
            var v = state
            v.theme = theme; v.size = size
            return Monitor.view(v, size)
        }
        let size = Size(width: 80, height: 24)
        let (doc, same) = Snapshot.document("monitor-assign", size: size, draw)
        XCTAssertTrue(same, "color and monochrome draw the same text")
        Snapshot.assertMatches("monitor-assign-80x24", doc)
        // And the question before an agent who lacks the product.
        key("Enter")
        let asked = s!
        let (q, same2) = Snapshot.document("monitor-assign-question", size: size) { theme, size in
            var v = asked
            v.theme = theme; v.size = size
            return Monitor.view(v, size)
        }
        XCTAssertTrue(same2)
        Snapshot.assertMatches("monitor-assign-question-80x24", q)
    }
}
