import Foundation

/// Times inside free text: `{{time:2026-11-23T13:25:00+01:00|d MMM HH:mm}}` becomes `23 Nov 13:25`.
///
/// A data set recorded around a fixed moment (the demo) is moved to today by `timeShift`, which
/// moves every time field; a text that names a time the same way moves with it, so a message
/// never quotes a flight's old date next to the order's new one. The time is shown in the offset
/// it is written with (a Paris departure in Paris time), after the shift.
///
/// Formats, a fixed set: `HH:mm` (13:25), `d MMM` (23 Nov), `d MMM HH:mm` (23 Nov 13:25),
/// `EEE d MMM` (Mon 23 Nov), `EEEE` (Monday), `M月d日` (11月23日), `M月d日 HH:mm` (11月23日 13:25),
/// `周E` (周一).
///
/// `{{` followed by letters and `:` opens a placeholder; the only kind is `time`. Any other `{{`
/// is text as written (customers type braces). An unknown kind, a bad time, a missing or unknown
/// format or a missing `}}` is an error, so a placeholder is never stored as braces.
public enum TimePlaceholders {
    public struct Failure: Error, Equatable, CustomStringConvertible, Sendable {
        public var reason: String
        public var description: String { reason }
    }

    public static let formats = ["HH:mm", "d MMM", "d MMM HH:mm", "EEE d MMM", "EEEE", "M月d日", "M月d日 HH:mm", "周E"]

    /// Whether `text` may hold a placeholder (a `{{` anywhere): the fast check every text field pays.
    @inline(__always)
    public static func mayContain(_ text: String) -> Bool {
        var previousBrace = false
        for b in text.utf8 {
            if b == 0x7B { if previousBrace { return true }; previousBrace = true } else { previousBrace = false }
        }
        return false
    }

    /// `text` with every placeholder filled, times moved by `shiftMillis`.
    public static func resolve(_ text: String, shiftMillis: Int64) throws(Failure) -> String {
        guard mayContain(text) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x7B, i + 1 < bytes.count, bytes[i + 1] == 0x7B, let kindEnd = kindEnd(bytes, from: i + 2) else {
                out.append(bytes[i]); i += 1; continue
            }
            let kind = String(decoding: bytes[(i + 2)..<kindEnd], as: UTF8.self)
            guard let close = find(bytes, [0x7D, 0x7D], from: kindEnd + 1) else {
                throw Failure(reason: "placeholder '{{\(PlaceholderText.shown(kind)):' has no closing '}}'")
            }
            let inside = Array(bytes[(kindEnd + 1)..<close])
            guard kind == "time" else {
                throw Failure(reason: "unknown placeholder '{{\(PlaceholderText.shown(kind)):…}}' (the only kind is time)")
            }
            out.append(contentsOf: try time(inside, shiftMillis: shiftMillis).utf8)
            i = close + 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One `time:` placeholder's inside: `ISO|format`.
    static func time(_ inside: [UInt8], shiftMillis: Int64) throws(Failure) -> String {
        let whole = String(decoding: inside, as: UTF8.self)
        guard let bar = inside.firstIndex(of: UInt8(ascii: "|")) else {
            throw Failure(reason: "time placeholder '\(PlaceholderText.shown(whole))' has no format (write {{time:ISO|d MMM}})")
        }
        let iso = Array(inside[..<bar])
        let format = String(decoding: inside[(bar + 1)...], as: UTF8.self)
        var millis: Int64 = 0
        do { try Timestamp.parseMillis(iso, into: &millis) } catch {
            throw Failure(reason: "time placeholder '\(PlaceholderText.shown(whole))': bad time: \(error.reason)")
        }
        guard formats.contains(format) else {
            throw Failure(reason: "time placeholder '\(PlaceholderText.shown(whole))': unknown format '\(PlaceholderText.shown(format))' (expected one of \(formats.joined(separator: ", ")))")
        }
        let local = millis + shiftMillis + Int64(offsetSeconds(iso)) * 1000
        let seconds = local >= 0 ? local / 1000 : (local - 999) / 1000
        let day = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let minute = Int((seconds - Int64(day) * 86400) / 60)
        let (_, month, dayOfMonth) = Timestamp.civilFromDays(day)
        let weekday = ((day + 4) % 7 + 7) % 7   // 0 = Sunday
        let clock = pad(minute / 60) + ":" + pad(minute % 60)
        switch format {
        case "HH:mm": return clock
        case "d MMM": return "\(dayOfMonth) \(monthsEN[month - 1])"
        case "d MMM HH:mm": return "\(dayOfMonth) \(monthsEN[month - 1]) \(clock)"
        case "EEE d MMM": return "\(String(weekdaysEN[weekday].prefix(3))) \(dayOfMonth) \(monthsEN[month - 1])"
        case "EEEE": return weekdaysEN[weekday]
        case "M月d日": return "\(month)月\(dayOfMonth)日"
        case "M月d日 HH:mm": return "\(month)月\(dayOfMonth)日 \(clock)"
        default: return "周" + weekdaysZH[weekday]
        }
    }

    static let monthsEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdaysEN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let weekdaysZH = ["日", "一", "二", "三", "四", "五", "六"]

    static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// The end of `letters` after `{{`, at the `:`; nil when it is not a placeholder opening.
    private static func kindEnd(_ b: [UInt8], from start: Int) -> Int? {
        var j = start
        while j < b.count, (0x61...0x7A).contains(b[j]) || (0x41...0x5A).contains(b[j]) || b[j] == 0x5F { j += 1 }
        return j > start && j < b.count && b[j] == UInt8(ascii: ":") ? j : nil
    }

    private static func find(_ b: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        var j = start
        while j + needle.count <= b.count {
            if b[j] == needle[0] && b[j + 1] == needle[1] { return j }
            j += 1
        }
        return nil
    }

    /// The offset a valid ISO time ends with (`+08:00` or `+0800`), in seconds (`Z` is 0).
    private static func offsetSeconds(_ iso: [UInt8]) -> Int {
        guard let last = iso.last, last != UInt8(ascii: "Z"), last != UInt8(ascii: "z") else { return 0 }
        var digits: [Int] = []
        var j = iso.count - 1
        while j >= 0, digits.count < 4 {
            if iso[j] >= 0x30 && iso[j] <= 0x39 { digits.insert(Int(iso[j]) - 48, at: 0) } else if iso[j] != UInt8(ascii: ":") { return 0 }
            j -= 1
        }
        guard digits.count == 4, j >= 0 else { return 0 }
        let minutes = (digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3]
        return (iso[j] == UInt8(ascii: "-") ? -minutes : minutes) * 60
    }
}

private enum PlaceholderText {
    static func shown(_ s: String) -> String { JSONFields.shown(s) }
}
