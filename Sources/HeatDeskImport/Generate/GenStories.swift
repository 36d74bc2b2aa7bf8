/// The curated stories: the first customers of every data set (when it is large enough), each a
/// trip that tells one of the center's hard cases. Times are relative to the base date, so the
/// stories stay coherent for any base date.
extension GenPlanner {
    /// (orders, tickets) of each story, in order; the generator sizes everything else around them.
    static let storyShapes: [(orders: Int, tickets: Int)] = [
        (5, 5), (3, 4), (3, 6), (6, 8), (3, 4), (3, 5), (2, 3), (2, 4), (2, 3), (3, 6),
    ]

    static let storyTitles: [String] = [
        "CA925 Beijing→Tokyo Narita delayed 4h25: Hilton Tokyo late check-in, Hertz pick-up moved (urgent, queued)",
        "SOS: passport stolen in Paris the night before the flight home (sos, queued, English)",
        "Stranded in Bangkok after CA960 was cancelled: rebooked, airline hotel, supplier in the thread (urgent, pending)",
        "Black-card member walked from the overbooked Waldorf Astoria Shanghai on the Bund (complaint, open, supervisor note, supplier reply)",
        "Typhoon cancels a Sanya trip: flight and car refunded, non-refundable Conrad stay → natural-disaster fund (high, queued)",
        "Hertz Frankfurt charges EUR 380 after return; email dispute pending on the supplier (English, pending)",
        "Lost bag on MU561 Shanghai→Sydney (urgent, queued, English)",
        "Price drop on Singapore Marriott Tang Plaza: price guarantee refund of the difference (open)",
        "Wheelchair assistance for a 78-year-old father flying to Sanya, accessible room (pending)",
        "Domestic delay Shanghai→Chengdu: 神州租车 pick-up moved, hotel colleague joins the conversation (open)",
    ]

    // MARK: Building blocks with exact values

    /// The instant of a wall-clock time `dayOffset` days from the base date's local day in `zone`.
    func local(_ zone: GenZone, _ dayOffset: Int, _ hh: Int, _ mm: Int) -> Int64 {
        zone.instant(day: zone.local(base).day + dayOffset, minuteOfDay: hh * 60 + mm)
    }

    mutating func fixedFlight(_ carrier: Int, _ number: String, _ from: Int, _ to: Int, dep: Int64, minutes: Int, booked: Int64) -> Int {
        let i = newOrder(.flight, booked: booked)
        orders[i].flight = GenFlight(carrier: carrier, number: number, origin: from, destination: to, departure: dep,
                                     arrival: dep + Int64(minutes) * GenPlanner.m, pnr: pnr())
        addBaseEvents(i)
        return i
    }

    mutating func fixedHotel(city: Int, named en: String, checkIn: Int64, nights: Int, room: (String, String), booked: Int64) -> Int {
        let cityDef = GenCatalog.cities[city]
        let hotel = cityDef.hotels.firstIndex { $0.en == en } ?? 0
        let z = cityDef.zone
        let i = newOrder(.hotel, booked: booked)
        orders[i].hotel = GenHotel(city: city, hotel: hotel, checkIn: checkIn,
                                   checkOut: z.instant(day: z.local(checkIn).day + nights, minuteOfDay: 12 * 60),
                                   room: zh ? room.0 : room.1, nights: nights)
        addBaseEvents(i)
        return i
    }

    mutating func fixedCar(city: Int, company: Int, airport: Int?, pickup: Int64, returnAt: Int64, model: (String, String), booked: Int64) -> Int {
        let comp = GenCatalog.carCompanies[company]
        let cityDef = GenCatalog.cities[city]
        let place: String
        if let a = airport {
            place = zh ? "\(GenCatalog.airports[a].zh)\(comp.zh)门店" : "\(GenCatalog.airports[a].en), \(comp.en) counter"
        } else {
            place = zh ? "\(cityDef.zh)市区\(comp.zh)门店" : "\(comp.en) \(cityDef.en) Downtown"
        }
        let i = newOrder(.car, booked: booked)
        orders[i].car = GenCar(city: city, company: company, model: zh ? model.0 : model.1, pickupPlace: place, pickupAt: pickup,
                               returnPlace: place, returnAt: returnAt)
        addBaseEvents(i)
        return i
    }

    mutating func msg(_ t: inout GenTicket, _ at: Int64, _ author: String, _ id: String?, _ body: String, internal isInternal: Bool = false) {
        t.messages.append(GenMessage(at: at, author: author, authorID: id, isInternal: isInternal, body: body))
    }

    static func storyCustomer(_ k: Int, id: String) -> GenCustomer {
        switch k {
        case 0: return GenCustomer(id: id, zh: true, name: "张伟", family: "张", given: "伟", male: true, tier: "4", phone: "13801234567", email: "zhangwei88@example.com", flags: ["frequent_traveller"])
        case 1: return GenCustomer(id: id, zh: false, name: "Emily Carter", family: "Carter", given: "Emily", male: false, tier: "3", phone: "+447700900123", email: "emily.carter@example.com")
        case 2: return GenCustomer(id: id, zh: true, name: "李娜", family: "李", given: "娜", male: false, tier: "2", phone: "13912345678", email: "lina1990@example.cn")
        case 3: return GenCustomer(id: id, zh: true, name: "王建国", family: "王", given: "建国", male: true, tier: "black", phone: "13600001111", email: "wangjianguo@example.com", flags: ["vip", "frequent_traveller"])
        case 4: return GenCustomer(id: id, zh: true, name: "陈静", family: "陈", given: "静", male: false, tier: "3", phone: "15800002222", email: nil)
        case 5: return GenCustomer(id: id, zh: false, name: "James O'Brien", family: "O'Brien", given: "James", male: true, tier: "5", phone: "+12025550147", email: "james.obrien@example.net", flags: ["vip"])
        case 6: return GenCustomer(id: id, zh: false, name: "Sophie Müller", family: "Müller", given: "Sophie", male: false, tier: "2", phone: "+61491570110", email: "sophie.mueller@example.org")
        case 7: return GenCustomer(id: id, zh: true, name: "赵敏", family: "赵", given: "敏", male: false, tier: "5", phone: "18600003333", email: "zhaomin@example.com", flags: ["vip"])
        case 8: return GenCustomer(id: id, zh: true, name: "黄磊", family: "黄", given: "磊", male: true, tier: "2", phone: "13500004444", email: "huanglei@example.cn", flags: ["accessibility"])
        default: return GenCustomer(id: id, zh: true, name: "孙丽", family: "孙", given: "丽", male: false, tier: "3", phone: "18800005555", email: "sunli@example.com")
        }
    }

    mutating func planStory(_ k: Int) {
        let preset = c.flags
        switch k {
        case 0: storyTokyoDelay()
        case 1: storyParisPassport()
        case 2: storyBangkokStranded()
        case 3: storyShanghaiOverbooked()
        case 4: storySanyaTyphoon()
        case 5: storyFrankfurtDeposit()
        case 6: storySydneyLuggage()
        case 7: storySingaporePriceDrop()
        case 8: storySanyaWheelchair()
        default: storyChengduDelay()
        }
        let shape = GenPlanner.storyShapes[k]
        planPastTrips(orderCount: shape.orders - orders.count)
        if k == 3, let t = hotelComplaint() { tickets.append(t) }
        planHistory(count: shape.tickets - tickets.count)
        for f in preset { c.flag(f) }
    }

    // MARK: 1. Tokyo: the delay that breaks the hotel check-in and the car pick-up

    mutating func storyTokyoDelay() {
        let booked = base - 23 * GenPlanner.d + 2 * GenPlanner.h + 12 * GenPlanner.m
        let fi = fixedFlight(GenCatalog.CA, "CA925", GenCatalog.PEK, GenCatalog.NRT, dep: local(.china, 0, 13, 25), minutes: 220, booked: booked)
        let hi = fixedHotel(city: GenCatalog.tokyo, named: "Hilton Tokyo", checkIn: local(.japan, 0, 15, 0), nights: 3, room: ("豪华大床房", "Deluxe King Room"), booked: booked + 6 * GenPlanner.m)
        let ci = fixedCar(city: GenCatalog.tokyo, company: GenCatalog.carHertz, airport: GenCatalog.NRT, pickup: local(.japan, 0, 19, 30),
                          returnAt: local(.japan, 3, 10, 0), model: ("丰田卡罗拉或同级", "Toyota Corolla or similar"), booked: booked + 11 * GenPlanner.m)
        let f = orders[fi].flight!
        let delay: Int64 = (4 * 60 + 25) * GenPlanner.m
        let newDep = f.departure + delay, newArr = f.arrival + delay
        event(fi, base - 40 * GenPlanner.m, "delayed", "因东京成田机场流量控制及前序航班晚到，CA925预计延误约4小时25分钟，预计\(clock(newDep, .china))起飞、\(when(newArr, .japan))到达（当地时间）", status: "delayed")
        let newPickup = local(.japan, 0, 23, 30)
        orders[ci].car!.pickupAt = newPickup
        event(ci, base - 28 * GenPlanner.m, "changed", "因CA925延误，取车时间由\(when(local(.japan, 0, 19, 30), .japan))改为\(when(newPickup, .japan))，成田机场1号航站楼Hertz柜台延长营业，车辆保留至\(when(newPickup + 30 * GenPlanner.m, .japan))", status: "changed")
        var t = GenTicket(createdAt: base - 25 * GenPlanner.m, channel: "app", product: .flight, category: "delay", priority: "urgent", status: "queued",
                          orders: [fi, hi, ci], subject: "CA925延误4个多小时，东京希尔顿入住和成田租车怎么办",
                          message: "你好，我是张伟。刚收到通知CA925要延误到\(clock(newDep, .china))才起飞，到成田都\(clock(newArr, .japan))了。我订了东京希尔顿\(date(orders[hi].hotel!.checkIn, .japan))入住，还有成田机场的Hertz租车，本来\(clock(local(.japan, 0, 19, 30), .japan))取车。酒店会不会把我房间当no-show取消？租车门店几点关门？麻烦帮我一起处理一下，别让我一个个打电话。")
        t.botSummary = summary(t, facts: "CA925（北京PEK→东京NRT）因流量控制及前序航班晚到延误约4小时25分钟，预计\(clock(newDep, .china))起飞、\(when(newArr, .japan))到达（当地时间）；同行程订单：东京希尔顿酒店（\(date(orders[hi].hotel!.checkIn, .japan))入住，3晚，豪华大床房）、Hertz成田机场1号航站楼取车（已自动顺延至\(clock(newPickup, .japan))，车辆保留至\(clock(newPickup + 30 * GenPlanner.m, .japan))）",
                               bot: "推送了延误通知和延误险理赔入口", wants: "担心酒店按未入住（no-show）处理、租车门店关门，要求人工一次性协调酒店和租车", mood: "焦急")
        msg(&t, base - 29 * GenPlanner.m, "customer", c.id, "CA925延误了，我酒店和租车怎么办")
        msg(&t, base - 29 * GenPlanner.m + 3, "bot", nil, "查询到您的航班CA925预计\(clock(newDep, .china))起飞。同行程的Hertz租车已自动顺延至\(clock(newPickup, .japan))取车。酒店晚到是否保留需要人工与酒店确认。")
        msg(&t, base - 26 * GenPlanner.m, "customer", c.id, "转人工")
        msg(&t, base - 26 * GenPlanner.m + 3, "bot", nil, "正在为您转接人工客服，已把刚才的对话和订单信息同步给客服，您无需重复描述。")
        tickets.append(t)
    }

    // MARK: 2. Paris: SOS, passport stolen the night before the flight home

    mutating func storyParisPassport() {
        let booked = base - 40 * GenPlanner.d + 9 * GenPlanner.h
        let out = fixedFlight(GenCatalog.MU, "MU553", GenCatalog.PVG, GenCatalog.CDG, dep: local(.china, -5, 0, 5), minutes: 770, booked: booked)
        let hi = fixedHotel(city: GenCatalog.paris, named: "Pullman Paris Tour Eiffel", checkIn: local(.centralEurope, -5, 15, 0), nights: 6,
                            room: ("高级大床房", "Superior King Room, Eiffel Tower view"), booked: booked + 20 * GenPlanner.m)
        let back = fixedFlight(GenCatalog.MU, "MU554", GenCatalog.CDG, GenCatalog.PVG, dep: local(.centralEurope, 1, 13, 25), minutes: 740, booked: booked + 2 * GenPlanner.m)
        let b = orders[back].flight!
        var t = GenTicket(createdAt: base - 12 * GenPlanner.m, channel: "phone", product: .other, category: "sos", priority: "sos", status: "queued",
                          orders: [out, hi, back], subject: "SOS: passport stolen in Paris, flying home \(date(b.departure, .centralEurope))",
                          message: "Hi, my bag was snatched on the metro near Trocadéro an hour ago with my passport, phone and cards in it. I'm calling from the hotel's front desk line. My flight MU554 to Shanghai is on \(when(b.departure, .centralEurope)). What do I do? Can I still fly? I'm British and I have to be in Shanghai for work on \(GenTime.weekday(b.arrival, .china, zh: false)).")
        t.botSummary = summary(t, facts: "passport, phone and bank cards stolen on the Paris metro about an hour before the call; staying at Pullman Paris Tour Eiffel until \(date(orders[hi].hotel!.checkOut, .centralEurope)); return flight MU554 (Paris CDG → Shanghai PVG) \(when(b.departure, .centralEurope)); calling from the hotel's phone, no mobile",
                               bot: "selected the emergency option and routed to the 24-hour SOS line", wants: "an emergency travel document in time for MU554, or a new flight; how to block her cards",
                               mood: "distressed but calm")
        msg(&t, base - 13 * GenPlanner.m, "bot", nil, "Voice bot: caller chose 'Emergency - lost or stolen documents'. Routing to the 24-hour SOS line; callback number is the hotel front desk.")
        tickets.append(t)
    }

    // MARK: 3. Bangkok: stranded after a cancellation

    mutating func storyBangkokStranded() {
        let booked = base - 30 * GenPlanner.d + 3 * GenPlanner.h
        let out = fixedFlight(GenCatalog.CA, "CA959", GenCatalog.PEK, GenCatalog.BKK, dep: local(.china, -5, 16, 40), minutes: 330, booked: booked)
        let hi = fixedHotel(city: GenCatalog.bangkok, named: "Conrad Bangkok", checkIn: local(.thailand, -5, 15, 0), nights: 4,
                            room: ("豪华双床房", "Deluxe Twin Room"), booked: booked + 15 * GenPlanner.m)
        let original = local(.thailand, -1, 23, 55)
        let back = fixedFlight(GenCatalog.CA, "CA960", GenCatalog.BKK, GenCatalog.PEK, dep: original, minutes: 300, booked: booked + 1 * GenPlanner.m)
        let cancelAt = local(.thailand, -1, 21, 30)
        truncateEvents(back, after: cancelAt)
        event(back, cancelAt, "cancelled", "\(date(original, .thailand))CA960因飞机机械故障取消，航司安排改签", status: "cancelled")
        let newDep = local(.thailand, 0, 23, 55)
        orders[back].flight!.departure = newDep
        orders[back].flight!.arrival = newDep + 300 * GenPlanner.m
        let created = local(.thailand, -1, 22, 10)
        let a = dir.agent(id: "AG-008")!
        let s = dir.agent(id: "SC-01")!
        var t = GenTicket(createdAt: created, channel: "chat", product: .flight, category: "cancel", priority: "urgent", status: "pending",
                          orders: [out, hi, back], subject: "CA960取消，滞留曼谷机场，需要改签和当晚住宿",
                          message: "你好，我是李娜，\(when(original, .thailand))曼谷飞北京的CA960刚刚通知取消了，说是飞机故障。我一个人在素万那普机场，酒店已经退房了，国航柜台排了一百多人。最早什么时候能回去？这一晚住哪里？我\(date(local(.china, 0, 14, 0), .china))下午还要上班，急！")
        t.botSummary = summary(t, facts: "CA960（曼谷BKK→北京PEK）\(when(original, .thailand))航班因机械故障取消；客人独自滞留素万那普机场，曼谷康莱德酒店已退房",
                               bot: "告知可免费改签或全额退票；改签余座和住宿需人工协调", wants: "最早航班回北京，当晚的住宿", mood: "焦虑、疲惫")
        t.agent = a.id
        t.firstResponse = created + 2 * GenPlanner.m
        let first = t.firstResponse!
        msg(&t, first, "agent", a.id, "李女士您好，我是客服浩然。CA960取消让您一个人滞留机场，真的很抱歉。航司原因取消，改签和当晚住宿都应由航司承担，我现在就联系国航地服为您争取最早的座位和机场酒店，20分钟内回复您，请保持手机畅通。")
        msg(&t, first + 8 * GenPlanner.m, "agent", a.id, "已拉国航地服王磊进群，申请\(date(newDep, .thailand))CA960保障座位及机场酒店一晚；客人独自出行，注意安抚。", internal: true)
        msg(&t, first + 46 * GenPlanner.m, "supplier", s.id, "旅客李娜已列入CA960（\(when(newDep, .thailand))起飞）保障名单，座位已确认。当晚住宿：素万那普机场诺富特酒店，凭登机牌到国航中转柜台领取酒店券和餐券。")
        event(back, first + 50 * GenPlanner.m, "changed", "已改签至CA960（\(when(newDep, .thailand))起飞），座位已确认；航司安排机场酒店一晚", status: "changed")
        msg(&t, first + 55 * GenPlanner.m, "agent", a.id, "李女士，已为您改签到CA960（\(when(newDep, .thailand))起飞），座位已确认，无需任何费用。当晚航司安排您入住机场诺富特酒店，请凭登机牌到国航中转柜台领取酒店券和餐券。您单位如需航班取消证明，我也可以为您开具。")
        msg(&t, first + 70 * GenPlanner.m, "customer", c.id, "好的，谢谢，我现在去柜台。白天能不能帮我把在曼谷多待一天的行李寄存也问一下？")
        msg(&t, first + 75 * GenPlanner.m, "agent", a.id, "等客人早上确认是否需要康莱德寄存行李或延迟退房，再联系酒店。", internal: true)
        tickets.append(t)
    }

    // MARK: 4. Shanghai: black-card member walked from an overbooked hotel

    mutating func storyShanghaiOverbooked() {
        let booked = base - 12 * GenPlanner.d + 5 * GenPlanner.h
        let route = GenCatalog.routes.firstIndex { $0.from == GenCatalog.SHA && $0.to == GenCatalog.SZX }!
        let number = GenCatalog.flightNumber(route: route, reverse: true, carrier: GenCatalog.MU)
        let fi = fixedFlight(GenCatalog.MU, number, GenCatalog.SZX, GenCatalog.SHA, dep: local(.china, -1, 18, 30), minutes: 150, booked: booked)
        let hi = fixedHotel(city: GenCatalog.shanghai, named: "Waldorf Astoria Shanghai on the Bund", checkIn: local(.china, -1, 15, 0), nights: 3,
                            room: ("外滩景观套房", "Bund View Suite"), booked: booked + 9 * GenPlanner.m)
        let ci = fixedCar(city: GenCatalog.shanghai, company: GenCatalog.carZuche, airport: GenCatalog.SHA, pickup: local(.china, -1, 21, 30),
                          returnAt: local(.china, 2, 10, 0), model: ("别克GL8或同级（7座）", "Buick GL8 or similar (7 seats)"), booked: booked + 14 * GenPlanner.m)
        orders[hi].events.removeAll { $0.kind == "checked_in" }
        // The earlier trip whose hotel complaint makes him a customer who complained before.
        let pastStart = base - 64 * GenPlanner.d + 3 * GenPlanner.h
        pastTrips.append(addTrip(products: [.flight, .hotel, .car], start: pastStart, booked: pastStart - 20 * GenPlanner.d, international: false))
        event(hi, local(.china, -1, 22, 10), "changed", "到店时酒店超售无房，客人被安排至上海浦东丽思卡尔顿酒店同级房型，交通由酒店承担", status: "changed")
        let a = dir.agent(id: "AG-013")!
        let sv = dir.agent(id: "SV-01")!
        let s = dir.agent(id: "SC-04")!
        let created = base - 55 * GenPlanner.m
        var t = GenTicket(createdAt: created, channel: "phone", product: .hotel, category: "complaint", priority: "urgent", status: "open",
                          orders: [fi, hi, ci], subject: "黑卡会员投诉：上海外滩华尔道夫超售，确认的套房入住不了",
                          message: "我是你们的黑卡会员王建国。订的是外滩华尔道夫的外滩景观套房，订单两周前就确认了，\(when(local(.china, -1, 22, 10), .china))到的酒店，前台说没房了，把我安排到浦东的丽思卡尔顿。我\(date(base, .china))一早在外滩有会，来回折腾一个多小时。上次在你们这订酒店就出过问题，这次又这样。今天必须给我换回华尔道夫原房型，另外这件事你们要给个说法。")
        t.slaDue = created + 3 * GenPlanner.m
        t.botSummary = summary(t, facts: "上海外滩华尔道夫酒店（外滩景观套房，3晚）\(when(local(.china, -1, 22, 10), .china))到店超售，被安排至上海浦东丽思卡尔顿酒店；\(date(base, .china))上午外滩有会议",
                               bot: "识别为黑卡会员投诉，直接转人工专线", wants: "\(date(base, .china))晚换回华尔道夫原房型，并要求赔偿和说法", mood: "非常不满，明确表示会再投诉")
        t.agent = a.id
        t.firstResponse = created + 2 * GenPlanner.m
        let first = t.firstResponse!
        msg(&t, first, "agent", a.id, "王先生您好，我是黑卡专线客服诗涵。确认好的套房到店却入住不了，还耽误了您上午的会议，这是我们和酒店的责任，非常抱歉。我已经在联系华尔道夫，\(date(base, .china))晚一定为您安排回原房型，\(clock(local(.china, 0, 10, 0), .china))前给您确认；补偿方案我同时在申请，首晚房费全额退还。")
        msg(&t, first + 12 * GenPlanner.m, "colleague", sv.id, "黑卡会员二次投诉，同意先行赔付：首晚房费全退＋1000元旅行券；请诗涵全程跟进，结案前报我。", internal: true)
        msg(&t, first + 35 * GenPlanner.m, "supplier", s.id, "我是华尔道夫前台值班经理钱伟，前一晚超售给王先生带来不便深表歉意。\(date(base, .china))晚已为王先生保留外滩景观套房，并免费升级行政礼遇，下午派车从浦东接回。")
        tickets.append(t)
    }

    // MARK: 5. Sanya: typhoon, non-refundable hotel and the natural-disaster fund

    mutating func storySanyaTyphoon() {
        let booked = base - 18 * GenPlanner.d + 7 * GenPlanner.h
        let route = GenCatalog.routes.firstIndex { $0.from == GenCatalog.CAN && $0.to == GenCatalog.SYX }!
        let number = GenCatalog.flightNumber(route: route, reverse: false, carrier: GenCatalog.CZ)
        let fi = fixedFlight(GenCatalog.CZ, number, GenCatalog.CAN, GenCatalog.SYX, dep: local(.china, 1, 9, 10), minutes: 80, booked: booked)
        let hi = fixedHotel(city: GenCatalog.sanya, named: "Conrad Sanya Haitang Bay", checkIn: local(.china, 1, 15, 0), nights: 3,
                            room: ("海景大床房（预付不可取消）", "Ocean View King (prepaid, non-refundable)"), booked: booked + 5 * GenPlanner.m)
        orders[hi].events[0].detail = "下单成功，订单金额¥5,340（预付价，不可取消）"
        let ci = fixedCar(city: GenCatalog.sanya, company: GenCatalog.carEhi, airport: GenCatalog.SYX, pickup: local(.china, 1, 11, 0),
                          returnAt: local(.china, 4, 10, 0), model: ("本田CR-V或同级", "Honda CR-V or similar"), booked: booked + 8 * GenPlanner.m)
        let warn = base - 2 * GenPlanner.h
        event(fi, warn, "cancelled", "受第26号台风影响，三亚凤凰国际机场\(date(local(.china, 1, 0, 0), .china))进出港航班全部取消，\(number)取消，全额退票", status: "cancelled")
        event(fi, warn + 50 * GenPlanner.m, "refunded", "航司原因全额退款已原路退回", status: "refunded")
        event(ci, warn + 20 * GenPlanner.m, "cancelled", "台风红色预警，免费取消", status: "cancelled")
        event(ci, warn + 24 * GenPlanner.m, "refunded", "预付租金已全额退回", status: "refunded")
        var t = GenTicket(createdAt: base - 40 * GenPlanner.m, channel: "chat", product: .hotel, category: "refund", priority: "high", status: "queued",
                          orders: [fi, hi, ci], subject: "台风取消三亚行程，康莱德不可取消房型能退吗",
                          message: "台风要来了，\(date(orders[fi].flight!.departure, .china))去三亚的航班已经取消退款了，租车也自动退了，可是海棠湾康莱德是预付不可取消的，3晚¥5,340。这是天灾又不是我不想去，酒店说不能退，你们能帮我想想办法吗？")
        t.botSummary = summary(t, facts: "受第26号台风影响，\(number)（广州CAN→三亚SYX）已取消并退款，一嗨租车已免费取消；三亚海棠湾康莱德酒店\(date(orders[hi].hotel!.checkIn, .china))入住3晚，预付不可取消¥5,340",
                               bot: "提示可能适用自然灾害保障金，需人工核实", wants: "全额退回酒店房费", mood: "担心损失")
        msg(&t, base - 44 * GenPlanner.m, "customer", c.id, "台风取消的酒店能退吗")
        msg(&t, base - 44 * GenPlanner.m + 4, "bot", nil, "您的酒店为预付不可取消房型。因自然灾害无法出行时，可能适用平台自然灾害保障金，需人工客服为您核实。")
        msg(&t, base - 41 * GenPlanner.m, "customer", c.id, "转人工")
        msg(&t, base - 41 * GenPlanner.m + 3, "bot", nil, "正在为您转接人工客服，已把刚才的对话和订单信息同步给客服，您无需重复描述。")
        tickets.append(t)
    }

    // MARK: 6. Frankfurt: a deposit dispute after the car was returned

    mutating func storyFrankfurtDeposit() {
        let booked = base - 45 * GenPlanner.d
        let route = GenCatalog.routes.firstIndex { $0.from == GenCatalog.PVG && $0.to == GenCatalog.FRA }!
        let outNo = GenCatalog.flightNumber(route: route, reverse: false, carrier: GenCatalog.LH)
        let backNo = GenCatalog.flightNumber(route: route, reverse: true, carrier: GenCatalog.LH)
        let out = fixedFlight(GenCatalog.LH, outNo, GenCatalog.PVG, GenCatalog.FRA, dep: local(.china, -14, 12, 35), minutes: 730, booked: booked)
        let ci = fixedCar(city: GenCatalog.frankfurt, company: GenCatalog.carHertz, airport: GenCatalog.FRA, pickup: local(.centralEurope, -14, 19, 30),
                          returnAt: local(.centralEurope, -9, 10, 0), model: ("宝马3系或同级", "BMW 3 Series or similar"), booked: booked + 30 * GenPlanner.m)
        let back = fixedFlight(GenCatalog.LH, backNo, GenCatalog.FRA, GenCatalog.PVG, dep: local(.centralEurope, -9, 13, 40), minutes: 690, booked: booked + 3 * GenPlanner.m)
        let charged = local(.centralEurope, -6, 11, 0)
        event(ci, charged, "changed", "Hertz charged EUR 380 to the card on file after return: 'scratch on rear bumper'", status: "changed")
        let a = dir.agent(id: "AG-014")!
        let s = dir.agent(id: "SC-10")!
        let created = base - 2 * GenPlanner.d + 75 * GenPlanner.m
        var t = GenTicket(createdAt: created, channel: "email", product: .car, category: "complaint", priority: "normal", status: "pending",
                          orders: [out, ci, back], subject: "Hertz Frankfurt charged me EUR 380 for damage I didn't cause",
                          message: "Hello,\n\nI returned my Hertz car at Frankfurt Airport on \(date(orders[ci].car!.returnAt, .centralEurope)). The agent walked round it with me and signed it off as fine. Three days later EUR 380 appeared on my card for a \"scratch on the rear bumper\".\n\nI have a time-stamped video of the car at pick-up showing that exact scratch. I'm attaching it. I'd like the charge reversed.\n\nRegards,\nJames O'Brien")
        t.botSummary = summary(t, facts: "Hertz (Frankfurt Airport) charged EUR 380 for a bumper scratch three days after the return was signed off; customer has pick-up video showing the scratch",
                               bot: "logged the dispute and attached the video", wants: "the EUR 380 reversed", mood: "firm, polite")
        t.agent = a.id
        t.firstResponse = created + 85 * GenPlanner.m
        let first = t.firstResponse!
        msg(&t, first, "agent", a.id, "Hi James, this is Lukas. Thank you for the video - it's exactly what we need. I've sent it to Hertz's partner desk with a request for their return inspection photos and the basis for the charge, and asked them to put the EUR 380 on hold meanwhile. I'll update you within two working days at the latest.")
        msg(&t, first + 10 * GenPlanner.m, "agent", a.id, "Escalated to Hertz Europe partner desk (Marc Dubois). Customer is 5-star VIP; if Hertz can't show pre-existing damage was excluded, push for full reversal.", internal: true)
        msg(&t, first + 26 * GenPlanner.h, "supplier", s.id, "Thanks Lukas. We've located the check-out photos; the rear bumper scratch is visible at pick-up too. I'm raising the reversal with the Frankfurt station manager and expect confirmation within 24 hours.")
        msg(&t, first + 30 * GenPlanner.h, "customer", c.id, "Thanks for the update. Please let me know as soon as it's reversed.")
        tickets.append(t)
    }

    // MARK: 7. Sydney: the bag that didn't arrive

    mutating func storySydneyLuggage() {
        let booked = base - 25 * GenPlanner.d
        let fi = fixedFlight(GenCatalog.MU, "MU561", GenCatalog.PVG, GenCatalog.SYD, dep: local(.china, -1, 19, 30), minutes: 655, booked: booked)
        let f = orders[fi].flight!
        let hi = fixedHotel(city: GenCatalog.sydney, named: "Sydney Harbour Marriott Hotel at Circular Quay", checkIn: local(.sydney, 0, 15, 0), nights: 4,
                            room: ("海港景观大床房", "Harbour View King"), booked: booked + 12 * GenPlanner.m)
        var t = GenTicket(createdAt: base - 15 * GenPlanner.m, channel: "app", product: .flight, category: "sos", priority: "urgent", status: "queued",
                          orders: [fi, hi], subject: "Lost bag on MU561 – file SYDMU40721",
                          message: "My suitcase didn't come off MU561 (landed \(clock(f.arrival, .sydney))). I reported it at the Sydney Airport baggage desk, reference SYDMU40721. My insulin spare and all my work clothes are in it and I have a conference on \(when(local(.sydney, 1, 9, 0), .sydney)). I'm at the Sydney Harbour Marriott until \(date(orders[hi].hotel!.checkOut, .sydney)). Can you push the airline and have it delivered to the hotel? Who pays for what I have to buy today?")
        t.botSummary = summary(t, facts: "checked bag missing after MU561 (Shanghai PVG → Sydney SYD), landed \(when(f.arrival, .sydney)); baggage file SYDMU40721; bag holds spare insulin and work clothes; staying at Sydney Harbour Marriott",
                               bot: "gave China Eastern's baggage line and the SOS page", wants: "the bag traced and delivered to the hotel before the conference; whether essentials are reimbursed",
                               mood: "stressed")
        tickets.append(t)
    }

    // MARK: 8. Singapore: price guarantee

    mutating func storySingaporePriceDrop() {
        let booked = base - 19 * GenPlanner.d + 3 * GenPlanner.h
        let route = GenCatalog.routes.firstIndex { $0.from == GenCatalog.CAN && $0.to == GenCatalog.SIN }!
        let number = GenCatalog.flightNumber(route: route, reverse: false, carrier: GenCatalog.SQ)
        let fi = fixedFlight(GenCatalog.SQ, number, GenCatalog.CAN, GenCatalog.SIN, dep: local(.china, 12, 9, 35), minutes: 260, booked: booked)
        let hi = fixedHotel(city: GenCatalog.singapore, named: "Singapore Marriott Tang Plaza Hotel", checkIn: local(.singapore, 12, 15, 0), nights: 4,
                            room: ("豪华大床房", "Deluxe King Room"), booked: booked + 7 * GenPlanner.m)
        orders[hi].events[0].detail = "下单成功，订单金额¥7,872（¥1,968/晚×4晚）"
        let a = dir.agent(id: "AG-002")!
        let created = base - 3 * GenPlanner.h
        var t = GenTicket(createdAt: created, channel: "app", product: .hotel, category: "refund", priority: "normal", status: "open",
                          orders: [fi, hi], subject: "新加坡万豪刚订完就降价，申请价格保障退差价",
                          message: "我\(date(booked, .china))订的新加坡万豪酒店豪华大床房每晚¥1,968，今天看同房型同日期只要¥1,688了，4晚差了¥1,120。你们不是有价格保障吗？截图已经上传了。")
        t.botSummary = summary(t, facts: "新加坡万豪酒店（\(date(orders[hi].hotel!.checkIn, .singapore))入住4晚）下单价¥1,968/晚，现价¥1,688/晚，差价合计¥1,120；客人已上传截图",
                               bot: "价格截图已接收，价格保障条件需人工核对", wants: "退还差价¥1,120")
        t.agent = a.id
        t.firstResponse = created + 3 * GenPlanner.m
        msg(&t, created + 3 * GenPlanner.m, "agent", a.id, "赵女士您好，我是客服明轩。收到您的截图，我正在核对同房型、同日期、同取消政策的价格，符合价格保障的话差价¥1,120会在3个工作日内原路退回，半小时内给您结果。")
        msg(&t, created + 9 * GenPlanner.m, "agent", a.id, "核价截图已存档，取消政策一致；待价格保障系统审批。", internal: true)
        tickets.append(t)
    }

    // MARK: 9. Sanya: wheelchair assistance and an accessible room

    mutating func storySanyaWheelchair() {
        let booked = base - 9 * GenPlanner.d + 2 * GenPlanner.h
        let route = GenCatalog.routes.firstIndex { $0.from == GenCatalog.PEK && $0.to == GenCatalog.SYX }!
        let number = GenCatalog.flightNumber(route: route, reverse: false, carrier: GenCatalog.HU)
        let fi = fixedFlight(GenCatalog.HU, number, GenCatalog.PEK, GenCatalog.SYX, dep: local(.china, 6, 10, 20), minutes: 235, booked: booked)
        let hi = fixedHotel(city: GenCatalog.sanya, named: "Sanya Marriott Yalong Bay Resort & Spa", checkIn: local(.china, 6, 15, 0), nights: 5,
                            room: ("无障碍豪华房", "Accessible Deluxe Room"), booked: booked + 10 * GenPlanner.m)
        let a = dir.agent(id: "AG-002")!
        let created = base - 20 * GenPlanner.h
        var t = GenTicket(createdAt: created, channel: "chat", product: .flight, category: "info", priority: "normal", status: "pending",
                          orders: [fi, hi], subject: "\(number)需要轮椅服务，酒店要无障碍房",
                          message: "我父亲78岁，去年做了髋关节手术，走不了远路。\(date(orders[fi].flight!.departure, .china))坐\(number)去三亚，需要从值机到登机口全程轮椅，落地也要有人接。亚龙湾万豪那边我订的是无障碍房，麻烦一起确认一下浴室有没有扶手。")
        t.botSummary = summary(t, facts: "\(flightLabel(orders[fi].flight!))为78岁父亲申请全程轮椅；三亚亚龙湾万豪度假酒店无障碍房5晚，需确认浴室扶手",
                               bot: "说明需提前48小时向航司申请轮椅服务", wants: "代为申请轮椅（含接机）并向酒店确认无障碍设施")
        t.agent = a.id
        t.firstResponse = created + 4 * GenPlanner.m
        msg(&t, created + 4 * GenPlanner.m, "agent", a.id, "黄先生您好，我是客服明轩。已为叔叔向海南航空申请全程轮椅服务（值机到登机口、落地接机），同时联系亚龙湾万豪确认无障碍房的浴室扶手和淋浴座椅，24小时内把两边的确认结果发给您。")
        msg(&t, created + 20 * GenPlanner.m, "system", nil, "已向海南航空提交特殊服务申请：WCHC（全程轮椅），等待航司确认。")
        msg(&t, created + 3 * GenPlanner.h, "supplier", dir.contact(supplier: GenCatalog.supMarriott)!.id, "无障碍房浴室配有扶手和淋浴座椅，房间在一楼靠近电梯，已为客人备注。")
        msg(&t, created + 3 * GenPlanner.h + 10 * GenPlanner.m, "agent", a.id, "酒店已确认；等海航WCHC确认后通知客人。", internal: true)
        tickets.append(t)
    }

    // MARK: 10. Chengdu: a domestic delay, the car moved, the hotel desk joins

    mutating func storyChengduDelay() {
        let booked = base - 7 * GenPlanner.d + 4 * GenPlanner.h
        let route = GenCatalog.routes.firstIndex { $0.from == GenCatalog.PVG && $0.to == GenCatalog.CTU }!
        let number = GenCatalog.flightNumber(route: route, reverse: false, carrier: GenCatalog.MU)
        let fi = fixedFlight(GenCatalog.MU, number, GenCatalog.PVG, GenCatalog.CTU, dep: local(.china, 0, 9, 40), minutes: 200, booked: booked)
        let hi = fixedHotel(city: GenCatalog.chengdu, named: "JI Hotel Chengdu Chunxi Road", checkIn: local(.china, 0, 14, 0), nights: 2,
                            room: ("高级大床房", "Superior Queen Room"), booked: booked + 6 * GenPlanner.m)
        let ci = fixedCar(city: GenCatalog.chengdu, company: GenCatalog.carZuche, airport: GenCatalog.CTU, pickup: local(.china, 0, 13, 30),
                          returnAt: local(.china, 2, 10, 0), model: ("大众朗逸或同级", "VW Lavida or similar"), booked: booked + 9 * GenPlanner.m)
        let f = orders[fi].flight!
        let delay: Int64 = 3 * GenPlanner.h
        event(fi, base - 50 * GenPlanner.m, "delayed", "因成都双流机场大雾，\(number)预计延误约3小时，预计\(clock(f.departure + delay, .china))起飞、\(clock(f.arrival + delay, .china))到达", status: "delayed")
        let newPickup = local(.china, 0, 16, 30)
        orders[ci].car!.pickupAt = newPickup
        let a = dir.agent(id: "AG-004")!
        let colleague = dir.agent(id: "AG-003")!
        let created = base - 35 * GenPlanner.m
        var t = GenTicket(createdAt: created, channel: "app", product: .flight, category: "delay", priority: "high", status: "open",
                          orders: [fi, hi, ci], subject: "\(number)延误3小时，双流取车和酒店入住要改",
                          message: "\(number)说成都大雾要延误3个小时，我原来约的\(clock(local(.china, 0, 13, 30), .china))在双流机场神州租车取车，肯定赶不上了。还有春熙路的全季\(date(orders[hi].hotel!.checkIn, .china))入住，也要晚到。两个都帮我改一下吧，谢谢。")
        t.botSummary = summary(t, facts: "\(flightLabel(f))因成都大雾延误约3小时；同行程：神州租车双流机场门店\(clock(local(.china, 0, 13, 30), .china))取车、全季酒店（成都春熙路店）\(date(orders[hi].hotel!.checkIn, .china))入住2晚",
                               bot: "推送了延误通知", wants: "取车时间顺延，酒店备注晚到")
        t.agent = a.id
        t.firstResponse = created + 1 * GenPlanner.m
        let first = t.firstResponse!
        msg(&t, first, "agent", a.id, "孙女士您好，我是客服子豪。\(number)延误打乱了您的安排，抱歉让您久等。神州租车我已经帮您把取车时间改到\(clock(newPickup, .china))，门店确认保留车辆；酒店这边我请酒店组的同事一起来处理，您不用再重复说明。")
        event(ci, first + 4 * GenPlanner.m, "changed", "因\(number)延误，取车时间由\(clock(local(.china, 0, 13, 30), .china))改为\(clock(newPickup, .china))，门店已确认", status: "changed")
        msg(&t, first + 6 * GenPlanner.m, "colleague", colleague.id, "孙女士您好，我是酒店组的思琪。全季春熙路店已为您备注晚到，房间保留到\(when(local(.china, 1, 12, 0), .china))，到店报手机尾号5555即可。")
        event(hi, first + 8 * GenPlanner.m, "changed", "已通知酒店客人航班延误，预计\(clock(newPickup + 60 * GenPlanner.m, .china))后到店，房间保留")
        tickets.append(t)
    }
}
