import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync

/// `heatdesk sync`: exchange with the shared directory once, or keep doing it (`--watch`).
/// Exit 0 when the exchange was clean, 1 when a fault was reported (the faults name their files).
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange events and claims with the shared directory (Docs/sync-protocol.md).",
        discussion: """
            Publishes this workstation's new events as batches and applies the other workstations' \
            batches. --watch keeps polling; --snapshot writes a snapshot for new workstations; \
            --stale lists claims whose workstation went silent, and with --requeue a supervisor \
            (--agent) puts them back in the queue.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Keep exchanging every --interval seconds.") var watch = false
    @Option(help: "Seconds between exchanges with --watch.") var interval: Double = 1
    @Flag(help: "Write a snapshot (VACUUM INTO and a manifest) to the shared directory.") var snapshot = false
    @Flag(help: "Print the digest of the replicated state (equal on converged workstations).") var digest = false
    @Option(help: ArgumentHelp("List claims whose workstation has been silent this many seconds.", valueName: "seconds"))
    var stale: Double?
    @Flag(help: "With --stale: requeue those tickets (a supervisor, --agent).") var requeue = false
    @Option(name: [.customLong("agent"), .customLong("as")], help: ArgumentHelp("Who acts (for --requeue).", valueName: "id"))
    var agent: String?
    @Flag(help: "JSON for scripts.") var json = false

    func validate() throws {
        if interval <= 0 { throw ValidationError("--interval must be positive") }
        if requeue && stale == nil { throw ValidationError("--requeue needs --stale SECONDS") }
    }

    func run() throws {
        guard store.sharedPath != nil else { throw CommandFailure(message: "say where the shared directory is: --shared DIR (or HEATDESK_SHARED)", code: 2) }
        let db = try store.openForSync()
        guard let engine = try store.syncEngine(db, agent: agent ?? "") else { return }
        if watch {
            while true {
                let r = try engine.exchange()
                if r.exported > 0 || r.applied > 0 || !r.faults.isEmpty || !r.rejected.isEmpty { Terminal.out(describe(r)) }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        let report = try engine.exchange()
        if snapshot, report.faults.isEmpty {
            let id = try engine.writeSnapshot()
            Terminal.out("Snapshot \(id) written.")
        }
        if digest { Terminal.out(try SyncEngine.digest(db)); return }
        if let stale {
            try listStale(engine, db: db, limit: stale)
        } else if json {
            var w = JSONWriter(); w.beginObject()
            w.field("exported", report.exported); w.field("applied", report.applied)
            w.key("faults"); w.beginArray(); for f in report.faults { w.string(f.description) }; w.endArray()
            w.key("rejected"); w.beginArray(); for r in report.rejected { w.string(r.description) }; w.endArray()
            w.key("waiting"); w.beginArray(); for r in report.waiting { w.string(r) }; w.endArray()
            w.endObject(); Terminal.json(w.text)
        } else {
            Terminal.out(describe(report))
        }
        if !report.faults.isEmpty { throw ExitCode(1) }
    }

    private func describe(_ r: SyncReport) -> String {
        var lines = ["Exported \(r.exported) events (\(r.exportedFiles.count) files), applied \(r.applied) events (\(r.appliedFiles.count) files)."]
        lines += r.rejected.map { "rejected: \(Sanitize.line($0.description))" }
        lines += r.waiting.map { "waiting: \(Sanitize.line($0))" }
        lines += r.faults.map { "fault: \(Sanitize.line($0.description))" }
        lines += r.ignored.map { "ignored: \(Sanitize.line($0))" }
        return lines.joined(separator: "\n")
    }

    private func listStale(_ engine: SyncEngine, db: AppDatabase, limit: Double) throws {
        let claims = try engine.staleClaims(olderThan: limit)
        var supervisor: Agent?
        if requeue {
            guard let id = agent, let a = try db.agent(id: id), a.role == .supervisor else {
                throw CommandFailure(message: "--requeue needs a supervisor: --agent ID", code: 1)
            }
            supervisor = a
        }
        if claims.isEmpty { Terminal.out("No stale claims."); return }
        for c in claims {
            let seen = c.lastSeen.map { Timestamp.format($0) } ?? "never"
            var line = "\(c.ticket) held by \(c.holder) (epoch \(c.epoch)), workstation \(c.node) last seen \(seen)"
            if let supervisor {
                do {
                    try db.requeue(c.ticket, by: supervisor, reason: "stale claim of \(c.holder)", authority: engine.authority)
                    line += ": requeued"
                } catch let e as AppDatabase.WorkError { line += ": not requeued (\(e.message))" }
            }
            Terminal.out(line)
        }
        if supervisor != nil { try StoreOptions.exchange(engine) }
    }
}
