import XCTest
import Foundation
import HeatDeskTestSupport

/// Workstations as separate processes, each with its own database, meeting in a temporary
/// shared directory: the claim race, kill -9 chaos, snapshots, stale claims.
final class SyncCommandTests: XCTestCase {
    var tmp: TemporaryDirectory!
    var shared: String { tmp.path + "/shared" }

    override func setUp() {
        tmp = TemporaryDirectory("heatdesk-sync-cli")
        try! FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
    }

    func db(_ i: Int) -> String { tmp.path + "/ws\(i).sqlite" }

    /// `count` agents who all serve flight tickets in Chinese and English, a supervisor, and
    /// `tickets` queued flight tickets, imported on workstation 0 and published.
    func center(agents count: Int, tickets: Int) throws {
        var agents = (1...count).map { i in
            "{\"agent_id\":\"AG-\(i)\",\"name\":\"Agent \(i)\",\"role\":\"agent\",\"skills\":[\"flight\"],\"languages\":[\"zh\",\"en\"]}"
        }
        agents.append("{\"agent_id\":\"SV-1\",\"name\":\"周敏\",\"role\":\"supervisor\",\"skills\":[],\"languages\":[\"zh\",\"en\"]}")
        tmp.write("agents.jsonl", agents.joined(separator: "\n") + "\n")
        let rows = (0..<tickets).map { i in
            ImportFixtures.ticket(String(format: "HD-%06d", i), ["order_ids": "", "priority": i % 5 == 0 ? "urgent" : "normal",
                                                                  "customer_id": "C-\(i % 40)", "customer_language": i % 2 == 0 ? "zh" : "en"])
        }
        tmp.write("tickets.csv", ImportFixtures.csv(rows))
        let r = try HeatDeskBinary.run(["import", tmp.file("agents.jsonl"), tmp.file("tickets.csv"), "--db", db(0), "--shared", shared, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Published"), r.stdout)
    }

    func sync(_ i: Int, _ extra: [String] = []) throws -> HeatDeskBinary.Result {
        try HeatDeskBinary.run(["sync", "--db", db(i), "--shared", shared] + extra)
    }

    func digests(_ n: Int) throws -> [String] {
        for _ in 0..<2 { for i in 0..<n { XCTAssertEqual(try sync(i).status, 0) } }
        return try (0..<n).map { try sync($0, ["--digest"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The owner of every open ticket on a workstation, by ticket id (`queue --status open --json`).
    func owners(_ i: Int) throws -> [String: String] {
        let r = try HeatDeskBinary.run(["queue", "--status", "open", "--limit", "10000", "--json", "--db", db(i)])
        XCTAssertEqual(r.status, 0, r.stderr)
        guard let items = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] else {
            XCTFail("queue --json: \(r.stdout.prefix(300))"); return [:]
        }
        var out: [String: String] = [:]
        for item in items { out[item["id"] as? String ?? "?"] = item["owner"] as? String ?? "" }
        return out
    }

    /// Eight workstation processes (each its own database) run claim-next in loops over the same
    /// queue. Scaled to HEATDESK_RACE_TICKETS (default 400) to fit make test; 2,000 works the same.
    func testEightWorkstationsClaimEveryTicketExactlyOnce() throws {
        let n = 8
        let tickets = Int(ProcessInfo.processInfo.environment["HEATDESK_RACE_TICKETS"] ?? "") ?? 400
        try center(agents: n, tickets: tickets)
        for i in 1..<n { XCTAssertEqual(try sync(i).status, 0) }
        let racers = try (0..<n).map { i -> (Process, Pipe, Pipe) in
            let p = Process(), out = Pipe(), err = Pipe()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", """
                while true; do "$0" claim-next --agent "$1" --db "$2" --shared "$3" --json; s=$?; [ $s -eq 0 ] || break; done; echo "end $s" >&2
                """, HeatDeskBinary.url.path, "AG-\(i + 1)", db(i), shared]
            p.standardOutput = out; p.standardError = err
            try p.run()
            return (p, out, err)
        }
        var claimed: [String: String] = [:]
        var doubles: [String] = []
        for (i, (p, out, err)) in racers.enumerated() {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertTrue(errors.hasSuffix("end 3\n"), "workstation \(i) stopped with: \(errors.suffix(400))")
            for line in text.split(separator: "\n") {
                guard let t = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["ticket"] as? String else { continue }
                if claimed[t] != nil { doubles.append(t) }
                claimed[t] = "AG-\(i + 1)"
            }
        }
        XCTAssertEqual(doubles, [], "claimed twice")
        XCTAssertEqual(claimed.count, tickets, "every ticket claimed")
        let d = try digests(n)
        XCTAssertEqual(Set(d).count, 1, "all databases equal: \(d)")
        for i in [0, n - 1] { XCTAssertEqual(try owners(i), claimed, "workstation \(i) sees every owner as claimed") }
    }

    /// Workstations killed with SIGKILL at random moments (mid-claim, mid-export, mid-apply) and
    /// restarted: in the end every ticket has one owner, no claim is doubled, all databases agree.
    func testKillNineChaosConverges() throws {
        let n = 4, tickets = 60
        try center(agents: n, tickets: tickets)
        var rng = SplitMix64.forTest()
        var finished = Set<Int>()
        var killed = 0
        var round = 0
        while finished.count < n && round < 400 {
            round += 1
            for i in 0..<n where !finished.contains(i) {
                let verb = Int.random(in: 0..<4, using: &rng) == 0 ? ["sync", "--db", db(i), "--shared", shared]
                    : ["claim-next", "--agent", "AG-\(i + 1)", "--db", db(i), "--shared", shared]
                let p = HeatDeskBinary.start(verb)
                p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
                try p.run()
                let killAt = Int.random(in: 0..<3, using: &rng) == 0 ? UInt32.random(in: 1_000...80_000, using: &rng) : nil
                if let killAt {
                    usleep(killAt)
                    kill(p.processIdentifier, SIGKILL)
                }
                p.waitUntilExit()
                // Only kills that landed count: a fast process may have exited already.
                if killAt != nil && p.terminationReason == .uncaughtSignal { killed += 1 }
                if verb[0] == "claim-next" && p.terminationReason == .exit && p.terminationStatus == 3 { finished.insert(i) }
            }
        }
        XCTAssertGreaterThan(killed, 0, "no kill landed: the test did not test recovery")
        XCTAssertEqual(finished.count, n, "every workstation ran out of tickets")
        let d = try digests(n)
        XCTAssertEqual(Set(d).count, 1, "all databases equal: \(d)")
        let owners = try self.owners(0)
        XCTAssertEqual(owners.count, tickets, "every ticket claimed")
        XCTAssertFalse(owners.values.contains(""), "every claimed ticket has an owner")
    }

    func testSnapshotBootstrapsANewWorkstationAndStaleClaimsAreRequeued() throws {
        try center(agents: 2, tickets: 30)
        let claim = try HeatDeskBinary.run(["claim-next", "--agent", "AG-1", "--db", db(0), "--shared", shared, "--json"])
        XCTAssertEqual(claim.status, 0, claim.stderr)
        let snap = try sync(0, ["--snapshot"])
        XCTAssertEqual(snap.status, 0, snap.stderr); XCTAssertTrue(snap.stdout.contains("Snapshot "), snap.stdout)
        // Workstation 1 starts from the snapshot: nothing to replay.
        let first = try sync(1)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("applied 0 events"), first.stdout)
        XCTAssertEqual(try owners(1), try owners(0))
        // Workstation 0 goes silent; a supervisor on 1 sees its claim as stale and requeues it.
        let heartbeats = try FileManager.default.contentsOfDirectory(atPath: shared + "/heartbeat")
        for h in heartbeats {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: shared + "/heartbeat/" + h)
        }
        let stale = try HeatDeskBinary.run(["sync", "--db", db(1), "--shared", shared, "--stale", "300", "--requeue", "--agent", "SV-1"])
        XCTAssertEqual(stale.status, 0, stale.stderr)
        XCTAssertTrue(stale.stdout.contains("held by AG-1") && stale.stdout.contains("requeued"), stale.stdout)
        XCTAssertEqual(try owners(1).count, 0)
        XCTAssertEqual(try sync(0).status, 0)
        XCTAssertEqual(try owners(0).count, 0, "the requeue reached the silent workstation when it came back")
    }

    func testMissingSharedDirectoryIsReportedAndTheVerbStillWorksLocally() throws {
        try center(agents: 1, tickets: 3)
        let gone = tmp.path + "/nowhere"
        let r = try HeatDeskBinary.run(["sync", "--db", db(0), "--shared", gone])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("fault: \(gone): the shared directory is missing"), r.stdout)
        let claim = try HeatDeskBinary.run(["claim-next", "--agent", "AG-1", "--db", db(0), "--shared", gone])
        XCTAssertEqual(claim.status, 1, "no exclusive claim without the shared directory")
        XCTAssertTrue(claim.stderr.contains("cannot claim through the shared directory"), claim.stderr)
        let note = try HeatDeskBinary.run(["priority", "HD-000001", "sos", "--agent", "SV-1", "--db", db(0), "--shared", gone])
        XCTAssertEqual(note.status, 0, note.stderr)
        XCTAssertTrue(note.stderr.contains("sync:"), note.stderr)
    }
}
