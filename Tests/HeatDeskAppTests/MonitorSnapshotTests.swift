import TerminalTestSupport
import XCTest
import HeatDeskApp
import HeatDeskCore
import TerminalKit

/// The monitor drawn at 80x24 and 200x50 on the fixture's day (03:30): text and styles, in
/// color and monochrome. Record with HEATDESK_RECORD_SNAPSHOTS=1.
final class MonitorSnapshotTests: XCTestCase {
    func scene(_ prepare: (inout MonitorState, MonitorEnvironment) -> Void = { _, _ in }) throws -> (Theme, Size) -> Buffer {
        let f = try MonitorFixture()
        let env = f.environment()
        var base = f.state()
        env.drive(&base, .tick(f.now))
        prepare(&base, env)
        let state = base
        return { theme, size in
            var s = state
            s.theme = theme
            s.size = size
            return Monitor.view(s, size)
        }
    }

    func check(_ name: String, _ sizes: [Size], _ draw: (Theme, Size) -> Buffer) {
        for size in sizes {
            let (doc, same) = Snapshot.document("monitor-\(name)", size: size, draw)
            XCTAssertTrue(same, "color and monochrome draw the same text")
            Snapshot.assertMatches("monitor-\(name)-\(size.width)x\(size.height)", doc)
        }
    }

    let sizes = [Size(width: 80, height: 24), Size(width: 200, height: 50)]

    func testOverview() throws {
        check("overview", sizes, try scene())
    }

    func testPausedWithAgentsFocused() throws {
        check("paused-agents", [Size(width: 80, height: 24)], try scene { s, env in
            env.drive(&s, .key("p"))
            env.drive(&s, .key("Tab"))
            env.drive(&s, .key("j"))
        })
    }

    func testReadOnlyTicketAndReassignPicker() throws {
        check("detail", sizes, try scene { s, env in
            // T-5, the complaint with a hostile subject: the supervisor wrote, Li was pulled in.
            let k = TicketKey(source: "main", externalID: "T-5"), now = env.now()
            try! env.db.addMessage(k, by: env.supervisor, body: "先安排换房，\u{1B}[2J费用我们承担。", visibility: .public, at: now)
            try! env.db.addMessage(k, by: env.supervisor, body: "Check the Hilton's cleaning log", visibility: .internal, at: now)
            _ = try! env.db.invite(k, member: "A-1", by: env.supervisor, at: now)
            env.drive(&s, .key("j"))
            env.drive(&s, .key("Enter"))
        })
        check("reassign", [Size(width: 80, height: 24)], try scene { s, env in
            env.drive(&s, .key("j")); env.drive(&s, .key("j"))   // T-7, Wang's stale claim
            env.drive(&s, .key("a"))
        })
    }

    /// With sync: Li's workstation went silent while she holds T-3 (beside Wang, offline with T-7).
    func testStaleClaimsFromHeartbeats() throws {
        let f = try MonitorFixture()
        let env = f.environment(staleClaims: f.liSilent())
        var base = f.state()
        base.heartbeats = true
        env.drive(&base, .tick(f.now))
        let state = base
        check("stale", sizes) { theme, size in
            var s = state
            s.theme = theme
            s.size = size
            return Monitor.view(s, size)
        }
    }

    func testBeforeTheFirstRead() {
        let s = MonitorState(supervisor: Agent(id: "S-1", name: "周敏", role: .supervisor))
        let text = Monitor.view(s, Size(width: 80, height: 24)).textLines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Reading the figures…"), text)
    }
}
