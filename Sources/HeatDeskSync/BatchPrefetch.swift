import Foundation
import HeatDeskCore

/// One epoch of one ticket: names a claim file.
struct ClaimID: Hashable, Sendable {
    var ticket: TicketKey
    var epoch: Int
}

/// Reads and checks a node's next batch file on the other core while the current one is
/// applied: reading, checking and decoding cost about half of what applying does, so a
/// catch-up runs at the writer's pace (Docs/sync-protocol.md, "Applying others' batches").
///
/// It also reads the claim files the batch's epoch-opening events name, which the writer would
/// otherwise open one by one (8 % of applying a working day). Claim files never change and are
/// never removed once linked, so a holder read ahead is the holder at apply time; a file not
/// there yet (a claim made without the shared directory) is left for the writer to look up.
///
/// Batch files never change once placed either, so a file read ahead and then not applied in
/// this round (its node waits for another) is still right when the round comes back to it. One
/// exchange owns one prefetch; what it holds is dropped with it.
final class BatchPrefetch: @unchecked Sendable {
    /// A batch, and the holders of the claim files its events name that were found.
    struct Prefetched: Sendable {
        var batch: Batch
        var holders: [ClaimID: String] = [:]
    }

    // Unchecked: `jobs` is guarded by `lock`; each job's result is written once, before its
    // semaphore is signalled, and read only after waiting on it.
    private final class Job: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<Prefetched, SyncFault>?
    }

    private let authority: SharedClaimAuthority?
    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private let queue = DispatchQueue(label: "heatdesk.sync.prefetch", qos: .userInitiated)

    /// `authority`: where to read claim files ahead; nil reads batches only.
    init(authority: SharedClaimAuthority? = nil) { self.authority = authority }

    /// Starts reading `path` unless it is already read or being read.
    func start(path: String, node: String, from: Int64, to: Int64) {
        let job = Job()
        let isNew = lock.withLock { () -> Bool in
            guard jobs[path] == nil else { return false }
            jobs[path] = job
            return true
        }
        guard isNew else { return }
        let authority = self.authority
        queue.async {
            job.result = Self.read(path: path, node: node, from: from, to: to).map { batch in
                Prefetched(batch: batch, holders: authority.map { Self.claimHolders(batch, $0) } ?? [:])
            }
            job.done.signal()
        }
    }

    /// The batch at `path`: read ahead when it was started, read now otherwise (then without
    /// claim holders: reading them here would only move the writer's work, not overlap it).
    func take(path: String, node: String, from: Int64, to: Int64) -> Result<Prefetched, SyncFault> {
        guard let job = lock.withLock({ jobs.removeValue(forKey: path) }) else {
            return Self.read(path: path, node: node, from: from, to: to).map { Prefetched(batch: $0) }
        }
        job.done.wait()
        return job.result!
    }

    static func read(path: String, node: String, from: Int64, to: Int64) -> Result<Batch, SyncFault> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(SyncFault(path: path, reason: "cannot read (\(String(cString: strerror(errno))))"))
        }
        do { return .success(try Batch.decode(data, path: path, node: node, from: from, to: to)) } catch { return .failure(error) }
    }

    /// The holder of each claim file named by an epoch-opening event of `batch`, where the file
    /// is there and reads well; anything else is the writer's to look up (and report).
    static func claimHolders(_ batch: Batch, _ authority: SharedClaimAuthority) -> [ClaimID: String] {
        var out: [ClaimID: String] = [:]
        for e in batch.events {
            guard case .ticketChanged(let key, let change, let epoch)? = e.event, change.opensEpoch else { continue }
            let id = ClaimID(ticket: key, epoch: epoch)
            if out[id] == nil, let claim = try? authority.read(key, epoch: epoch) { out[id] = claim.holder }
        }
        return out
    }
}
