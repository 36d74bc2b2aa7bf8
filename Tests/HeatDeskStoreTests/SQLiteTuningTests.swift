import XCTest
import GRDB
import GRDBSQLite
@testable import HeatDeskStore

/// The process-wide SQLite settings AppDatabase makes before its first connection (CSQLiteTuning).
final class SQLiteTuningTests: XCTestCase {
    /// SQLite's memory statistics are off in every process that opens its databases through
    /// AppDatabase (CSQLiteTuning): with them on, each allocation takes a global mutex.
    func testSQLiteMemoryStatisticsAreOff() throws {
        let db = try AppDatabase.inMemory()
        XCTAssertEqual(AppDatabase.sqliteTuning, SQLITE_OK, "a connection was opened before AppDatabase's first")
        try db.writer.write { d in
            try d.execute(sql: "CREATE TABLE t(x TEXT)")
            for i in 0..<500 { try d.execute(sql: "INSERT INTO t(x) VALUES (?)", arguments: [String(repeating: "x", count: i)]) }
        }
        var current: sqlite3_int64 = 0, highest: sqlite3_int64 = 0
        XCTAssertEqual(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0), SQLITE_OK)
        XCTAssertEqual(highest, 0, "SQLite counted \(highest) bytes: its memory statistics are on")
    }
}
