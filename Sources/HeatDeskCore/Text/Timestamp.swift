import Foundation

/// ISO 8601 timestamps as import files write them. Hand-written because the import reads
/// millions of them: ISO8601DateFormatter costs microseconds each and names no reason on failure.
public enum Timestamp {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Parses `2026-11-22T08:30:00+08:00`, `2026-11-22T00:30:00Z`, with optional seconds and
    /// fraction, `T` or a space between date and time. An offset is required so that
    /// times from centers in different zones compare right.
    public static func parse(_ text: Substring) throws(ParseError) -> Date {
        var ms: Int64 = 0
        try parseMillis(text.utf8, into: &ms)
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    public static func parse(_ text: String) throws(ParseError) -> Date { try parse(Substring(text)) }

    /// The same as `parse`, straight to Unix milliseconds (what the database stores).
    public static func parseMillis<C: Collection>(_ bytes: C, into out: inout Int64) throws(ParseError) where C.Element == UInt8 {
        var i = bytes.startIndex
        func fail(_ why: String) -> ParseError { ParseError(reason: why) }
        func digits(_ n: Int, _ what: String) throws(ParseError) -> Int {
            var v = 0
            for _ in 0..<n {
                guard i != bytes.endIndex else { throw fail("ends before the \(what)") }
                let c = bytes[i]
                guard c >= 48 && c <= 57 else { throw fail("expected a digit in the \(what)") }
                v = v * 10 + Int(c - 48); i = bytes.index(after: i)
            }
            return v
        }
        func expect(_ ch: UInt8, _ what: String) throws(ParseError) {
            guard i != bytes.endIndex, bytes[i] == ch else { throw fail("expected '\(Character(UnicodeScalar(ch)))' \(what)") }
            i = bytes.index(after: i)
        }
        guard !bytes.isEmpty else { throw fail("empty") }
        let year = try digits(4, "year")
        try expect(UInt8(ascii: "-"), "after the year")
        let month = try digits(2, "month")
        try expect(UInt8(ascii: "-"), "after the month")
        let day = try digits(2, "day")
        guard (1...12).contains(month) else { throw fail("month \(month) is out of range") }
        guard day >= 1 && day <= daysIn(month: month, year: year) else { throw fail("day \(day) does not exist in \(year)-\(month)") }
        guard i != bytes.endIndex, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t") || bytes[i] == UInt8(ascii: " ") else {
            throw fail("a time with an offset is required (e.g. 2026-11-22T08:30:00+08:00)")
        }
        i = bytes.index(after: i)
        let hour = try digits(2, "hour")
        try expect(UInt8(ascii: ":"), "after the hour")
        let minute = try digits(2, "minute")
        var second = 0
        var millis = 0
        if i != bytes.endIndex, bytes[i] == UInt8(ascii: ":") {
            i = bytes.index(after: i)
            second = try digits(2, "second")
            if i != bytes.endIndex, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                i = bytes.index(after: i)
                var scale = 100, any = false
                while i != bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 {
                    millis += Int(bytes[i] - 48) * scale; scale /= 10; any = true
                    i = bytes.index(after: i)
                }
                guard any else { throw fail("expected digits after the decimal point") }
            }
        }
        guard hour <= 23, minute <= 59, second <= 60 else { throw fail("time \(hour):\(minute):\(second) is out of range") }
        guard i != bytes.endIndex else { throw fail("missing UTC offset (add Z or +08:00)") }
        var offset = 0
        let sign = bytes[i]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            i = bytes.index(after: i)
        } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            i = bytes.index(after: i)
            let oh = try digits(2, "offset hours")
            if i != bytes.endIndex, bytes[i] == UInt8(ascii: ":") { i = bytes.index(after: i) }
            let om = try digits(2, "offset minutes")
            guard oh <= 14, om <= 59 else { throw fail("offset out of range") }
            offset = (oh * 60 + om) * 60 * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            throw fail("unexpected character after the time")
        }
        guard i == bytes.endIndex else { throw fail("unexpected text after the offset") }
        let days = daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second - offset)
        out = secs * 1000 + Int64(millis)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm; exact for the proleptic Gregorian calendar).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-11-22T00:30:00Z`: what heatdesk writes (UTC, second precision unless there are millis).
    public static func format(_ date: Date) -> String { format(millis: Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    public static func format(millis: Int64) -> String {
        var secs = millis / 1000
        var ms = Int(millis % 1000)
        if ms < 0 { ms += 1000; secs -= 1 }
        var days = Int(secs / 86400)
        var rem = Int(secs % 86400)
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(y)-\(p2(m))-\(p2(d))T\(p2(rem / 3600)):\(p2(rem / 60 % 60)):\(p2(rem % 60))"
        if ms != 0 { s += "." + String(String(ms + 1000).dropFirst()) }
        return s + "Z"
    }

    /// Appends `2026-11-22T00:30:00Z` (with `.250` when there are millis) as bytes.
    public static func append(millis: Int64, to out: inout [UInt8]) {
        var secs = millis / 1000
        var ms = Int(millis % 1000)
        if ms < 0 { ms += 1000; secs -= 1 }
        var days = Int(secs / 86400)
        var rem = Int(secs % 86400)
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        func digits(_ v: Int, _ n: Int) {
            var div = 1
            for _ in 1..<n { div *= 10 }
            while div > 0 { out.append(UInt8(48 + v / div % 10)); div /= 10 }
        }
        digits(y, 4); out.append(0x2D); digits(m, 2); out.append(0x2D); digits(d, 2); out.append(UInt8(ascii: "T"))
        digits(rem / 3600, 2); out.append(0x3A); digits(rem / 60 % 60, 2); out.append(0x3A); digits(rem % 60, 2)
        if ms != 0 { out.append(0x2E); digits(ms, 3) }
        out.append(UInt8(ascii: "Z"))
    }

    /// `2026-11-22 08:30 +08:00`: what people read, in the given zone (the workstation's by default).
    public static func formatLocal(_ date: Date, timeZone: TimeZone = .current) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let utc = format(millis: (date.millis / 60_000) * 60_000 + Int64(offset) * 1000)
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset) / 60
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return String(utc.prefix(10)) + " " + String(utc.dropFirst(11).prefix(5)) + " \(sign)\(p2(a / 60)):\(p2(a % 60))"
    }

    /// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Hinnant's algorithm);
    /// the one copy, shared by the placeholders and the data-set generator.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension Date {
    /// Unix milliseconds, the database's time unit.
    public var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    public init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
