import CSQLiteTuning
import Foundation
import GRDB
import HeatDeskCore

/// The workstation's local state: one SQLite file in WAL mode, never on the shared directory
/// (SQLite locking is not reliable on network file systems). Wraps an injected writer so tests
/// run on in-memory databases and the app on a `DatabasePool`, as GRDB recommends.
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// The center's contact key, kept outside the database (`ContactKeyFile`): it seals contacts
    /// on import and opens them on a logged reveal. Without it contacts stay masked.
    public let contactKey: ContactKeyAccess

    public init(_ writer: any DatabaseWriter, contactKey: ContactKeyAccess = .notConfigured) throws {
        self.writer = writer
        self.contactKey = contactKey
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the database file at `path`, with its folder.
    public static func open(path: String, contactKey: ContactKeyAccess = .notConfigured) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: configuration())
        let database = try AppDatabase(pool, contactKey: contactKey)
        try database.recoverDeferredIndexes()
        return database
    }

    /// A private in-memory database, for tests and dry runs.
    public static func inMemory(contactKey: ContactKeyAccess = .notConfigured) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()), contactKey: contactKey)
    }

    /// Page cache per connection, in KiB.
    static let pageCacheKiB = 32_000

    /// `heatdesk_sqlite_tune()`'s result, run once before this process's first connection:
    /// SQLITE_OK, or SQLITE_MISUSE when something opened a connection without AppDatabase first.
    public static let sqliteTuning: Int32 = heatdesk_sqlite_tune()

    /// The settings of every connection to a workstation's database; also for a file opened
    /// before it becomes one (a bootstrapped snapshot), so the process-wide tuning runs first.
    public static func configuration() -> Configuration {
        _ = sqliteTuning
        var config = Configuration()
        config.foreignKeysEnabled = true
        // A second process (import, sync, another screen) may hold the write lock briefly.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL is set by DatabasePool; NORMAL is durable across application crashes in WAL mode.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
        }
        return config
    }

    /// SQLite's `data_version` as seen by the writer connection: it changes when another
    /// connection (another process, the sync engine) commits, not for this connection's own
    /// writes. Polling it is how the screens notice other processes (GRDB's observation does not
    /// see them), for the price of one pragma.
    public func dataVersion() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// This workstation's node id: new whenever the database is new (design.md, sync).
    public func nodeID() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'node_id'") ?? "" }
    }
}

extension AppDatabase {
    /// A workstation setting or marker kept in the database (`node_id`, `demo_loaded_at`, ...).
    public func meta(_ key: String) throws -> String? {
        try writer.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try writer.write { try $0.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value]) }
    }
}
