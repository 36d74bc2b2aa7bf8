import Foundation
import GRDB

/// Bulk loads set the secondary indexes of tickets and messages and the monitor's tallies
/// (AppDatabase+Tallies) aside and build them once at the end: inserting a million rows into
/// more B-trees in arrival order costs several times what sorting them once does (Docs/performance.md). The unique indexes stay, so
/// re-runs still find what is already present.
///
/// Crash safety: the definitions of the dropped indexes are saved in `meta` in the same
/// transaction that drops them, with the loading process's id. Whoever opens the database next
/// while that process is gone (a later import, a screen) builds them again, so a kill -9 in the
/// middle of a load never leaves a workstation without its queue indexes.
extension AppDatabase {
    static let deferredIndexesKey = "deferred_indexes"
    static let deferredIndexesOwnerKey = "deferred_indexes_pid"
    /// Tables whose non-unique indexes a bulk load may set aside.
    static let bulkTables = ["ticket", "message"]

    /// Runs `body` with the secondary indexes of tickets and messages dropped, and builds them
    /// again afterwards, also when `body` throws.
    public func withDeferredIndexes<T>(_ body: () throws -> T) throws -> T {
        try deferIndexes()
        let result: T
        do { result = try body() } catch {
            try? restoreDeferredIndexes()
            throw error
        }
        try restoreDeferredIndexes()
        return result
    }

    func deferIndexes() throws {
        try writer.write { db in
            // Indexes left aside by an earlier, interrupted load are still recorded: keep them.
            var saved = try Self.savedIndexes(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                  AND tbl_name IN (\(Self.bulkTables.map { "'\($0)'" }.joined(separator: ",")))
                ORDER BY name
                """)
            for row in rows {
                let name: String = row[0], sql: String = row[1]
                saved.append(sql)
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            }
            let json = String(decoding: try JSONEncoder().encode(saved), as: UTF8.self)
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?), (?, ?)",
                           arguments: [Self.deferredIndexesKey, json, Self.deferredIndexesOwnerKey, String(getpid())])
            // The tallies too: not kept row by row (EventApplier sees the mark); built once at the end.
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", arguments: [Self.talliesDeferredKey])
        }
    }

    /// Builds the indexes a bulk load set aside and the tallies from the rows, and forgets them,
    /// in one transaction.
    public func restoreDeferredIndexes() throws {
        try writer.write { db in
            // A million tickets' index keys outgrow the page cache, so SQLite's sorter spills and
            // merges; a worker thread lets it sort on both cores: the indexes of a million-ticket
            // load built in 18.8 and 21.6 s against 22.3 and 23.4 s without, for 29 MB more peak
            // memory (no change at 200,000, where the sort stays in memory; Docs/performance.md).
            try db.execute(sql: "PRAGMA threads = 2")
            defer { try? db.execute(sql: "PRAGMA threads = 0") }
            for sql in try Self.savedIndexes(db) {
                try db.execute(sql: sql.replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS ",
                                                             options: .anchored))
            }
            if try Self.talliesDeferred(db) { try Self.rebuildTallies(db) }
            try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?, ?)",
                           arguments: [Self.deferredIndexesKey, Self.deferredIndexesOwnerKey, Self.talliesDeferredKey])
        }
    }

    /// Rebuilds indexes an interrupted bulk load left aside, unless that load is still running
    /// on this machine (the database is local to the workstation, so its pid is meaningful).
    func recoverDeferredIndexes() throws {
        let owner = try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.deferredIndexesOwnerKey])
        }
        guard let owner else { return }
        if let pid = Int32(owner), pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { return }
        try restoreDeferredIndexes()
    }

    private static func savedIndexes(_ db: Database) throws -> [String] {
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [deferredIndexesKey])
        else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
