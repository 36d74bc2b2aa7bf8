import Foundation

/// One row of a queue view: what an agent needs to choose the next ticket, without opening it.
public struct QueueItem: Equatable, Sendable {
    public var key: TicketKey
    public var priority: Priority
    public var status: TicketStatus
    public var channel: Channel
    public var product: Product
    public var category: TicketCategory
    /// All products of the trip the ticket's orders cover, flight first.
    public var tripProducts: [Product]
    public var createdAt: Date
    public var slaDueAt: Date
    public var customerName: String
    public var customerTier: MemberTier
    public var subject: String
    public var ownerID: String?
    /// The first public agent reply, and the resolution: what decides the SLA mark.
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    /// A follow-up's original, or how often an original was chased (nil: no link).
    public var link: ListLink?

    public init(key: TicketKey, priority: Priority, status: TicketStatus, channel: Channel, product: Product,
                category: TicketCategory, tripProducts: [Product], createdAt: Date, slaDueAt: Date,
                customerName: String, customerTier: MemberTier, subject: String, ownerID: String?,
                firstResponseAt: Date? = nil, resolvedAt: Date? = nil) {
        self.key = key; self.priority = priority; self.status = status; self.channel = channel; self.product = product
        self.category = category; self.tripProducts = tripProducts; self.createdAt = createdAt; self.slaDueAt = slaDueAt
        self.customerName = customerName; self.customerTier = customerTier; self.subject = subject; self.ownerID = ownerID
        self.firstResponseAt = firstResponseAt; self.resolvedAt = resolvedAt
    }

    /// The SLA mark at `now`: a countdown until answered, met or missed after.
    public func slaMark(now: Date, policy: SLAPolicy = .standard) -> SLAPolicy.Mark {
        policy.mark(createdAt: createdAt, dueAt: slaDueAt, firstResponseAt: firstResponseAt, resolvedAt: resolvedAt, now: now)
    }
}

/// A ticket opened: the customer says it only once, so everything known is here.
public struct TicketDetail: Equatable, Sendable {
    public var ticket: Ticket
    public var customer: Customer
    /// The conversation in time order: customer, bot, staff, suppliers, notes.
    public var messages: [Message]
    public var participants: [Participant]
    /// Every order of the customer's trip (the linked ones and the customer's others
    /// around the same dates), ordered by when their service starts.
    public var orders: [Order]
    /// The customer's other tickets, newest first: what was asked before and how it ended.
    public var serviceTrail: [TrailEntry]
    /// The original this ticket chases and the follow-ups chasing it, with their messages.
    public var links: TicketLinks

    public init(ticket: Ticket, customer: Customer, messages: [Message], participants: [Participant],
                orders: [Order], serviceTrail: [TrailEntry], links: TicketLinks = TicketLinks()) {
        self.ticket = ticket; self.customer = customer; self.messages = messages; self.participants = participants
        self.orders = orders; self.serviceTrail = serviceTrail; self.links = links
    }
}

/// One earlier contact of the same customer.
public struct TrailEntry: Equatable, Sendable {
    public var key: TicketKey
    public var createdAt: Date
    public var channel: Channel
    public var category: TicketCategory
    public var subject: String
    public var status: TicketStatus
    public var disposition: Disposition?

    public init(key: TicketKey, createdAt: Date, channel: Channel, category: TicketCategory, subject: String,
                status: TicketStatus, disposition: Disposition?) {
        self.key = key; self.createdAt = createdAt; self.channel = channel; self.category = category
        self.subject = subject; self.status = status; self.disposition = disposition
    }
}

/// Counts for `heatdesk stats`.
public struct TicketCounts: Equatable, Sendable {
    public var total: Int
    public var byStatus: [TicketStatus: Int]
    public var byProduct: [Product: Int]
    public var byPriority: [Priority: Int]
    public var customers: Int
    public var orders: Int
    public var agents: Int
    public var events: Int

    public init(total: Int, byStatus: [TicketStatus: Int], byProduct: [Product: Int], byPriority: [Priority: Int],
                customers: Int, orders: Int, agents: Int, events: Int) {
        self.total = total; self.byStatus = byStatus; self.byProduct = byProduct; self.byPriority = byPriority
        self.customers = customers; self.orders = orders; self.agents = agents; self.events = events
    }
}
