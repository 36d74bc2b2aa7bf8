import Foundation
import HeatDeskTestSupport
import TerminalTestSupport
import XCTest

/// `heatdesk monitor` on a real terminal (tmux): while it runs, other processes import and
/// claim tickets, and the screen shows the new figures within seconds.
final class MonitorE2ETests: XCTestCase {
    let socket = "heatdesk-monitor-e2e-\(getpid())"
    var tmux = ""
    var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        guard let t = Spawn.which("tmux") else {
            throw XCTSkip("tmux is not installed: the monitor's end-to-end test needs it (apt-get install tmux)")
        }
        tmux = t
        dir = TemporaryDirectory()
    }

    override func tearDown() { _ = Spawn.run([tmux, "-L", socket, "kill-server"]) }

    func screen(_ session: String = "monitor") -> String { Spawn.run([tmux, "-L", socket, "capture-pane", "-p", "-t", session]).output }

    /// Waits for `marker` on the screen. The deadline is generous on purpose: the test asserts
    /// what the screen shows, not how fast (that is `make bench`'s), so a loaded CI machine
    /// cannot fail it.
    func waitFor(_ marker: String, in session: String = "monitor", seconds: Double = 60, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(seconds)
        var text = ""
        while Date() < deadline {
            text = screen(session)
            if text.contains(marker) { return }
            usleep(100_000)
        }
        XCTFail("'\(marker)' never appeared; screen:\n\(text)", file: file, line: line)
    }

    func waiting(_ db: String) throws -> Int {
        let r = try HeatDeskBinary.run(["stats", "--json", "--db", db])
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap((o["waiting"] as? [String: Any])?["total"] as? Int)
    }

    func testTheScreenFollowsImportsAndClaimsOfOtherProcesses() throws {
        let db = dir.file("center.sqlite")
        let data = PackageRoot.url().appendingPathComponent("Data").path
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db, "--data", data]).status, 0)
        let before = try waiting(db)

        // An agent is refused with a reason; the screen never starts.
        let refused = try HeatDeskBinary.run(["monitor", "--as", "AG-002", "--db", db])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("the monitor is for supervisors"), refused.stderr)

        let bin = HeatDeskBinary.url.path
        let started = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "monitor",
                             "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(bin) monitor --as SV-01 --db \(db) --interval 0.5"])
        XCTAssertEqual(started.status, 0, started.output)
        waitFor("Queues  \(before) waiting")
        XCTAssertTrue(screen().contains("赵雪梅 SV-01"))

        // A second process imports three tickets that came in a minute ago...
        let now = Date().addingTimeInterval(-60)
        let stamp = ISO8601DateFormatter().string(from: now)
        let rows = (1...3).map { ImportFixtures.ticket("HD-E2E-\($0)", ["created_at": stamp, "order_ids": "", "priority": "sos", "category": "sos"]) }
        let csv = dir.write("new.csv", ImportFixtures.csv(rows))
        let imported = try HeatDeskBinary.run(["import", csv, "--db", db, "--quiet"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        waitFor("Queues  \(before + 3) waiting")

        // ...and an agent on another workstation process claims one (SOS goes first).
        let claim = try HeatDeskBinary.run(["claim-next", "--agent", "AG-002", "--db", db])
        XCTAssertEqual(claim.status, 0, claim.stderr)
        waitFor("Queues  \(before + 2) waiting")

        // Pause freezes the figures; later imports are not shown until resumed. A second, live
        // monitor on the same database is the witness: it sees one import and then another,
        // so at least one of its refresh ticks (and so one of the paused monitor's, on the same
        // interval) came after the first import, yet the paused screen keeps the old figures.
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "p"])
        waitFor("PAUSED")
        let witness = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "witness",
                                 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(bin) monitor --as SV-01 --db \(db) --interval 0.5"])
        XCTAssertEqual(witness.status, 0, witness.output)
        waitFor("Queues  \(before + 2) waiting", in: "witness")
        for (n, id) in [(3, "HD-E2E-8"), (4, "HD-E2E-9")] {
            let more = dir.write("\(id).csv", ImportFixtures.csv([ImportFixtures.ticket(id, ["created_at": stamp, "order_ids": ""])]))
            XCTAssertEqual(try HeatDeskBinary.run(["import", more, "--db", db, "--quiet"]).status, 0)
            waitFor("Queues  \(before + n) waiting", in: "witness")
        }
        XCTAssertTrue(screen().contains("Queues  \(before + 2) waiting"), "paused: still the old figures\n\(screen())")
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "p"])
        waitFor("Queues  \(before + 4) waiting")

        // Enter opens the selected ticket on the agent session's ticket screen, read-only; Esc
        // goes back to the board.
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "Enter"])
        waitFor("Esc/q Board")
        XCTAssertTrue(screen().contains("Conversation"), screen())
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "Escape"])
        waitFor("Queues  \(before + 4) waiting")

        // a on the first attention row (Home: the oldest waiting SOS) assigns it (issue 14, item 10): the picker
        // lists the agents with skills, languages, status and load; typing filters; 李明轩 is
        // offline (the demo signs nobody in), so it asks first; y assigns, a claim for him.
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "Home"])
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "a"])
        waitFor("Held Skills")
        XCTAssertTrue(screen().contains("┌ Assign HD-"), "a waiting ticket is assigned, not reassigned:\n\(screen())")
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "-l", "AG-002"])
        waitFor("> AG-002")
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "Enter"])
        waitFor("Assign anyway")
        XCTAssertTrue(screen().contains("is offline"), screen())
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "y"])
        waitFor("Queues  \(before + 3) waiting")

        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "q"])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && Spawn.run([tmux, "-L", socket, "has-session", "-t", "monitor"]).status == 0 { usleep(100_000) }
        XCTAssertNotEqual(Spawn.run([tmux, "-L", socket, "has-session", "-t", "monitor"]).status, 0, "q quits the monitor")
    }

    /// With `--shared`, a claim whose workstation stopped beating is flagged on the monitor of
    /// another workstation once its heartbeat is older than `--stale-after`.
    func testAClaimOfASilentWorkstationIsFlagged() throws {
        let shared = dir.file("shared"), db1 = dir.file("ws1.sqlite"), db2 = dir.file("ws2.sqlite")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let data = PackageRoot.url().appendingPathComponent("Data").path
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db1, "--data", data]).status, 0)
        XCTAssertEqual(try HeatDeskBinary.run(["sync", "--db", db1, "--shared", shared]).status, 0)
        XCTAssertEqual(try HeatDeskBinary.run(["sync", "--db", db2, "--shared", shared]).status, 0)

        let bin = HeatDeskBinary.url.path
        let started = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", "monitor",
                             "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(bin) monitor --as SV-01 --db \(db2) --shared \(shared) "
                                + "--interval 0.5 --stale-after 3"])
        XCTAssertEqual(started.status, 0, started.output)
        waitFor("Queues")
        XCTAssertFalse(screen().contains("on silent workstations"), "nothing is held through the shared directory yet")

        // Workstation 1 claims a ticket through the shared directory, then goes quiet.
        let claim = try HeatDeskBinary.run(["claim-next", "--agent", "AG-009", "--db", db1, "--shared", shared])
        XCTAssertEqual(claim.status, 0, claim.stderr)
        waitFor("1 on silent workstations")
        XCTAssertTrue(screen().contains("silent "), screen())
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "monitor", "q"])
    }
}
