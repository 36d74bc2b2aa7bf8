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
}
