import Foundation
import HeatDeskTestSupport
import TerminalTestSupport
import XCTest

/// Issue 14 in the real terminal (tmux, 80x24, the demo's Chinese and English data): the monitor
/// fits, the selection survives a filtered claim, the summary has its pane, `?` is text in the
/// editor, answered tickets show met/missed, and `q` asks first.
final class ShiftTmuxTests: XCTestCase {
    let socket = "heatdesk-shift-e2e-\(getpid())"
    var tmux = ""
    var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        guard let t = Spawn.which("tmux") else { throw XCTSkip("tmux is not installed") }
        tmux = t
        dir = TemporaryDirectory("heatdesk-shift-e2e")
    }

    override func tearDown() {
        _ = Spawn.run([tmux, "-L", socket, "kill-server"])
        dir = nil
    }

    var session = ""
    func keys(_ k: String...) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", session] + k) }
    func text(_ t: String) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", session, "-l", t]) }

    /// Waits (a generous deadline) until the screen satisfies `ok`.
    @discardableResult
    func waitFor(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ ok: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(60)
        var screen = ""
        while Date() < deadline {
            screen = Spawn.run([tmux, "-L", socket, "capture-pane", "-p", "-t", session]).output
            if ok(screen) { return screen }
            usleep(100_000)
        }
        XCTFail("\(what) never appeared; screen:\n" + screen, file: file, line: line)
        return screen
    }
    @discardableResult
    func waitFor(_ marker: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        waitFor(marker, file: file, line: line) { $0.contains(marker) }
    }

    func start(_ name: String, _ args: String) {
        session = name
        let script = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(HeatDeskBinary.url.path) \(args); echo \(name.uppercased())-OVER; sleep 60"
        let r = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-s", name, script])
        XCTAssertEqual(r.status, 0, r.output)
    }

    func testAShiftAt80x24() throws {
        guard FileManager.default.isExecutableFile(atPath: HeatDeskBinary.url.path) else { return XCTFail("heatdesk not built") }
        let db = dir.file("demo.sqlite")
        let demo = try HeatDeskBinary.run(["demo", "--db", db])
        XCTAssertEqual(demo.status, 0, demo.stderr)

        // The monitor at 80x24: the title, the headers and every key hint whole.
        start("monitor", "monitor --agent SV-02 --db \(db)")
        var screen = waitFor("Attention")
        let rows = screen.components(separatedBy: "\n")
        XCTAssertTrue(rows[0].contains("Oliver Grant SV-02") && rows[0].contains("past "), rows[0])
        XCTAssertTrue(screen.contains("q Quit  ? Help  p Pause  Tab Pane  Enter Open  r Requeue  a Reassign  + Raise"), screen)
        XCTAssertTrue(rows.first { $0.hasPrefix("Agents") }.map { !$0.contains("…") } ?? false, screen)
        let attention = rows.firstIndex { $0.hasPrefix("Attention") } ?? 0
        XCTAssertTrue(rows[attention + 2].contains(" sos "), "an SOS heads the attention list: \(rows[attention + 2])")
        keys("q")
        waitFor("MONITOR-OVER")

        // The agent: a filtered claim, then back to a highlighted row that Enter opens.
        start("agent", "agent --agent AG-002 --db \(db)")
        let first = waitFor("1 Queue")
        // The queue's size before the claim, read off the tab bar: one less after it.
        let queued = first.range(of: #"1 Queue \d+"#, options: .regularExpression)
            .flatMap { Int(first[$0].split(separator: " ").last ?? "") } ?? -1
        keys("2")
        screen = waitFor("✓ ")
        XCTAssertFalse(screen.contains("✗"), "answered tickets show met, not a countdown:\n\(screen)")
        keys("1", "/"); text("Sophie"); keys("Enter", "Enter")
        waitFor("HD-000035  URGENT")   // the ticket screen, not only the claim's message
        keys("Escape")
        waitFor("No ticket matches")
        keys("2"); waitFor("2 Mine 4")
        keys("1"); waitFor("1 Queue \(queued - 1)")
        keys("Enter")
        // The claim's message comes before the ticket screen paints: wait for the ticket screen.
        waitFor("HD-000009's ticket screen with the summary's pointer") { $0.contains("HD-000009  SOS") && $0.contains("(S-Tab: Bot summary)") }
        // (Tab ×4 rather than S-Tab: a loaded machine can split S-Tab's escape sequence in the
        // pty; the S-Tab hint itself is checked in HintsTests.)
        keys("Tab", "Tab", "Tab", "Tab")
        waitFor("Bot hand-over summary · HD-000009")
        waitFor("Service trail: first contact in 90 days.")
        // `?` is text in the editor; the bar offers F1 for help.
        keys("r"); text("Dear Emily, can you fly? ")
        screen = waitFor("can you fly?")
        XCTAssertTrue(screen.contains("F1 help") && !screen.contains("? help"), screen)
        keys("C-s")
        screen = waitFor("HEAT:")
        XCTAssertFalse(screen.contains("does not greet"), "Dear Emily greets her:\n\(screen)")
        keys("Escape")
        waitFor("Draft kept")   // Esc keeps the text (issue 14, item 2)
        waitFor("r reply")      // the ticket screen's keys again
        keys("q")
        waitFor("Enter claim/open")
        keys("q")
        waitFor("Leave the session")
        keys("y")
        waitFor("AGENT-OVER")
    }
}
