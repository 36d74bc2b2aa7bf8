import Foundation

/// The key other tools and other workstations know a ticket by: unique per source.
public struct TicketKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var source: String
    public var externalID: String

    public init(source: String, externalID: String) { self.source = source; self.externalID = externalID }

    /// `HD-1042` for the default source, `partner:HD-1042` otherwise; `show` accepts both.
    public var description: String { source == TicketKey.defaultSource ? externalID : "\(source):\(externalID)" }
    public static let defaultSource = "main"

    public static func < (a: TicketKey, b: TicketKey) -> Bool { (a.source, a.externalID) < (b.source, b.externalID) }
}

/// One customer contact a human must handle.
public struct Ticket: Equatable, Sendable {
    public var key: TicketKey
    public var createdAt: Date
    public var channel: Channel
    public var product: Product
    public var category: TicketCategory
    public var priority: Priority
    public var status: TicketStatus
    public var customerID: String
    public var subject: String
    public var botSummary: String
    public var slaDueAt: Date
    public var orderIDs: [String]
    public var ownerID: String?
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    public var disposition: Disposition?

    public init(key: TicketKey, createdAt: Date, channel: Channel, product: Product, category: TicketCategory,
                priority: Priority = .normal, status: TicketStatus = .queued, customerID: String,
                subject: String = "", botSummary: String = "", slaDueAt: Date? = nil, orderIDs: [String] = [],
                ownerID: String? = nil, firstResponseAt: Date? = nil, resolvedAt: Date? = nil,
                disposition: Disposition? = nil) {
        self.key = key; self.createdAt = createdAt; self.channel = channel; self.product = product
        self.category = category; self.priority = priority; self.status = status; self.customerID = customerID
        self.subject = subject; self.botSummary = botSummary
        self.slaDueAt = slaDueAt ?? SLAPolicy.standard.dueDate(createdAt: createdAt, priority: priority, channel: channel)
        self.orderIDs = orderIDs; self.ownerID = ownerID; self.firstResponseAt = firstResponseAt
        self.resolvedAt = resolvedAt; self.disposition = disposition
    }

    /// First-contact resolution, decided when a ticket is resolved: its first owner (claim epoch 1)
    /// settled it with no transfer, requeue, reopen or pending wait (`handoffs` 0), **and** the
    /// customer got a public reply (`answered`: `first_response_at` is set). A ticket closed without
    /// a word to the customer resolved nothing for them, whoever closed it.
    public static func isFirstContactResolution(epoch: Int, handoffs: Int, answered: Bool) -> Bool {
        epoch == 1 && handoffs == 0 && answered
    }

    /// The SLA mark at `now`: a countdown until answered, met or missed after.
    public func slaMark(now: Date, policy: SLAPolicy = .standard) -> SLAPolicy.Mark {
        policy.mark(createdAt: createdAt, dueAt: slaDueAt, firstResponseAt: firstResponseAt, resolvedAt: resolvedAt, now: now)
    }
}

/// One entry of a ticket's conversation.
public struct Message: Equatable, Sendable {
    public var at: Date
    public var authorKind: AuthorKind
    public var authorID: String?
    public var visibility: Visibility
    public var body: String

    public init(at: Date, authorKind: AuthorKind, authorID: String? = nil, visibility: Visibility = .public, body: String) {
        self.at = at; self.authorKind = authorKind; self.authorID = authorID; self.visibility = visibility; self.body = body
    }
}

/// Someone pulled into a ticket's conversation besides its owner.
public struct Participant: Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case colleague, supplier }
    public var memberID: String
    public var kind: Kind
    public var joinedAt: Date
    public var leftAt: Date?

    public init(memberID: String, kind: Kind, joinedAt: Date, leftAt: Date? = nil) {
        self.memberID = memberID; self.kind = kind; self.joinedAt = joinedAt; self.leftAt = leftAt
    }
}
