import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import HeatDeskCore
import HeatDeskStore

/// Snapshots (Docs/sync-protocol.md, "Snapshots"): a compacted copy of one workstation's
/// database plus the high-water marks it holds, so a new workstation starts from it and
/// replays only the batches after those marks.
extension SyncEngine {
    public struct Manifest: Equatable, Sendable {
        public var node: String
        public var createdAt: Date
        public var highWater: [String: Int64]
    }

    /// Writes `snapshots/<id>/` (staged under a dot name, renamed when complete); returns the id.
    @discardableResult
    public func writeSnapshot(now: Date = Date()) throws -> String {
        try directory.prepare()
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let id = f.string(from: now) + "-" + directory.node
        let staging = directory.path("snapshots", ".staging-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let file = staging + "/db.sqlite"
        try db.writer.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [file]) }
        // The marks are read from the copy itself, so they describe exactly what it holds.
        let copy = try DatabaseQueue(path: file, configuration: AppDatabase.configuration())
        // Drafts are one agent's unsent words on this workstation (AppDatabase+Drafts): never
        // shared. Overwritten on deletion, not merely unlinked, so no page of the copy holds them.
        try copy.writeWithoutTransaction { db in
            if try db.tableExists("draft") {
                try db.execute(sql: "PRAGMA secure_delete = ON")
                try db.execute(sql: "DELETE FROM draft")
            }
        }
        let marks = try copy.read { db -> [String: Int64] in
            var out: [String: Int64] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT node, high_water FROM sync_peer") { out[r[0]] = r[1] }
            out[directory.node] = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event WHERE node = ?", arguments: [directory.node]) ?? 0
            return out
        }
        try copy.close()
        var w = JSONWriter(); w.beginObject()
        w.field("format", 1); w.field("node", directory.node); w.key("created_at"); w.timestamp(now.millis)
        w.key("high_water"); w.beginObject(); for (k, v) in marks.sorted(by: { $0.key < $1.key }) { w.field(k, v) }; w.endObject()
        w.endObject()
        let manifest = Data(w.bytes + [10])
        let fd = open(staging + "/manifest.json", O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw SyncFault.system(staging + "/manifest.json", "cannot write") }
        _ = manifest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd); close(fd)
        let final = directory.path("snapshots", id)
        guard rename(staging, final) == 0 else { throw SyncFault.system(final, "cannot place the snapshot") }
        return id
    }

    /// The newest complete snapshot in `shared`: its folder and manifest.
    public static func newestSnapshot(shared: String) -> (path: String, manifest: Manifest)? {
        let root = (shared as NSString).appendingPathComponent("snapshots")
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted(by: >)
        for id in ids {
            let folder = root + "/" + id
            guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
                  let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any], o["format"] as? Int == 1,
                  let node = o["node"] as? String, let marks = o["high_water"] as? [String: NSNumber],
                  FileManager.default.fileExists(atPath: folder + "/db.sqlite") else { continue }
            let created = (o["created_at"] as? String).flatMap { try? Timestamp.parse($0) } ?? Date(timeIntervalSince1970: 0)
            return (folder, Manifest(node: node, createdAt: created, highWater: marks.mapValues { $0.int64Value }))
        }
        return nil
    }

    /// A new workstation (no database at `path` yet) starts from the newest snapshot: copies it,
    /// takes a new node id, and sets the high-water marks the snapshot holds. Returns the manifest
    /// used, or nil when there is no snapshot (the database then starts empty and replays all).
    @discardableResult
    public static func bootstrap(path: String, shared: String) throws -> Manifest? {
        guard !FileManager.default.fileExists(atPath: path), let (folder, manifest) = newestSnapshot(shared: shared) else { return nil }
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true)
        let partial = path + ".bootstrap-\(getpid())"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.copyItem(atPath: folder + "/db.sqlite", toPath: partial)
        let queue = try DatabaseQueue(path: partial, configuration: AppDatabase.configuration())
        try queue.write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'node_id'", arguments: [UUID().uuidString.lowercased()])
            // Nothing of the new node is in the copy: its own export starts after the copied log.
            try db.execute(sql: "DELETE FROM meta WHERE key IN ('sync.exported', 'sync.pending', 'sync.scanned')")
            try db.execute(sql: "INSERT INTO meta(key, value) SELECT 'sync.scanned', ifnull(max(seq), 0) FROM event")
            for (node, mark) in manifest.highWater {
                try db.execute(sql: "INSERT OR REPLACE INTO sync_peer(node, high_water, last_file, dir_stamp) VALUES (?, ?, '', '')",
                               arguments: [node, mark])
            }
        }
        try queue.close()
        guard rename(partial, path) == 0 else { throw SyncFault.system(path, "cannot place the bootstrapped database") }
        return manifest
    }
}
