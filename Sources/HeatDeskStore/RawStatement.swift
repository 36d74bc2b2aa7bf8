import GRDB
import GRDBSQLite

/// Binds and steps one of GRDB's cached statements through the SQLite C API.
///
/// GRDB's `execute(arguments:)` boxes every value as a `DatabaseValue` and costs about 20 µs
/// per row in our import profile (Docs/performance.md), more than SQLite's own work. The bulk
/// paths (import, sync apply) bind directly; everything else uses GRDB as usual.
struct RawStatement {
    let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    func reset() { sqlite3_reset(handle) }

    func bind(_ i: Int32, _ v: String) {
        var v = v
        v.withUTF8 { bindText(i, $0) }
    }

    func bind(_ i: Int32, _ v: String?) { if let v { bind(i, v) } else { sqlite3_bind_null(handle, i) } }

    func bind(_ i: Int32, bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { bindText(i, $0) }
    }

    private func bindText(_ i: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
        if let base = buf.baseAddress {
            sqlite3_bind_text(handle, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buf.count), Self.transient)
        } else {
            sqlite3_bind_text(handle, i, "", 0, Self.transient)
        }
    }

    func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(handle, i, v) }
    func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(handle, i, Int64(v)) }
    func bind(_ i: Int32, _ v: Int64?) { if let v { bind(i, v) } else { sqlite3_bind_null(handle, i) } }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func run() throws -> Int {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql) }
        return Int(sqlite3_changes(connection))
    }

    /// Runs a query; returns the first column of its first row as an integer, if any.
    func firstInt() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return sqlite3_column_int64(handle, 0) }
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql) }
        return nil
    }

    /// A result row's columns, valid inside `first`'s closure only.
    struct Columns {
        fileprivate let handle: OpaquePointer
        func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
        func text(_ i: Int32) -> String? { sqlite3_column_text(handle, i).map { String(cString: $0) } }
        func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    }

    /// Runs a query; reads its first row, if any, with `read`.
    func first<T>(_ read: (Columns) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return try read(Columns(handle: handle)) }
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql) }
        return nil
    }

    /// Runs a query; reads every row with `read`.
    func each(_ read: (Columns) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql) }
            try read(Columns(handle: handle))
        }
    }

    /// Runs a query; returns the first column of its first row as text, if any.
    func firstText() throws -> String? {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW, let p = sqlite3_column_text(handle, 0) { return String(cString: p) }
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql) }
        return nil
    }
}

/// A set of statements known by name, each prepared on first use and kept for the owner's
/// transaction: looking statements up in GRDB's cache by their SQL text hashed the whole text
/// for every row (`EventApplier`, `RecordLookup`).
protocol StatementName: RawRepresentable<Int>, CaseIterable {
    var sql: String { get }
}

final class PreparedStatements<Name: StatementName> {
    private let db: Database
    private var prepared: [RawStatement?] = Array(repeating: nil, count: Name.allCases.count)

    init(_ db: Database) { self.db = db }

    func callAsFunction(_ name: Name) throws -> RawStatement {
        if let s = prepared[name.rawValue] { return s }
        let s = try RawStatement(db, sql: name.sql)
        prepared[name.rawValue] = s
        return s
    }
}
