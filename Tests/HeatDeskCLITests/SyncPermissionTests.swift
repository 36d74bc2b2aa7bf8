import XCTest
import Foundation
import HeatDeskTestSupport

/// A share the workstation may read but not write (mounted read-only, or a permission error),
/// with real permissions: the workstation runs as `nobody`, because root ignores them. The fault
/// names the file, local work goes on, and the export catches up once the share is writable.
final class SyncPermissionTests: XCTestCase {
    func testAShareWithoutWritePermissionIsReportedAndTheExportCatchesUp() throws {
        guard getuid() == 0, let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw XCTSkip("needs root and runuser to act as an unprivileged workstation") }
        let bin = HeatDeskBinary.url.path
        let fm = FileManager.default
        let tmp = TemporaryDirectory("heatdesk-sync-perm")
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp.path)

        func asNobody(_ args: [String]) throws -> (status: Int32, out: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: runuser)
            p.arguments = ["-u", "nobody", "--", bin] + args
            let out = Pipe()
            p.standardOutput = out; p.standardError = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        guard try asNobody(["--version"]).status == 0 else { throw XCTSkip("the built binary is not reachable by nobody") }
        func chmodTree(_ path: String, _ mode: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/chmod")
            p.arguments = ["-R", mode, path]
            try? p.run(); p.waitUntilExit()
        }

        // Workstation 0 (root) imports and publishes; workstation 1 (nobody) joins.
        let shared = tmp.path + "/shared", home = tmp.path + "/ws1"
        try fm.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        try fm.setAttributes([.ownerAccountID: 65534], ofItemAtPath: home)
        let tickets = tmp.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", ["order_ids": ""]),
                                                                    ImportFixtures.ticket("HD-2", ["order_ids": ""])]))
        let agents = tmp.write("agents.jsonl", #"{"agent_id":"SV-1","name":"周敏","role":"supervisor","skills":[],"languages":["zh","en"]}"# + "\n")
        let db0 = tmp.file("ws0.sqlite"), db1 = home + "/ws1.sqlite"
        XCTAssertEqual(try HeatDeskBinary.run(["import", agents, tickets, "--db", db0, "--shared", shared, "--quiet"]).status, 0)
        chmodTree(shared, "a+rwX")
        let join = try asNobody(["sync", "--db", db1, "--shared", shared])
        XCTAssertEqual(join.status, 0, join.out)

        // The share turns read-only for workstation 1: its local change stands, the fault is named.
        chmodTree(shared, "a-w")
        let change = try asNobody(["priority", "HD-1", "sos", "--agent", "SV-1", "--db", db1, "--shared", shared])
        XCTAssertEqual(change.status, 0, "the local change stands: \(change.out)")
        XCTAssertTrue(change.out.contains("sync:") && change.out.contains(shared), change.out)
        let blocked = try asNobody(["sync", "--db", db1, "--shared", shared])
        XCTAssertEqual(blocked.status, 1, blocked.out)
        XCTAssertTrue(blocked.out.contains("fault: \(shared)"), blocked.out)
        XCTAssertTrue(blocked.out.lowercased().contains("permission"), blocked.out)
        let local = try asNobody(["show", "HD-1", "--json", "--db", db1])
        XCTAssertTrue(local.out.contains("\"priority\":\"sos\""), local.out)

        // Writable again: the export catches up, and workstation 0 sees the change.
        chmodTree(shared, "a+rwX")
        let back = try asNobody(["sync", "--db", db1, "--shared", shared])
        XCTAssertEqual(back.status, 0, back.out)
        XCTAssertEqual(try HeatDeskBinary.run(["sync", "--db", db0, "--shared", shared]).status, 0)
        let seen = try HeatDeskBinary.run(["show", "HD-1", "--json", "--db", db0])
        XCTAssertTrue(seen.stdout.contains("\"priority\":\"sos\""), seen.stdout)
    }
}
