import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HeatDeskCore

/// The shared directory's layout and its two atomic steps (Docs/sync-protocol.md): stage in
/// `tmp/`, flush, then `link()` (fails if the name exists: claims, batches, FORMAT) or
/// `rename()` (replaces: heartbeats). Nothing here knows SQLite.
public struct SharedDirectory: Sendable {
    public static let formatLine = "heatdesk-sync 1"
    public let root: String
    public let node: String

    public init(root: String, node: String) {
        self.root = (root as NSString).standardizingPath
        self.node = node
    }

    public func path(_ parts: String...) -> String { ([root] + parts).joined(separator: "/") }
    public var logRoot: String { path("log") }
    public var ownLog: String { path("log", node) }

    /// Checks the directory is there and ours (FORMAT), creating the layout on first use.
    public func prepare() throws(SyncFault) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw SyncFault(path: root, reason: "the shared directory is missing (is the share mounted?)")
        }
        for sub in ["tmp", "log", "claims", "heartbeat", "nodes", "snapshots", "log/\(node)"] {
            let p = path(sub)
            if mkdir(p, 0o755) != 0 && errno != EEXIST { throw SyncFault.system(p, "cannot create") }
        }
        let format = path("FORMAT")
        if let data = FileManager.default.contents(atPath: format) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text == Self.formatLine else {
                throw SyncFault(path: format, reason: "unknown format version '\(text.prefix(40))' (this heatdesk speaks '\(Self.formatLine)')")
            }
        } else {
            _ = try placeExclusive(Data((Self.formatLine + "\n").utf8), at: format)
            // Another first node may have written it; read what won.
            try prepareFormatCheckOnly()
        }
    }

    private func prepareFormatCheckOnly() throws(SyncFault) {
        let format = path("FORMAT")
        let text = FileManager.default.contents(atPath: format).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard text.trimmingCharacters(in: .whitespacesAndNewlines) == Self.formatLine else {
            throw SyncFault(path: format, reason: "unknown format version")
        }
    }

    /// Writes `data` to a new file in `tmp/` and flushes it; returns its path.
    func stage(_ data: Data, ext: String) throws(SyncFault) -> String {
        let tmp = path("tmp", "\(node)-\(UUID().uuidString.lowercased()).\(ext)")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw SyncFault.system(tmp, "cannot stage") }
        var failure: SyncFault?
        data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 { if errno == EINTR { continue }; failure = SyncFault.system(tmp, "cannot write"); return }
                off += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = SyncFault.system(tmp, "cannot flush") }
        close(fd)
        if let failure { unlink(tmp); throw failure }
        return tmp
    }

    /// Places `data` at `final` unless that name exists. Returns false when it did.
    @discardableResult
    public func placeExclusive(_ data: Data, at final: String) throws(SyncFault) -> Bool {
        let tmp = try stage(data, ext: "part")
        defer { unlink(tmp) }
        if link(tmp, final) == 0 { return true }
        if errno == EEXIST { return false }
        throw SyncFault.system(final, "cannot place")
    }

    /// Replaces `final` with `data` in one step (files only this node writes).
    public func placeReplacing(_ data: Data, at final: String) throws(SyncFault) {
        let tmp = try stage(data, ext: "part")
        if rename(tmp, final) != 0 { let e = errno; unlink(tmp); throw SyncFault.system(final, "cannot place", errno: e) }
    }

    // MARK: Names

    /// `enc(source).enc(external_id)`: `A-Z a-z 0-9 _ -` kept, every other byte `%XX`.
    public static func ticketFolder(_ key: TicketKey) -> String { encode(key.source) + "." + encode(key.externalID) }

    static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                let h = String(b, radix: 16, uppercase: true)
                out += "%" + (h.count == 1 ? "0" + h : h)
            }
        }
        return out
    }

    public func claimPath(_ key: TicketKey, epoch: Int) -> String {
        path("claims", Self.ticketFolder(key), "\(epoch).json")
    }

    /// `000000000001-000000000042.jsonl`: the first and last seq of a batch.
    public static func batchName(from: Int64, to: Int64) -> String { pad(from) + "-" + pad(to) + ".jsonl" }

    static func pad(_ n: Int64) -> String { let s = String(n); return String(repeating: "0", count: max(0, 12 - s.count)) + s }

    /// The seq range a well-formed batch name gives; nil for names that are not ours.
    public static func parseBatchName(_ name: String) -> (from: Int64, to: Int64)? {
        let u = Array(name.utf8)
        guard u.count == 31, name.hasSuffix(".jsonl"), u[12] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for b in u[r] { guard b >= 48 && b <= 57 else { return nil }; v = v * 10 + Int64(b - 48) }
            return v
        }
        guard let f = num(0..<12), let t = num(13..<25), f >= 1, t >= f else { return nil }
        return (f, t)
    }

    /// A node folder name: a lowercase UUID (what `meta.node_id` holds).
    public static func isNodeName(_ name: String) -> Bool {
        name.utf8.count == 36 && UUID(uuidString: name) != nil && name == name.lowercased()
    }

    /// A cheap change marker for a folder: mtime (ns), size and link count. Nil when unreadable
    /// or too recent to trust on file systems with coarse times.
    static func stamp(_ p: String, now: Date = Date()) -> String? {
        var st = stat()
        guard stat(p, &st) == 0 else { return nil }
        let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        if now.timeIntervalSince1970 - mtime < 2 { return nil }
        return "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_size):\(st.st_nlink)"
    }

    static func modified(_ p: String) -> Date? {
        var st = stat()
        guard stat(p, &st) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
}
