import Foundation
import HeatDeskTestSupport
import TerminalTestSupport
import XCTest

/// Drives the real `heatdesk agent` in a detached tmux: on a demo database, claim a ticket,
/// apply a template, fill its blank, send, pull in the hotel desk, resolve, quit; then check the
/// database through `show --json` and that the terminal is back in its normal mode.
final class AgentTmuxTests: XCTestCase {
    let socket = "heatdesk-agent-e2e-\(getpid())"
    var tmux = ""
    var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        guard let t = Spawn.which("tmux") else { throw XCTSkip("tmux is not installed: the end-to-end agent test needs it (apt-get install tmux)") }
        tmux = t
        dir = TemporaryDirectory("heatdesk-agent-e2e")
    }

    override func tearDown() {
        _ = Spawn.run([tmux, "-L", socket, "kill-server"])
        dir = nil
    }

    func keys(_ k: String...) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", "agent"] + k) }
    func text(_ t: String) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", "agent", "-l", t]) }

    /// Waits (up to 15 s) until the screen contains `marker`.
    @discardableResult
    func waitFor(_ marker: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let deadline = Date().addingTimeInterval(15)
        var screen = ""
        while Date() < deadline {
            screen = Spawn.run([tmux, "-L", socket, "capture-pane", "-p", "-t", "agent"]).output
            if screen.contains(marker) { return screen }
            usleep(100_000)
        }
        XCTFail("\(marker) never appeared; screen:\n" + screen, file: file, line: line)
        return screen
    }

    func testWorkATicketFromClaimToResolution() throws {
        let bin = HeatDeskBinary.url.path
        guard FileManager.default.isExecutableFile(atPath: bin) else { return XCTFail("heatdesk not built next to the tests") }
        let db = dir.file("demo.sqlite")
        let demo = try HeatDeskBinary.run(["demo", "--db", db])
        XCTAssertEqual(demo.status, 0, demo.stderr)

        let rc = dir.file("rc"), stty = dir.file("stty")
        let script = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(bin) agent --agent AG-002 --db \(db); "
            + "echo $? > \(rc); stty -a > \(stty); echo AGENT-SESSION-OVER; sleep 60"
        let start = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "agent", script])
        XCTAssertEqual(start.status, 0, start.output)

        var screen = waitFor("1 Queue")
        XCTAssertTrue(screen.contains("李明轩 AG-002"))
        XCTAssertTrue(screen.contains("● available"))

        keys("/"); text("HD-000005"); keys("Enter", "Enter")
        // The claim's message comes before the ticket screen paints: wait for its header.
        screen = waitFor("HD-000005  URGENT")
        XCTAssertTrue(screen.contains("张伟"))

        keys("t")
        waitFor("HEAT template")
        text("flight-delay-overnight.zh"); keys("Enter")
        waitFor("Fill the template")
        text("11月23日 09:30"); keys("Enter")
        waitFor("HEAT ✓ no findings")
        keys("C-s")
        waitFor("Reply sent")

        keys("i")
        waitFor("Pull in a colleague")
        text("AG-003"); keys("Enter")
        waitFor("AG-003 pulled in")

        // The hotel itself, whose reply (another process writing the same database) shows up live.
        keys("s")
        waitFor("Pull in a supplier")
        text("HILTON"); keys("Enter")
        waitFor("SUP-HILTON pulled in")
        let supplier = try HeatDeskBinary.run(["reply", "HD-000005", "--as", "SUP-HILTON", "--text", "Room held until 02:00.", "--db", db])
        XCTAssertEqual(supplier.status, 0, supplier.stderr)
        screen = waitFor("Room held until 02:00.")
        XCTAssertTrue(screen.contains("Supplier"), screen)

        keys("R")
        waitFor("Resolve HD-000005")
        text("rebooked"); keys("Enter")
        waitFor("resolved: rebooked")

        keys("q")
        waitFor("Leave the session")   // q asks first (issue 14, item 14)
        keys("y")
        screen = waitFor("AGENT-SESSION-OVER")
        XCTAssertFalse(screen.contains("1 Queue"), "the session's screen is gone after quitting")
        XCTAssertEqual(try String(contentsOfFile: rc, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "0")
        let modes = try String(contentsOfFile: stty, encoding: .utf8)
        XCTAssertTrue(modes.contains(" icanon") && !modes.contains("-icanon"), "canonical mode restored: \(modes)")
        XCTAssertTrue(modes.contains(" echo ") && !modes.contains("-echo "), "echo restored: \(modes)")

        let show = try HeatDeskBinary.run(["show", "HD-000005", "--json", "--db", db])
        XCTAssertEqual(show.status, 0, show.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["status"] as? String, "resolved")
        XCTAssertEqual(json["disposition"] as? String, "rebooked")
        XCTAssertEqual(json["owner"] as? String, "AG-002")
        let people = try XCTUnwrap(json["participants"] as? [[String: Any]])
        XCTAssertEqual(people.compactMap { $0["id"] as? String }, ["AG-003", "SUP-HILTON"])
        let messages = try XCTUnwrap(json["messages"] as? [[String: Any]])
        let reply = try XCTUnwrap(messages.last { ($0["author_id"] as? String) == "AG-002" })
        XCTAssertEqual(reply["visibility"] as? String, "public")
        XCTAssertTrue((reply["body"] as? String ?? "").contains("11月23日 09:30"))
        XCTAssertFalse((reply["body"] as? String ?? "").contains("{{"))
    }
}
