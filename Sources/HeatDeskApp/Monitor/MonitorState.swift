import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// The supervisor monitor's whole state: the last figures, what is selected, what is open.
/// Changed only by `Monitor.update`; drawn only by `Monitor.view`.
public struct MonitorState: Sendable {
    public enum Pane: Sendable, Equatable { case tickets, agents }

    public enum Modal: Sendable, Equatable {
        case help(scroll: Int)
        /// Assign a waiting ticket or reassign a worked one: the agents with skills, languages, status, load.
        case reassign(AssignPicker)
        /// The chosen agent is offline or lacks the ticket's language or product: ask first (No is the default).
        case confirmAssign(ConfirmState, ticket: TicketKey, agentID: String)
        case confirmRequeue(ConfirmState, ticket: TicketKey)
        /// Free every ticket an agent holds (their workstation went silent).
        case confirmRequeueHeld(ConfirmState, agentID: String)
    }

    public var supervisor: Agent
    public var targets: ServiceTargets
    /// Seconds between refreshes (the tick interval), shown in the title.
    public var interval: Double
    public var theme: Theme

    /// The last figures read from the database, and what they were derived from.
    public var record: MetricsRecord?
    public var report: MetricsReport?
    /// `PRAGMA data_version` when `record` was read: unchanged means nothing to read again.
    public var version: Int?
    /// When the record was last read in full (time-based counts are re-read at least every `fullEvery`).
    public var readAt: Date?
    public var fullEvery: TimeInterval = 30

    /// Sync is on: stale claims are read from the shared directory's heartbeats every `staleEvery`.
    public var heartbeats = false
    public var staleEvery: TimeInterval = 10
    /// Claims whose workstation went silent, when they were last looked for, and a look in flight.
    public var stale: [StaleLine] = []
    public var staleAt: Date?
    public var checkingStale = false

    public var paused = false
    /// A refresh is in flight: ticks do not pile more on.
    public var refreshing = false
    public var focus: Pane = .tickets
    public var tickets = ListState()
    public var agents = ListState()
    public var modal: Modal?
    /// The ticket opened read-only: the agent session's ticket screen, over the board until Esc.
    public var ticket: TicketScreenState?
    /// The ticket asked for with Enter, until it loads.
    public var opening: TicketKey?
    /// The terminal size as last reported (page sizes of the ticket screen in `update`).
    public var size: Size
    /// Times on the ticket screen are shown in this zone.
    public var timeZone: TimeZone
    public var message: TransientMessage?
    public var quit = false

    public init(supervisor: Agent, targets: ServiceTargets = .standard, interval: Double = 2, theme: Theme = .monochrome,
                size: Size = Size(width: 80, height: 24), timeZone: TimeZone = .current) {
        self.supervisor = supervisor; self.targets = targets; self.interval = interval; self.theme = theme
        self.size = size; self.timeZone = timeZone
    }

    /// One line of the attention list: SOS tickets first (waiting, silent, at risk), then complaints
    /// waiting, tickets held by silent workstations, and tickets past or near SLA.
    public struct Attention: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            case pinned(wait: Int)
            /// Held by a workstation whose heartbeat is older than the limit (nil: it never beat).
            case stale(lastSeen: Date?, holder: String)
            case risk(SLAPolicy.Standing, dueIn: Int)
        }
        public var ticket: MetricsRecord.TicketLine
        public var reason: Reason
    }

    public var attention: [Attention] {
        guard let r = report else { return [] }
        var seen = Set<TicketKey>()
        var out: [Attention] = []
        for p in r.pinned where seen.insert(p.ticket.key).inserted { out.append(Attention(ticket: p.ticket, reason: .pinned(wait: p.wait))) }
        // A silent workstation's customers wait on nobody: before the SLA list.
        for l in stale where seen.insert(l.ticket.key).inserted {
            out.append(Attention(ticket: l.ticket, reason: .stale(lastSeen: l.hold.lastSeen, holder: l.hold.holder)))
        }
        for k in r.atRisk where seen.insert(k.ticket.key).inserted {
            out.append(Attention(ticket: k.ticket, reason: .risk(k.standing, dueIn: k.dueIn)))
        }
        // SOS first, always: waiting, silent or past due, an SOS is above every other ticket
        // (each group keeps its order).
        return out.filter { $0.ticket.priority == .sos } + out.filter { $0.ticket.priority != .sos }
    }

    public var selectedTicket: MetricsRecord.TicketLine? {
        let list = attention
        guard focus == .tickets, let i = tickets.selected, i < list.count else { return nil }
        return list[i].ticket
    }

    public var selectedAgent: MetricsReport.AgentFigures? {
        guard let list = report?.agents, let i = agents.selected, i < list.count else { return nil }
        return list[i]
    }
}

/// What reaches `update`: keys, the clock, and the answers of effects.
public enum MonitorMessage: Sendable {
    case key(KeyEvent)
    case tick(Date)
    case resized(Size)
    /// Fresh figures, with the data version they were read at.
    case refreshed(MetricsRecord, version: Int, at: Date)
    /// Nothing was committed since the last read: only the clock moved.
    case unchanged(at: Date)
    /// The claims whose workstation went silent, looked up at `at`.
    case staleHolds([MonitorState.StaleLine], at: Date)
    case staleFailed(String, at: Date)
    /// The ticket asked for by `openTicket` (nil: it is gone).
    case ticketLoaded(OpenedTicket?)
    /// The agents the ticket could be assigned to (nil: the ticket is gone).
    case assignOptions(AppDatabase.AssignOptions?)
    /// An action went through (requeue, reassign, priority): say so and read again.
    case done(String)
    case failed(String)
}

/// Work for the runtime, away from the drawing thread.
public enum MonitorEffect: Sendable, Equatable {
    /// Read the figures; `force` reads even when the data version did not move.
    case refresh(force: Bool, known: Int?)
    /// Read a ticket for the read-only ticket screen (the agent session's read).
    case openTicket(TicketKey)
    /// Look for claims whose workstation's heartbeat is too old (sync on).
    case checkStale
    case requeue(TicketKey)
    /// Requeue every open or pending ticket the agent holds.
    case requeueHeld(agentID: String)
    /// Read the agents a ticket can go to, for the assign picker.
    case loadAssignOptions(TicketKey)
    /// Assign a waiting ticket (a claim on the agent's behalf) or transfer a worked one.
    case reassign(TicketKey, to: String)
    case setPriority(TicketKey, Priority)
}
