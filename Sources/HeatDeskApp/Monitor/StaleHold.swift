import Foundation
import HeatDeskCore

/// A claim whose workstation stopped beating: sync's heartbeats say so, the monitor flags it and
/// a supervisor may requeue it. A value of its own so `HeatDeskApp` does not need `HeatDeskSync`:
/// the executable maps the sync engine's stale claims to these.
public struct StaleHold: Sendable, Equatable {
    public var ticket: TicketKey
    /// The agent (or queue) the claim file names.
    public var holder: String
    /// The workstation that made the claim.
    public var node: String
    /// Its last heartbeat; nil when it never beat.
    public var lastSeen: Date?

    public init(ticket: TicketKey, holder: String, node: String, lastSeen: Date?) {
        self.ticket = ticket; self.holder = holder; self.node = node; self.lastSeen = lastSeen
    }
}

extension MonitorState {
    /// A stale hold with its ticket's line, as the board lists it.
    public struct StaleLine: Sendable, Equatable {
        public var hold: StaleHold
        public var ticket: MetricsRecord.TicketLine
        public init(hold: StaleHold, ticket: MetricsRecord.TicketLine) { self.hold = hold; self.ticket = ticket }
    }

    /// Stale tickets per holder: the heartbeats' and the offline agents' together. The tickets of
    /// an offline agent are all counted already, so a silent workstation's holds only add for
    /// agents who still look present (available, busy, away).
    public func staleCount(of agent: MetricsReport.AgentFigures) -> Int {
        max(agent.staleClaims, stale.filter { $0.hold.holder == agent.id }.count)
    }

    /// Every stale ticket: held by offline agents, or by a workstation whose heartbeat is old.
    public var staleTotal: Int {
        guard let r = report else { return stale.count }
        let known = Set(r.agents.map(\.id))
        return r.agents.reduce(0) { $0 + staleCount(of: $1) } + stale.filter { !known.contains($0.hold.holder) }.count
    }
}
