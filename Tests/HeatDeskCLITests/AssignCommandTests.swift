import XCTest
import Foundation
import HeatDeskTestSupport

/// `heatdesk assign` (issue 14, item 10) through the real binary: a supervisor hands a waiting
/// ticket to an agent, across two workstations meeting in a shared directory. The assigned
/// agent's workstation sees it as theirs; another claim of it is refused there.
final class AssignCommandTests: XCTestCase {
    var tmp: TemporaryDirectory!
    var shared: String { tmp.path + "/shared" }
    func db(_ i: Int) -> String { tmp.path + "/ws\(i).sqlite" }

    override func setUpWithError() throws {
        tmp = TemporaryDirectory("heatdesk-assign-cli")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        // Two flight agents (王芳 speaks Chinese only), a hotel agent, a supervisor; imported
        // agents are offline until they sign in.
        tmp.write("agents.jsonl", """
            {"agent_id":"AG-1","name":"李娜","role":"agent","skills":["flight"],"languages":["zh","en"]}
            {"agent_id":"AG-2","name":"王芳","role":"agent","skills":["flight"],"languages":["zh"]}
            {"agent_id":"AG-3","name":"Tom Baker","role":"agent","skills":["hotel"],"languages":["en"]}
            {"agent_id":"SV-1","name":"周敏","role":"supervisor","skills":[],"languages":["zh","en"]}

            """)
        let rows = [
            ImportFixtures.ticket("HD-000001", ["order_ids": "", "customer_id": "C-1", "customer_language": "zh"]),
            ImportFixtures.ticket("HD-000002", ["order_ids": "", "customer_id": "C-2", "customer_name": "Emily Carter", "customer_language": "en"]),
        ]
        tmp.write("tickets.csv", ImportFixtures.csv(rows))
        let r = try HeatDeskBinary.run(["import", tmp.file("agents.jsonl"), tmp.file("tickets.csv"), "--db", db(0), "--shared", shared, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try HeatDeskBinary.run(["sync", "--db", db(1), "--shared", shared]).status, 0)
    }

    func run(_ ws: Int, _ args: [String]) throws -> HeatDeskBinary.Result {
        try HeatDeskBinary.run(args + ["--db", db(ws), "--shared", shared])
    }

    func show(_ ws: Int, _ id: String) throws -> [String: Any] {
        let r = try HeatDeskBinary.run(["show", id, "--json", "--db", db(ws)])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    func testASupervisorAssignsAWaitingTicketAcrossWorkstations() throws {
        // An agent may not assign; the reason is named (exit 1).
        let agent = try run(0, ["assign", "HD-000001", "--to", "AG-2", "--as", "AG-1"])
        XCTAssertEqual(agent.status, 1)
        XCTAssertTrue(agent.stderr.contains("only a supervisor can assign tickets; AG-1 is an agent"), agent.stderr)
        // 王芳 is offline: refused with the reason unless --force.
        let offline = try run(0, ["assign", "HD-000001", "--to", "AG-2", "--as", "SV-1"])
        XCTAssertEqual(offline.status, 1)
        XCTAssertTrue(offline.stderr.contains("王芳 (AG-2) is offline; --force assigns anyway"), offline.stderr)
        XCTAssertEqual(try show(0, "HD-000001")["status"] as? String, "queued", "nothing written")

        let done = try run(0, ["assign", "HD-000001", "--to", "AG-2", "--as", "SV-1", "--force", "--json"])
        XCTAssertEqual(done.status, 0, done.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(done.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["owner"] as? String, "AG-2")
        XCTAssertEqual(json["epoch"] as? Int, 1)
        // The claim file of epoch 1 names the agent, not the supervisor: fencing holds for her.
        let claims = try FileManager.default.subpathsOfDirectory(atPath: shared + "/claims").filter { $0.hasSuffix(".json") }
        XCTAssertEqual(claims.count, 1, "\(claims)")
        let claim = try String(contentsOfFile: shared + "/claims/" + claims[0], encoding: .utf8)
        XCTAssertTrue(claim.contains("\"holder\":\"AG-2\""), claim)

        // Workstation 1 has not synced since: its claim of the same ticket loses the epoch to her.
        let late = try run(1, ["claim", "HD-000001", "--agent", "AG-1"])
        XCTAssertEqual(late.status, 1, late.stdout)
        XCTAssertTrue(late.stderr.contains("HD-000001 is held by AG-2 (王芳)"), late.stderr)
        // After the exchange, workstation 1 (hers, say) shows it as hers.
        XCTAssertEqual(try HeatDeskBinary.run(["sync", "--db", db(1), "--shared", shared]).status, 0)
        let there = try show(1, "HD-000001")
        XCTAssertEqual(there["status"] as? String, "open")
        XCTAssertEqual(there["owner"] as? String, "AG-2")
        let reply = try run(1, ["reply", "HD-000001", "--agent", "AG-2", "--text", "您好，我来为您处理。"])
        XCTAssertEqual(reply.status, 0, "she works it as its owner: \(reply.stderr)")
        let intruder = try run(1, ["claim", "HD-000001", "--agent", "AG-1"])
        XCTAssertEqual(intruder.status, 1)
        XCTAssertTrue(intruder.stderr.contains("held by AG-2"), intruder.stderr)
    }

    func testLanguageAndProductConcernsAndTransferOfAWorkedTicket() throws {
        // HD-000002: an English customer's flight ticket. Tom speaks English but serves hotels.
        let r = try run(0, ["assign", "HD-000002", "--to", "AG-3", "--as", "SV-1"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("Tom Baker (AG-3) is offline and does not serve flight; --force assigns anyway"), r.stderr)
        let zh = try run(0, ["assign", "HD-000002", "--to", "AG-2", "--as", "SV-1"])
        XCTAssertTrue(zh.stderr.contains("王芳 (AG-2) is offline and does not speak en"), zh.stderr)
        XCTAssertEqual(try run(0, ["assign", "HD-000002", "--to", "AG-1", "--as", "SV-1", "--force"]).status, 0)
        // Now worked: assigning again transfers it (a new epoch).
        let moved = try run(0, ["assign", "HD-000002", "--to", "AG-3", "--as", "SV-1", "--force"])
        XCTAssertEqual(moved.status, 0, moved.stderr)
        XCTAssertTrue(moved.stdout.contains("HD-000002 transferred from AG-1 to AG-3 (Tom Baker) by SV-1 (epoch 2)."), moved.stdout)
        let unknown = try run(0, ["assign", "HD-000002", "--to", "AG-9", "--as", "SV-1"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no agent 'AG-9'"), unknown.stderr)
    }
}
