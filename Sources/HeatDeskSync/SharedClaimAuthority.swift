import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HeatDeskCore

/// Claims across workstations (Docs/sync-protocol.md, "Claims and fencing"): taking epoch e of
/// ticket T is creating `claims/T/<e>.json` with `link()`, which fails when the name exists, so
/// exactly one holder wins each epoch. The loser learns the winner's id from the file.
public struct SharedClaimAuthority: ClaimAuthority {
    public let directory: SharedDirectory

    public init(directory: SharedDirectory) { self.directory = directory }

    /// A claim file's content.
    public struct Claim: Equatable, Sendable {
        public var ticket: TicketKey
        public var epoch: Int
        public var holder: String
        public var node: String
        public var atMillis: Int64
    }

    public func acquire(_ ticket: TicketKey, epoch: Int, holder: String) throws -> ClaimVerdict {
        // A missing or foreign directory refuses the claim: exclusivity cannot be promised.
        try directory.prepare()
        let folder = directory.path("claims", SharedDirectory.ticketFolder(ticket))
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw SyncFault.system(folder, "cannot create the claim folder") }
        let final = directory.claimPath(ticket, epoch: epoch)
        var w = JSONWriter(); w.beginObject()
        w.key("ticket"); w.beginObject(); w.field("source", ticket.source); w.field("external_id", ticket.externalID); w.endObject()
        w.field("epoch", epoch); w.field("holder", holder); w.field("node", directory.node); w.key("at"); w.timestamp(Date().millis)
        w.endObject()
        if try directory.placeExclusive(Data(w.bytes + [10]), at: final) { return .won }
        guard let existing = try read(ticket, epoch: epoch) else {
            throw SyncFault(path: final, reason: "the claim file exists but cannot be read")
        }
        // Our own claim from a run that died between the link and the local commit.
        if existing.holder == holder && existing.node == directory.node { return .won }
        return .lost(to: existing.holder)
    }

    /// The claim file of `epoch`, if there is one.
    public func read(_ ticket: TicketKey, epoch: Int) throws(SyncFault) -> Claim? {
        let p = directory.claimPath(ticket, epoch: epoch)
        // Read for every claim another workstation's batch carries: plain read(2) and the batch
        // line parser, not Foundation's (a third of applying a day's events, Docs/sync-protocol.md).
        // O_NOATIME (0o1000000, not exported to Swift): the first read of a new file would
        // otherwise write its inode; refused on files of another user, so tried then dropped.
        var fd = open(p, O_RDONLY | O_CLOEXEC | 0o1000000)
        if fd < 0 && errno == EPERM { fd = open(p, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while bytes.count <= 64 * 1024 {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[0..<n]
        }
        while let last = bytes.last, last == 10 || last == 13 || last == 32 { bytes.removeLast() }
        guard let o = LineJSON.object(bytes[...]), let holder = o["holder"] as? String,
              let node = o["node"] as? String else { throw SyncFault(path: p, reason: "not a claim file") }
        let at = (o["at"] as? String).flatMap { try? Timestamp.parse($0).millis } ?? 0
        return Claim(ticket: ticket, epoch: epoch, holder: holder, node: node, atMillis: at)
    }
}
