import ArgumentParser
import Foundation
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync
import TerminalCurses
import TerminalKit

/// `heatdesk monitor`: the supervisor's live view (Docs/metrics.md defines every figure).
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "The supervisor's live queue monitor: queues, service level, SLA, agents, trends (supervisors only).",
        discussion: "Keys: p pause, Tab pane, Enter open, r requeue, a reassign, + raise priority, ? help, q quit.")

    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Seconds between refreshes.", valueName: "seconds"))
    var interval: Double = 2
    @Option(help: ArgumentHelp("Service-level targets per channel class and priority (Docs/metrics.md).", valueName: "file"))
    var targets: String?
    @Option(help: ArgumentHelp("With --shared: a claim is stale when its workstation's heartbeat is older than this.", valueName: "seconds"))
    var staleAfter: Double = 120

    func validate() throws {
        guard interval >= 0.2, interval <= 3600 else { throw ValidationError("--interval must be between 0.2 and 3600 seconds") }
        guard staleAfter >= 1 else { throw ValidationError("--stale-after must be at least 1 second") }
    }

    /// Sync's stale claims as the monitor's own values (the screens do not import sync).
    static func staleHolds(_ engine: SyncEngine, olderThan limit: TimeInterval) -> @Sendable () throws -> [StaleHold] {
        {
            try engine.staleClaims(olderThan: limit).map {
                StaleHold(ticket: $0.ticket, holder: $0.holder, node: $0.node, lastSeen: $0.lastSeen)
            }
        }
    }

    func run() throws {
        let db = try store.openForScreen()
        let who = try actor.resolve(db)
        if let refusal = Monitor.refusal(for: who, id: who.id) { throw CommandFailure(message: refusal, code: 1) }
        let serviceTargets = try MetricsOptions(targets: targets).serviceTargets()
        let engine = try store.syncEngine(db, agent: who.id)
        let env = MonitorEnvironment(db: db, supervisor: who, authority: engine?.authority ?? LocalClaimAuthority(),
                                     background: engine.map(StoreOptions.backgroundPoll),
                                     staleClaims: engine.map { Self.staleHolds($0, olderThan: staleAfter) },
                                     targets: serviceTargets)
        do {
            let status: Int32 = try CursesBackend.run { backend in
                var state = MonitorState(supervisor: who, targets: serviceTargets, interval: interval,
                                         theme: Theme(mode: backend.colorMode), size: backend.size)
                state.refreshing = true
                state.heartbeats = engine != nil
                var program = Monitor.program(state: state, environment: env, interval: .milliseconds(Int(interval * 1000)))
                switch program.run(on: backend, initial: [.refresh(force: true, known: nil)]) {
                case .finished: return 0
                case .signal(let sig): return 128 + sig
                }
            }
            if status != 0 { throw ExitCode(status) }
        } catch let e as TerminalError {
            throw CommandFailure(message: "monitor: \(e)", code: 2)
        }
    }
}
