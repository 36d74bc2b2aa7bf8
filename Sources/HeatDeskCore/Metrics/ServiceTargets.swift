import Foundation

/// The center's own answer targets: per channel class (live or email) and priority, how many
/// seconds a first response may take and what share of tickets must make it (domain.md: "over
/// 95% within 20 seconds"). Service level is measured against these; a ticket's own due time
/// (`sla_due_at`, which an import file may override) drives the near/past-SLA list.
public struct ServiceTargets: Sendable, Equatable {
    public enum ChannelClass: String, CaseIterable, Sendable {
        case live, email
        public init(_ channel: Channel) { self = channel.isLive ? .live : .email }
    }

    public struct Target: Sendable, Equatable {
        /// Seconds to the first response.
        public var seconds: Int
        /// Share (0...1) of tickets that must be answered within `seconds`.
        public var goal: Double
        public init(seconds: Int, goal: Double) { self.seconds = seconds; self.goal = goal }
    }

    public var targets: [ChannelClass: [Priority: Target]]
    /// Share of a ticket's time to its due time left when it counts as "near" (at least 60 s).
    public var nearShare: Double

    public init(targets: [ChannelClass: [Priority: Target]], nearShare: Double = 0.2) {
        self.targets = targets; self.nearShare = nearShare
    }

    /// The answer times the due times are computed from (`SLAPolicy.standard`), with a 95% goal
    /// on live channels and 90% on email.
    public static let standard: ServiceTargets = {
        let policy = SLAPolicy.standard
        var t: [ChannelClass: [Priority: Target]] = [:]
        for p in Priority.allCases {
            t[.live, default: [:]][p] = Target(seconds: policy.target(priority: p, channel: .chat), goal: 0.95)
            t[.email, default: [:]][p] = Target(seconds: policy.target(priority: p, channel: .email), goal: 0.90)
        }
        return ServiceTargets(targets: t, nearShare: policy.nearShare)
    }()

    public func target(_ priority: Priority, _ channel: Channel) -> Target {
        target(priority, ChannelClass(channel))
    }

    public func target(_ priority: Priority, _ cls: ChannelClass) -> Target {
        targets[cls]?[priority] ?? Target(seconds: 1800, goal: 0.95)
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// Reads a targets file over the standard targets. One rule per line, `#` starts a comment:
    ///
    ///     # class   priority  seconds  goal
    ///     live      *         20       95%
    ///     email     normal    43200    90%
    ///     near      20%
    ///
    /// `class` is `live`, `email` or `*`; `priority` a priority name or `*`. Later lines win.
    public static func parse(_ text: String, over base: ServiceTargets = .standard) throws(ParseError) -> ServiceTargets {
        var result = base
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            if words[0] == "near" {
                guard words.count == 2, let share = percent(words[1]), share > 0, share < 1 else {
                    throw ParseError(line: line, reason: "expected 'near SHARE%' with a share between 0% and 100%")
                }
                result.nearShare = share
                continue
            }
            guard words.count == 4 else { throw ParseError(line: line, reason: "expected 'CLASS PRIORITY SECONDS GOAL%', got \(words.count) fields") }
            let classes: [ChannelClass]
            if words[0] == "*" { classes = ChannelClass.allCases } else if let c = ChannelClass(rawValue: words[0]) { classes = [c] } else {
                throw ParseError(line: line, reason: "unknown channel class '\(words[0])' (live, email or *)")
            }
            let priorities: [Priority]
            if words[1] == "*" { priorities = Priority.allCases } else if let p = Priority(rawValue: words[1]) { priorities = [p] } else {
                throw ParseError(line: line, reason: "unknown priority '\(words[1])' (\(Priority.allCases.map(\.rawValue).joined(separator: ", ")) or *)")
            }
            guard let seconds = Int(words[2]), seconds > 0 else { throw ParseError(line: line, reason: "seconds must be a positive whole number, got '\(words[2])'") }
            guard let goal = percent(words[3]), goal > 0, goal <= 1 else { throw ParseError(line: line, reason: "goal must be a share like 95%, got '\(words[3])'") }
            for c in classes { for p in priorities { result.targets[c, default: [:]][p] = Target(seconds: seconds, goal: goal) } }
        }
        return result
    }

    /// `95%` or `0.95`.
    static func percent(_ word: String) -> Double? {
        if word.hasSuffix("%") { return Double(word.dropLast()).map { $0 / 100 } }
        return Double(word)
    }
}
