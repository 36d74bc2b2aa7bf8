import Foundation
import HeatDeskTestSupport
import TerminalTestSupport
import XCTest

/// The real `heatdesk agent` in tmux (issue 14, items 2 and 12): a reply typed on HD-000009, the
/// ticket requeued by a supervisor from another process (the agent is told who did it), the send
/// refused with the text kept, the session quit with `q`, and the draft offered again by the
/// next session. Waits for what it reads, with generous deadlines; nothing is timed.
final class DraftTmuxTests: XCTestCase {
    let socket = "heatdesk-draft-e2e-\(getpid())"
    var tmux = ""
    var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        guard let t = Spawn.which("tmux") else { throw XCTSkip("tmux is not installed: the end-to-end agent test needs it (apt-get install tmux)") }
        tmux = t
        dir = TemporaryDirectory("heatdesk-draft-e2e")
    }

    override func tearDown() {
        _ = Spawn.run([tmux, "-L", socket, "kill-server"])
        dir = nil
    }

    func keys(_ k: String...) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", "agent"] + k) }
    func text(_ t: String) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", "agent", "-l", t]) }
    func capture() -> String { Spawn.run([tmux, "-L", socket, "capture-pane", "-p", "-t", "agent"]).output }

    /// Waits (up to 30 s) until the screen contains one of `markers`; returns the screen.
    @discardableResult
    func waitFor(_ markers: String..., file: StaticString = #filePath, line: UInt = #line) -> String {
        let deadline = Date().addingTimeInterval(30)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if markers.contains(where: { screen.contains($0) }) { return screen }
            usleep(100_000)
        }
        XCTFail("\(markers) never appeared; screen:\n" + screen, file: file, line: line)
        return screen
    }

    func startSession(_ bin: String, _ db: String, _ over: String) {
        let script = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(bin) agent --agent AG-002 --db \(db); "
            + "echo \(over); sleep 60"
        let start = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "agent", script])
        XCTAssertEqual(start.status, 0, start.output)
        waitFor("1 Queue")
    }

    func testADraftSurvivesARequeueARefusedSendAndAQuit() throws {
        let bin = HeatDeskBinary.url.path
        guard FileManager.default.isExecutableFile(atPath: bin) else { return XCTFail("heatdesk not built next to the tests") }
        let db = dir.file("demo.sqlite")
        let demo = try HeatDeskBinary.run(["demo", "--db", db])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let draft = "Dear Emily, the embassy opens at 09:30 (draft 7f3a)"

        startSession(bin, db, "FIRST-SESSION-OVER")
        keys("/"); text("HD-000009"); keys("Enter", "Enter")
        waitFor("HD-000009  SOS")   // the ticket screen, not only the claim's message
        keys("r")
        waitFor("Reply to Emily Carter")
        text(draft)
        waitFor(draft)

        // A supervisor sends it back to the queue from another process.
        let requeue = try HeatDeskBinary.run(["transfer", "HD-000009", "--queue", "--as", "SV-01", "--db", db])
        XCTAssertEqual(requeue.status, 0, requeue.stderr)
        waitFor("HD-000009 was requeued by 赵雪梅 (SV-01); your draft is kept")

        // The send is refused and the text stays in the editor.
        keys("C-s")
        if waitFor("Not sent", "finding(s)").contains("finding(s)") { keys("C-s") }
        var screen = waitFor("Not sent")
        XCTAssertTrue(screen.contains(draft), "the refused reply is still in the editor:\n\(screen)")

        // Esc keeps it; the lists; q asks; the session ends.
        keys("Escape")
        waitFor("Draft kept")
        keys("Escape")
        waitFor("1 Queue")
        keys("q")
        waitFor("Leave the session")
        keys("y")
        waitFor("FIRST-SESSION-OVER")
        _ = Spawn.run([tmux, "-L", socket, "kill-session", "-t", "agent"])

        // The next session: opening the ticket offers the draft, r continues it.
        startSession(bin, db, "SECOND-SESSION-OVER")
        keys("/"); text("HD-000009"); keys("Enter", "Enter")
        screen = waitFor("r to continue")
        XCTAssertTrue(screen.contains("Draft from"), screen)
        keys("r")
        screen = waitFor(draft)
        XCTAssertTrue(screen.contains("Reply to Emily Carter"), screen)
        keys("Escape")
        waitFor("Draft kept")
        keys("Escape")
        waitFor("1 Queue")
        keys("q")
        waitFor("Leave the session")
        keys("y")
        waitFor("SECOND-SESSION-OVER")
    }
}
