import Foundation

/// The figures a supervisor reads, derived from one `MetricsRecord` by the definitions in
/// Docs/metrics.md. Pure: the monitor, `stats --json` and the tests all go through `init`.
public struct MetricsReport: Sendable, Equatable {
    public var now: Int64
    public var dayStart: Int64

    // MARK: Queues

    public struct Queue: Sendable, Equatable {
        public var product: Product
        public var byPriority: [Priority: Int]
        public var total: Int
        /// Seconds the oldest queued ticket of this product has waited (0 when none wait).
        public var longestWait: Int
    }
    /// One row per product that has waiting tickets, in product order.
    public var queues: [Queue]
    public var waitingTotal: Int
    public var waitingByPriority: [Priority: Int]
    public var longestWait: Int

    public struct Pinned: Sendable, Equatable {
        public var ticket: MetricsRecord.TicketLine
        /// Seconds since the ticket came in.
        public var wait: Int
    }
    public var pinned: [Pinned]

    // MARK: Service level

    public struct Level: Sendable, Equatable {
        public var offered: Int
        public var met: Int
        public var missed: Int
        /// met / (met + missed); nil when no ticket has an outcome yet.
        public var share: Double? { met + missed == 0 ? nil : Double(met) / Double(met + missed) }
        public init(offered: Int = 0, met: Int = 0, missed: Int = 0) { self.offered = offered; self.met = met; self.missed = missed }
        mutating func add(_ g: MetricsRecord.ServiceGroup) { offered += g.offered; met += g.met; missed += g.missed }
    }
    public var serviceOverall: Level
    public var serviceByProduct: [(product: Product, level: Level)]
    public var serviceByChannel: [(channel: Channel, level: Level, goal: Double)]

    // MARK: SLA risk

    public struct Risk: Sendable, Equatable {
        public var ticket: MetricsRecord.TicketLine
        public var standing: SLAPolicy.Standing
        /// Seconds until due (negative: overdue by that much).
        public var dueIn: Int
    }
    public var pastDue: Int
    public var nearDue: Int
    public var atRisk: [Risk]

    // MARK: Agents

    /// Presence as a supervisor reads it: `busy` is an available agent with tickets in hand.
    public enum Presence: String, Sendable, CaseIterable { case available, busy, away, offline }

    public struct AgentFigures: Sendable, Equatable {
        public var id: String
        public var name: String
        public var role: Role
        public var presence: Presence
        public var inHand: Int
        public var handledToday: Int
        /// Average seconds from claim to resolution over today's resolutions; nil when none.
        public var averageHandling: Int?
        /// Share of today's resolutions that were first-contact; nil when none.
        public var firstContactShare: Double?
        /// Tickets held while offline: claims of a workstation that went silent.
        public var staleClaims: Int
    }
    public var agents: [AgentFigures]
    public var presenceCounts: [Presence: Int]
    public var handledToday: Int
    public var averageHandling: Int?
    public var firstContactShare: Double?
    public var staleClaims: Int

    // MARK: Trends

    /// Hours of today so far (1...24); the hourly series have this many entries.
    public var hours: Int
    public var createdPerHour: [Int]
    public var resolvedPerHour: [Int]
    /// Average seconds to first response of the tickets first answered in each hour; nil when none.
    public var averageWaitPerHour: [Int?]

    public init(_ r: MetricsRecord, targets: ServiceTargets = .standard) {
        now = r.now; dayStart = r.dayStart
        func seconds(_ millis: Int64) -> Int { Int(max(0, millis) / 1000) }

        var byProduct: [Product: Queue] = [:]
        for w in r.waiting {
            var q = byProduct[w.product] ?? Queue(product: w.product, byPriority: [:], total: 0, longestWait: 0)
            q.byPriority[w.priority, default: 0] += w.count
            q.total += w.count
            q.longestWait = max(q.longestWait, seconds(r.now - w.oldestCreatedAt))
            byProduct[w.product] = q
        }
        queues = Product.allCases.compactMap { byProduct[$0] }
        waitingTotal = queues.reduce(0) { $0 + $1.total }
        waitingByPriority = r.waiting.reduce(into: [:]) { $0[$1.priority, default: 0] += $1.count }
        longestWait = queues.map(\.longestWait).max() ?? 0
        pinned = r.pinned.map { Pinned(ticket: $0, wait: seconds(r.now - $0.createdAt)) }

        var overall = Level()
        var perProduct: [Product: Level] = [:]
        var perChannel: [Channel: Level] = [:]
        for g in r.service {
            overall.add(g); perProduct[g.product, default: Level()].add(g); perChannel[g.channel, default: Level()].add(g)
        }
        serviceOverall = overall
        serviceByProduct = Product.allCases.compactMap { p in perProduct[p].map { (p, $0) } }
        // The goal shown beside a channel is its class's goal for normal priority.
        serviceByChannel = Channel.allCases.compactMap { c in perChannel[c].map { (c, $0, targets.target(.normal, c).goal) } }

        pastDue = r.pastDue; nearDue = r.nearDue
        let near = targets.nearShare
        atRisk = r.atRisk.map { t in
            let standing = SLAPolicy(live: [:], email: [:], nearShare: near)
                .standing(createdAt: Date(millis: t.createdAt), dueAt: Date(millis: t.slaDueAt), now: Date(millis: r.now))
            let dueIn = t.slaDueAt - r.now
            return Risk(ticket: t, standing: standing, dueIn: Int(dueIn >= 0 ? dueIn / 1000 : -((-dueIn) / 1000)))
        }

        agents = r.agents.map { a in
            let presence: Presence
            switch a.status {
            case .available: presence = a.inHand > 0 ? .busy : .available
            case .away: presence = .away
            case .offline: presence = .offline
            }
            return AgentFigures(
                id: a.id, name: a.name, role: a.role, presence: presence, inHand: a.inHand, handledToday: a.handledToday,
                averageHandling: a.handleCount > 0 ? Int(a.handleMillis / Int64(a.handleCount) / 1000) : nil,
                firstContactShare: a.handledToday > 0 ? Double(a.firstContact) / Double(a.handledToday) : nil,
                staleClaims: a.status == .offline ? a.inHand : 0)
        }
        presenceCounts = agents.reduce(into: [:]) { $0[$1.presence, default: 0] += 1 }
        handledToday = r.agents.reduce(0) { $0 + $1.handledToday }
        let handleCount = r.agents.reduce(0) { $0 + $1.handleCount }
        averageHandling = handleCount > 0 ? Int(r.agents.reduce(Int64(0)) { $0 + $1.handleMillis } / Int64(handleCount) / 1000) : nil
        firstContactShare = handledToday > 0 ? Double(r.agents.reduce(0) { $0 + $1.firstContact }) / Double(handledToday) : nil
        staleClaims = agents.reduce(0) { $0 + $1.staleClaims }

        hours = min(24, max(1, Int((r.now - r.dayStart) / 3_600_000) + 1))
        createdPerHour = Array(r.createdPerHour.prefix(hours))
        resolvedPerHour = Array(r.resolvedPerHour.prefix(hours))
        averageWaitPerHour = (0..<hours).map { h in
            r.answeredPerHour[h] > 0 ? Int(r.waitMillisPerHour[h] / Int64(r.answeredPerHour[h]) / 1000) : nil
        }
    }

    public static func == (a: MetricsReport, b: MetricsReport) -> Bool { a.json == b.json }
}
