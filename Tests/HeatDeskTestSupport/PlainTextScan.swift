import Foundation
import GRDB
import HeatDeskStore

/// Looks for secrets in clear where they must not be (issue 14, item 5): every text and blob of
/// every table of a database, the bytes of its files (free pages and the WAL included), and
/// every file under a folder (the shared directory's batches, claims and snapshots).
public enum PlainTextScan {
    /// The needles found in any column of any table, with where.
    public static func columns(_ db: AppDatabase, for needles: [String]) throws -> [String] {
        try db.writer.read { d in
            var found: [String] = []
            let tables = try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in tables {
                let columns = try Row.fetchAll(d, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] as String }
                for column in columns {
                    let rows = try Row.fetchCursor(d, sql: "SELECT CAST(\(column.quotedDatabaseIdentifier) AS BLOB) FROM \(table.quotedDatabaseIdentifier)")
                    while let row = try rows.next() {
                        guard let data = row[0] as Data? else { continue }
                        let text = String(decoding: data, as: UTF8.self)
                        for n in needles where text.contains(n) { found.append("\(table).\(column): \(n)") }
                    }
                }
            }
            return found
        }
    }

    /// The needles found in the bytes of any regular file under `folder` (or the file itself).
    public static func files(under folder: String, for needles: [String]) -> [String] {
        var paths: [String] = []
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue { paths = [folder] }
        else if let walk = FileManager.default.enumerator(atPath: folder) {
            while let name = walk.nextObject() as? String { paths.append((folder as NSString).appendingPathComponent(name)) }
        }
        var found: [String] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            for n in needles where bytes.containsRun(Array(n.utf8)) { found.append("\(path): \(n)") }
        }
        return found
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run.
    func containsRun(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        while i <= count - needle.count {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
