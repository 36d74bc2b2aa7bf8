import XCTest
import Foundation
import HeatDeskTestSupport

/// `heatdesk demo` and `heatdesk generate` through the real binary: what `make run` and
/// `make bench` rely on.
final class DemoCommandTests: XCTestCase {
    var dir: TemporaryDirectory!
    override func setUp() { dir = TemporaryDirectory() }

    func testDemoLoadsOnceAndMovesItsClockToNow() throws {
        let db = dir.file("demo.sqlite")
        let data = PackageRoot.url().appendingPathComponent("Data").path
        let first = try HeatDeskBinary.run(["demo", "--db", db, "--data", data])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("ticket    300 read, 300 new"), first.stdout)
        let again = try HeatDeskBinary.run(["demo", "--db", db, "--data", data])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("already loaded"), again.stdout)

        // Shifted to now: the newest queued ticket waits minutes or hours, not weeks.
        let queue = try HeatDeskBinary.run(["queue", "--db", db, "--json"])
        XCTAssertEqual(queue.status, 0, queue.stderr)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]])
        XCTAssertFalse(items.isEmpty)
        let created = items.compactMap { ($0["created_at"] as? String).flatMap(ISO8601DateFormatter().date(from:)) }
        XCTAssertEqual(created.count, items.count, "created_at in every queue item")
        XCTAssertLessThan(Date().timeIntervalSince(created.max()!), 2 * 86400)

        let missing = try HeatDeskBinary.run(["demo", "--db", dir.file("x.sqlite"), "--data", dir.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("demo"), missing.stderr)
    }

    /// The demo goes through the import path, and like `import` it publishes with --shared: a
    /// second workstation that syncs sees the demo's tickets.
    func testDemoWithSharedPublishesToTheOtherWorkstations() throws {
        let shared = dir.file("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let demo = try HeatDeskBinary.run(["demo", "--db", dir.file("ws1.sqlite"), "--shared", shared])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stdout.contains("Published"), demo.stdout)
        let nodes = try FileManager.default.contentsOfDirectory(atPath: shared + "/log")
        let batches = try nodes.flatMap { try FileManager.default.contentsOfDirectory(atPath: shared + "/log/" + $0) }
        XCTAssertTrue(batches.contains { $0.hasSuffix(".jsonl") }, "a batch in log/: \(batches)")

        let ws2 = dir.file("ws2.sqlite")
        let sync = try HeatDeskBinary.run(["sync", "--db", ws2, "--shared", shared])
        XCTAssertEqual(sync.status, 0, sync.stderr + sync.stdout)
        let stats = try HeatDeskBinary.run(["stats", "--json", "--db", ws2])
        XCTAssertTrue(stats.stdout.contains("\"tickets\":300"), stats.stdout)
    }

    func testGenerateIsDeterministicAndImportsClean() throws {
        let a = try HeatDeskBinary.run(["generate", "--tickets", "400", "--seed", "9", "--out", dir.file("a")])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertTrue(a.stdout.hasPrefix("Wrote \(dir.file("a")): 400 tickets,"), a.stdout)
        _ = try HeatDeskBinary.run(["generate", "--tickets", "400", "--seed", "9", "--out", dir.file("b")])
        for name in ["tickets.csv", "orders.jsonl", "messages.jsonl", "customers.jsonl"] {
            XCTAssertEqual(FileManager.default.contents(atPath: dir.file("a/\(name)")), FileManager.default.contents(atPath: dir.file("b/\(name)")), name)
        }
        let importLine = try XCTUnwrap(a.stdout.split(separator: "\n").last { $0.hasPrefix("Import with: heatdesk import ") })
        let paths = importLine.dropFirst("Import with: heatdesk import ".count).split(separator: " ").map(String.init)
        let imported = try HeatDeskBinary.run(["import"] + paths + ["--db", dir.file("g.sqlite")])
        XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
        XCTAssertTrue(imported.stdout.contains("ticket    400 read, 400 new"), imported.stdout)

        XCTAssertEqual(try HeatDeskBinary.run(["generate", "--tickets", "0", "--out", dir.file("c")]).status, 2)
    }

    /// A generated folder holds only data files (the recorded moment is the hidden .base_time),
    /// so `import DIR/*` works; `import DIR` reads a folder's data files and leaves the rest.
    func testAGeneratedFolderImportsWholeByGlobOrByName() throws {
        let out = dir.file("set")
        XCTAssertEqual(try HeatDeskBinary.run(["generate", "--tickets", "50", "--out", out]).status, 0)
        let glob = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }.sorted().map { out + "/" + $0 }
        XCTAssertEqual(glob.count, 6, "\(glob)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/.base_time"))
        let byGlob = try HeatDeskBinary.run(["import"] + glob + ["--db", dir.file("a.sqlite"), "--quiet"])
        XCTAssertEqual(byGlob.status, 0, byGlob.stdout + byGlob.stderr)
        XCTAssertTrue(byGlob.stdout.contains("ticket    50 read, 50 new"), byGlob.stdout)

        let byFolder = try HeatDeskBinary.run(["import", out, "--db", dir.file("b.sqlite"), "--quiet"])
        XCTAssertEqual(byFolder.status, 0, byFolder.stdout + byFolder.stderr)
        XCTAssertTrue(byFolder.stdout.contains("ticket    50 read, 50 new"), byFolder.stdout)

        // Data/demo holds README.md and BASE_TIME beside its data: the folder still imports.
        let demo = PackageRoot.url().appendingPathComponent("Data/demo").path
        let fromDemo = try HeatDeskBinary.run(["import", demo, "--db", dir.file("c.sqlite"), "--quiet"])
        XCTAssertEqual(fromDemo.status, 0, fromDemo.stdout + fromDemo.stderr)
        XCTAssertTrue(fromDemo.stdout.contains("ticket    300 read, 300 new"), fromDemo.stdout)

        let empty = dir.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try HeatDeskBinary.run(["import", empty, "--db", dir.file("d.sqlite")])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("\(empty): no data files"), none.stderr)
    }
}
