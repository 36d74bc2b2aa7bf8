import Foundation

/// First-response targets by priority, and longer ones for email. The center's own figures
/// (domain.md) set the live-channel bar; a file may override a ticket's due time.
public struct SLAPolicy: Sendable, Equatable {
    /// Seconds to first response, per priority, on live channels.
    public var live: [Priority: Int]
    /// Seconds to first response, per priority, on email.
    public var email: [Priority: Int]
    /// Share of the target left when a ticket counts as "near breach".
    public var nearShare: Double

    public static let standard = SLAPolicy(
        live: [.sos: 60, .urgent: 5 * 60, .high: 15 * 60, .normal: 30 * 60, .low: 2 * 3600],
        email: [.sos: 15 * 60, .urgent: 3600, .high: 4 * 3600, .normal: 12 * 3600, .low: 24 * 3600],
        nearShare: 0.2)

    public func target(priority: Priority, channel: Channel) -> Int {
        (channel == .email ? email : live)[priority] ?? 30 * 60
    }

    public func dueDate(createdAt: Date, priority: Priority, channel: Channel) -> Date {
        createdAt.addingTimeInterval(TimeInterval(target(priority: priority, channel: channel)))
    }

    public enum Standing: String, Sendable { case ok, near, breached }

    /// Where a ticket stands against its due time at `now`.
    public func standing(createdAt: Date, dueAt: Date, now: Date) -> Standing {
        if now >= dueAt { return .breached }
        let total = dueAt.timeIntervalSince(createdAt)
        return dueAt.timeIntervalSince(now) <= max(total * nearShare, 60) ? .near : .ok
    }

    /// What a ticket's first-response target says at `now` (Docs/metrics.md, "A ticket's SLA mark").
    /// The target is met or missed the moment the customer is first answered (`first_response_at`,
    /// or the resolution of a ticket resolved without a reply, as the service level counts it);
    /// from then on there is nothing left to count down.
    public enum Mark: Equatable, Sendable {
        /// Not answered yet: where it stands and the seconds left (negative once past due).
        case due(Standing, left: TimeInterval)
        /// Answered by its due time, `after` seconds from arrival.
        case met(after: TimeInterval, at: Date)
        /// Answered past its due time, `after` seconds from arrival.
        case missed(after: TimeInterval, at: Date)

        public var isAnswered: Bool { if case .due = self { return false } else { return true } }

        /// The figure a seven-column list cell shows: `12m`, `!3m`, `✗20m` while unanswered (the
        /// countdown), `✓ 4m` met and `late 2h` missed once answered (how long the customer waited).
        public var cell: String {
            switch self {
            case .due(.ok, let left): return Durations.short(left)
            case .due(.near, let left): return "!" + Durations.short(left)
            case .due(.breached, let left): return "✗" + Durations.short(-left)
            case .met(let after, _): return "✓ " + Mark.coarse(after)
            case .missed(let after, _): return "late " + Mark.coarse(after)
            }
        }

        /// In words, for the ticket screen and `show`: `met: answered in 4m`, `missed: answered in
        /// 2h05m`, `12m left`, `near: 3m left`, `breached 20m ago`.
        public var words: String {
            switch self {
            case .due(.ok, let left): return Durations.short(left) + " left"
            case .due(.near, let left): return "near: " + Durations.short(left) + " left"
            case .due(.breached, let left): return "breached " + Durations.short(-left) + " ago"
            case .met(let after, _): return "met: answered in " + Durations.short(after)
            case .missed(let after, _): return "missed: answered in " + Durations.short(after)
            }
        }

        /// The `--json` value: `ok`, `near`, `breached` while unanswered; `met`, `missed` after.
        public var name: String {
            switch self {
            case .due(let standing, _): return standing.rawValue
            case .met: return "met"
            case .missed: return "missed"
            }
        }

        /// `45s`, `29m`, `2h`, `3d`: short enough for a list cell beside its word.
        public static func coarse(_ seconds: TimeInterval) -> String {
            let s = Int(max(0, seconds))
            if s < 60 { return "\(s)s" }
            if s < 3600 { return "\(s / 60)m" }
            if s < 86400 { return "\(s / 3600)h" }
            return "\(s / 86400)d"
        }
    }

    /// The ticket's mark: answered (`firstResponseAt`, or `resolvedAt` for a ticket resolved without
    /// a reply) against `dueAt`, or the countdown at `now` while unanswered.
    public func mark(createdAt: Date, dueAt: Date, firstResponseAt: Date?, resolvedAt: Date? = nil, now: Date) -> Mark {
        if let answered = firstResponseAt ?? resolvedAt {
            let after = answered.timeIntervalSince(createdAt)
            return answered <= dueAt ? .met(after: after, at: answered) : .missed(after: after, at: answered)
        }
        return .due(standing(createdAt: createdAt, dueAt: dueAt, now: now), left: dueAt.timeIntervalSince(now))
    }
}
