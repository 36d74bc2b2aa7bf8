import Foundation
import HeatDeskCore

/// Short, column-friendly renderings of times for the screens (durations: `Durations.short`).
public enum Format {
    static func parts(_ d: Date, _ tz: TimeZone) -> DateComponents {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        return cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
    }

    /// `11-22 13:25` in `tz`.
    public static func dayTime(_ d: Date, _ tz: TimeZone) -> String {
        let c = parts(d, tz)
        return String(format: "%02d-%02d %02d:%02d", c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `2026-06-06` in `tz`.
    public static func day(_ d: Date, _ tz: TimeZone) -> String {
        let c = parts(d, tz)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    public static func tier(_ t: MemberTier) -> String { t == .blackCard ? "black" : "\(t.rawValue)★" }

    public static func products(_ ps: [Product]) -> String {
        ps.isEmpty ? "-" : ps.map { OrderTimeline.mark($0) }.joined()
    }

    public static func flag(_ f: CustomerFlag) -> String {
        switch f {
        case .complainedBefore: return "complained before"
        case .vip: return "VIP"
        case .accessibility: return "accessibility needs"
        case .minor: return "minor"
        case .frequentTraveller: return "frequent traveller"
        }
    }
}
