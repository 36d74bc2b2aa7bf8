import Foundation

/// Why a ticket was linked as the follow-up (the chase) of another (Docs/import-format.md,
/// "Follow-ups").
public enum LinkReason: String, Sendable, CaseIterable, Codable {
    /// The import row's `chases` column named the original.
    case named
    /// The subject or the first message mentions the original's id (`HD-000012`).
    case mentioned
    /// Same customer, a shared order, created within `FollowUpRule.window` after it.
    case matched
    /// An agent or supervisor merged it into the original (`M`, `heatdesk merge`).
    case merged
}

/// The follow-up rule, one for every workstation (the decision is made where a ticket arrives and
/// travels as a `ticket.linked` event; the applier keeps the oldest parent).
public enum FollowUpRule {
    /// A ticket of the same customer sharing an order is a chase when it comes within 72 hours.
    public static let window: TimeInterval = 72 * 3600

    /// True when `a` is older than `b`: by creation time, the key breaking ties. A follow-up's
    /// parent is always older than it, so links never form a cycle, and of two parents the
    /// older wins on every node.
    public static func older(_ a: (Date, TicketKey), than b: (Date, TicketKey)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
    }

    /// Ticket ids a text mentions: words of letters, a hyphen and digits (`HD-000012`,
    /// `#HD-12`), each once, in order.
    public static func mentionedIDs(in text: String) -> [String] {
        var out: [String] = []
        var i = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        while i < scalars.endIndex {
            let c = scalars[i]
            // A word starts here when the scalar before is not a letter or digit.
            if isLetter(c), i == scalars.startIndex || !(isLetter(scalars[scalars.index(before: i)]) || isDigit(scalars[scalars.index(before: i)])) {
                var j = i
                while j < scalars.endIndex, isLetter(scalars[j]) { j = scalars.index(after: j) }
                if j < scalars.endIndex, scalars[j] == "-" {
                    var k = scalars.index(after: j)
                    let digitsStart = k
                    while k < scalars.endIndex, isDigit(scalars[k]) { k = scalars.index(after: k) }
                    if k > digitsStart, k == scalars.endIndex || !(isLetter(scalars[k]) || isDigit(scalars[k])) {
                        let word = String(String.UnicodeScalarView(scalars[i..<k])).uppercased()
                        if word.utf8.count <= 64, !out.contains(word) { out.append(word) }
                        i = k
                        continue
                    }
                }
                i = j
                continue
            }
            i = scalars.index(after: i)
        }
        return out
    }
}

/// A ticket at the other end of a link, as screens name it.
public struct LinkedTicket: Equatable, Sendable {
    public var key: TicketKey
    public var createdAt: Date
    public var status: TicketStatus
    public var ownerID: String?
    public var disposition: Disposition?
    public var reason: LinkReason
    public var subject: String

    public init(key: TicketKey, createdAt: Date, status: TicketStatus, ownerID: String?, disposition: Disposition?,
                reason: LinkReason, subject: String) {
        self.key = key; self.createdAt = createdAt; self.status = status; self.ownerID = ownerID
        self.disposition = disposition; self.reason = reason; self.subject = subject
    }

    /// Merged: resolved as a duplicate of the ticket it follows up.
    public var merged: Bool { status == .resolved && (disposition == .duplicate || reason == .merged) }
}

/// A follow-up's message shown in the original's conversation, marked with where it came from.
public struct LinkedMessage: Equatable, Sendable {
    public var from: TicketKey
    public var message: Message
    public init(from: TicketKey, message: Message) { self.from = from; self.message = message }
}

/// A ticket's links: the original it chases, and the follow-ups chasing it.
public struct TicketLinks: Equatable, Sendable {
    /// The original this ticket follows up (nil for an original or an unlinked ticket).
    public var parent: LinkedTicket?
    /// The tickets chasing this one, oldest first.
    public var followUps: [LinkedTicket]
    /// The follow-ups' conversations, for the original's conversation pane (time order).
    public var followUpMessages: [LinkedMessage]

    public init(parent: LinkedTicket? = nil, followUps: [LinkedTicket] = [], followUpMessages: [LinkedMessage] = []) {
        self.parent = parent; self.followUps = followUps; self.followUpMessages = followUpMessages
    }

    public var isEmpty: Bool { parent == nil && followUps.isEmpty }
}

/// A list row's link marker: a follow-up names its original; an original counts its chases.
public enum ListLink: Equatable, Sendable {
    /// This row follows up `parent`, held by `owner` (nil: queued).
    case followUp(of: TicketKey, owner: String?)
    /// This row's customer chased it `count` times (open follow-ups).
    case chased(Int)
}
