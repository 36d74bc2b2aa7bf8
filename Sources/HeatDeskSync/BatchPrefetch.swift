import Foundation

/// Reads and checks a node's next batch file on the other core while the current one is
/// applied: reading, checking and decoding cost about half of what applying does, so a
/// catch-up runs at the writer's pace (Docs/sync-protocol.md, "Applying others' batches").
///
/// Batch files never change once placed, so a file read ahead and then not applied in this
/// round (its node waits for another) is still right when the round comes back to it. One
/// exchange owns one prefetch; what it holds is dropped with it.
final class BatchPrefetch: @unchecked Sendable {
    // Unchecked: `jobs` is guarded by `lock`; each job's result is written once, before its
    // semaphore is signalled, and read only after waiting on it.
    private final class Job: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<Batch, SyncFault>?
    }

    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private let queue = DispatchQueue(label: "heatdesk.sync.prefetch", qos: .userInitiated)

    /// Starts reading `path` unless it is already read or being read.
    func start(path: String, node: String, from: Int64, to: Int64) {
        let job = Job()
        let isNew = lock.withLock { () -> Bool in
            guard jobs[path] == nil else { return false }
            jobs[path] = job
            return true
        }
        guard isNew else { return }
        queue.async {
            job.result = Self.read(path: path, node: node, from: from, to: to)
            job.done.signal()
        }
    }

    /// The batch at `path`: read ahead when it was started, read now otherwise. Taken once.
    func take(path: String, node: String, from: Int64, to: Int64) -> Result<Batch, SyncFault> {
        guard let job = lock.withLock({ jobs.removeValue(forKey: path) }) else {
            return Self.read(path: path, node: node, from: from, to: to)
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
}
