import Foundation

/// The closed list of names a template may use. Anything else is a lint error
/// (Docs/templates.md prints this list).
public enum TemplateNames {
    public enum Kind: String, Sendable, Codable {
        /// Text to insert: `{{order.flight.number}}`; also usable as a section (shown when present).
        case value
        /// A condition, only usable as a section: `{{#order.car}}…{{/order.car}}`.
        case flag
    }

    public struct Info: Sendable, Equatable {
        public var name: String
        public var kind: Kind
        /// What it holds, for the docs and the lint message.
        public var meaning: String
        /// What it renders as in English and Chinese for the sample ticket.
        public var exampleEN: String
        public var exampleZH: String
    }

    public static let all: [Info] = [
        Info(name: "customer.name", kind: .value, meaning: "the customer's name as the directory has it", exampleEN: "Li Na", exampleZH: "李娜"),
        Info(name: "customer.tier", kind: .value, meaning: "member tier, in the reply's language", exampleEN: "Black Card member", exampleZH: "黑卡会员"),
        Info(name: "customer.black_card", kind: .flag, meaning: "the customer is a black-card member", exampleEN: "", exampleZH: ""),
        Info(name: "customer.complained_before", kind: .flag, meaning: "the customer has complained before (expect an upset customer)", exampleEN: "", exampleZH: ""),
        Info(name: "agent.name", kind: .value, meaning: "the replying agent's name", exampleEN: "Chen Jie", exampleZH: "陈洁"),
        Info(name: "ticket.id", kind: .value, meaning: "the ticket's reference, for the customer to quote", exampleEN: "HD-1042", exampleZH: "HD-1042"),
        Info(name: "ticket.subject", kind: .value, meaning: "the ticket's subject line", exampleEN: "Flight delayed, hotel tonight", exampleZH: "航班延误，今晚酒店"),
        Info(name: "ticket.created", kind: .value, meaning: "when the customer got in touch (date and time)", exampleEN: "21 Nov 22:10", exampleZH: "11月21日 22:10"),
        Info(name: "ticket.reply_due", kind: .value, meaning: "the ticket's service-level due time (date and time)", exampleEN: "21 Nov 22:40", exampleZH: "11月21日 22:40"),
        Info(name: "order.id", kind: .value, meaning: "the ticket's main order: the first linked order of the ticket's product", exampleEN: "FL-88231", exampleZH: "FL-88231"),

        Info(name: "order.flight", kind: .flag, meaning: "the trip has a flight order", exampleEN: "", exampleZH: ""),
        Info(name: "order.flight.id", kind: .value, meaning: "the flight order's number", exampleEN: "FL-88231", exampleZH: "FL-88231"),
        Info(name: "order.flight.carrier", kind: .value, meaning: "the airline's name (code when unknown)", exampleEN: "China Eastern", exampleZH: "东方航空"),
        Info(name: "order.flight.number", kind: .value, meaning: "the flight number", exampleEN: "MU5101", exampleZH: "MU5101"),
        Info(name: "order.flight.origin", kind: .value, meaning: "departure airport, name and code", exampleEN: "Beijing Capital (PEK)", exampleZH: "北京首都（PEK）"),
        Info(name: "order.flight.destination", kind: .value, meaning: "arrival airport, name and code", exampleEN: "Shanghai Hongqiao (SHA)", exampleZH: "上海虹桥（SHA）"),
        Info(name: "order.flight.route", kind: .value, meaning: "origin and destination codes", exampleEN: "PEK→SHA", exampleZH: "PEK→SHA"),
        Info(name: "order.flight.departure", kind: .value, meaning: "scheduled departure (date and time)", exampleEN: "22 Nov 08:30", exampleZH: "11月22日 08:30"),
        Info(name: "order.flight.departure_date", kind: .value, meaning: "departure date", exampleEN: "22 Nov", exampleZH: "11月22日"),
        Info(name: "order.flight.arrival", kind: .value, meaning: "scheduled arrival (date and time)", exampleEN: "22 Nov 10:45", exampleZH: "11月22日 10:45"),
        Info(name: "order.flight.pnr", kind: .value, meaning: "the airline booking reference", exampleEN: "KX7Q2M", exampleZH: "KX7Q2M"),
        Info(name: "order.flight.status", kind: .value, meaning: "the flight order's status, in the reply's language", exampleEN: "delayed", exampleZH: "延误"),
        Info(name: "order.flight.flown", kind: .flag, meaning: "the flight the reply speaks of has already flown (never ask it to move)", exampleEN: "", exampleZH: ""),

        Info(name: "order.hotel", kind: .flag, meaning: "the trip has a hotel order", exampleEN: "", exampleZH: ""),
        Info(name: "order.hotel.id", kind: .value, meaning: "the hotel order's number", exampleEN: "HT-55102", exampleZH: "HT-55102"),
        Info(name: "order.hotel.name", kind: .value, meaning: "the hotel's name", exampleEN: "Hilton Shanghai Hongqiao", exampleZH: "Hilton Shanghai Hongqiao"),
        Info(name: "order.hotel.city", kind: .value, meaning: "the hotel's city", exampleEN: "Shanghai", exampleZH: "Shanghai"),
        Info(name: "order.hotel.checkin", kind: .value, meaning: "check-in date", exampleEN: "22 Nov", exampleZH: "11月22日"),
        Info(name: "order.hotel.checkout", kind: .value, meaning: "check-out date", exampleEN: "24 Nov", exampleZH: "11月24日"),
        Info(name: "order.hotel.nights", kind: .value, meaning: "number of nights", exampleEN: "2", exampleZH: "2"),
        Info(name: "order.hotel.room", kind: .value, meaning: "the room type booked", exampleEN: "King Deluxe", exampleZH: "King Deluxe"),
        Info(name: "order.hotel.status", kind: .value, meaning: "the hotel order's status, in the reply's language", exampleEN: "confirmed", exampleZH: "已确认"),
        Info(name: "order.hotel.held", kind: .flag, meaning: "the record shows the hotel confirmed the room since the trouble began (order event, supplier's reply or staff note)", exampleEN: "", exampleZH: ""),

        Info(name: "order.car", kind: .flag, meaning: "the trip has a car-rental order", exampleEN: "", exampleZH: ""),
        Info(name: "order.car.id", kind: .value, meaning: "the car order's number", exampleEN: "CR-30417", exampleZH: "CR-30417"),
        Info(name: "order.car.company", kind: .value, meaning: "the rental company", exampleEN: "Hertz", exampleZH: "Hertz"),
        Info(name: "order.car.pickup_place", kind: .value, meaning: "where the car is picked up", exampleEN: "Hongqiao Airport T2", exampleZH: "Hongqiao Airport T2"),
        Info(name: "order.car.pickup_time", kind: .value, meaning: "pick-up (date and time)", exampleEN: "22 Nov 11:30", exampleZH: "11月22日 11:30"),
        Info(name: "order.car.return_place", kind: .value, meaning: "where the car is returned", exampleEN: "Pudong Airport T2", exampleZH: "Pudong Airport T2"),
        Info(name: "order.car.return_time", kind: .value, meaning: "return (date and time)", exampleEN: "24 Nov 18:00", exampleZH: "11月24日 18:00"),
        Info(name: "order.car.status", kind: .value, meaning: "the car order's status, in the reply's language", exampleEN: "booked", exampleZH: "已预订"),
        Info(name: "order.car.moved", kind: .flag, meaning: "the record shows the car booking was changed since the trouble began (order event, supplier's reply or staff note)", exampleEN: "", exampleZH: ""),
        Info(name: "order.refunded", kind: .flag, meaning: "the record shows a refund of a trip order (order status or event, supplier's reply or staff note)", exampleEN: "", exampleZH: ""),
    ]

    private static let byName: [String: Info] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func info(_ name: String) -> Info? { byName[name] }
    public static func isKnown(_ name: String) -> Bool { byName[name] != nil }

    /// Lower-case ASCII words (letters, digits, `_`) joined by single dots.
    public static func isWellFormed(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        var wordStart = true
        for u in name.utf8 {
            switch u {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): wordStart = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): if wordStart { return false }
            case UInt8(ascii: "."): if wordStart { return false }; wordStart = true
            default: return false
            }
        }
        return !wordStart
    }

    /// The known name closest to `name` (edit distance at most 3), for "did you mean".
    public static func nearest(to name: String) -> String? {
        var best: (String, Int)? = nil
        for info in all {
            let d = editDistance(Array(name.utf8), Array(info.name.utf8))
            if d <= 3, best == nil || d < best!.1 { best = (info.name, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
