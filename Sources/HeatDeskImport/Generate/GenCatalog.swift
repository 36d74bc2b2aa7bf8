/// The world the generated data lives in: real airports, airlines and cities, hotels of the
/// groups the suppliers stand for, the car-rental companies, and name pools.
enum GenCatalog {
    struct Airport {
        let code: String
        let zh: String
        let en: String
        let city: Int
    }

    struct City {
        let zh: String
        let en: String
        let zone: GenZone
        let domestic: Bool
        /// Typhoon season exposure: where a typhoon can cancel a trip.
        let coastal: Bool
        let hotels: [Hotel]
        let cars: [Int]
    }

    struct Hotel {
        let zh: String
        let en: String
        let supplier: Int
        let budget: Bool
    }

    struct Carrier {
        let code: String
        let zh: String
        let en: String
    }

    struct Route {
        let from: Int
        let to: Int
        let carriers: [Int]
        let minutes: Int
    }

    struct CarCompany {
        let zh: String
        let en: String
        /// Index into `suppliers`; nil for a company the platform has no partner desk with.
        let supplier: Int?
    }

    struct SupplierDef {
        let id: String
        let name: String
        let product: String
        let contact: String
        let languages: [String]
    }

    // MARK: Suppliers (exactly ten)

    static let supCA = 0, supMU = 1, supHilton = 2, supMarriott = 3, supAccor = 4, supHWorld = 5
    static let supZuche = 6, supEhi = 7, supHertz = 8, supSixt = 9

    static let suppliers: [SupplierDef] = [
        SupplierDef(id: "SUP-CA", name: "中国国际航空 Air China", product: "flight", contact: "partner-desk@airchina.example", languages: ["zh", "en"]),
        SupplierDef(id: "SUP-MU", name: "中国东方航空 China Eastern Airlines", product: "flight", contact: "ota-support@ceair.example", languages: ["zh", "en"]),
        SupplierDef(id: "SUP-HILTON", name: "希尔顿酒店集团 Hilton", product: "hotel", contact: "apac-reservations@hilton.example", languages: ["zh", "en", "ja"]),
        SupplierDef(id: "SUP-MARRIOTT", name: "万豪国际 Marriott International", product: "hotel", contact: "partner.care@marriott.example", languages: ["zh", "en"]),
        SupplierDef(id: "SUP-ACCOR", name: "雅高酒店集团 Accor", product: "hotel", contact: "distribution@accor.example", languages: ["en", "fr", "zh"]),
        SupplierDef(id: "SUP-HWORLD", name: "华住集团 H World", product: "hotel", contact: "ota@huazhu.example", languages: ["zh"]),
        SupplierDef(id: "SUP-ZUCHE", name: "神州租车 CAR Inc.", product: "car", contact: "store-ops@zuche.example", languages: ["zh"]),
        SupplierDef(id: "SUP-EHI", name: "一嗨租车 eHi Car Services", product: "car", contact: "partner@1hai.example", languages: ["zh", "en"]),
        SupplierDef(id: "SUP-HERTZ", name: "Hertz", product: "car", contact: "intl-partners@hertz.example", languages: ["en", "de", "fr", "ja"]),
        SupplierDef(id: "SUP-SIXT", name: "Sixt", product: "car", contact: "partner-service@sixt.example", languages: ["en", "de"]),
    ]

    // MARK: Car companies

    static let carZuche = 0, carEhi = 1, carHertz = 2, carSixt = 3, carAvis = 4
    static let carCompanies: [CarCompany] = [
        CarCompany(zh: "神州租车", en: "CAR Inc.", supplier: supZuche),
        CarCompany(zh: "一嗨租车", en: "eHi Car Services", supplier: supEhi),
        CarCompany(zh: "Hertz赫兹租车", en: "Hertz", supplier: supHertz),
        CarCompany(zh: "Sixt租车", en: "Sixt", supplier: supSixt),
        CarCompany(zh: "Avis安飞士", en: "Avis", supplier: nil),
    ]

    static let carModelsDomestic: [(String, String)] = [
        ("大众朗逸或同级", "VW Lavida or similar"), ("丰田凯美瑞或同级", "Toyota Camry or similar"),
        ("别克GL8或同级（7座）", "Buick GL8 or similar (7 seats)"), ("比亚迪汉EV或同级", "BYD Han EV or similar"),
        ("本田CR-V或同级", "Honda CR-V or similar"),
    ]
    static let carModelsIntl: [(String, String)] = [
        ("丰田卡罗拉或同级", "Toyota Corolla or similar"), ("大众高尔夫或同级", "VW Golf or similar"),
        ("宝马3系或同级", "BMW 3 Series or similar"), ("丰田RAV4或同级", "Toyota RAV4 or similar"),
        ("日产聆风EV或同级", "Nissan Leaf EV or similar"),
    ]

    // MARK: Carriers

    static let CA = 0, MU = 1, CZ = 2, HU = 3, CX = 4, SQ = 5, NH = 6, LH = 7, BA = 8, AF = 9, TG = 10, EK = 11
    static let carriers: [Carrier] = [
        Carrier(code: "CA", zh: "中国国际航空", en: "Air China"),
        Carrier(code: "MU", zh: "中国东方航空", en: "China Eastern Airlines"),
        Carrier(code: "CZ", zh: "中国南方航空", en: "China Southern Airlines"),
        Carrier(code: "HU", zh: "海南航空", en: "Hainan Airlines"),
        Carrier(code: "CX", zh: "国泰航空", en: "Cathay Pacific"),
        Carrier(code: "SQ", zh: "新加坡航空", en: "Singapore Airlines"),
        Carrier(code: "NH", zh: "全日空", en: "ANA"),
        Carrier(code: "LH", zh: "汉莎航空", en: "Lufthansa"),
        Carrier(code: "BA", zh: "英国航空", en: "British Airways"),
        Carrier(code: "AF", zh: "法国航空", en: "Air France"),
        Carrier(code: "TG", zh: "泰国国际航空", en: "Thai Airways"),
        Carrier(code: "EK", zh: "阿联酋航空", en: "Emirates"),
    ]

    // MARK: Cities and their hotels

    static let beijing = 0, shanghai = 1, guangzhou = 2, shenzhen = 3, chengdu = 4, hangzhou = 5, xian = 6
    static let kunming = 7, sanya = 8, hongKong = 9, tokyo = 10, osaka = 11, seoul = 12, bangkok = 13
    static let singapore = 14, london = 15, paris = 16, frankfurt = 17, sydney = 18, losAngeles = 19
    static let newYork = 20, dubai = 21

    private static func h(_ zh: String, _ en: String, _ s: Int, budget: Bool = false) -> Hotel {
        Hotel(zh: zh, en: en, supplier: s, budget: budget)
    }

    static let domesticCars = [carZuche, carEhi]
    static let intlCars = [carHertz, carSixt, carAvis]

    static let cities: [City] = [
        City(zh: "北京", en: "Beijing", zone: .china, domestic: true, coastal: false, hotels: [
            h("北京王府井希尔顿酒店", "Hilton Beijing Wangfujing", supHilton),
            h("北京JW万豪酒店", "JW Marriott Hotel Beijing", supMarriott),
            h("北京诺富特和平宾馆", "Novotel Beijing Peace", supAccor),
            h("全季酒店（北京王府井店）", "JI Hotel Beijing Wangfujing", supHWorld, budget: true),
            h("汉庭酒店（北京西站店）", "Hanting Hotel Beijing West Railway Station", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "上海", en: "Shanghai", zone: .china, domestic: true, coastal: true, hotels: [
            h("上海外滩华尔道夫酒店", "Waldorf Astoria Shanghai on the Bund", supHilton),
            h("上海浦东丽思卡尔顿酒店", "The Ritz-Carlton Shanghai, Pudong", supMarriott),
            h("上海静安铂尔曼酒店", "Pullman Shanghai Jing An", supAccor),
            h("全季酒店（上海人民广场店）", "JI Hotel Shanghai People's Square", supHWorld, budget: true),
            h("桔子水晶酒店（上海虹桥枢纽店）", "Crystal Orange Hotel Shanghai Hongqiao Hub", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "广州", en: "Guangzhou", zone: .china, domestic: true, coastal: true, hotels: [
            h("广州W酒店", "W Guangzhou", supMarriott),
            h("广州天河希尔顿逸林酒店", "DoubleTree by Hilton Guangzhou Tianhe", supHilton),
            h("全季酒店（广州北京路店）", "JI Hotel Guangzhou Beijing Road", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "深圳", en: "Shenzhen", zone: .china, domestic: true, coastal: true, hotels: [
            h("深圳JW万豪酒店", "JW Marriott Hotel Shenzhen", supMarriott),
            h("深圳蛇口希尔顿南海酒店", "Hilton Shenzhen Shekou Nanhai", supHilton),
            h("全季酒店（深圳会展中心店）", "JI Hotel Shenzhen Convention Center", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "成都", en: "Chengdu", zone: .china, domestic: true, coastal: false, hotels: [
            h("成都瑞吉酒店", "The St. Regis Chengdu", supMarriott),
            h("成都富力丽思卡尔顿酒店", "The Ritz-Carlton Chengdu", supMarriott),
            h("全季酒店（成都春熙路店）", "JI Hotel Chengdu Chunxi Road", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "杭州", en: "Hangzhou", zone: .china, domestic: true, coastal: true, hotels: [
            h("杭州JW万豪酒店", "JW Marriott Hotel Hangzhou", supMarriott),
            h("杭州西湖索菲特酒店", "Sofitel Hangzhou Westlake", supAccor),
            h("全季酒店（杭州西湖湖滨店）", "JI Hotel Hangzhou West Lake Hubin", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "西安", en: "Xi'an", zone: .china, domestic: true, coastal: false, hotels: [
            h("西安索菲特人民大厦", "Sofitel Xian on Renmin Square", supAccor),
            h("西安W酒店", "W Xi'an", supMarriott),
            h("全季酒店（西安钟楼店）", "JI Hotel Xi'an Bell Tower", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "昆明", en: "Kunming", zone: .china, domestic: true, coastal: false, hotels: [
            h("昆明万达文华酒店", "Wanda Vista Kunming", supMarriott),
            h("汉庭酒店（昆明翠湖店）", "Hanting Hotel Kunming Green Lake", supHWorld, budget: true),
        ], cars: domesticCars),
        City(zh: "三亚", en: "Sanya", zone: .china, domestic: true, coastal: true, hotels: [
            h("三亚海棠湾康莱德酒店", "Conrad Sanya Haitang Bay", supHilton),
            h("三亚亚龙湾万豪度假酒店", "Sanya Marriott Yalong Bay Resort & Spa", supMarriott),
            h("三亚湾美居酒店", "Mercure Sanya Bay", supAccor),
        ], cars: domesticCars),
        City(zh: "香港", en: "Hong Kong", zone: .china, domestic: false, coastal: true, hotels: [
            h("香港港丽酒店", "Conrad Hong Kong", supHilton),
            h("香港JW万豪酒店", "JW Marriott Hotel Hong Kong", supMarriott),
            h("香港九龙诺富特酒店", "Novotel Hong Kong Nathan Road Kowloon", supAccor),
        ], cars: [carHertz, carAvis]),
        City(zh: "东京", en: "Tokyo", zone: .japan, domestic: false, coastal: true, hotels: [
            h("东京希尔顿酒店", "Hilton Tokyo", supHilton),
            h("东京万豪酒店", "Tokyo Marriott Hotel", supMarriott),
            h("东京银座美居酒店", "Mercure Tokyo Ginza", supAccor),
        ], cars: [carHertz, carAvis]),
        City(zh: "大阪", en: "Osaka", zone: .japan, domestic: false, coastal: true, hotels: [
            h("大阪希尔顿酒店", "Hilton Osaka", supHilton),
            h("大阪万豪都酒店", "Osaka Marriott Miyako Hotel", supMarriott),
        ], cars: [carHertz, carAvis]),
        City(zh: "首尔", en: "Seoul", zone: .korea, domestic: false, coastal: false, hotels: [
            h("首尔汝矣岛康莱德酒店", "Conrad Seoul", supHilton),
            h("首尔东大门诺富特大使酒店", "Novotel Ambassador Seoul Dongdaemun", supAccor),
            h("首尔JW万豪东大门广场酒店", "JW Marriott Dongdaemun Square Seoul", supMarriott),
        ], cars: [carHertz, carAvis]),
        City(zh: "曼谷", en: "Bangkok", zone: .thailand, domestic: false, coastal: true, hotels: [
            h("曼谷康莱德酒店", "Conrad Bangkok", supHilton),
            h("曼谷JW万豪酒店", "JW Marriott Hotel Bangkok", supMarriott),
            h("曼谷素坤逸20诺富特酒店", "Novotel Bangkok Sukhumvit 20", supAccor),
        ], cars: [carHertz, carSixt, carAvis]),
        City(zh: "新加坡", en: "Singapore", zone: .singapore, domestic: false, coastal: true, hotels: [
            h("新加坡万豪酒店", "Singapore Marriott Tang Plaza Hotel", supMarriott),
            h("新加坡乌节希尔顿酒店", "Hilton Singapore Orchard", supHilton),
            h("新加坡乌节铂尔曼酒店", "Pullman Singapore Orchard", supAccor),
        ], cars: [carHertz, carAvis]),
        City(zh: "伦敦", en: "London", zone: .uk, domestic: false, coastal: false, hotels: [
            h("伦敦大都会希尔顿酒店", "Hilton London Metropole", supHilton),
            h("伦敦郡礼堂万豪酒店", "London Marriott Hotel County Hall", supMarriott),
            h("伦敦塔桥诺富特酒店", "Novotel London Tower Bridge", supAccor),
        ], cars: [carHertz, carSixt, carAvis]),
        City(zh: "巴黎", en: "Paris", zone: .centralEurope, domestic: false, coastal: false, hotels: [
            h("巴黎歌剧院希尔顿酒店", "Hilton Paris Opera", supHilton),
            h("巴黎埃菲尔铁塔铂尔曼酒店", "Pullman Paris Tour Eiffel", supAccor),
            h("巴黎香榭丽舍万豪酒店", "Paris Marriott Champs-Elysees Hotel", supMarriott),
        ], cars: [carHertz, carSixt, carAvis]),
        City(zh: "法兰克福", en: "Frankfurt", zone: .centralEurope, domestic: false, coastal: false, hotels: [
            h("法兰克福市中心希尔顿酒店", "Hilton Frankfurt City Centre", supHilton),
            h("法兰克福万豪酒店", "Frankfurt Marriott Hotel", supMarriott),
            h("法兰克福城市诺富特酒店", "Novotel Frankfurt City", supAccor),
        ], cars: [carHertz, carSixt, carAvis]),
        City(zh: "悉尼", en: "Sydney", zone: .sydney, domestic: false, coastal: true, hotels: [
            h("悉尼希尔顿酒店", "Hilton Sydney", supHilton),
            h("悉尼环形码头万豪酒店", "Sydney Harbour Marriott Hotel at Circular Quay", supMarriott),
            h("悉尼港铂尔曼码头大酒店", "Pullman Quay Grand Sydney Harbour", supAccor),
        ], cars: [carHertz, carSixt, carAvis]),
        City(zh: "洛杉矶", en: "Los Angeles", zone: .usPacific, domestic: false, coastal: true, hotels: [
            h("洛杉矶机场万豪酒店", "Los Angeles Airport Marriott", supMarriott),
            h("洛杉矶机场希尔顿酒店", "Hilton Los Angeles Airport", supHilton),
        ], cars: [carHertz, carSixt, carAvis]),
        City(zh: "纽约", en: "New York", zone: .usEastern, domestic: false, coastal: true, hotels: [
            h("纽约万豪侯爵酒店", "New York Marriott Marquis", supMarriott),
            h("纽约时代广场希尔顿酒店", "Hilton Times Square", supHilton),
            h("纽约时代广场诺富特酒店", "Novotel New York Times Square", supAccor),
        ], cars: [carHertz, carAvis]),
        City(zh: "迪拜", en: "Dubai", zone: .uae, domestic: false, coastal: true, hotels: [
            h("迪拜康莱德酒店", "Conrad Dubai", supHilton),
            h("迪拜JW万豪侯爵酒店", "JW Marriott Marquis Hotel Dubai", supMarriott),
        ], cars: [carHertz, carSixt, carAvis]),
    ]

    // MARK: Airports

    static let PEK = 0, PKX = 1, SHA = 2, PVG = 3, CAN = 4, SZX = 5, CTU = 6, HGH = 7, XIY = 8, KMG = 9
    static let SYX = 10, HKG = 11, NRT = 12, HND = 13, KIX = 14, ICN = 15, BKK = 16, SIN = 17, LHR = 18
    static let CDG = 19, FRA = 20, SYD = 21, LAX = 22, JFK = 23, DXB = 24

    static let airports: [Airport] = [
        Airport(code: "PEK", zh: "北京首都国际机场", en: "Beijing Capital International Airport", city: beijing),
        Airport(code: "PKX", zh: "北京大兴国际机场", en: "Beijing Daxing International Airport", city: beijing),
        Airport(code: "SHA", zh: "上海虹桥国际机场", en: "Shanghai Hongqiao International Airport", city: shanghai),
        Airport(code: "PVG", zh: "上海浦东国际机场", en: "Shanghai Pudong International Airport", city: shanghai),
        Airport(code: "CAN", zh: "广州白云国际机场", en: "Guangzhou Baiyun International Airport", city: guangzhou),
        Airport(code: "SZX", zh: "深圳宝安国际机场", en: "Shenzhen Bao'an International Airport", city: shenzhen),
        Airport(code: "CTU", zh: "成都双流国际机场", en: "Chengdu Shuangliu International Airport", city: chengdu),
        Airport(code: "HGH", zh: "杭州萧山国际机场", en: "Hangzhou Xiaoshan International Airport", city: hangzhou),
        Airport(code: "XIY", zh: "西安咸阳国际机场", en: "Xi'an Xianyang International Airport", city: xian),
        Airport(code: "KMG", zh: "昆明长水国际机场", en: "Kunming Changshui International Airport", city: kunming),
        Airport(code: "SYX", zh: "三亚凤凰国际机场", en: "Sanya Phoenix International Airport", city: sanya),
        Airport(code: "HKG", zh: "香港国际机场", en: "Hong Kong International Airport", city: hongKong),
        Airport(code: "NRT", zh: "东京成田国际机场", en: "Tokyo Narita International Airport", city: tokyo),
        Airport(code: "HND", zh: "东京羽田机场", en: "Tokyo Haneda Airport", city: tokyo),
        Airport(code: "KIX", zh: "大阪关西国际机场", en: "Osaka Kansai International Airport", city: osaka),
        Airport(code: "ICN", zh: "首尔仁川国际机场", en: "Seoul Incheon International Airport", city: seoul),
        Airport(code: "BKK", zh: "曼谷素万那普机场", en: "Bangkok Suvarnabhumi Airport", city: bangkok),
        Airport(code: "SIN", zh: "新加坡樟宜机场", en: "Singapore Changi Airport", city: singapore),
        Airport(code: "LHR", zh: "伦敦希思罗机场", en: "London Heathrow Airport", city: london),
        Airport(code: "CDG", zh: "巴黎戴高乐机场", en: "Paris Charles de Gaulle Airport", city: paris),
        Airport(code: "FRA", zh: "法兰克福机场", en: "Frankfurt Airport", city: frankfurt),
        Airport(code: "SYD", zh: "悉尼金斯福德·史密斯机场", en: "Sydney Kingsford Smith Airport", city: sydney),
        Airport(code: "LAX", zh: "洛杉矶国际机场", en: "Los Angeles International Airport", city: losAngeles),
        Airport(code: "JFK", zh: "纽约肯尼迪国际机场", en: "New York JFK International Airport", city: newYork),
        Airport(code: "DXB", zh: "迪拜国际机场", en: "Dubai International Airport", city: dubai),
    ]

    /// Routes in one direction; every route is flown both ways.
    static let routes: [Route] = [
        // Domestic
        Route(from: PEK, to: SHA, carriers: [CA, MU], minutes: 135),
        Route(from: PKX, to: SHA, carriers: [MU, CZ], minutes: 140),
        Route(from: PEK, to: CAN, carriers: [CA, CZ], minutes: 200),
        Route(from: PKX, to: CAN, carriers: [CZ], minutes: 195),
        Route(from: PEK, to: SZX, carriers: [CA, HU], minutes: 210),
        Route(from: PEK, to: CTU, carriers: [CA], minutes: 170),
        Route(from: PVG, to: CTU, carriers: [MU], minutes: 200),
        Route(from: SHA, to: SZX, carriers: [MU, CZ], minutes: 150),
        Route(from: SHA, to: CAN, carriers: [MU, CZ], minutes: 140),
        Route(from: CAN, to: CTU, carriers: [CZ], minutes: 140),
        Route(from: PEK, to: SYX, carriers: [CA, HU], minutes: 235),
        Route(from: PVG, to: SYX, carriers: [MU], minutes: 200),
        Route(from: CAN, to: SYX, carriers: [CZ], minutes: 80),
        Route(from: PEK, to: KMG, carriers: [CA], minutes: 225),
        Route(from: SHA, to: XIY, carriers: [MU], minutes: 150),
        Route(from: PEK, to: HGH, carriers: [CA], minutes: 130),
        Route(from: SZX, to: HGH, carriers: [CZ], minutes: 140),
        Route(from: CTU, to: HGH, carriers: [CA], minutes: 165),
        Route(from: PEK, to: HKG, carriers: [CA, CX], minutes: 230),
        Route(from: PVG, to: HKG, carriers: [MU, CX], minutes: 165),
        // International
        Route(from: PEK, to: NRT, carriers: [CA, NH], minutes: 220),
        Route(from: PVG, to: NRT, carriers: [MU, NH], minutes: 180),
        Route(from: PEK, to: HND, carriers: [CA, NH], minutes: 215),
        Route(from: PVG, to: KIX, carriers: [MU], minutes: 150),
        Route(from: PEK, to: ICN, carriers: [CA], minutes: 120),
        Route(from: PVG, to: ICN, carriers: [MU], minutes: 110),
        Route(from: PVG, to: BKK, carriers: [MU, TG], minutes: 290),
        Route(from: CAN, to: BKK, carriers: [CZ, TG], minutes: 170),
        Route(from: PEK, to: BKK, carriers: [CA, TG], minutes: 330),
        Route(from: PVG, to: SIN, carriers: [MU, SQ], minutes: 340),
        Route(from: CAN, to: SIN, carriers: [CZ, SQ], minutes: 260),
        Route(from: HKG, to: SIN, carriers: [CX, SQ], minutes: 235),
        Route(from: PEK, to: LHR, carriers: [CA, BA], minutes: 660),
        Route(from: PVG, to: LHR, carriers: [MU, BA], minutes: 760),
        Route(from: HKG, to: LHR, carriers: [CX, BA], minutes: 800),
        Route(from: PEK, to: CDG, carriers: [CA, AF], minutes: 680),
        Route(from: PVG, to: CDG, carriers: [MU, AF], minutes: 760),
        Route(from: PEK, to: FRA, carriers: [CA, LH], minutes: 640),
        Route(from: PVG, to: FRA, carriers: [LH], minutes: 730),
        Route(from: SIN, to: SYD, carriers: [SQ], minutes: 480),
        Route(from: PVG, to: SYD, carriers: [MU], minutes: 660),
        Route(from: CAN, to: SYD, carriers: [CZ], minutes: 540),
        Route(from: PVG, to: LAX, carriers: [MU], minutes: 700),
        Route(from: PEK, to: LAX, carriers: [CA], minutes: 740),
        Route(from: PEK, to: JFK, carriers: [CA], minutes: 800),
        Route(from: HKG, to: DXB, carriers: [CX, EK], minutes: 500),
        Route(from: PVG, to: DXB, carriers: [EK], minutes: 590),
    ]

    static let domesticRoutes: [Int] = routes.indices.filter { cities[airports[routes[$0].to].city].domestic && cities[airports[routes[$0].from].city].domestic }
    static let internationalRoutes: [Int] = routes.indices.filter { !domesticRoutes.contains($0) }

    /// Mainland airports: where a Chinese traveller's trip starts.
    static func isMainland(_ airport: Int) -> Bool { cities[airports[airport].city].domestic }

    /// A stable flight number for a carrier on a route and direction: the same flight every day.
    static func flightNumber(route: Int, reverse: Bool, carrier: Int) -> String {
        let r = routes[route]
        let h = GenRandom.mix(UInt64(route * 64 + carrier) &* 31 &+ 7)
        let domestic = cities[airports[r.from].city].domestic && cities[airports[r.to].city].domestic
        var n: Int
        if domestic {
            n = 1000 + Int(h % 4000) * 2 + 1
        } else {
            n = 100 + Int(h % 440) * 2 + 1
        }
        if reverse { n += 1 }
        return carriers[carrier].code + String(n)
    }

    /// A stable local departure time (minutes after midnight) for a flight number.
    static func departureMinute(_ number: String) -> Int {
        var h: UInt64 = 1469598103934665603
        for b in number.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return 7 * 60 + Int(GenRandom.mix(h) % 180) * 5   // 07:00 to 21:55
    }

    // MARK: Rooms

    static let roomsLuxury: [(String, String)] = [
        ("豪华大床房", "Deluxe King Room"), ("高级双床房", "Superior Twin Room"), ("行政大床房", "Executive King Room"),
        ("景观套房", "View Suite"), ("豪华海景房", "Deluxe Sea View Room"), ("家庭房", "Family Room"),
    ]
    static let roomsBudget: [(String, String)] = [
        ("高级大床房", "Superior Queen Room"), ("商务双床房", "Business Twin Room"), ("标准大床房", "Standard Queen Room"),
    ]

    // MARK: Names

    static let surnames: [(String, String)] = [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
        ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
        ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"), ("郑", "zheng"),
        ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"),
        ("邓", "deng"), ("曹", "cao"), ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"),
        ("袁", "yuan"), ("潘", "pan"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"), ("叶", "ye"),
        ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"), ("丁", "ding"), ("任", "ren"), ("沈", "shen"),
        ("姚", "yao"), ("卢", "lu"), ("姜", "jiang"), ("崔", "cui"), ("钟", "zhong"), ("谭", "tan"), ("陆", "lu"),
        ("汪", "wang"), ("范", "fan"), ("金", "jin"), ("石", "shi"), ("廖", "liao"), ("贾", "jia"), ("夏", "xia"),
        ("欧阳", "ouyang"), ("司马", "sima"), ("上官", "shangguan"),
    ]
    static let givenMale = ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "浩然", "子轩", "宇航", "建国",
                            "志强", "俊杰", "文博", "晓东", "海涛", "振华", "鹏", "斌", "宁", "凯", "思远", "一鸣",
                            "嘉豪", "天宇", "立新", "国栋"]
    static let givenFemale = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "琳", "欣怡", "梓涵", "诗涵",
                              "雨桐", "晓雯", "佳怡", "思琪", "婉清", "雅琴", "慧敏", "秀英", "美玲", "丹", "颖", "倩",
                              "萍", "玉兰", "晓燕", "梦瑶"]
    static let firstMale = ["James", "Oliver", "William", "Daniel", "Thomas", "Michael", "David", "Lucas", "Ethan", "Noah",
                            "Samuel", "Benjamin", "Henry", "Jack", "Ryan", "Adam", "Matthew", "Luca", "Mateo", "Arjun"]
    static let firstFemale = ["Emily", "Sophie", "Olivia", "Charlotte", "Emma", "Grace", "Hannah", "Chloe", "Amelia",
                              "Isabella", "Lucy", "Sarah", "Laura", "Megan", "Jessica", "Rachel", "Zoë", "Chiara", "Priya", "Mei"]
    static let lastNames = ["Carter", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Roberts",
                            "Walker", "Wright", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood",
                            "Harris", "Clarke", "Jackson", "Martin", "Lee", "O'Brien", "Murphy", "Kelly", "Müller",
                            "Schneider", "Fischer", "Dubois", "Moreau", "Rossi", "Nguyen", "Tan", "Wong", "Lim", "Patel",
                            "Singh", "Kim", "Sato", "Anderson", "García", "Fernández", "Novak", "Larsen"]

    static let emailDomains = ["example.com", "example.cn", "example.net", "example.org"]

    /// Lower-case ASCII letters only: `O'Brien` → `obrien`, `Müller` → `mller`.
    static func asciiHandle(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { $0.value >= 97 && $0.value <= 122 }))
    }
}
