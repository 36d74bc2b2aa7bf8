import Foundation

/// Durations as the queue columns show them, on the screens and in `heatdesk queue` alike.
public enum Durations {
    /// `45s`, `12m`, `3h05m`, `2d4h`, with a leading `-` for the past.
    public static func short(_ seconds: TimeInterval) -> String {
        let s = Int(abs(seconds))
        let sign = seconds < 0 ? "-" : ""
        if s < 60 { return "\(sign)\(s)s" }
        if s < 3600 { return "\(sign)\(s / 60)m" }
        if s < 86400 { return "\(sign)\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m" }
        return "\(sign)\(s / 86400)d\(s / 3600 % 24)h"
    }
}
