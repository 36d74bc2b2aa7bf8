import Foundation

/// A value as each reply language writes it.
public struct LocalizedText: Equatable, Sendable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) { self.zh = zh; self.en = en }
    public init(_ both: String) { zh = both; en = both }
    public subscript(_ language: ReplyLanguage) -> String { language == .zh ? zh : en }
}

/// What a template can say about one ticket: the values behind the names of `TemplateNames`,
/// already sanitized and formatted for both languages, plus the facts the HEAT checker needs
/// (what the ticket already knows, the customer's language). Build it once per ticket.
public struct TemplateContext: Sendable, Equatable {
    /// Values by name; a name that is absent (or was empty) is missing.
    public private(set) var values: [String: LocalizedText] = [:]
    /// Conditions that hold (`order.car`, `customer.complained_before`…).
    public private(set) var flags: Set<String> = []

    /// The customer's name, if known (the checker looks for it in the greeting).
    public var customerName: String?
    /// The language replies to this customer must be in; nil when not known.
    public var customerLanguage: ReplyLanguage?
    /// Products with a linked order: asking for their order number, flight or dates is asking
    /// for what the ticket knows.
    public var linkedProducts: Set<Product> = []
    /// Codes the customer has seen (order numbers, flight numbers, PNRs, airport and airline
    /// codes, the ticket id): they are not "unexplained internal codes".
    public var knownCodes: Set<String> = []
    public var now: Date
    public var timeZone: TimeZone

    /// An empty context: every name missing. Fill it with `set`.
    public init(now: Date = Date(), timeZone: TimeZone = TemplateContext.defaultTimeZone) {
        self.now = now; self.timeZone = timeZone
    }

    /// China Standard Time: the centers' clock; flight times in the order data are shown in it.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// Which order each product's names speak of, and why (`OrderChoice`); a product the trip
    /// has no order of is absent. An `undecided` product's names are missing: asked, not guessed.
    public private(set) var orderChoices: [Product: OrderChoice] = [:]

    /// The context of one ticket. `orders` is the trip (the linked orders and the customer's
    /// others around them); `messages` the conversation, where suppliers' replies and staff notes
    /// may record facts (`RecordFact`). For each product the names speak of one order, chosen by
    /// `OrderChoice.choose`: the one the ticket names, else the disrupted one, else the next not
    /// yet flown; when it cannot tell, that product's values stay missing.
    public init(ticket: Ticket, customer: Customer?, orders: [Order], agent: Agent?, messages: [Message] = [],
                now: Date = Date(), timeZone: TimeZone = TemplateContext.defaultTimeZone) {
        self.init(now: now, timeZone: timeZone)
        if let customer {
            set("customer.name", customer.name)
            customerName = ValueSanitizer.clean(customer.name)
            if customerName?.isEmpty == true { customerName = nil }
            customerLanguage = ReplyLanguage(code: customer.language)
            set("customer.tier", TemplateContext.tierText(customer.tier))
            if customer.tier == .blackCard { setFlag("customer.black_card") }
            if customer.flags.contains(.complainedBefore) { setFlag("customer.complained_before") }
        }
        if let agent { set("agent.name", agent.name) }
        set("ticket.id", ticket.key.description)
        knownCodes.insert(ticket.key.externalID)
        set("ticket.subject", ticket.subject)
        set("ticket.created", dateTime(ticket.createdAt))
        set("ticket.reply_due", dateTime(ticket.slaDueAt))

        let linked = ticket.orderIDs.isEmpty ? orders : orders.filter { ticket.orderIDs.contains($0.id) }
        for order in linked { linkedProducts.insert(order.product) }
        for order in orders {
            knownCodes.insert(order.id)
            if case .flight(let f) = order.detail {
                knownCodes.formUnion([f.number, f.carrier, f.origin, f.destination])
                if let pnr = f.pnr { knownCodes.insert(pnr) }
            }
        }
        // The ticket's own words: what it names decides between orders of one product.
        var words = [ticket.subject, ticket.botSummary]
        words += messages.filter { $0.authorKind == .customer || $0.authorKind == .bot }.map(\.body)
        let ticketText = words.joined(separator: "\n")
        let linkedIDs = ticket.orderIDs.isEmpty ? orders.map(\.id) : ticket.orderIDs
        var chosen: [Product: Order] = [:]
        for product in [Product.flight, .hotel, .car] {
            guard let choice = OrderChoice.choose(product, trip: orders, linkedIDs: linkedIDs, ticketText: ticketText, now: now) else { continue }
            orderChoices[product] = choice
            // The trip has such an order even when the reply cannot tell which: sections show and
            // their values are asked for.
            setFlag("order." + product.rawValue)
            if let id = choice.orderID, let order = orders.first(where: { $0.id == id }) { chosen[product] = order }
        }
        // The ticket's main order: the chosen one of its product when it links one, else of its
        // first linked order's product (an SOS ticket linking the trip speaks of its flight).
        let mainProduct = linked.contains { $0.product == ticket.product } ? ticket.product : linked.first?.product
        if let p = mainProduct, let main = chosen[p] { set("order.id", main.id) }
        for fact in RecordFact.facts(ticket: ticket, trip: orders, messages: messages) { setFlag(fact.rawValue) }

        for (_, order) in chosen.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let status = TemplateContext.statusText(order.status)
            switch order.detail {
            case .flight(let f):
                set("order.flight.id", order.id)
                if OrderChoice.isOver(order, now: now) { setFlag("order.flight.flown") }
                set("order.flight.carrier", TemplateContext.carrierName(f.carrier))
                set("order.flight.number", f.number)
                set("order.flight.origin", TemplateContext.airportName(f.origin))
                set("order.flight.destination", TemplateContext.airportName(f.destination))
                set("order.flight.route", "\(f.origin)→\(f.destination)")
                set("order.flight.departure", dateTime(f.departure))
                set("order.flight.departure_date", date(f.departure))
                set("order.flight.arrival", dateTime(f.arrival))
                if let pnr = f.pnr { set("order.flight.pnr", pnr) }
                set("order.flight.status", status)
            case .hotel(let h):
                set("order.hotel.id", order.id)
                set("order.hotel.name", h.name)
                set("order.hotel.city", h.city)
                set("order.hotel.checkin", date(h.checkIn))
                set("order.hotel.checkout", date(h.checkOut))
                let nights = Int((h.checkOut.timeIntervalSince(h.checkIn) / 86400).rounded())
                if nights > 0 { set("order.hotel.nights", "\(nights)") }
                if let room = h.room { set("order.hotel.room", room) }
                set("order.hotel.status", status)
            case .car(let c):
                set("order.car.id", order.id)
                set("order.car.company", c.company)
                set("order.car.pickup_place", c.pickupPlace)
                set("order.car.pickup_time", dateTime(c.pickupAt))
                set("order.car.return_place", c.returnPlace)
                set("order.car.return_time", dateTime(c.returnAt))
                set("order.car.status", status)
            case .other:
                break
            }
        }
    }

    // MARK: Values

    /// Sets a value the same in both languages (sanitized); an empty value counts as missing.
    public mutating func set(_ name: String, _ raw: String) { set(name, LocalizedText(raw)) }

    public mutating func set(_ name: String, _ text: LocalizedText) {
        let clean = LocalizedText(zh: ValueSanitizer.clean(text.zh), en: ValueSanitizer.clean(text.en))
        if clean.zh.isEmpty && clean.en.isEmpty { values[name] = nil } else { values[name] = clean }
    }

    public mutating func setFlag(_ name: String, _ on: Bool = true) {
        if on { flags.insert(name) } else { flags.remove(name) }
    }

    public mutating func remove(_ name: String) { values[name] = nil; flags.remove(name) }

    /// The value of `name` in `language`, nil when missing.
    public func value(_ name: String, _ language: ReplyLanguage) -> String? { values[name]?[language] }

    /// A section's condition: a flag that holds, or a value that is present.
    public func isPresent(_ name: String) -> Bool { flags.contains(name) || values[name] != nil }

    // MARK: Formatting

    /// `11月22日 08:30` / `22 Nov 08:30`, in the context's time zone.
    public func dateTime(_ d: Date) -> LocalizedText {
        let (_, m, day, hh, mm) = parts(d)
        let time = TemplateContext.two(hh) + ":" + TemplateContext.two(mm)
        return LocalizedText(zh: "\(m)月\(day)日 \(time)", en: "\(day) \(TemplateContext.months[m - 1]) \(time)")
    }

    /// `11月22日` / `22 Nov`.
    public func date(_ d: Date) -> LocalizedText {
        let (_, m, day, _, _) = parts(d)
        return LocalizedText(zh: "\(m)月\(day)日", en: "\(day) \(TemplateContext.months[m - 1])")
    }

    private func parts(_ d: Date) -> (Int, Int, Int, Int, Int) {
        let secs = Int(d.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: d)
        var days = secs / 86400, rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, day) = Timestamp.civilFromDays(days)
        return (y, m, day, rem / 3600, rem / 60 % 60)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    public static func tierText(_ tier: MemberTier) -> LocalizedText {
        switch tier {
        case .blackCard: return LocalizedText(zh: "黑卡会员", en: "Black Card member")
        default:
            let zhDigits = ["一", "二", "三", "四", "五"]
            return LocalizedText(zh: "\(zhDigits[tier.rank])星会员", en: "\(tier.rank + 1)-star member")
        }
    }

    public static func statusText(_ status: OrderStatus) -> LocalizedText {
        switch status {
        case .booked: return LocalizedText(zh: "已预订", en: "booked")
        case .confirmed: return LocalizedText(zh: "已确认", en: "confirmed")
        case .changed: return LocalizedText(zh: "已变更", en: "changed")
        case .delayed: return LocalizedText(zh: "延误", en: "delayed")
        case .cancelled: return LocalizedText(zh: "已取消", en: "cancelled")
        case .refunded: return LocalizedText(zh: "已退款", en: "refunded")
        case .completed: return LocalizedText(zh: "已完成", en: "completed")
        }
    }

    /// `PEK` → `北京首都（PEK）` / `Beijing Capital (PEK)`; unknown codes stay as they are.
    public static func airportName(_ code: String) -> LocalizedText {
        guard let (zh, en) = airports[code.uppercased()] else { return LocalizedText(code) }
        return LocalizedText(zh: "\(zh)（\(code.uppercased())）", en: "\(en) (\(code.uppercased()))")
    }

    /// `MU` → `东方航空` / `China Eastern`; a full name or an unknown code stays as it is.
    public static func carrierName(_ code: String) -> LocalizedText {
        guard let (zh, en) = carriers[code.uppercased()] else { return LocalizedText(code) }
        return LocalizedText(zh: zh, en: en)
    }

    static let airports: [String: (String, String)] = [
        "PEK": ("北京首都", "Beijing Capital"), "PKX": ("北京大兴", "Beijing Daxing"),
        "PVG": ("上海浦东", "Shanghai Pudong"), "SHA": ("上海虹桥", "Shanghai Hongqiao"),
        "CAN": ("广州白云", "Guangzhou Baiyun"), "SZX": ("深圳宝安", "Shenzhen Bao'an"),
        "CTU": ("成都双流", "Chengdu Shuangliu"), "TFU": ("成都天府", "Chengdu Tianfu"),
        "CKG": ("重庆江北", "Chongqing Jiangbei"), "KMG": ("昆明长水", "Kunming Changshui"),
        "XIY": ("西安咸阳", "Xi'an Xianyang"), "HGH": ("杭州萧山", "Hangzhou Xiaoshan"),
        "SYX": ("三亚凤凰", "Sanya Phoenix"), "XMN": ("厦门高崎", "Xiamen Gaoqi"),
        "HKG": ("香港", "Hong Kong"), "TPE": ("台北桃园", "Taipei Taoyuan"),
        "NRT": ("东京成田", "Tokyo Narita"), "HND": ("东京羽田", "Tokyo Haneda"),
        "KIX": ("大阪关西", "Osaka Kansai"), "ICN": ("首尔仁川", "Seoul Incheon"),
        "BKK": ("曼谷素万那普", "Bangkok Suvarnabhumi"), "SIN": ("新加坡樟宜", "Singapore Changi"),
        "KUL": ("吉隆坡", "Kuala Lumpur"), "DPS": ("巴厘岛", "Bali Denpasar"),
        "SYD": ("悉尼", "Sydney"), "LHR": ("伦敦希思罗", "London Heathrow"),
        "CDG": ("巴黎戴高乐", "Paris Charles de Gaulle"), "FRA": ("法兰克福", "Frankfurt"),
        "LAX": ("洛杉矶", "Los Angeles"), "JFK": ("纽约肯尼迪", "New York JFK"),
        "DXB": ("迪拜", "Dubai"),
    ]

    static let carriers: [String: (String, String)] = [
        "MU": ("东方航空", "China Eastern"), "CA": ("中国国航", "Air China"), "CZ": ("南方航空", "China Southern"),
        "HU": ("海南航空", "Hainan Airlines"), "3U": ("四川航空", "Sichuan Airlines"), "ZH": ("深圳航空", "Shenzhen Airlines"),
        "FM": ("上海航空", "Shanghai Airlines"), "MF": ("厦门航空", "Xiamen Airlines"), "HO": ("吉祥航空", "Juneyao Air"),
        "9C": ("春秋航空", "Spring Airlines"), "CX": ("国泰航空", "Cathay Pacific"), "SQ": ("新加坡航空", "Singapore Airlines"),
        "NH": ("全日空", "ANA"), "JL": ("日本航空", "Japan Airlines"), "KE": ("大韩航空", "Korean Air"),
        "TG": ("泰国国际航空", "Thai Airways"), "EK": ("阿联酋航空", "Emirates"), "LH": ("汉莎航空", "Lufthansa"),
        "BA": ("英国航空", "British Airways"), "AF": ("法国航空", "Air France"),
    ]
}
