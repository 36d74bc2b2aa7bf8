import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// What the monitor's effects need: the database, who acts, how claims are decided, and the
/// sync hook. The executable builds it; tests build one on an in-memory database.
public struct MonitorEnvironment: Sendable {
    public var db: AppDatabase
    public var supervisor: Agent
    public var authority: any ClaimAuthority
    /// Sync's poll, run before every refresh: true means it brought news (read at once, even
    /// though its writes on this process's connection leave `data_version` alone).
    public var background: (@Sendable () throws -> Bool)?
    /// Claims whose workstation's heartbeat is older than the limit (sync's heartbeats); nil
    /// without a shared directory.
    public var staleClaims: (@Sendable () throws -> [StaleHold])?
    public var targets: ServiceTargets
    public var now: @Sendable () -> Date
    /// Where "today" starts for a moment (local midnight by default).
    public var dayStart: @Sendable (Date) -> Date

    public init(db: AppDatabase, supervisor: Agent, authority: any ClaimAuthority = LocalClaimAuthority(),
                background: (@Sendable () throws -> Bool)? = nil, staleClaims: (@Sendable () throws -> [StaleHold])? = nil,
                targets: ServiceTargets = .standard,
                now: @escaping @Sendable () -> Date = { Date() },
                dayStart: @escaping @Sendable (Date) -> Date = { Calendar.current.startOfDay(for: $0) }) {
        self.db = db; self.supervisor = supervisor; self.authority = authority; self.background = background
        self.staleClaims = staleClaims
        self.targets = targets; self.now = now; self.dayStart = dayStart
    }
}

extension Monitor {
    /// Carries out one effect and answers with messages.
    public static func perform(_ effect: MonitorEffect, _ env: MonitorEnvironment, send: @Sendable (MonitorMessage) -> Void) {
        do {
            switch effect {
            case .refresh(let force, let known):
                var news = false
                if let background = env.background {
                    do { news = try background() } catch { send(.failed("sync: \(error)")) }
                }
                let version = try env.db.dataVersion()
                let now = env.now()
                if !force, !news, let known, known == version {
                    send(.unchanged(at: now)); return
                }
                let record = try env.db.metricsRecord(now: now, dayStart: env.dayStart(now), targets: env.targets)
                send(.refreshed(record, version: version, at: now))
            case .checkStale:
                let now = env.now()
                guard let staleClaims = env.staleClaims else { send(.staleHolds([], at: now)); return }
                do {
                    let holds = try staleClaims()
                    var lines: [TicketKey: MetricsRecord.TicketLine] = [:]
                    for l in try env.db.ticketLines(holds.map(\.ticket)) { lines[l.key] = l }
                    send(.staleHolds(holds.compactMap { h in lines[h.ticket].map { MonitorState.StaleLine(hold: h, ticket: $0) } }, at: now))
                } catch {
                    send(.staleFailed("stale claims: \(error)", at: now))
                }
            case .openTicket(let key):
                send(.ticketLoaded(try env.db.openedTicket(key)))
            case .requeue(let key):
                try env.db.requeue(key, by: env.supervisor, reason: "requeued by supervisor \(env.supervisor.id)", authority: env.authority, at: env.now())
                send(.done("\(key) is back in the queue"))
            case .requeueHeld(let agentID):
                var done = 0, refused: [String] = []
                for key in try env.db.ticketsHeld(by: agentID) {
                    do {
                        try env.db.requeue(key, by: env.supervisor, reason: "stale claim of \(agentID), requeued by supervisor \(env.supervisor.id)",
                                           authority: env.authority, at: env.now())
                        done += 1
                    } catch let e as AppDatabase.WorkError { refused.append(e.message) }
                }
                if refused.isEmpty { send(.done("\(done) ticket\(done == 1 ? "" : "s") of \(agentID) back in the queue")) }
                else { send(.failed("\(done) requeued; \(refused.count) refused: \(refused[0])")) }
            case .loadAssignOptions(let key):
                send(.assignOptions(try env.db.assignOptions(key)))
            case .reassign(let key, let agentID):
                guard let target = try env.db.agent(id: agentID) else { send(.failed("no agent \(agentID)")); return }
                // The supervisor was asked about any concern in the picker: confirmed.
                switch try env.db.assign(key, to: target, by: env.supervisor, authority: env.authority, at: env.now()) {
                case .claimed: send(.done("\(key) assigned to \(target.name) (\(target.id))"))
                case .transferred(let from, _): send(.done("\(key) handed from \(from ?? "-") to \(target.name) (\(target.id))"))
                }
            case .setPriority(let key, let priority):
                try env.db.setPriority(key, priority, by: env.supervisor, at: env.now())
                send(.done("\(key) raised to \(priority.rawValue)"))
            }
        } catch let e as AppDatabase.WorkError {
            send(.failed(e.message))
        } catch {
            send(.failed("\(error)"))
        }
    }

    /// The program the executable runs on a terminal: ticks every `interval`, first read at once.
    public static func program(state: MonitorState, environment env: MonitorEnvironment, interval: Duration)
        -> Program<MonitorState, MonitorMessage, MonitorEffect> {
        Program(
            state: state,
            update: update, view: view,
            event: { _, e in
                switch e {
                case .key(let k): return .key(k)
                case .tick: return .tick(Date())
                case .resize(let size): return .resized(size)
                default: return nil
                }
            },
            isFinished: { $0.quit },
            perform: { effect, send in perform(effect, env, send: send) },
            tickInterval: interval,
            minimumSize: Size(width: 80, height: 24),
            theme: state.theme)
    }
}
