import XCTest
import GRDB
import HeatDeskTestSupport
@testable import HeatDeskStore

final class MigrationTests: XCTestCase {
    /// A database left by an interrupted bulk load of a version before v4-trim-indexes keeps the
    /// dropped index among its deferred definitions: the upgrade forgets it, the recovery builds
    /// the others.
    func testTrimmedIndexIsNotRebuiltFromAnInterruptedBulkLoad() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.sqlite")
        let old = try DatabaseQueue(path: path, configuration: AppDatabase.configuration())
        try AppDatabase.migrator.migrate(old, upTo: "v3-metrics")
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run(); dead.waitUntilExit()
        try old.write { d in
            try d.execute(sql: "DROP INDEX ticket_resolved_by_owner; DROP INDEX ticket_queue")
            try d.execute(sql: "INSERT INTO meta(key, value) VALUES ('deferred_indexes', ?), ('deferred_indexes_pid', ?)", arguments: [
                #"["CREATE INDEX ticket_queue ON ticket(status, priority_rank, sla_due_at)","CREATE INDEX ticket_resolved_by_owner ON ticket(owner_id, resolved_at) WHERE resolved_at IS NOT NULL"]"#,
                String(dead.processIdentifier)])
        }
        try old.close()
        let db = try AppDatabase.open(path: path)
        let names = try db.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        XCTAssertTrue(names.contains("ticket_queue"), "\(names)")
        XCTAssertFalse(names.contains("ticket_resolved_by_owner"), "\(names)")
        XCTAssertNil(try db.meta("deferred_indexes"))
    }
}
