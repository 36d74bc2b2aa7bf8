import XCTest
import Foundation
import HeatDeskTestSupport

/// The CLI contract, through the real binary: exit codes, messages, and surviving kill -9.
final class ImportCommandTests: XCTestCase {
    var dir: TemporaryDirectory!
    override func setUp() { dir = TemporaryDirectory() }

    func testExitCodes() throws {
        let db = dir.file("t.sqlite")
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let good = dir.write("good.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1")]))
        let bad = dir.write("bad.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-2", ["priority": "asap"])]))

        let ok = try HeatDeskBinary.run(["import", orders, good, "--db", db])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("4 read, 4 imported, 0 already present, 0 rejected"), ok.stdout)

        let again = try HeatDeskBinary.run(["import", orders, good, "--db", db])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("0 imported, 4 already present"), again.stdout)

        let some = try HeatDeskBinary.run(["import", bad, "--db", db])
        XCTAssertEqual(some.status, 1)
        XCTAssertTrue(some.stdout.contains("bad.csv:2: ticket HD-2: field priority: unknown value 'asap'"), some.stdout)

        let missing = try HeatDeskBinary.run(["import", dir.file("nope.csv"), "--db", db])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nope.csv"), missing.stderr)

        XCTAssertEqual(try HeatDeskBinary.run(["import", "--db", db]).status, 2, "usage")
        XCTAssertEqual(try HeatDeskBinary.run(["import", good, "--format", "xml", "--db", db]).status, 2, "usage")
        XCTAssertEqual(try HeatDeskBinary.run(["import", dir.write("x.csv", "a,b\n1,2\n"), "--db", db]).status, 2, "wrong format")
    }

    func testVerbsReadWhatWasImported() throws {
        let db = dir.file("t.sqlite")
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("t.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1"), ImportFixtures.ticket("HD-2", ["priority": "sos", "product": "hotel"])]))
        XCTAssertEqual(try HeatDeskBinary.run(["import", orders, tickets, "--db", db]).status, 0)

        let queue = try HeatDeskBinary.run(["queue", "--json", "--db", db])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.map { $0["id"] as? String }, ["HD-2", "HD-1"])
        let hotelOnly = try HeatDeskBinary.run(["queue", "--product", "hotel", "--db", db])
        // HD-2 follows up HD-1 (same customer and orders) and says so (`↳HD-1`): compare the id column.
        let ids = hotelOnly.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[1] }
        XCTAssertEqual(ids, ["HD-2"], hotelOnly.stdout)

        let show = try HeatDeskBinary.run(["show", "HD-1", "--json", "--db", db])
        let ticket = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((ticket["customer"] as? [String: Any])?["name"] as? String, "王丽娜")
        XCTAssertEqual((ticket["orders"] as? [[String: Any]])?.count, 2)
        XCTAssertEqual((ticket["service_trail"] as? [[String: Any]])?.count, 1)

        let text = try HeatDeskBinary.run(["show", "HD-1", "--db", db])
        XCTAssertTrue(text.stdout.contains("Bot hand-over summary:"))
        XCTAssertTrue(text.stdout.contains("MU523 PVG→NRT"))

        XCTAssertEqual(try HeatDeskBinary.run(["show", "HD-404", "--db", db]).status, 2, "an unknown id exits 2, as in every verb")
        XCTAssertEqual(try HeatDeskBinary.run(["queue", "--db", dir.file("none.sqlite")]).status, 2)

        let stats = try HeatDeskBinary.run(["stats", "--json", "--db", db])
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(counts["tickets"] as? Int, 2)
        XCTAssertEqual((counts["by_priority"] as? [String: Int])?["sos"], 1)
    }

    /// Issue 13: several rejected rows, in one file or across files, with and without `--dry-run`.
    /// The release build aborted here ("Simultaneous accesses") while sorting the rejections, and
    /// lost the summary and the rejects file; under `make test` this runs against that build.
    func testSeveralBadRowsAreAllNamedAndKept() throws {
        let db = dir.file("t.sqlite")
        let two = dir.write("two.csv", "external_id,created_at,customer_id\nA1,yesterday,C1\nA2,yesterday,C2\n")
        let c = dir.write("c.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-C", ["priority": "asap", "order_ids": ""])]))
        let d = dir.write("d.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-D1", ["order_ids": ""]),
                                                        ImportFixtures.ticket("HD-D2", ["channel": "pigeon", "order_ids": ""])]))
        for dryRun in [false, true] {
            let rejects = dir.file("rejects-\(dryRun).csv")
            let r = try HeatDeskBinary.run(["import", two, d, c, "--db", db, "--rejects", rejects] + (dryRun ? ["--dry-run"] : []))
            XCTAssertEqual(r.status, 1, "dry run \(dryRun): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("4 rejected"), r.stdout)
            // Named in the order the files were given, then by line.
            let named = ["two.csv:2:", "two.csv:3:", "d.csv:4:", "c.csv:2:"].map { r.stdout.range(of: $0)?.lowerBound }
            XCTAssertFalse(named.contains(nil), r.stdout)
            XCTAssertEqual(named.compactMap { $0 }, named.compactMap { $0 }.sorted(), r.stdout)
            let kept = try String(contentsOfFile: rejects, encoding: .utf8)
            for id in ["A1", "A2", "HD-D2", "HD-C"] { XCTAssertTrue(kept.contains(",ticket,\(id),"), "\(id) in the rejects file:\n\(kept)") }
            let tickets = try HeatDeskBinary.run(["stats", "--json", "--db", db])
            let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(tickets.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(counts["tickets"] as? Int, 1, "the real run keeps the good row; the dry run after it writes nothing")
        }
    }

    func testHostileTextNeverReachesTheTerminalRaw() throws {
        let db = dir.file("t.sqlite")
        let tickets = dir.write("t.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", [
            "order_ids": "", "customer_name": "Mallory\u{1B}[2J", "subject": "\u{202E}evil\u{9B}31m", "message": "hi\u{1B}]0;title\u{07}"])]))
        XCTAssertEqual(try HeatDeskBinary.run(["import", tickets, "--db", db]).status, 0)
        for args in [["queue"], ["show", "HD-1"]] {
            let out = try HeatDeskBinary.run(args + ["--db", db]).stdout
            XCTAssertFalse(out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E || $0.value == 0x07 }, out)
            XCTAssertTrue(out.contains("^["), out)
        }
    }

    /// A kill -9 in the middle of a large import, then a re-run: every row exactly once.
    func testKillNineMidImportThenRerunImportsEachRowOnce() throws { try killNineThenRerun(bulk: false) }

    /// The same in bulk mode: the indexes it set aside come back at the next open.
    func testKillNineMidBulkImportThenRerunRestoresTheIndexes() throws { try killNineThenRerun(bulk: true) }

    private func killNineThenRerun(bulk: Bool) throws {
        let db = dir.file("t.sqlite")
        let n = 30_000
        var csv = "external_id,created_at,channel,product,category,customer_id,customer_name,subject,message\n"
        csv.reserveCapacity(n * 120)
        for i in 0..<n {
            csv += "HD-\(i),2026-11-22T07:30:00+08:00,chat,hotel,info,C-\(i % 5000),客户\(i % 5000),房间问题 \(i),请问可以延迟退房吗？\n"
        }
        let file = dir.write("big.csv", csv)
        let p = HeatDeskBinary.start(["import", file, "--db", db, "--quiet", bulk ? "--bulk" : "--no-bulk"])
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Let the importer run in short slices (SIGCONT, 2 ms, SIGSTOP) until some batches are
        // committed, then kill it without warning while it is stopped. However fast the build or
        // slow the machine, it cannot finish 30,000 rows in one slice, so the kill lands mid-import
        // (asserted below) instead of racing it.
        kill(p.processIdentifier, SIGSTOP)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            kill(p.processIdentifier, SIGCONT)
            usleep(2_000)
            kill(p.processIdentifier, SIGSTOP)
            if let c = Int((try? sqlite(db, "SELECT count(*) FROM ticket")) ?? ""), c >= 5_000 { break }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        // Read with the sqlite3 command line, which knows nothing of the recovery.
        XCTAssertEqual(try sqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ticket_queue'"), bulk ? "0" : "1")
        let partial = try countTickets(db)
        XCTAssertGreaterThan(partial, 0)
        XCTAssertLessThan(partial, n, "killed before the end")
        XCTAssertEqual(partial % 5000, 0, "whole batches only: nothing half-written")
        XCTAssertEqual(try sqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ticket_queue'"), "1",
                       "the queue index is there once the killed load is gone")
        XCTAssertEqual(try sqlite(db, "SELECT count(*) FROM meta WHERE key LIKE 'deferred_indexes%'"), "0")

        let rerun = try HeatDeskBinary.run(["import", file, "--db", db, "--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.contains("\(ProgressFormat.count(n - partial)) imported, \(ProgressFormat.count(partial)) already present"), rerun.stdout)
        XCTAssertEqual(try countTickets(db), n)
        let stats = try HeatDeskBinary.run(["stats", "--json", "--db", db]).stdout
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any])
        XCTAssertEqual(counts["tickets"] as? Int, n)
        XCTAssertEqual(counts["customers"] as? Int, 5000)
        XCTAssertEqual(counts["events"] as? Int, n + 5000, "one event per ticket and per customer, none doubled")
    }

    private func sqlite(_ db: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", db, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run(); p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func countTickets(_ db: String) throws -> Int {
        let r = try HeatDeskBinary.run(["stats", "--json", "--db", db])
        guard let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else { return 0 }
        return o["tickets"] as? Int ?? 0
    }
}

enum ProgressFormat {
    static func count(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed())
    }
}
