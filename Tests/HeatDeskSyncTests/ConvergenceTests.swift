import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskSync

/// Property-style: three workstations work the same tickets with random, conflicting actions and
/// random exchanges; whatever the order, they converge, and a fourth workstation that receives
/// the batches shuffled, duplicated and delayed reaches the same state.
final class ConvergenceTests: XCTestCase {
    func testRandomWorkConvergesAndShuffledDeliveryGivesTheSameState() throws {
        var rejected = 0
        for seed: UInt64 in [1, 2, 3, 4] { rejected += try check(seed: seed) }
        XCTAssertGreaterThan(rejected, 0, "the seeds must produce fenced, conflicting changes")
    }

    /// Returns how many remote events the merge rules rejected on the three nodes.
    private func check(seed: UInt64) throws -> Int {
        var rng = SplitMix64(seed: seed)
        let tmp = TemporaryDirectory("heatdesk-conv")
        let shared = tmp.path + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let agents = [SyncFixtures.li, SyncFixtures.tom, SyncFixtures.wang]
        var nodes: [(AppDatabase, SyncEngine)] = []
        for i in 0..<3 { nodes.append(try SyncFixtures.node(tmp.path, "n\(i)", shared: shared)) }
        try SyncFixtures.seed(nodes[0].0, tickets: 12)
        for (_, e) in nodes { try e.exchange() }
        try nodes[0].1.exchange(); try nodes[1].1.exchange()

        var actions = 0
        for step in 0..<160 {
            let n = Int.random(in: 0..<3, using: &rng)
            let (db, engine) = nodes[n]
            let agent = agents[n]
            let k = SyncFixtures.key(String(format: "T-%05d", Int.random(in: 0..<12, using: &rng)))
            let at = SyncFixtures.at.addingTimeInterval(Double(step))
            do {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0, 1: _ = try db.claimNext(by: agent, authority: engine.authority, at: at)
                case 2: try db.addMessage(k, by: agent, body: "step \(step)", visibility: .public, at: at)
                case 3: try db.setPriority(k, [.low, .normal, .high, .urgent][Int.random(in: 0..<4, using: &rng)], by: SyncFixtures.boss, at: at)
                case 4: try db.setPending(k, waitingFor: Bool.random(using: &rng) ? "customer" : nil, by: agent, at: at)
                case 5: try db.resolve(k, .solved, by: agent, at: at)
                case 6: try db.transfer(k, to: agents[(n + 1) % 3], by: Bool.random(using: &rng) ? agent : SyncFixtures.boss,
                                        authority: engine.authority, at: at)
                case 7: _ = try db.invite(k, member: "SUP-HILTON", by: agent, at: at)
                case 8: try db.leave(k, member: "SUP-HILTON", by: agent, at: at)
                default: try db.reopen(k, by: agent, authority: engine.authority, at: at)
                }
                actions += 1
            } catch is AppDatabase.WorkError {
                // Refused by the rules on this node's view: fine, that is part of the game.
            }
            if Int.random(in: 0..<8, using: &rng) == 0 {
                let report = try nodes[Int.random(in: 0..<3, using: &rng)].1.exchange()
                XCTAssertEqual(report.faults, [], "seed \(seed)")
            }
        }
        XCTAssertGreaterThan(actions, 40, "seed \(seed): the game must actually do things")
        for _ in 0..<2 { for (_, e) in nodes { XCTAssertEqual(try e.exchange().waiting, []) } }
        let digests = try nodes.map { try SyncEngine.digest($0.0) }
        XCTAssertEqual(Set(digests).count, 1, "seed \(seed): \(digests)")
        // No ticket has two owners: everyone agrees on each ticket's owner and epoch.
        let owners = try nodes.map { n in try n.0.writer.read { try String.fetchAll($0, sql: "SELECT external_id || ifnull(owner_id, '-') || claim_epoch FROM ticket ORDER BY 1") } }
        XCTAssertEqual(owners[0], owners[1]); XCTAssertEqual(owners[1], owners[2])

        // A fourth workstation gets the same batches shuffled, re-delivered and held back.
        let shared2 = tmp.path + "/shared2"
        let fm = FileManager.default
        try fm.createDirectory(atPath: shared2, withIntermediateDirectories: true)
        try fm.copyItem(atPath: shared + "/claims", toPath: shared2 + "/claims")
        var files: [(String, String)] = []
        for node in try fm.contentsOfDirectory(atPath: shared + "/log") {
            try fm.createDirectory(atPath: shared2 + "/log/" + node, withIntermediateDirectories: true)
            for f in try fm.contentsOfDirectory(atPath: shared + "/log/" + node) { files.append((node, f)) }
        }
        let (d, ed) = try SyncFixtures.node(tmp.path, "late", shared: shared2)
        var delivered = Set<String>()
        files.shuffle(using: &rng)
        for round in 0..<6 {
            for (node, f) in files where Int.random(in: 0..<3, using: &rng) == 0 || round == 5 {
                let dest = shared2 + "/log/" + node + "/" + f
                if delivered.contains(dest) { try fm.removeItem(atPath: dest) }   // a sync tool delivering it again
                try fm.copyItem(atPath: shared + "/log/" + node + "/" + f, toPath: dest)
                delivered.insert(dest)
            }
            XCTAssertEqual(try ed.exchange().faults, [], "seed \(seed)")
        }
        XCTAssertEqual(try SyncEngine.digest(d), digests[0], "seed \(seed): shuffled delivery")
        if try SyncEngine.digest(d) != digests[0] {
            let q = "SELECT external_id || ' ' || ifnull(owner_id, '-') || ' e' || claim_epoch || ' ' || status || ' p' || priority_rank || ' ' || ifnull(resolved_at, '') FROM ticket ORDER BY 1"
            let x = try d.writer.read { try String.fetchAll($0, sql: q) }, y = try nodes[0].0.writer.read { try String.fetchAll($0, sql: q) }
            for (l, r) in zip(x, y) where l != r { print("late: \(l)\nnode: \(r)") }
            let m = "SELECT count(*) FROM message"; print(try d.writer.read { try Int.fetchOne($0, sql: m)! }, try nodes[0].0.writer.read { try Int.fetchOne($0, sql: m)! })
            let pq = "SELECT ticket_id || member_id || (left_at IS NULL) || clock FROM participant ORDER BY 1"
            print(try d.writer.read { try String.fetchAll($0, sql: pq) }, try nodes[0].0.writer.read { try String.fetchAll($0, sql: pq) })
        }
        return try nodes.reduce(0) { $0 + (try $1.1.rejections().count) }
    }
}
