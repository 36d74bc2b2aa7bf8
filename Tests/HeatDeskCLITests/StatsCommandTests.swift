import XCTest
import Foundation
import HeatDeskTestSupport

/// `heatdesk stats`: the monitor's figures for scripts, through the real binary.
final class StatsCommandTests: XCTestCase {
    var dir: TemporaryDirectory!
    override func setUp() { dir = TemporaryDirectory() }

    func json(_ args: [String]) throws -> [String: Any] {
        let r = try HeatDeskBinary.run(args, environment: ["TZ": "UTC"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
    }

    func testStatsJSONFollowsTheWorkDoneByAnotherProcess() throws {
        let db = dir.file("demo.sqlite")
        let data = PackageRoot.url().appendingPathComponent("Data").path
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db, "--data", data]).status, 0)
        let before = try json(["stats", "--json", "--db", db])
        XCTAssertEqual(before["tickets"] as? Int, 300, "the counts keep their keys")
        let waiting = try XCTUnwrap(before["waiting"] as? [String: Any])
        let queued = try XCTUnwrap((before["by_status"] as? [String: Int])?["queued"])
        XCTAssertEqual(waiting["total"] as? Int, queued, "waiting = queued tickets")
        XCTAssertGreaterThan(waiting["longest_wait"] as? Int ?? 0, 0)
        XCTAssertFalse((waiting["pinned"] as? [Any] ?? []).isEmpty, "the demo has SOS tickets waiting")

        let claim = try HeatDeskBinary.run(["claim-next", "--agent", "AG-002", "--db", db, "--json"])
        XCTAssertEqual(claim.status, 0, claim.stderr)
        let ticket = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(claim.stdout.utf8)) as? [String: Any])?["ticket"] as? String)
        XCTAssertEqual(try HeatDeskBinary.run(["reply", ticket, "--agent", "AG-002", "--text", "您好，已为您处理", "--db", db]).status, 0)
        XCTAssertEqual(try HeatDeskBinary.run(["resolve", ticket, "--agent", "AG-002", "--disposition", "solved", "--db", db]).status, 0)

        let after = try json(["stats", "--json", "--db", db])
        XCTAssertEqual((after["waiting"] as? [String: Any])?["total"] as? Int, queued - 1)
        let staff = try XCTUnwrap(after["staff"] as? [String: Any])
        let me = try XCTUnwrap((staff["list"] as? [[String: Any]])?.first { $0["id"] as? String == "AG-002" })
        XCTAssertEqual(me["handled_today"] as? Int, 1)
        XCTAssertNotNil(me["average_handling"] as? Int)
        XCTAssertEqual(me["first_contact_resolution"] as? Double, 1.0)
        let hourly = try XCTUnwrap(after["hourly"] as? [String: Any])
        let resolved = try XCTUnwrap(hourly["resolved"] as? [Int])
        XCTAssertEqual(resolved.last, 1, "resolved in the current hour")
        XCTAssertEqual((hourly["average_wait"] as? [Any])?.count, resolved.count)

        let text = try HeatDeskBinary.run(["stats", "--db", db], environment: ["TZ": "UTC"])
        XCTAssertEqual(text.status, 0, text.stderr)
        for line in ["Tickets: 300", "Waiting: \(queued - 1)", "Service level today:", "SLA:", "Agents:", "Per hour (in/out/wait):"] {
            XCTAssertTrue(text.stdout.contains(line), "\(line) in\n\(text.stdout)")
        }
    }

    func testTargetsFileAndMomentAreChecked() throws {
        let db = dir.file("demo.sqlite")
        let data = PackageRoot.url().appendingPathComponent("Data").path
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db, "--data", data]).status, 0)
        let bad = dir.write("targets.txt", "live * twenty 95%\n")
        let r = try HeatDeskBinary.run(["stats", "--db", db, "--targets", bad])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("targets.txt: line 1: seconds must be"), r.stderr)
        XCTAssertEqual(try HeatDeskBinary.run(["stats", "--db", db, "--now", "yesterday"]).status, 2)

        // One chat ticket came in at 11:59:30 and nobody answered: judged only against a 1-second target.
        let tickets = dir.write("t.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-T", ["created_at": "2030-01-01T11:59:30Z", "order_ids": ""])]))
        let imported = try HeatDeskBinary.run(["import", tickets, "--db", db, "--quiet"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let moment = "2030-01-01T12:00:00Z"
        let standard = try json(["stats", "--json", "--db", db, "--now", moment])
        let level = try XCTUnwrap(standard["service_level"] as? [String: Any])
        XCTAssertEqual(level["offered"] as? Int, 1)
        XCTAssertTrue(level["level"] is NSNull, "30 s into a 5-minute target: not judged yet")
        XCTAssertEqual((standard["hourly"] as? [String: Any])?["created"] as? [Int], Array(repeating: 0, count: 11) + [1, 0])

        let strict = dir.write("strict.txt", "live * 1 99%\nemail * 1 99%\n")
        let s = try json(["stats", "--json", "--db", db, "--targets", strict, "--now", moment])
        let channels = try XCTUnwrap((s["service_level"] as? [String: Any])?["by_channel"] as? [[String: Any]])
        XCTAssertEqual(channels.count, 1)
        XCTAssertEqual(channels[0]["channel"] as? String, "chat")
        XCTAssertEqual(channels[0]["missed"] as? Int, 1)
        XCTAssertEqual(channels[0]["level"] as? Double, 0.0)
        XCTAssertEqual(channels[0]["goal"] as? Double, 0.99)
    }
}
