import HeatDeskCore

/// Times for the generator: Unix seconds, written with the offset of the place they happen
/// (a flight leaves Paris at Paris time, lands in Shanghai at Shanghai time; tickets and events
/// are written in the contact center's time, +08:00). Summer time follows the EU, US and
/// Sydney rules, so a trip in July and one in November carry different offsets, as real ones do.
/// No Foundation calendar: it is slow and its data may differ between machines.
struct GenZone: Sendable, Equatable {
    enum Rule: Sendable { case none, eu, us, au }
    /// Standard offset from UTC in minutes.
    let standard: Int
    let rule: Rule

    static let china = GenZone(standard: 480, rule: .none)
    static let japan = GenZone(standard: 540, rule: .none)
    static let korea = GenZone(standard: 540, rule: .none)
    static let thailand = GenZone(standard: 420, rule: .none)
    static let singapore = GenZone(standard: 480, rule: .none)
    static let uae = GenZone(standard: 240, rule: .none)
    static let uk = GenZone(standard: 0, rule: .eu)
    static let centralEurope = GenZone(standard: 60, rule: .eu)
    static let sydney = GenZone(standard: 600, rule: .au)
    static let usPacific = GenZone(standard: -480, rule: .us)
    static let usEastern = GenZone(standard: -300, rule: .us)

    /// The offset in minutes at the instant `t` (Unix seconds).
    func offset(at t: Int64) -> Int {
        switch rule {
        case .none: return standard
        case .eu:
            let y = GenTime.year(of: t)
            let start = Int64(GenTime.lastSunday(year: y, month: 3)) * 86400 + 3600
            let end = Int64(GenTime.lastSunday(year: y, month: 10)) * 86400 + 3600
            return t >= start && t < end ? standard + 60 : standard
        case .us:
            let y = GenTime.year(of: t)
            let start = Int64(GenTime.nthSunday(year: y, month: 3, n: 2)) * 86400 + 7200 - Int64(standard) * 60
            let end = Int64(GenTime.nthSunday(year: y, month: 11, n: 1)) * 86400 + 7200 - Int64(standard + 60) * 60
            return t >= start && t < end ? standard + 60 : standard
        case .au:
            let y = GenTime.year(of: t)
            let end = Int64(GenTime.nthSunday(year: y, month: 4, n: 1)) * 86400 + 3 * 3600 - Int64(standard + 60) * 60
            let start = Int64(GenTime.nthSunday(year: y, month: 10, n: 1)) * 86400 + 2 * 3600 - Int64(standard) * 60
            return t < end || t >= start ? standard + 60 : standard
        }
    }

    /// The instant of a wall-clock time in this zone: `day` is days since 1970-01-01 (local).
    func instant(day: Int, minuteOfDay: Int) -> Int64 {
        let local = Int64(day) * 86400 + Int64(minuteOfDay) * 60
        let guess = local - Int64(standard) * 60
        return local - Int64(offset(at: guess)) * 60
    }

    /// The local day number and minute of the day at `t`.
    func local(_ t: Int64) -> (day: Int, minute: Int) {
        let l = t + Int64(offset(at: t)) * 60
        let day = Int(l >= 0 ? l / 86400 : (l - 86399) / 86400)
        return (day, Int((l - Int64(day) * 86400) / 60))
    }
}

enum GenTime {
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) { Timestamp.civilFromDays(days) }

    /// 0 = Sunday.
    static func weekday(_ days: Int) -> Int { ((days + 4) % 7 + 7) % 7 }

    static func year(of t: Int64) -> Int { civil(Int(t >= 0 ? t / 86400 : (t - 86399) / 86400)).year }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func lastSunday(year: Int, month: Int) -> Int {
        let last = daysFromCivil(year, month, daysIn(month: month, year: year))
        return last - weekday(last)
    }

    static func nthSunday(year: Int, month: Int, n: Int) -> Int {
        let first = daysFromCivil(year, month, 1)
        return first + (7 - weekday(first)) % 7 + 7 * (n - 1)
    }

    private static let digits: [UInt8] = Array("0123456789".utf8)

    /// Appends `2026-11-22T08:00:00+08:00` for the instant `t` in `zone`.
    static func appendTimestamp(_ t: Int64, _ zone: GenZone, to out: inout [UInt8]) {
        let off = zone.offset(at: t)
        let l = t + Int64(off) * 60
        let day = Int(l >= 0 ? l / 86400 : (l - 86399) / 86400)
        let sec = Int(l - Int64(day) * 86400)
        let (y, m, d) = civil(day)
        func two(_ v: Int) { out.append(digits[v / 10]); out.append(digits[v % 10]) }
        two(y / 100); two(y % 100)
        out.append(UInt8(ascii: "-")); two(m); out.append(UInt8(ascii: "-")); two(d)
        out.append(UInt8(ascii: "T")); two(sec / 3600); out.append(UInt8(ascii: ":")); two(sec / 60 % 60)
        out.append(UInt8(ascii: ":")); two(sec % 60)
        out.append(off < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        two(abs(off) / 60); out.append(UInt8(ascii: ":")); two(abs(off) % 60)
    }

    static func timestamp(_ t: Int64, _ zone: GenZone) -> String {
        var b: [UInt8] = []
        b.reserveCapacity(25)
        appendTimestamp(t, zone, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    // MARK: - Times inside text

    // Texts name times as placeholders (`{{time:ISO|format}}`, Docs/import-format.md), filled at
    // import with the same time shift as the time fields: the demo moved to today still says the
    // date its orders say.

    static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `{{time:2026-11-22T13:25:00+08:00|HH:mm}}`, shown as `13:25`.
    static func placeholder(_ t: Int64, _ zone: GenZone, _ format: String) -> String {
        "{{time:" + timestamp(t, zone) + "|" + format + "}}"
    }

    /// `13:25`
    static func clock(_ t: Int64, _ zone: GenZone) -> String { placeholder(t, zone, "HH:mm") }

    /// `11月22日` or `22 Nov`.
    static func date(_ t: Int64, _ zone: GenZone, zh: Bool) -> String { placeholder(t, zone, zh ? "M月d日" : "d MMM") }

    /// `11月22日 13:25` or `22 Nov 13:25`.
    static func dateClock(_ t: Int64, _ zone: GenZone, zh: Bool) -> String { placeholder(t, zone, zh ? "M月d日 HH:mm" : "d MMM HH:mm") }

    /// `周一` or `Monday`.
    static func weekday(_ t: Int64, _ zone: GenZone, zh: Bool) -> String { placeholder(t, zone, zh ? "周E" : "EEEE") }
}
