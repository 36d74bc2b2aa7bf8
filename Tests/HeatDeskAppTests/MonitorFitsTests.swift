import XCTest
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit

/// Issue 14, item 13: at 80x24 the monitor's title, the section headers and the key hints are
/// whole: on the demo's day (hundreds of tickets, a real supervisor's name), paused or live.
final class MonitorFitsTests: XCTestCase {
    func testEverythingTheMonitorNeedsFitsAt80x24() throws {
        // 赵雪梅 fits the long title; Oliver Grant's name needs the short one.
        for id in ["SV-01", "SV-02"] { try check(supervisor: id) }
    }

    func check(supervisor id: String) throws {
        let (db, dir) = try DemoFixture.database()
        defer { _ = dir }
        let boss = try XCTUnwrap(try db.agent(id: id))
        let now = DemoFixture.baseTime
        let env = MonitorEnvironment(db: db, supervisor: boss, now: { now },
                                     dayStart: { d in Calendar.current.startOfDay(for: d) })
        var s = MonitorState(supervisor: boss, targets: .standard, interval: 1, theme: .monochrome, timeZone: DemoFixture.timeZone)
        env.drive(&s, .tick(now))
        let r = try XCTUnwrap(s.report)
        for paused in [false, true] {
            if paused { env.drive(&s, .key("p")) }
            let lines = Monitor.view(s, Size(width: 80, height: 24)).textLines
            let title = lines[0]
            XCTAssertTrue(title.contains(boss.name) && title.contains(id), title)
            XCTAssertTrue(title.contains(paused ? "PAUSED" : "live"), title)
            XCTAssertTrue(title.contains("past \(r.pastDue) ") || title.contains("past SLA \(r.pastDue) "), title)
            XCTAssertTrue(title.contains(MonitorFormat.clock(r.now, dayStart: r.dayStart)), title)
            XCTAssertFalse(title.contains("…"), title)
            let help = lines[23]
            for hint in ["q Quit", "? Help", "p Pause", "Tab Pane", "Enter Open", "r Requeue", "a Reassign", "+ Raise"] {
                XCTAssertTrue(help.contains(hint), "\(hint) missing: \(help)")
            }
            let agents = try XCTUnwrap(lines.first { $0.hasPrefix("Agents") })
            XCTAssertFalse(agents.contains("…"), agents)
            let present = MetricsReport.Presence.allCases.filter { (r.presenceCounts[$0] ?? 0) > 0 }
            XCTAssertFalse(present.isEmpty)
            for p in present { XCTAssertTrue(agents.contains("\(r.presenceCounts[p]!) "), "\(p) count: \(agents)") }
            XCTAssertLessThanOrEqual(agents.trimmingCharacters(in: .whitespaces).displayWidth, 80)
            let attention = try XCTUnwrap(lines.first { $0.hasPrefix("Attention") })
            XCTAssertTrue(attention.contains("near"), "the SLA counts are whole: \(attention)")
        }
    }
}
