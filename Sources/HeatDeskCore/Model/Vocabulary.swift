/// The closed vocabularies of the domain. Each raw value is the exact word used in
/// import files, the database and `--json` output (Docs/import-format.md).

/// A product line of the travel company; agents hold skills per product.
public enum Product: String, CaseIterable, Codable, Sendable, Comparable {
    case flight, hotel, car, vacation, other

    /// Sort order on screens and in trails: the trip's backbone (the flight) first.
    public var rank: Int { Product.allCases.firstIndex(of: self)! }
    public static func < (a: Product, b: Product) -> Bool { a.rank < b.rank }
}

/// Where a contact came in.
public enum Channel: String, CaseIterable, Codable, Sendable {
    case phone, chat, email, app, bot

    /// Live channels are measured against the short answer target (domain.md: 95% within 20 s).
    public var isLive: Bool { self == .phone || self == .chat || self == .app || self == .bot }
}

/// What the customer needs, as the bot or the importer classified it.
public enum TicketCategory: String, CaseIterable, Codable, Sendable {
    case change, refund, cancel, delay, complaint, sos, info, other
}

/// Queue priority. SOS and urgent jump the queue (domain.md).
public enum Priority: String, CaseIterable, Codable, Sendable, Comparable {
    case sos, urgent, high, normal, low

    /// 0 is served first; stored as a column so the queue index sorts by it.
    public var rank: Int { Priority.allCases.firstIndex(of: self)! }
    public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
    public init?(rank: Int) {
        guard Priority.allCases.indices.contains(rank) else { return nil }
        self = Priority.allCases[rank]
    }
}

/// Where a ticket stands in its life.
public enum TicketStatus: String, CaseIterable, Codable, Sendable {
    /// Waiting for an agent of the right skill.
    case queued
    /// Claimed: an agent owns it and works it.
    case open
    /// Waiting for the customer or a supplier; still owned.
    case pending
    /// Done, with a disposition; can be reopened.
    case resolved

    public var isActive: Bool { self != .resolved }
}

/// The customer's member level: 1 to 5 stars, or the premium black card.
public enum MemberTier: String, CaseIterable, Codable, Sendable, Comparable {
    case star1 = "1", star2 = "2", star3 = "3", star4 = "4", star5 = "5", blackCard = "black"

    public var rank: Int { MemberTier.allCases.firstIndex(of: self)! }
    public static func < (a: MemberTier, b: MemberTier) -> Bool { a.rank < b.rank }

    /// Accepts the spellings other tools write: "3", "3star", "★★★", "black", "black_card", "黑钻".
    public init?(parsing text: String) {
        let t = text.trimmedSpaces.lowercased()
        if let exact = MemberTier(rawValue: t) { self = exact; return }
        switch t {
        case "black_card", "blackcard", "black card", "黑卡", "黑钻": self = .blackCard
        case "1star", "1-star", "★": self = .star1
        case "2star", "2-star", "★★": self = .star2
        case "3star", "3-star", "★★★": self = .star3
        case "4star", "4-star", "★★★★": self = .star4
        case "5star", "5-star", "★★★★★": self = .star5
        default: return nil
        }
    }

    public var label: String { self == .blackCard ? "black card" : "\(rawValue)★" }
}

/// Who wrote a message in a ticket's conversation.
public enum AuthorKind: String, CaseIterable, Codable, Sendable {
    case customer, bot, agent, colleague, supplier, system
}

/// A public reply reaches the customer; a note stays among staff.
public enum Visibility: String, CaseIterable, Codable, Sendable {
    case `public`, `internal`
}

/// What an account may do. Supplier contacts write into conversations they are pulled into.
public enum Role: String, CaseIterable, Codable, Sendable {
    case agent, supervisor, supplier
}

/// An agent's availability for new work.
public enum AgentStatus: String, CaseIterable, Codable, Sendable {
    case available, away, offline
}

/// Life of one order, as its events leave it.
public enum OrderStatus: String, CaseIterable, Codable, Sendable {
    case booked, confirmed, changed, delayed, cancelled, refunded, completed
}

/// What happened to an order. Each kind is one line of the order trail.
public enum OrderEventKind: String, CaseIterable, Codable, Sendable {
    case booked, confirmed, ticketed, paid, changed, delayed, cancelled, refunded
    case checkedIn = "checked_in", noShow = "no_show", pickedUp = "picked_up", returned, completed

    /// Events that can break what comes after them on the same trip.
    public var disrupts: Bool { self == .delayed || self == .cancelled || self == .changed || self == .noShow }
}

/// How a resolved ticket ended. First-contact resolution is recorded separately.
public enum Disposition: String, CaseIterable, Codable, Sendable {
    case solved, refunded, compensated, rebooked, informed, escalated, duplicate, noAction = "no_action"
}
