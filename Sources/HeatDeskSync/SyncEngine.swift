import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import HeatDeskCore
import HeatDeskStore

/// One workstation's side of the shared directory: publishes this node's events, applies the
/// others' in order, claims through `authority`, beats its heart. `exchange()` does one round;
/// screens call it on a timer (off the UI thread) and reload when `report.news`.
public final class SyncEngine: @unchecked Sendable {
    public let db: AppDatabase
    public let directory: SharedDirectory
    public let authority: SharedClaimAuthority
    /// Who works at this workstation (heartbeat and node file); empty for a batch job.
    public let agentID: String
    /// Events per batch file.
    public var batchLimit = 5_000
    /// Seconds between heartbeats (a claim is stale after `staleClaims(olderThan:)`, far longer).
    public var heartbeatInterval: TimeInterval = 5
    private var lastBeat = Date.distantPast
    private let lock = NSLock()
    private var ignoredReported = Set<String>()
    /// Claim files never change once linked, so a stale-claim scan (the monitor's, every few
    /// seconds) reads each (ticket, epoch) once; the cache keeps only the claims still held.
    private var claimCache: [ClaimID: SharedClaimAuthority.Claim] = [:]
    private let claimCacheLock = NSLock()

    public init(db: AppDatabase, shared: String, agentID: String = "") throws {
        self.db = db
        self.agentID = agentID
        directory = SharedDirectory(root: shared, node: try db.nodeID())
        authority = SharedClaimAuthority(directory: directory)
    }

    /// Export, then import; every problem with the shared directory is in the report's faults
    /// (the local database stays usable). Throws only when the local database fails.
    @discardableResult
    public func exchange() throws -> SyncReport {
        lock.lock(); defer { lock.unlock() }
        var report = SyncReport()
        do {
            try directory.prepare()
            try writeNodeFile()
        } catch {
            report.faults.append(error)
            return report
        }
        try export(into: &report)
        try importBatches(into: &report)
        // Beating costs a flushed write: every `heartbeatInterval`, not on every poll.
        if Date().timeIntervalSince(lastBeat) >= heartbeatInterval {
            do { try heartbeat(); lastBeat = Date() } catch { report.faults.append(error) }
        }
        return report
    }

    // MARK: Export

    private func export(into report: inout SyncReport) throws {
        var exported = Int64(try db.meta("sync.exported") ?? "") ?? 0
        if let pending = try db.meta("sync.pending"), let range = SharedDirectory.parseBatchName(pending) {
            // A run died between publishing and recording: publish exactly that range again.
            let (events, _) = try ownEvents(after: exported, through: range.to)
            if !events.isEmpty {
                guard publish(Batch(node: directory.node, prev: exported, events: events), into: &report) else { return }
            }
            exported = range.to
            try recordExport(exported)
        }
        // Where the last scan for own events ended: the log also holds everything applied from
        // others, so an idle poll must not scan it again (its cost follows what is new).
        var scanned = max(exported, Int64(try db.meta("sync.scanned") ?? "") ?? 0)
        while true {
            let (events, top) = try ownEvents(after: scanned, through: nil)
            if events.isEmpty {
                if top > scanned { try db.setMeta("sync.scanned", String(top)) }
                return
            }
            scanned = events.last!.seq
            let batch = Batch(node: directory.node, prev: exported, events: events)
            try db.setMeta("sync.pending", batch.name)
            guard publish(batch, into: &report) else { return }
            exported = batch.to
            try recordExport(exported)
            report.exported += events.count
            report.exportedFiles.append(batch.name)
        }
    }

    private func recordExport(_ seq: Int64) throws {
        try db.writer.write { db in
            // Several processes of one workstation (a screen, a verb, `sync --watch`) may export at
            // once; their batches may overlap (readers skip what they have), the mark never goes back.
            let current = Int64(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'sync.exported'") ?? "") ?? 0
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('sync.exported', ?)", arguments: [String(max(seq, current))])
            try db.execute(sql: "DELETE FROM meta WHERE key = 'sync.pending'")
        }
    }

    /// Places a batch; an identical file already there (a retry) counts as placed.
    private func publish(_ batch: Batch, into report: inout SyncReport) -> Bool {
        let final = directory.ownLog + "/" + batch.name
        let data = batch.encoded()
        do {
            if try directory.placeExclusive(data, at: final) { return true }
            if FileManager.default.contents(atPath: final) == data { return true }
            report.faults.append(SyncFault(path: final, reason: "exists with other content; this node's log was written by another database with the same node id"))
        } catch {
            report.faults.append(error)
        }
        return false
    }

    /// This node's events after `after`, at most `batchLimit`, and the log's last seq when read.
    private func ownEvents(after: Int64, through: Int64?) throws -> ([BatchEvent], Int64) {
        try db.writer.read { db in
            let top = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, hlc, at, actor, kind, entity, payload FROM event
                WHERE seq > ? AND seq <= ? AND node = ? ORDER BY seq LIMIT ?
                """, arguments: [after, min(through ?? Int64.max, top), directory.node, batchLimit])
            var out: [BatchEvent] = []
            while let r = try rows.next() {
                let payload: String = r[6]
                out.append(BatchEvent(seq: r[0], hlc: r[1], atMillis: r[2], actor: r[3], kind: r[4], entity: r[5], payload: Array(payload.utf8)))
            }
            return (out, top)
        }
    }

    // MARK: Import

    private struct Peer { var highWater: Int64; var lastFile: String; var stamp: String }

    private enum BatchResult { case applied(Int), skipped, waiting(String), fault(SyncFault) }

    private func importBatches(into report: inout SyncReport) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.logRoot).sorted() } catch {
            report.faults.append(SyncFault(path: directory.logRoot, reason: "cannot list: \(error.localizedDescription)"))
            return
        }
        var queues: [(node: String, files: [String], stamp: String?, skipped: String)] = []
        for name in names where name != directory.node {
            guard SharedDirectory.isNodeName(name) else { noteIgnored(directory.logRoot + "/" + name, &report); continue }
            let folder = directory.logRoot + "/" + name
            let peer = try self.peer(name)
            let stamp = SharedDirectory.stamp(folder)
            if let stamp, stamp == peer.stamp { continue } // nothing new: one stat
            let files: [String]
            do { files = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
                report.faults.append(SyncFault(path: folder, reason: "cannot list: \(error.localizedDescription)")); continue
            }
            var batches: [String] = []
            for f in files {
                if SharedDirectory.parseBatchName(f) == nil { noteIgnored(folder + "/" + f, &report); continue }
                if f > peer.lastFile { batches.append(f) }
            }
            queues.append((name, batches.sorted(), stamp, ""))
        }
        // Apply in rounds: a node waiting for another's events is tried again after the others moved.
        let prefetch = BatchPrefetch(authority: authority)
        var blocked: [String: String] = [:]
        var progress = true
        var faulted = Set<String>()
        while progress {
            progress = false
            for i in queues.indices {
                while let file = queues[i].files.first, !faulted.contains(queues[i].node) {
                    if queues[i].files.count > 1 { readAhead(node: queues[i].node, file: queues[i].files[1], prefetch) }
                    switch try apply(node: queues[i].node, file: file, prefetch, into: &report) {
                    case .applied(let n):
                        report.applied += n; report.appliedFiles.append("\(queues[i].node)/\(file)")
                        queues[i].files.removeFirst(); blocked[queues[i].node] = nil; progress = true
                    case .skipped:
                        queues[i].skipped = file; queues[i].files.removeFirst()
                    case .waiting(let why):
                        blocked[queues[i].node] = "\(directory.logRoot)/\(queues[i].node)/\(file): \(why)"
                    case .fault(let f):
                        report.faults.append(f); faulted.insert(queues[i].node)
                    }
                    if blocked[queues[i].node] != nil { break }
                }
            }
        }
        report.waiting += blocked.values.sorted()
        // One write per node: past the batches already applied before (e.g. from a snapshot), and
        // the folder's stamp once everything in it is applied, so the next idle poll is one stat.
        for q in queues {
            let done = q.files.isEmpty && !faulted.contains(q.node)
            guard !q.skipped.isEmpty || (done && q.stamp != nil) else { continue }
            try savePeer(q.node) { p in
                p.lastFile = max(p.lastFile, q.skipped)
                if done, let stamp = q.stamp { p.stamp = stamp }
            }
        }
    }

    private func noteIgnored(_ path: String, _ report: inout SyncReport) {
        if ignoredReported.insert(path).inserted { report.ignored.append(path) }
    }

    private func peer(_ node: String) throws -> Peer {
        try db.writer.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT high_water, last_file, dir_stamp FROM sync_peer WHERE node = ?", arguments: [node]) else {
                return Peer(highWater: 0, lastFile: "", stamp: "")
            }
            return Peer(highWater: r[0], lastFile: r[1], stamp: r[2])
        }
    }

    private func savePeer(_ node: String, _ change: (inout Peer) -> Void) throws {
        try db.writer.write { db in try Self.savePeer(db, node, change) }
    }

    private static func savePeer(_ db: Database, _ node: String, _ change: (inout Peer) -> Void) throws {
        var p = Peer(highWater: 0, lastFile: "", stamp: "")
        if let r = try Row.fetchOne(db, sql: "SELECT high_water, last_file, dir_stamp FROM sync_peer WHERE node = ?", arguments: [node]) {
            p = Peer(highWater: r[0], lastFile: r[1], stamp: r[2])
        }
        change(&p)
        try db.execute(sql: "INSERT OR REPLACE INTO sync_peer(node, high_water, last_file, dir_stamp) VALUES (?, ?, ?, ?)",
                       arguments: [node, p.highWater, p.lastFile, p.stamp])
    }

    /// An event that needs something this node has not received yet.
    private struct MissingDependency: Error { var reason: String }
    private struct BadEvent: Error { var fault: SyncFault }

    private func readAhead(node: String, file: String, _ prefetch: BatchPrefetch) {
        guard let range = SharedDirectory.parseBatchName(file) else { return }
        prefetch.start(path: directory.logRoot + "/" + node + "/" + file, node: node, from: range.from, to: range.to)
    }

    private func apply(node: String, file: String, _ prefetch: BatchPrefetch, into report: inout SyncReport) throws -> BatchResult {
        guard let range = SharedDirectory.parseBatchName(file) else { return .skipped }
        let path = directory.logRoot + "/" + node + "/" + file
        let peer = try self.peer(node)
        if range.to <= peer.highWater { return .skipped } // the cursor moves past it at the end of the round
        let batch: Batch, holders: [ClaimID: String]
        switch prefetch.take(path: path, node: node, from: range.from, to: range.to) {
        case .success(let read): (batch, holders) = (read.batch, read.holders)
        case .failure(let fault): return .fault(fault)
        }
        if batch.prev > peer.highWater { return .waiting("its predecessor (events \(peer.highWater + 1)–\(batch.prev)) is not there yet") }
        var rejected: [SyncRejection] = []
        var applied = 0
        do {
            try db.writer.write { db in
                let applier = try EventApplier(db)
                var arrivals: [AppDatabase.Arrival] = []
                let authority = self.authority
                applier.claimHolder = { key, epoch in
                    try holders[ClaimID(ticket: key, epoch: epoch)] ?? authority.read(key, epoch: epoch)?.holder
                }
                for e in batch.events where e.seq > peer.highWater {
                    guard let event = e.event else {
                        throw BadEvent(fault: SyncFault(path: path, reason: "event \(e.seq): not decoded"))
                    }
                    let logged = LoggedEvent(at: Date(millis: e.atMillis), actor: e.actor, event: event)
                    let outcome: EventApplier.Outcome
                    do {
                        outcome = try applier.apply(logged, origin: .init(node: node, seq: e.seq, hlc: e.hlc),
                                                     encoded: EncodedEvent(kind: e.kind, entity: e.entity, payload: e.payload))
                    } catch let error as EventApplier.ApplyError {
                        throw MissingDependency(reason: "event \(e.seq) needs \(error.description)")
                    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
                                || (error.message ?? "").contains("FOREIGN KEY") {
                        throw MissingDependency(reason: "event \(e.seq) (\(e.kind) \(e.entity)) refers to what has not arrived yet")
                    }
                    if outcome == .applied, case .ticketImported(let t, let m) = event, t.status != .resolved {
                        arrivals.append(AppDatabase.Arrival(ticket: t, firstMessage: m?.body))
                    }
                    switch outcome {
                    case .applied: applied += 1
                    case .alreadyPresent: break
                    case .rejected(let why):
                        try db.execute(sql: """
                            INSERT OR IGNORE INTO sync_rejected(node, seq, at, actor, kind, entity, reason, payload)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [node, e.seq, e.atMillis, e.actor, e.kind, e.entity, why, event.payload])
                        rejected.append(SyncRejection(node: node, seq: e.seq, kind: e.kind, entity: e.entity, actor: e.actor, reason: why))
                    }
                }
                // Tickets another workstation imported may chase (or be chased by) tickets this one
                // holds: decided here too, as this node's own link events (AppDatabase+Links).
                if !arrivals.isEmpty { try AppDatabase.linkArrivals(db, applier, arrivals, at: Date(), actor: "sync:\(self.agentID)") }
                try Self.savePeer(db, node) { $0.highWater = batch.to; $0.lastFile = max($0.lastFile, file) }
            }
        } catch let e as MissingDependency {
            return .waiting(e.reason)
        } catch let e as BadEvent {
            return .fault(e.fault)
        }
        report.rejected += rejected
        return .applied(applied)
    }

    // MARK: Node file and heartbeats

    private var wroteNodeFile = false

    private func writeNodeFile() throws(SyncFault) {
        guard !wroteNodeFile else { return }
        var w = JSONWriter(); w.beginObject()
        w.field("node", directory.node); w.field("agent", agentID); w.field("host", ProcessInfo.processInfo.hostName)
        w.key("created_at"); w.timestamp(Date().millis); w.endObject()
        try directory.placeExclusive(Data(w.bytes + [10]), at: directory.path("nodes", directory.node + ".json"))
        wroteNodeFile = true
    }

    /// Replaces `heartbeat/<node>`: this workstation is alive.
    public func heartbeat(at now: Date = Date()) throws(SyncFault) {
        var w = JSONWriter(); w.beginObject()
        w.field("node", directory.node); w.field("agent", agentID); w.key("at"); w.timestamp(now.millis); w.endObject()
        try directory.placeReplacing(Data(w.bytes + [10]), at: directory.path("heartbeat", directory.node))
    }

    /// When each node last beat (the heartbeat file's time), by node id.
    public func lastSeen() -> [String: Date] {
        let folder = directory.path("heartbeat")
        var out: [String: Date] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where SharedDirectory.isNodeName(name) {
            if let d = SharedDirectory.modified(folder + "/" + name) { out[name] = d }
        }
        return out
    }

    /// A claim whose workstation went silent: shown as stale, a supervisor may requeue it.
    public struct StaleClaim: Equatable, Sendable {
        public var ticket: TicketKey
        public var epoch: Int
        public var holder: String
        public var node: String
        /// Its workstation's last heartbeat; nil when it never beat.
        public var lastSeen: Date?
    }

    /// Open or pending tickets whose claim's workstation has not beaten for `limit` seconds.
    public func staleClaims(olderThan limit: TimeInterval, now: Date = Date()) throws -> [StaleClaim] {
        let seen = lastSeen()
        let held = try db.writer.read { db in
            // `status != 'resolved'` lets SQLite use the partial queue index (live tickets only).
            try Row.fetchAll(db, sql: "SELECT source, external_id, claim_epoch FROM ticket WHERE status IN ('open', 'pending') AND status != 'resolved' AND claim_epoch > 0")
                .map { (TicketKey(source: $0[0], externalID: $0[1]), $0[2] as Int) }
        }
        claimCacheLock.lock(); defer { claimCacheLock.unlock() }
        var cache: [ClaimID: SharedClaimAuthority.Claim] = [:]
        defer { claimCache = cache }
        var out: [StaleClaim] = []
        for (key, epoch) in held {
            let id = ClaimID(ticket: key, epoch: epoch)
            guard let claim = try claimCache[id] ?? authority.read(key, epoch: epoch) else { continue }
            cache[id] = claim
            let last = seen[claim.node]
            if last.map({ now.timeIntervalSince($0) > limit }) ?? true {
                out.append(StaleClaim(ticket: key, epoch: epoch, holder: claim.holder, node: claim.node, lastSeen: last))
            }
        }
        return out
    }

    // MARK: Convergence

    /// Remote events the merge rules refused, newest first; for one ticket when `ticket` is given
    /// (the agent screen marks them in the ticket's history).
    public func rejections(for ticket: TicketKey? = nil, limit: Int = 100) throws -> [SyncRejection] {
        try db.syncRejections(for: ticket, limit: limit)
            .map { SyncRejection(node: $0.node, seq: $0.seq, kind: $0.kind, entity: $0.entity, actor: $0.actor, reason: $0.reason) }
    }

    /// A digest of the replicated state (tickets' owner, epoch, status, priority, resolution;
    /// the message set; the participant set; the follow-up links): equal on every node that has seen the same events.
    public static func digest(_ db: AppDatabase) throws -> String {
        try db.writer.read { db in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ s: String) { for b in s.utf8 { h ^= UInt64(b); h &*= 0x100_0000_01b3 }; h ^= 0x1f; h &*= 0x100_0000_01b3 }
            let queries = [
                """
                SELECT source || '/' || external_id || '|' || ifnull(owner_id, '') || '|' || claim_epoch || '|' || status || '|' ||
                    priority_rank || '|' || ifnull(resolved_at, '') || '|' || ifnull(disposition, '') FROM ticket ORDER BY source, external_id
                """,
                """
                SELECT t.source || '/' || t.external_id || '|' || m.fingerprint FROM message m JOIN ticket t ON t.id = m.ticket_id
                ORDER BY t.source, t.external_id, m.fingerprint
                """,
                """
                SELECT t.source || '/' || t.external_id || '|' || p.member_id || '|' || (p.left_at IS NULL)
                FROM participant p JOIN ticket t ON t.id = p.ticket_id ORDER BY t.source, t.external_id, p.member_id
                """,
                """
                SELECT c.source || '/' || c.external_id || '>' || p.source || '/' || p.external_id
                FROM ticket_link l JOIN ticket c ON c.id = l.child_id JOIN ticket p ON p.id = l.parent_id ORDER BY c.source, c.external_id
                """,
            ]
            var rows = 0
            for q in queries {
                let cursor = try String.fetchCursor(db, sql: q)
                while let line = try cursor.next() { mix(line); rows += 1 }
                mix("--")
            }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }
}
