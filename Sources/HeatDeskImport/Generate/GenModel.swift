/// What the generator plans for one customer before writing it: small, thrown away after.

struct GenCustomer {
    var id: String
    var zh: Bool
    var name: String
    /// Family name (Chinese) or last name, for addressing: 张先生, Ms Carter.
    var family: String
    var given: String
    var male: Bool
    /// "1"..."5" or "black".
    var tier: String
    var phone: String?
    var email: String?
    var flags: [String] = []

    var tierRank: Int { tier == "black" ? 6 : Int(tier) ?? 1 }
    var isBlack: Bool { tier == "black" }

    /// 张先生 / Mr Carter
    var address: String {
        zh ? family + (male ? "先生" : "女士") : (male ? "Mr " : "Ms ") + family
    }

    /// 黑卡会员 / 4星会员 / black card member / 4-star member
    var tierLabel: String {
        if zh { return isBlack ? "黑卡会员" : "\(tier)星会员" }
        return isBlack ? "black card member" : "\(tier)-star member"
    }

    mutating func flag(_ f: String) { if !flags.contains(f) { flags.append(f) } }
}

struct GenEvent {
    var at: Int64
    var kind: String
    var detail: String
}

struct GenFlight {
    var carrier: Int
    var number: String
    var origin: Int
    var destination: Int
    var departure: Int64
    var arrival: Int64
    var pnr: String
    var originZone: GenZone { GenCatalog.cities[GenCatalog.airports[origin].city].zone }
    var destinationZone: GenZone { GenCatalog.cities[GenCatalog.airports[destination].city].zone }
    var international: Bool {
        !(GenCatalog.isMainland(origin) && GenCatalog.isMainland(destination))
    }
}

struct GenHotel {
    var city: Int
    var hotel: Int
    var checkIn: Int64
    var checkOut: Int64
    var room: String
    var nights: Int
    var zone: GenZone { GenCatalog.cities[city].zone }
    var def: GenCatalog.Hotel { GenCatalog.cities[city].hotels[hotel] }
}

struct GenCar {
    var city: Int
    var company: Int
    var model: String
    var pickupPlace: String
    var pickupAt: Int64
    var returnPlace: String
    var returnAt: Int64
    var zone: GenZone { GenCatalog.cities[city].zone }
}

enum GenProduct: String { case flight, hotel, car, vacation, other }

struct GenOrder {
    var number: Int
    var product: GenProduct
    var status: String = "confirmed"
    var bookedAt: Int64
    var flight: GenFlight?
    var hotel: GenHotel?
    var car: GenCar?
    var events: [GenEvent] = []
    /// Set once a scenario has rewritten the trail, so two stories do not fight over one order.
    var touched = false

    var id: String {
        let prefix: String
        switch product {
        case .flight: prefix = "FL-"
        case .hotel: prefix = "HT-"
        case .car: prefix = "CR-"
        default: prefix = "OT-"
        }
        return prefix + GenFormat.padded(number, 8)
    }

    /// When the service starts: departure, check-in, pick-up.
    var start: Int64 { flight?.departure ?? hotel?.checkIn ?? car?.pickupAt ?? bookedAt }
    var end: Int64 { flight?.arrival ?? hotel?.checkOut ?? car?.returnAt ?? bookedAt }
}

struct GenMessage {
    var at: Int64
    var author: String
    var authorID: String?
    var isInternal = false
    var body: String
}

struct GenTicket {
    var createdAt: Int64
    var channel: String
    var product: GenProduct
    var category: String
    var priority: String
    var status: String = "resolved"
    var orders: [Int] = []
    var subject: String
    var message: String
    var botSummary: String = ""
    var slaDue: Int64?
    var agent: String?
    var firstResponse: Int64?
    var resolvedAt: Int64?
    var disposition: String?
    var messages: [GenMessage] = []
}

enum GenFormat {
    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Money in the customer's language: `¥1,968` / `CNY 1,968`.
    static func money(_ amount: Int, zh: Bool) -> String {
        var digits = String(amount)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        out = digits + out
        return zh ? "¥\(out)" : "CNY \(out)"
    }

    static func hours(_ minutes: Int, zh: Bool) -> String {
        let h = minutes / 60, m = minutes % 60
        if zh { return m == 0 ? "\(h)小时" : "\(h)小时\(m)分钟" }
        return m == 0 ? "\(h)h" : "\(h)h\(GenTime.pad(m))"
    }
}

// MARK: - The directory: agents, supervisors, supplier contacts

struct GenAgent {
    var id: String
    var name: String
    var role: String
    var skills: [GenProduct]
    var languages: [String]
    var center: String
    var supplierID: String?
}

struct GenDirectory {
    let agents: [GenAgent]
    /// [product][0 zh / 1 en] → agent indices (role agent only).
    private let byProduct: [[[Int]]]
    let supervisors: [Int]
    /// Supplier index → supplier-contact agent indices.
    let contacts: [[Int]]

    static let products: [GenProduct] = [.flight, .hotel, .car, .vacation, .other]

    init(extraAgents: Int, seed: UInt64) {
        func a(_ id: String, _ name: String, _ skills: [GenProduct], _ langs: [String], _ center: String) -> GenAgent {
            GenAgent(id: id, name: name, role: "agent", skills: skills, languages: langs, center: center)
        }
        var list: [GenAgent] = [
            a("AG-001", "王晓雨", [.flight], ["zh"], "南通"),
            a("AG-002", "李明轩", [.flight, .hotel], ["zh", "en"], "上海"),
            a("AG-003", "陈思琪", [.hotel], ["zh"], "南通"),
            a("AG-004", "刘子豪", [.flight, .car], ["zh"], "成都"),
            a("AG-005", "周婷", [.hotel, .car], ["zh", "en"], "上海"),
            a("AG-006", "Daniel Lim", [.flight, .hotel, .car], ["en", "zh"], "Singapore"),
            a("AG-007", "Priya Nair", [.hotel, .vacation], ["en"], "Singapore"),
            a("AG-008", "孙浩然", [.flight, .other], ["zh", "en"], "南通"),
            a("AG-009", "Emma Walsh", [.flight, .car, .other], ["en"], "Edinburgh"),
            a("AG-010", "吴佳怡", [.vacation, .hotel], ["zh"], "成都"),
            a("AG-011", "Aiko Sato", [.hotel, .flight], ["ja", "en", "zh"], "Tokyo"),
            a("AG-012", "郑凯", [.car], ["zh"], "成都"),
            a("AG-013", "黄诗涵", [.flight, .hotel, .car], ["zh", "en"], "上海"),
            a("AG-014", "Lukas Becker", [.car, .hotel], ["en", "de"], "Edinburgh"),
            a("AG-015", "马欣", [.other, .flight, .hotel], ["zh", "en"], "南通"),
        ]
        // Large data sets get a staff to match; names and skills from the agent's own stream.
        let centersZh = ["南通", "上海", "成都", "南通", "上海"], centersEn = ["Singapore", "Edinburgh", "Tokyo"]
        for i in 0..<extraAgents {
            var r = GenRandom(seed: seed, stream: 3, index: UInt64(i))
            let n = 16 + i
            let en = r.percent(25)
            let name: String
            if en {
                name = r.pick(r.percent(50) ? GenCatalog.firstMale : GenCatalog.firstFemale) + " " + r.pick(GenCatalog.lastNames)
            } else {
                name = r.pick(GenCatalog.surnames).0 + r.pick(r.percent(50) ? GenCatalog.givenMale : GenCatalog.givenFemale)
            }
            var skills: [GenProduct] = []
            let shapes: [[GenProduct]] = [[.flight], [.hotel], [.car], [.flight, .hotel], [.hotel, .car],
                                          [.flight, .car], [.flight, .hotel, .car], [.vacation, .hotel], [.other, .flight]]
            skills = shapes[r.weighted([20, 20, 8, 15, 8, 6, 12, 5, 6])]
            let langs = en ? ["en", "zh"].prefix(r.percent(40) ? 2 : 1).map { $0 } : (r.percent(45) ? ["zh", "en"] : ["zh"])
            list.append(a("AG-" + GenFormat.padded(n, 3), name, skills, langs, en ? r.pick(centersEn) : r.pick(centersZh)))
        }
        let firstSupervisor = list.count
        list.append(GenAgent(id: "SV-01", name: "赵雪梅", role: "supervisor", skills: [.flight, .hotel, .car, .vacation, .other],
                             languages: ["zh", "en"], center: "南通"))
        list.append(GenAgent(id: "SV-02", name: "Oliver Grant", role: "supervisor", skills: [.flight, .hotel, .car, .vacation, .other],
                             languages: ["en", "zh"], center: "Singapore"))
        let firstContact = list.count
        func c(_ id: String, _ name: String, _ supplier: Int, _ langs: [String]) -> GenAgent {
            let s = GenCatalog.suppliers[supplier]
            return GenAgent(id: id, name: name, role: "supplier", skills: [GenProduct(rawValue: s.product)!],
                            languages: langs, center: "", supplierID: s.id)
        }
        list += [
            c("SC-01", "王磊（国航地面服务部）", GenCatalog.supCA, ["zh", "en"]),
            c("SC-02", "陈丽华（东航客户服务）", GenCatalog.supMU, ["zh", "en"]),
            c("SC-03", "Yuki Tanaka (Hilton APAC Reservations)", GenCatalog.supHilton, ["ja", "en"]),
            c("SC-04", "钱伟（上海外滩华尔道夫酒店前台）", GenCatalog.supHilton, ["zh", "en"]),
            c("SC-05", "Emily Wong (Marriott Partner Care)", GenCatalog.supMarriott, ["en", "zh"]),
            c("SC-06", "Nicha Srisuk (Accor Asia Distribution)", GenCatalog.supAccor, ["en", "th"]),
            c("SC-07", "徐静（华住会员服务中心）", GenCatalog.supHWorld, ["zh"]),
            c("SC-08", "刘强（神州租车三亚凤凰机场店）", GenCatalog.supZuche, ["zh"]),
            c("SC-09", "杨帆（一嗨租车门店运营）", GenCatalog.supEhi, ["zh", "en"]),
            c("SC-10", "Marc Dubois (Hertz Europe Partner Desk)", GenCatalog.supHertz, ["en", "fr"]),
            c("SC-11", "Anna Weber (Sixt Frankfurt Airport)", GenCatalog.supSixt, ["en", "de"]),
        ]
        agents = list
        supervisors = [firstSupervisor, firstSupervisor + 1]
        var contacts = Array(repeating: [Int](), count: GenCatalog.suppliers.count)
        for i in firstContact..<list.count {
            if let s = GenCatalog.suppliers.firstIndex(where: { $0.id == list[i].supplierID }) { contacts[s].append(i) }
        }
        self.contacts = contacts
        var by = Array(repeating: Array(repeating: [Int](), count: 2), count: GenDirectory.products.count)
        for (i, ag) in list.enumerated() where ag.role == "agent" {
            for (p, product) in GenDirectory.products.enumerated() where ag.skills.contains(product) {
                if ag.languages.contains("zh") { by[p][0].append(i) }
                if ag.languages.contains("en") { by[p][1].append(i) }
            }
        }
        byProduct = by
    }

    /// An agent who works `product` in the customer's language.
    func agent(for product: GenProduct, zh: Bool, _ r: inout GenRandom) -> GenAgent {
        let p = GenDirectory.products.firstIndex(of: product) ?? 0
        let list = byProduct[p][zh ? 0 : 1]
        return agents[list.isEmpty ? 0 : r.pick(list)]
    }

    /// A colleague from another product desk who speaks the language.
    func colleague(for product: GenProduct, zh: Bool, not id: String?, _ r: inout GenRandom) -> GenAgent {
        for _ in 0..<4 {
            let a = agent(for: product, zh: zh, &r)
            if a.id != id { return a }
        }
        return agent(for: product, zh: zh, &r)
    }

    func supervisor(zh: Bool) -> GenAgent { agents[supervisors[zh ? 0 : 1]] }

    func contact(supplier: Int?) -> GenAgent? {
        guard let s = supplier, let first = contacts[s].first else { return nil }
        return agents[first]
    }

    func agent(id: String) -> GenAgent? { agents.first { $0.id == id } }
}
