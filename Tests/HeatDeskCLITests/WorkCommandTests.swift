import XCTest
import Foundation
import HeatDeskTestSupport

/// The scriptable work verbs through the real binary, on the demo data.
final class WorkCommandTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!

    override func setUpWithError() throws {
        dir = TemporaryDirectory()
        db = dir.file("demo.sqlite")
        let data = PackageRoot.url().appendingPathComponent("Data").path
        let loaded = try HeatDeskBinary.run(["demo", "--db", db, "--data", data])
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
    }

    func run(_ args: [String], stdin: String? = nil) throws -> HeatDeskBinary.Result {
        try HeatDeskBinary.run(args + ["--db", db], stdin: stdin)
    }

    func testAWholeTicketFromClaimToResolution() throws {
        let claimed = try run(["claim-next", "--agent", "AG-002", "--json"])
        XCTAssertEqual(claimed.status, 0, claimed.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(claimed.stdout.utf8)) as? [String: Any])
        let ticket = try XCTUnwrap(json["ticket"] as? String)
        XCTAssertEqual(json["epoch"] as? Int, 1)

        let taken = try run(["claim", ticket, "--agent", "AG-005"])
        XCTAssertEqual(taken.status, 1)
        XCTAssertTrue(taken.stderr.contains("\(ticket) is held by AG-002 (李明轩)"), taken.stderr)
        let intruder = try run(["reply", ticket, "--agent", "AG-005", "--text", "hi"])
        XCTAssertEqual(intruder.status, 1)
        XCTAssertTrue(intruder.stderr.contains("belongs to AG-002"), intruder.stderr)

        XCTAssertEqual(try run(["reply", ticket, "--agent", "AG-002", "--text", "您好，已为您联系酒店，30分钟内回复您。"]).status, 0)
        XCTAssertEqual(try run(["note", ticket, "--agent", "AG-002", "--file", "-"], stdin: "客户很着急\n").status, 0)
        XCTAssertEqual(try run(["invite", ticket, "SUP-HILTON", "--agent", "AG-002"]).status, 0)
        let supplier = try run(["reply", ticket, "--as", "SUP-HILTON", "--text", "Room held until 02:00."])
        XCTAssertEqual(supplier.status, 0, supplier.stderr)
        XCTAssertEqual(try run(["pending", ticket, "--waiting-for", "supplier", "--agent", "AG-002"]).status, 0)
        XCTAssertEqual(try run(["pending", ticket, "--resume", "--agent", "AG-002"]).status, 0)
        let resolved = try run(["resolve", ticket, "--disposition", "solved", "--agent", "AG-002", "--json"])
        XCTAssertEqual(resolved.status, 0, resolved.stderr)
        XCTAssertTrue(resolved.stdout.contains("\"first_contact\":false"), "a pending wait is not first contact: \(resolved.stdout)")

        let shown = try run(["show", ticket, "--json"])
        let detail = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(detail["status"] as? String, "resolved", shown.stdout)
        XCTAssertEqual(detail["owner"] as? String, "AG-002")
        XCTAssertTrue(shown.stdout.contains("Room held until 02:00."))
        XCTAssertTrue(shown.stdout.contains("客户很着急"))

        XCTAssertEqual(try run(["reopen", ticket, "--agent", "AG-005"]).status, 0)
        XCTAssertEqual(try run(["transfer", ticket, "--queue", "--agent", "AG-005", "--reason", "wrong desk"]).status, 0)
        XCTAssertEqual(try run(["priority", ticket, "sos", "--agent", "AG-005"]).status, 0, "a queued ticket's priority is anyone's to raise")
        let queue = try run(["queue", "--json"])
        XCTAssertTrue(queue.stdout.contains("\"id\":\"\(ticket)\""), "back in the queue")
    }

    func testUsageAndUnknownIds() throws {
        XCTAssertEqual(try run(["claim-next"]).status, 2, "no actor")
        let nobody = try run(["claim-next", "--agent", "NOBODY"])
        XCTAssertEqual(nobody.status, 2)
        XCTAssertTrue(nobody.stderr.contains("no agent or supplier 'NOBODY'"), nobody.stderr)
        XCTAssertEqual(try run(["reply", "HD-999999", "--agent", "AG-002", "--text", "x"]).status, 2)
        XCTAssertEqual(try run(["reply", "HD-000001", "--agent", "AG-002"]).status, 2, "no text")
        XCTAssertEqual(try run(["resolve", "HD-000001", "--agent", "AG-002", "--disposition", "maybe"]).status, 2)
        XCTAssertEqual(try run(["transfer", "HD-000001", "--agent", "AG-002"]).status, 2, "neither --to nor --queue")
    }

    /// Four processes racing on one database: each ticket claimed once, by exactly one of them.
    func testClaimNextIsExclusiveAcrossProcessesOnOneDatabase() throws {
        let agents = ["AG-002", "AG-005", "AG-008", "AG-011"]
        // Each racer is a shell loop of claim-next processes, all four started together.
        let racers = try agents.map { agent -> (String, Process, Pipe) in
            let p = Process(), out = Pipe()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do \"$0\" claim-next --agent \"$1\" --db \"$2\" --json || break; done",
                           HeatDeskBinary.url.path, agent, db]
            p.standardOutput = out
            try p.run()
            return (agent, p, out)
        }
        var claims: [String: [String]] = [:]
        for (agent, p, out) in racers {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            claims[agent] = text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["ticket"] as? String
            }
        }
        let all = claims.values.flatMap { $0 }
        XCTAssertGreaterThan(all.count, 10)
        XCTAssertEqual(all.count, Set(all).count, "a ticket claimed twice: \(claims)")
        for (agent, tickets) in claims {
            for t in tickets.prefix(3) {
                let shown = try run(["show", t, "--json"])
                XCTAssertTrue(shown.stdout.contains("\"owner\":\"\(agent)\""), "\(t): \(shown.stdout.prefix(400))")
            }
        }
    }
}
