import Foundation

/// What the store aggregates from the tables (a fold of the event record) for one refresh:
/// counts and sums only, bounded lists, no ticket scans in Swift. `MetricsReport` derives the
/// figures from it, so every figure is computed by pure code that tests can check by hand.
/// Times are Unix milliseconds, like the database.
public struct MetricsRecord: Sendable, Equatable {
    /// When the record was read, and where "today" starts (local midnight, chosen by the caller).
    public var now: Int64
    public var dayStart: Int64

    public struct Waiting: Sendable, Equatable {
        public var product: Product
        public var priority: Priority
        public var count: Int
        /// Created time of the oldest queued ticket of this product and priority.
        public var oldestCreatedAt: Int64
        public init(product: Product, priority: Priority, count: Int, oldestCreatedAt: Int64) {
            self.product = product; self.priority = priority; self.count = count; self.oldestCreatedAt = oldestCreatedAt
        }
    }
    /// Queued tickets grouped by product and priority.
    public var waiting: [Waiting] = []

    /// A ticket a list on the monitor names.
    public struct TicketLine: Sendable, Equatable {
        public var key: TicketKey
        public var product: Product
        public var channel: Channel
        public var category: TicketCategory
        public var priority: Priority
        public var status: TicketStatus
        public var ownerID: String?
        public var customerName: String
        public var subject: String
        public var createdAt: Int64
        public var slaDueAt: Int64
        public init(key: TicketKey, product: Product, channel: Channel, category: TicketCategory, priority: Priority,
                    status: TicketStatus, ownerID: String?, customerName: String, subject: String, createdAt: Int64, slaDueAt: Int64) {
            self.key = key; self.product = product; self.channel = channel; self.category = category; self.priority = priority
            self.status = status; self.ownerID = ownerID; self.customerName = customerName; self.subject = subject
            self.createdAt = createdAt; self.slaDueAt = slaDueAt
        }
    }
    /// Queued SOS and complaint tickets, longest waiting first (bounded).
    public var pinned: [TicketLine] = []

    public struct ServiceGroup: Sendable, Equatable {
        public var product: Product
        public var channel: Channel
        public var priority: Priority
        /// Tickets created today in this group.
        public var offered: Int
        /// Answered within the target.
        public var met: Int
        /// Answered after the target, or still unanswered past it.
        public var missed: Int
        public init(product: Product, channel: Channel, priority: Priority, offered: Int, met: Int, missed: Int) {
            self.product = product; self.channel = channel; self.priority = priority; self.offered = offered; self.met = met; self.missed = missed
        }
    }
    public var service: [ServiceGroup] = []

    /// Active tickets without a first response whose due time has passed / is near.
    public var pastDue: Int = 0
    public var nearDue: Int = 0
    /// The most urgent of them, earliest due first (bounded).
    public var atRisk: [TicketLine] = []

    public struct AgentLine: Sendable, Equatable {
        public var id: String
        public var name: String
        public var role: Role
        public var status: AgentStatus
        public var statusAt: Int64?
        /// Open and pending tickets owned.
        public var inHand: Int
        /// Tickets this agent resolved today.
        public var handledToday: Int
        /// Sum of (resolved − claimed) over those of them with a claim time, and how many had one.
        public var handleMillis: Int64
        public var handleCount: Int
        /// Of those resolved today, how many were first-contact resolutions.
        public var firstContact: Int
        public init(id: String, name: String, role: Role, status: AgentStatus, statusAt: Int64?, inHand: Int,
                    handledToday: Int, handleMillis: Int64, handleCount: Int, firstContact: Int) {
            self.id = id; self.name = name; self.role = role; self.status = status; self.statusAt = statusAt
            self.inHand = inHand; self.handledToday = handledToday; self.handleMillis = handleMillis
            self.handleCount = handleCount; self.firstContact = firstContact
        }
    }
    public var agents: [AgentLine] = []

    /// Per hour of today (index 0 = the hour from `dayStart`): tickets created, resolved, and
    /// the sum and count of waits to first response of tickets first answered in that hour.
    public var createdPerHour: [Int] = Array(repeating: 0, count: 24)
    public var resolvedPerHour: [Int] = Array(repeating: 0, count: 24)
    public var waitMillisPerHour: [Int64] = Array(repeating: 0, count: 24)
    public var answeredPerHour: [Int] = Array(repeating: 0, count: 24)

    public init(now: Int64, dayStart: Int64) { self.now = now; self.dayStart = dayStart }
}
