import Foundation
import HeatDeskTestSupport
import TerminalTestSupport
import XCTest

/// The real `heatdesk agent` in tmux on `heatdesk demo`: `v` on the SOS ticket HD-000009 shows
/// Emily Carter's real number for the call-back (issue 14, item 5); without the center's key the
/// same screen shows the masked number and says why.
final class RevealTmuxTests: XCTestCase {
    let socket = "heatdesk-reveal-e2e-\(getpid())"
    var tmux = ""
    var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        guard let t = Spawn.which("tmux") else { throw XCTSkip("tmux is not installed: the end-to-end reveal test needs it (apt-get install tmux)") }
        tmux = t
        dir = TemporaryDirectory("heatdesk-reveal-e2e")
    }

    override func tearDown() {
        _ = Spawn.run([tmux, "-L", socket, "kill-server"])
        dir = nil
    }

    func keys(_ k: String...) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", "agent"] + k) }
    func text(_ t: String) { Spawn.run([tmux, "-L", socket, "send-keys", "-t", "agent", "-l", t]) }

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

    private func session(key: String) throws {
        let bin = HeatDeskBinary.url.path
        let db = dir.file("ws/demo.sqlite")
        let script = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color HEATDESK_CONTACT_KEY=\(key) \(bin) agent --agent AG-002 --db \(db); "
            + "echo AGENT-SESSION-OVER; sleep 60"
        let start = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "agent", script])
        XCTAssertEqual(start.status, 0, start.output)
        waitFor("1 Queue")
        keys("/"); text("HD-000009"); keys("Enter", "Enter")
        waitFor("Claimed HD-000009")
        XCTAssertTrue(waitFor("phone ••••").contains("(v reveals, logged)"))
        keys("v")
    }

    func testVRevealsTheRealNumberForTheCallBack() throws {
        try FileManager.default.createDirectory(atPath: dir.file("ws"), withIntermediateDirectories: true)
        let key = dir.file("keys/contact.key")
        let demo = try HeatDeskBinary.run(["demo", "--db", dir.file("ws/demo.sqlite")], environment: ["HEATDESK_CONTACT_KEY": key])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        try session(key: key)
        let screen = waitFor("phone +447700900123")
        XCTAssertTrue(screen.contains("email emily.carter@example.com"), screen)
        XCTAssertTrue(screen.contains("Contact details revealed (logged)"), screen)
    }

    func testWithoutTheKeyTheScreenSaysWhy() throws {
        try FileManager.default.createDirectory(atPath: dir.file("ws"), withIntermediateDirectories: true)
        let demo = try HeatDeskBinary.run(["demo", "--db", dir.file("ws/demo.sqlite")], environment: ["HEATDESK_CONTACT_KEY": dir.file("keys/contact.key")])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        try session(key: dir.file("elsewhere/contact.key"))
        let screen = waitFor("not revealed here")
        XCTAssertTrue(screen.contains("phone +44******0123"), screen)
        XCTAssertTrue(screen.contains("Not revealed: the contact is sealed; no contact key"), screen)
        XCTAssertFalse(screen.contains("+447700900123"))
    }
}
