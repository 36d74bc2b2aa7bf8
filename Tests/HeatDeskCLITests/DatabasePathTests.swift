import XCTest
import Foundation
import HeatDeskTestSupport

/// A database path that cannot work is named with what is wrong and what to do, never as a bare
/// "SQLite error 14" or "8"; and no command grows a tree of folders from a typo in --db.
final class DatabasePathTests: XCTestCase {
    func testAMissingFolderIsNamedAndNeverCreated() throws {
        let dir = TemporaryDirectory()
        let missing = dir.file("no/such/dir")
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", ["order_ids": ""])]))
        for args in [["demo"], ["import", tickets], ["queue"], ["sync", "--shared", dir.path]] {
            let r = try HeatDeskBinary.run(args + ["--db", missing + "/x.sqlite"])
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("the folder \(missing) does not exist"), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("SQLite error"), r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("no")), "no folder was created")
    }

    func testAFolderOrAForeignFileIsNamed() throws {
        let dir = TemporaryDirectory()
        let folder = try HeatDeskBinary.run(["queue", "--db", dir.path])
        XCTAssertEqual(folder.status, 2)
        XCTAssertTrue(folder.stderr.contains("\(dir.path): a folder, not a database file"), folder.stderr)
        let foreign = dir.write("notes.sqlite", "not a database\n")
        let notADB = try HeatDeskBinary.run(["queue", "--db", foreign])
        XCTAssertEqual(notADB.status, 2)
        XCTAssertTrue(notADB.stderr.contains("\(foreign): not a heatdesk database"), notADB.stderr)
    }

    /// Real permissions: the workstation runs as `nobody`, because root ignores them.
    func testAReadOnlyDatabaseOrFolderSaysSoWithThePath() throws {
        guard getuid() == 0, let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw XCTSkip("needs root and runuser to act as an unprivileged workstation (root ignores permissions)") }
        func asNobody(_ args: [String]) throws -> (status: Int32, out: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: runuser)
            p.arguments = ["-u", "nobody", "--", HeatDeskBinary.url.path] + args
            let out = Pipe()
            p.standardOutput = out; p.standardError = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        guard try asNobody(["--version"]).status == 0 else { throw XCTSkip("the built binary is not reachable by nobody") }
        let fm = FileManager.default
        let tmp = TemporaryDirectory("heatdesk-db-perm")
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp.path)
        let db = tmp.file("ws.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)

        // The file is root's: read-only for the workstation.
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: tmp.path)
        let file = try asNobody(["queue", "--db", db])
        XCTAssertEqual(file.status, 2, file.out)
        XCTAssertTrue(file.out.contains("\(db): read-only (check its permissions)"), file.out)
        XCTAssertFalse(file.out.contains("SQLite error"), file.out)

        // A folder the workstation may not write: a new database cannot be made there.
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp.path)
        let fresh = try asNobody(["demo", "--db", tmp.file("new.sqlite")])
        XCTAssertEqual(fresh.status, 2, fresh.out)
        XCTAssertTrue(fresh.out.contains("the folder \(tmp.path) is read-only"), fresh.out)
        XCTAssertFalse(fresh.out.contains("SQLite error"), fresh.out)
    }
}
