import XCTest
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// The monitor's flows through `update` and the real effects on a database file.
final class MonitorFlowTests: XCTestCase {
    var f: MonitorFixture!
    var env: MonitorEnvironment!
    var s: MonitorState!

    override func setUpWithError() throws {
        f = try MonitorFixture()
        env = f.environment()
        s = f.state()
        env.drive(&s, .tick(f.now))
        XCTAssertNotNil(s.report, "the first tick reads the figures")
    }

    func key(_ k: KeyEvent) -> [MonitorEffect] { env.drive(&s, .key(k)) }

    func select(_ id: String) throws {
        let i = try XCTUnwrap(s.attention.firstIndex { $0.ticket.key.externalID == id }, "\(id) in the attention list")
        s.tickets.select(i, count: s.attention.count, visibleRows: 8)
    }

    func testOnlySupervisorsMayWatch() {
        XCTAssertNil(Monitor.refusal(for: f.boss, id: "S-1"))
        XCTAssertEqual(Monitor.refusal(for: f.li, id: "A-1"), "the monitor is for supervisors; A-1 (李娜) is an agent")
        XCTAssertEqual(Monitor.refusal(for: Agent(id: "SC-1", name: "Hilton", role: .supplier), id: "SC-1"),
                       "the monitor is for supervisors; SC-1 (Hilton) is a supplier contact")
        XCTAssertEqual(Monitor.refusal(for: nil, id: "X-9"), "no agent 'X-9' in the directory")
    }

    func testAttentionListsPinnedThenAtRisk() {
        XCTAssertEqual(s.attention.map(\.ticket.key.externalID), ["T-4", "T-5", "T-7", "T-6"],
                       "SOS and complaint waiting first, then past/near SLA not already listed")
        XCTAssertEqual(s.report?.waitingTotal, 3)
    }

    func testAnUnchangedDatabaseCostsOnlyTheVersionCheck() throws {
        let version = s.version
        // Within the full-read period and with nothing committed: no read, only the clock moves.
        var effects = Monitor.update(&s, .tick(f.now.addingTimeInterval(2)))
        XCTAssertEqual(effects, [.refresh(force: false, known: version)])
        var answers = env.run(effects)
        guard case .unchanged = answers.first else { return XCTFail("\(answers)") }
        // Another process commits (an agent claims the SOS ticket): the next tick reads again.
        for m in answers { _ = Monitor.update(&s, m) }
        let other = try AppDatabase.open(path: f.path)
        _ = try other.claim(f.key("T-4"), by: f.wang, at: f.now)
        effects = Monitor.update(&s, .tick(f.now.addingTimeInterval(4)))
        answers = env.run(effects)
        guard case .refreshed = answers.first else { return XCTFail("\(answers)") }
        for m in answers { _ = Monitor.update(&s, m) }
        XCTAssertEqual(s.report?.waitingTotal, 2)
        XCTAssertEqual(s.report?.agents.first { $0.id == "A-3" }?.inHand, 2)
        XCTAssertNotEqual(s.version, version)
    }

    func testClockOnlyFiguresMoveWithoutARead() {
        let before = s.report?.longestWait ?? 0
        _ = Monitor.update(&s, .unchanged(at: f.now.addingTimeInterval(60)))
        XCTAssertEqual(s.report?.longestWait, before + 60)
        // After the full-read period even an unchanged database is read again.
        XCTAssertEqual(Monitor.update(&s, .tick(f.now.addingTimeInterval(31))), [.refresh(force: true, known: s.version)])
    }

    func testSyncNewsForcesARead() {
        let news = f.environment(background: { true })
        let answers = news.run([.refresh(force: false, known: s.version)])
        guard case .refreshed = answers.first else { return XCTFail("\(answers)") }
        let failing = f.environment(background: { throw CocoaError(.fileReadNoPermission) })
        let failed = failing.run([.refresh(force: false, known: s.version)])
        guard case .failed(let text) = failed.first else { return XCTFail("\(failed)") }
        XCTAssertTrue(text.hasPrefix("sync:"), text)
        guard case .unchanged = failed.last else { return XCTFail("a failing sync still leaves the local figures current") }
    }

    func testPauseStopsTheRefreshAndResumeReadsAtOnce() {
        XCTAssertEqual(key("p"), [])
        XCTAssertTrue(s.paused)
        XCTAssertEqual(Monitor.update(&s, .tick(f.now.addingTimeInterval(60))), [])
        XCTAssertEqual(Monitor.update(&s, .key("p")), [.refresh(force: true, known: s.version)])
        XCTAssertFalse(s.paused)
    }

    func testRequeueAStaleClaimAfterConfirming() throws {
        try select("T-7")
        XCTAssertEqual(key("r"), [])
        guard case .confirmRequeue = s.modal else { return XCTFail("asks first") }
        XCTAssertEqual(key("n"), [])
        XCTAssertNil(s.modal)
        XCTAssertEqual(try f.db.workState(f.key("T-7"))?.ownerID, "A-3", "cancelled: nothing changed")
        _ = key("r")
        let effects = key("y")
        XCTAssertEqual(effects.first, .requeue(f.key("T-7")))
        let state = try XCTUnwrap(f.db.workState(f.key("T-7")))
        XCTAssertEqual(state.status, .queued); XCTAssertNil(state.ownerID); XCTAssertEqual(state.epoch, 2, "a new claim epoch")
        XCTAssertEqual(s.message?.text, SafeText("T-7 is back in the queue"))
        XCTAssertEqual(s.report?.staleClaims, 0, "figures read again after the action")
        XCTAssertEqual(s.attention.first { $0.ticket.key.externalID == "T-7" }?.ticket.status, .queued, "the selection follows the ticket")
    }

    func testReassignThroughThePicker() throws {
        try select("T-7")
        _ = key("a")
        guard case .reassign(let picker) = s.modal else { return XCTFail("picker") }
        XCTAssertEqual(picker.options.candidates.map(\.agent.id), ["A-1", "A-2"], "agents only, not the current owner nor supervisors")
        XCTAssertEqual(picker.picker.items.count, 2)
        for c in "tom" { _ = key(KeyEvent(.char(c))) }
        XCTAssertEqual(key("Enter").first, .reassign(f.key("T-7"), to: "A-2"))
        XCTAssertEqual(try f.db.workState(f.key("T-7"))?.ownerID, "A-2")
        XCTAssertEqual(s.report?.agents.first { $0.id == "A-2" }?.inHand, 1)
    }

    func testRaisePriorityAndRefusals() throws {
        try select("T-5")
        XCTAssertEqual(key("+").first, .setPriority(f.key("T-5"), .urgent))
        XCTAssertEqual(try f.db.queue().first { $0.key.externalID == "T-5" }?.priority, .urgent)
        try select("T-4")
        XCTAssertEqual(key("+"), [])
        XCTAssertEqual(s.message?.kind, .warning, "already SOS")
        XCTAssertEqual(key("r"), [])
        XCTAssertNil(s.modal, "a queued ticket has nothing to requeue")
        _ = key("Tab")
        XCTAssertEqual(key("Enter"), [])
        XCTAssertEqual(s.message?.text, "Tab to the ticket list to act on a ticket")
    }

    func text() -> String { Monitor.view(s, s.size).textLines.joined(separator: "\n") }

    func testEnterOpensTheAgentsTicketScreenReadOnlyAndEscGoesBack() throws {
        try select("T-5")
        XCTAssertEqual(key("Enter"), [.openTicket(f.key("T-5"))])
        let t = try XCTUnwrap(s.ticket)
        XCTAssertEqual(t.key, f.key("T-5"))
        XCTAssertTrue(t.readOnly)
        var screen = text()
        XCTAssertTrue(screen.contains("T-5  HIGH  queued"), screen)
        XCTAssertTrue(screen.contains("Emily Carter"), screen)
        XCTAssertTrue(screen.contains("Conversation 0"), screen)
        XCTAssertTrue(screen.contains("Esc/q Board"), "the help bar is the ticket's: \(screen)")
        XCTAssertFalse(screen.contains("\u{1B}"), "no raw escape reaches the screen")
        XCTAssertFalse(screen.contains("reveals"), "read-only: no contact reveal offered")

        // The agent's work keys do nothing here; the screen's own navigation works.
        XCTAssertEqual(key("R"), [])
        XCTAssertEqual(key("N"), [])
        XCTAssertNil(s.modal)
        _ = key("Tab")
        XCTAssertEqual(s.ticket?.pane, .orders)

        // Another process writes in it: the next read of the figures reads the ticket too, and
        // the supervisor keeps looking where they were.
        let other = try AppDatabase.open(path: f.path)
        try other.addMessage(f.key("T-5"), by: f.boss, body: "已联系酒店，换房中", visibility: .public, at: f.now)
        let version = s.version
        XCTAssertEqual(key("g"), [.refresh(force: true, known: version), .openTicket(f.key("T-5"))])
        XCTAssertEqual(s.ticket?.detail.messages.map(\.body), ["已联系酒店，换房中"])
        XCTAssertEqual(s.ticket?.pane, .orders)

        // An action on the open ticket acts on it, and the screen follows.
        XCTAssertEqual(key("+").first, .setPriority(f.key("T-5"), .urgent))
        XCTAssertEqual(s.ticket?.detail.ticket.priority, .urgent)
        screen = text()
        XCTAssertTrue(screen.contains("T-5  URGENT"), screen)

        _ = key("Esc")
        XCTAssertNil(s.ticket)
        XCTAssertTrue(text().contains("Attention"))
        // A reload answered after Esc does not bring the ticket back.
        _ = Monitor.update(&s, .ticketLoaded(try f.db.openedTicket(f.key("T-5"))))
        XCTAssertNil(s.ticket)
        // q on an open ticket goes back to the board; on the board it quits.
        _ = key("Enter")
        XCTAssertNotNil(s.ticket)
        _ = key("q")
        XCTAssertNil(s.ticket)
        XCTAssertFalse(s.quit)
    }

    func testScrollingTheOpenTicketUsesTheTerminalSize() throws {
        // Forty messages (eighty lines): pages of the conversation at 100x30 fit several times.
        for i in 0..<40 {
            try f.db.addMessage(f.key("T-7"), by: f.wang, body: "消息 \(i)", visibility: .public, at: f.now.addingTimeInterval(Double(i)))
        }
        _ = Monitor.update(&s, .resized(Size(width: 100, height: 30)))
        try select("T-7")
        _ = key("Enter")
        XCTAssertNil(s.ticket?.conversationScroll, "opens on the newest message")
        _ = key("k")
        let up = try XCTUnwrap(s.ticket?.conversationScroll)
        _ = key("PgUp")
        let page = try XCTUnwrap(s.ticket?.conversationScroll)
        XCTAssertEqual(up - page, TicketScreen.layout(try XCTUnwrap(s.ticket), in: Monitor.ticketArea(s.size)).conversation.height - 1,
                       "a page is the conversation pane's height at the reported size")
        let screen = text()
        XCTAssertTrue(screen.contains("消息 18") && !screen.contains("消息 39"), screen)
    }

    func testSelectionMovesInTheFocusedPane() {
        _ = key("j")
        XCTAssertEqual(s.tickets.selected, 1)
        _ = key("Tab")
        _ = key("End")
        XCTAssertEqual(s.agents.selected, 3)
        XCTAssertEqual(s.tickets.selected, 1)
        _ = key("?")
        XCTAssertEqual(s.modal, .help(scroll: 0))
        _ = key("q")
        XCTAssertNil(s.modal)
        XCTAssertFalse(s.quit, "q closes the help first")
        _ = key("q")
        XCTAssertTrue(s.quit)
    }
}

extension MonitorFlowTests {
    func testRequeueEverythingASilentAgentHolds() throws {
        _ = try f.db.claim(f.key("T-4"), by: f.wang, at: f.now)   // Wang, offline, now holds T-7 and T-4
        _ = key("g")
        _ = key("Tab")
        _ = key("j")   // Tom: holds nothing
        XCTAssertEqual(key("r"), [])
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message?.text, SafeText("Tom Baker holds no tickets"))
        _ = key("j")   // Wang
        _ = key("r")
        guard case .confirmRequeueHeld(let confirm, "A-3") = s.modal else { return XCTFail("asks first") }
        XCTAssertTrue(confirm.message.singleLine.contains("the 2 tickets 王强 (A-3, offline) holds"), confirm.message.singleLine)
        XCTAssertEqual(key("y").first, .requeueHeld(agentID: "A-3"))
        XCTAssertEqual(try f.db.ticketsHeld(by: "A-3"), [])
        XCTAssertEqual(try f.db.workState(f.key("T-4"))?.status, .queued)
        XCTAssertEqual(s.report?.staleClaims, 0)
        XCTAssertEqual(s.message?.text, SafeText("2 tickets of A-3 back in the queue"))
    }
}

/// Stale claims from sync's heartbeats (a fake closure stands for the sync engine).
extension MonitorFlowTests {
    func silentLi() {
        env = f.environment(staleClaims: f.liSilent())
        s.heartbeats = true
    }

    func testASilentWorkstationsClaimsAreFlaggedBesideOfflineAgents() throws {
        silentLi()
        let effects = env.drive(&s, .tick(f.now.addingTimeInterval(2)))
        XCTAssertEqual(effects.filter { $0 == .checkStale }.count, 1)
        XCTAssertEqual(s.stale.map(\.ticket.key), [f.key("T-3")])
        XCTAssertEqual(s.attention.map(\.ticket.key.externalID), ["T-4", "T-5", "T-3", "T-7", "T-6"],
                       "after the pinned tickets, before the SLA list")
        guard case .stale(let seen, "A-1")? = s.attention.first(where: { $0.ticket.key.externalID == "T-3" })?.reason else {
            return XCTFail("T-3 is listed as stale")
        }
        XCTAssertEqual(seen, f.t(3, 25))
        let li = try XCTUnwrap(s.report?.agents.first { $0.id == "A-1" })
        XCTAssertEqual(li.presence, .busy, "Li still looks present: only the heartbeat says otherwise")
        XCTAssertEqual(s.staleCount(of: li), 1)
        XCTAssertEqual(s.staleCount(of: try XCTUnwrap(s.report?.agents.first { $0.id == "A-3" })), 1, "Wang is offline with T-7")
        XCTAssertEqual(s.staleTotal, 2)
        let text = Monitor.view(s, Size(width: 80, height: 24)).textLines.joined(separator: "\n")
        XCTAssertTrue(text.contains("silent 5m00s"), text)
        XCTAssertTrue(text.contains("2 stale"), text)

        // Heartbeats are looked at on their own period, not on every tick.
        XCTAssertFalse(Monitor.update(&s, .tick(f.now.addingTimeInterval(4))).contains(.checkStale))
        s.refreshing = false
        XCTAssertTrue(Monitor.update(&s, .tick(f.now.addingTimeInterval(12))).contains(.checkStale))
    }

    func testRequeueingAStaleClaimFreesItAndLooksAgain() throws {
        silentLi()
        env.drive(&s, .tick(f.now.addingTimeInterval(2)))
        try select("T-3")
        _ = key("r")
        guard case .confirmRequeue(_, let k) = s.modal else { return XCTFail("asks first") }
        XCTAssertEqual(k, f.key("T-3"))
        let effects = key("y")
        XCTAssertEqual(effects.first, .requeue(f.key("T-3")))
        XCTAssertEqual(effects.filter { $0 == .checkStale }.count, 1, "the action's answer looks for stale claims again")
        let state = try XCTUnwrap(f.db.workState(f.key("T-3")))
        XCTAssertEqual(state.status, .queued); XCTAssertEqual(state.epoch, 2, "a new claim epoch")
        XCTAssertEqual(s.stale, [], "looked again after the action")
        XCTAssertEqual(s.staleTotal, 1, "Wang's offline claim is left")
    }

    func testAFailingHeartbeatReadIsSaidAndTriedAgainLater() {
        env = f.environment(staleClaims: { throw CocoaError(.fileReadNoPermission) })
        s.heartbeats = true
        env.drive(&s, .tick(f.now.addingTimeInterval(2)))
        XCTAssertEqual(s.message?.kind, .error)
        XCTAssertTrue(s.message?.text.singleLine.hasPrefix("stale claims:") ?? false)
        XCTAssertFalse(s.checkingStale)
        XCTAssertNotNil(s.report, "the figures are still read")
    }

    /// The monitor's actions are published at once: their answer reads again, and every read
    /// runs the sync hook first.
    func testAnActionRunsTheSyncHookAtOnce() throws {
        final class Calls: @unchecked Sendable { var n = 0 }
        let calls = Calls()
        env = f.environment(background: { calls.n += 1; return false })
        try select("T-5")
        let before = calls.n
        XCTAssertEqual(key("+").first, .setPriority(f.key("T-5"), .urgent))
        XCTAssertEqual(calls.n, before + 1)
    }

    func testWithoutSyncNoHeartbeatsAreLookedFor() {
        XCTAssertFalse(s.heartbeats)
        XCTAssertFalse(Monitor.update(&s, .tick(f.now.addingTimeInterval(40))).contains(.checkStale))
        // Even asked, an environment without sync answers that nothing is stale.
        XCTAssertEqual(env.run([.checkStale]).count, 1)
        guard case .staleHolds(let lines, _) = env.run([.checkStale]).first else { return XCTFail("answers") }
        XCTAssertEqual(lines, [])
    }
}

final class MonitorFormatTests: XCTestCase {
    func testFiguresInFewColumns() {
        XCTAssertEqual(MonitorFormat.duration(42), "42s")
        XCTAssertEqual(MonitorFormat.duration(185), "3m05s")
        XCTAssertEqual(MonitorFormat.duration(7_620), "2h07m")
        XCTAssertEqual(MonitorFormat.duration(273_600), "3d04h")
        XCTAssertEqual(MonitorFormat.share(0.9524), "95.2%")
        XCTAssertEqual(MonitorFormat.share(nil), "–")
        XCTAssertEqual(MonitorFormat.count(5972, width: 4), "5972")
        XCTAssertEqual(MonitorFormat.count(15_558, width: 4), "15k")
        XCTAssertEqual(MonitorFormat.count(215_560, width: 4), "215k")
        XCTAssertEqual(MonitorFormat.count(1_250_000, width: 4), "1.2M")
        XCTAssertEqual(MonitorFormat.count(15_558, width: 6), "15558")
        XCTAssertEqual(MonitorFormat.clock(1_000 * (3 * 3600 + 5 * 60 + 9) + 500, dayStart: 0), "03:05:09")
        XCTAssertEqual(MonitorFormat.seconds(0.5), "0.5s")
        XCTAssertEqual(MonitorFormat.seconds(2), "2s")
    }
}
