/// What is going wrong on the customer's current trip, and the contact it causes: the newest
/// ticket of each customer, mostly still open work.
extension GenPlanner {
    enum Current: CaseIterable {
        case delay, cancel, scheduleChange, overbooked, lateArrival, carCounter, refund, typhoon, priceDrop
        case lostLuggage, sosPassport, sosMedical, carDeposit, noShow, roomIssue, assist, nameFix, invoice, breakfast

        var weight: Int {
            switch self {
            case .delay: return 20
            case .cancel: return 9
            case .scheduleChange: return 7
            case .overbooked: return 4
            case .lateArrival: return 6
            case .carCounter: return 5
            case .refund: return 8
            case .typhoon: return 2
            case .priceDrop: return 4
            case .lostLuggage: return 3
            case .sosPassport: return 2
            case .sosMedical: return 2
            case .carDeposit: return 4
            case .noShow: return 3
            case .roomIssue: return 5
            case .assist: return 3
            case .nameFix: return 3
            case .invoice: return 4
            case .breakfast: return 3
            }
        }

        func fits(_ p: [GenProduct]) -> Bool {
            let f = p.contains(.flight), h = p.contains(.hotel), c = p.contains(.car)
            switch self {
            case .delay, .cancel, .scheduleChange, .lostLuggage, .assist, .nameFix: return f
            case .overbooked, .roomIssue, .breakfast, .typhoon, .noShow: return h
            case .lateArrival: return f && h
            case .carCounter, .carDeposit: return c
            case .refund, .priceDrop: return f || h
            case .sosPassport, .sosMedical: return f || h
            case .invoice: return true
            }
        }
    }

    static let typhoonCities = [GenCatalog.shanghai, GenCatalog.guangzhou, GenCatalog.shenzhen, GenCatalog.sanya,
                                GenCatalog.hongKong, GenCatalog.tokyo, GenCatalog.osaka]

    func bookedBefore(_ start: Int64, _ r: inout GenRandom) -> Int64 {
        let a = start - Int64(r.int(3...50)) * GenPlanner.d
        let b = base - Int64(r.int(1...20)) * GenPlanner.d
        return min(a, b) - Int64(r.int(0...1439)) * GenPlanner.m
    }

    /// Raises the priority one step for black-card members (their entitlement).
    func bump(_ p: String) -> String {
        guard c.isBlack else { return p }
        switch p {
        case "low": return "normal"
        case "normal": return "high"
        case "high": return "urgent"
        default: return p
        }
    }

    static func roundUp30(_ t: Int64) -> Int64 { t + (1800 - ((t % 1800) + 1800) % 1800) % 1800 }

    /// A time after `from`, at least a minute before the base date.
    mutating func createdAfter(_ from: Int64, maxMinutes: Int = 45) -> Int64 {
        let room = Int((base - 90 - from) / 60)
        guard room > 1 else { return base - 90 }
        return from + Int64(r.int(1...min(maxMinutes, room))) * GenPlanner.m
    }

    mutating func closer() -> String {
        say(["麻烦尽快处理，谢谢。", "急，在线等。", "请尽快回复我。", "谢谢！", "麻烦帮我一起处理一下，别让我一个个打电话。", ""],
            ["Please sort this out quickly, thanks.", "Urgent, please.", "Thanks in advance.", "Please call me back.", "I don't want to have to call everyone myself.", ""])
    }

    /// Plans the current trip with `count` orders and its contact.
    mutating func planCurrent(orderCount count: Int) {
        guard count > 0 else { return planNoOrderContact() }
        var size = min(count, 3)
        if count >= 3 && r.percent(20) { size = 2 }
        let withReturn = count >= 4 && size == 3
        let products: [GenProduct]
        switch size {
        case 3: products = [.flight, .hotel, .car]
        case 2: products = [[.flight, .hotel], [.hotel, .car], [.flight, .car]][r.weighted([70, 15, 15])]
        default: products = [[.flight], [.hotel], [.car]][r.weighted([50, 40, 10])]
        }
        let fitting = Current.allCases.filter { $0.fits(products) }
        let kind = fitting[r.weighted(fitting.map(\.weight))]
        var t: GenTicket
        switch kind {
        case .delay: t = scDelay(products, withReturn)
        case .cancel: t = scCancel(products, withReturn)
        case .scheduleChange: t = scScheduleChange(products, withReturn)
        case .overbooked: t = scOverbooked(products, withReturn)
        case .lateArrival: t = scLateArrival(products, withReturn)
        case .carCounter: t = scCarCounter(products, withReturn)
        case .refund: t = scRefund(products, withReturn)
        case .typhoon: t = scTyphoon(products, withReturn)
        case .priceDrop: t = scPriceDrop(products, withReturn)
        case .lostLuggage: t = scLostLuggage(products, withReturn)
        case .sosPassport: t = scSOS(products, withReturn, medical: false)
        case .sosMedical: t = scSOS(products, withReturn, medical: true)
        case .carDeposit: t = scCarDeposit(products, withReturn)
        case .noShow: t = scNoShow(products, withReturn)
        case .roomIssue: t = scRoomIssue(products, withReturn)
        case .assist: t = scAssist(products, withReturn)
        case .nameFix: t = scNameFix(products, withReturn)
        case .invoice: t = scInvoice(products, withReturn)
        case .breakfast: t = scBreakfast(products, withReturn)
        }
        t.priority = bump(t.priority)
        tickets.append(t)
    }

    // MARK: - Flight delay breaking the hotel check-in and the car pick-up

    mutating func scDelay(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(40...480)) * GenPlanner.m
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let fi = trip.flight!
        let f = orders[fi].flight!
        let delay = r.int(2...8) * 60 + r.pick([0, 15, 30, 45])
        let notice = base - Int64(r.int(30...150)) * GenPlanner.m
        let newDep = f.departure + Int64(delay) * GenPlanner.m, newArr = f.arrival + Int64(delay) * GenPlanner.m
        let reason = say(["前序航班晚到", "目的地机场天气原因", "航路流量控制", "飞机临时故障排查"],
                         ["a late inbound aircraft", "weather at the destination", "air traffic flow control", "an unscheduled technical check"])
        let hrs = GenFormat.hours(delay, zh: zh)
        event(fi, notice, "delayed", zh ? "因\(reason)，\(f.number)预计延误约\(hrs)，预计\(clock(newDep, f.originZone))起飞、\(when(newArr, f.destinationZone))到达（当地时间）"
                                        : "\(f.number) delayed about \(hrs) due to \(reason); now departing \(clock(newDep, f.originZone)), arriving \(when(newArr, f.destinationZone)) local time",
              status: "delayed")
        var hotelAtRisk = false
        var carMoved = false
        var newPickup: Int64 = 0
        var oldPickup: Int64 = 0
        if let hi = trip.hotel {
            let h = orders[hi].hotel!
            let atHotel = h.zone.local(newArr + 90 * GenPlanner.m)
            hotelAtRisk = atHotel.minute >= 22 * 60 || atHotel.day > h.zone.local(h.checkIn).day
        }
        if let ci = trip.car, newArr + 30 * GenPlanner.m > orders[ci].car!.pickupAt {
            let car = orders[ci].car!
            carMoved = true
            oldPickup = car.pickupAt
            newPickup = GenPlanner.roundUp30(newArr + 60 * GenPlanner.m)
            orders[ci].car!.pickupAt = newPickup
            if orders[ci].car!.returnAt < newPickup + 4 * GenPlanner.h { orders[ci].car!.returnAt = newPickup + GenPlanner.d }
            event(ci, notice + Int64(r.int(4...20)) * GenPlanner.m, "changed",
                  zh ? "因\(f.number)延误，取车时间由\(when(oldPickup, car.zone))改为\(when(newPickup, car.zone))，门店已确认保留车辆"
                     : "Pick-up moved from \(when(oldPickup, car.zone)) to \(when(newPickup, car.zone)) because \(f.number) is delayed; the branch holds the car",
                  status: "changed")
        }
        let hotel = trip.hotel.map { orders[$0].hotel! }
        let car = trip.car.map { orders[$0].car! }
        let intl = f.international
        var t = GenTicket(createdAt: createdAfter(notice), channel: channel(), product: .flight, category: "delay",
                          priority: (hotelAtRisk || carMoved) ? (intl ? "urgent" : "high") : "normal", orders: trip.all,
                          subject: "", message: "")
        let dest = airportCity(f.destination)
        if zh {
            let concern = hotelAtRisk && carMoved ? "酒店入住和租车怎么办" : hotelAtRisk ? "酒店入住怎么办" : carMoved ? "租车取车怎么办" : "能否改签"
            t.subject = "\(f.number)延误\(hrs)，\(concern)"
            var msg = say(["你好，", "您好，", "客服你好，", ""], [""]) + "刚收到通知\(f.number)要延误\(hrs)，预计\(clock(newDep, f.originZone))才起飞，到\(dest)得\(when(newArr, f.destinationZone))了。"
            if let hotel, hotelAtRisk { msg += "我订了\(hotelName(hotel))\(date(hotel.checkIn, hotel.zone))入住，这么晚到酒店会不会把房间取消？" }
            if let car, carMoved { msg += "租车原来约的\(clock(oldPickup, car.zone))在机场取车，现在肯定赶不上，\(carCompany(car))那边能顺延吗？" }
            if !hotelAtRisk && !carMoved { msg += say(["这个延误能免费改签到早一点的航班吗？", "如果再延误我就不走了，能全额退吗？"], [""]) }
            t.message = msg + closer()
        } else {
            let concern = hotelAtRisk && carMoved ? "hotel and rental car?" : hotelAtRisk ? "will the hotel hold my room?" : carMoved ? "rental car pick-up?" : "can I switch flights?"
            t.subject = "\(f.number) delayed \(hrs) – \(concern)"
            var msg = say([""], ["Hi, ", "Hello, ", ""]) + "I just got a notice that \(f.number) is delayed by about \(hrs). We now leave at \(clock(newDep, f.originZone)) and land in \(dest) at \(when(newArr, f.destinationZone)). "
            if let hotel, hotelAtRisk { msg += "I'm booked at \(hotelName(hotel)) from \(date(hotel.checkIn, hotel.zone)) - will they give my room away if I arrive that late? " }
            if let car, carMoved { msg += "My \(carCompany(car)) pick-up was \(clock(oldPickup, car.zone)) at the airport, which I'll miss. Can they hold the car? " }
            if !hotelAtRisk && !carMoved { msg += "Can I move to an earlier flight at no cost? " }
            t.message = msg + closer()
        }
        if wantsSummary(t.channel) {
            var facts = zh ? "\(flightLabel(f))因\(reason)延误约\(hrs)，预计\(clock(newDep, f.originZone))起飞、\(when(newArr, f.destinationZone))到达（当地时间）"
                           : "\(flightLabel(f)) delayed about \(hrs) (\(reason)); new departure \(clock(newDep, f.originZone)), arrival \(when(newArr, f.destinationZone)) local"
            if let hotel { facts += zh ? "；同行程酒店：\(hotelName(hotel))，\(date(hotel.checkIn, hotel.zone))入住\(hotel.nights)晚" : "; same trip: \(hotelName(hotel)), check-in \(date(hotel.checkIn, hotel.zone)), \(hotel.nights) night(s)" }
            if let car, carMoved { facts += zh ? "；租车：\(carCompany(car))已自动顺延取车至\(clock(newPickup, car.zone))" : "; car: \(carCompany(car)) pick-up automatically moved to \(clock(newPickup, car.zone))" }
            t.botSummary = summary(t, facts: facts,
                                   bot: zh ? "推送了延误通知和延误险理赔入口" : "sent the delay notice and the delay-insurance claim link",
                                   wants: hotelAtRisk || carMoved ? (zh ? "担心酒店按未入住处理、租车被取消，要求人工一次性协调" : "one agent to sort out the hotel and the car so nothing is cancelled")
                                                                 : (zh ? "咨询免费改签或退票" : "a free change or refund"),
                                   mood: zh ? "焦急" : "anxious")
        }
        addBotTurns(&t, ask: zh ? "\(f.number)延误了怎么办" : "\(f.number) is delayed, what now?",
                    answer: zh ? "查询到您的航班\(f.number)当前预计\(clock(newDep, f.originZone))起飞。如购买了延误险，落地后可在订单页一键理赔。" : "Your flight \(f.number) is now expected to leave at \(clock(newDep, f.originZone)). If you bought delay cover, you can claim from the booking page after landing.")
        let a = dir.agent(for: .flight, zh: zh, &r)
        var reply = hello(a) + (zh ? "看到\(f.number)延误约\(hrs)，打乱了您今天的安排，非常理解您的着急。" : "I can see \(f.number) is delayed by about \(hrs) - sorry, that's a rough start to the trip. ")
        if let hotel, hotelAtRisk { reply += zh ? "我已联系\(hotelName(hotel))备注晚到，房间会为您保留，不会按未入住处理。" : "I've told \(hotelName(hotel)) you'll arrive late; your room is held and won't be treated as a no-show. " }
        if let car, carMoved { reply += zh ? "\(carCompany(car))已把取车时间顺延到\(clock(newPickup, car.zone))，落地后直接去柜台即可。" : "\(carCompany(car)) has moved your pick-up to \(clock(newPickup, car.zone)); just go to the counter when you land. " }
        reply += zh ? "航班如再有变化我会主动联系您，两小时内给您最新进展。" : "If the flight changes again I'll contact you first; you'll hear from me within two hours."
        let note: String? = hotelAtRisk ? (zh ? "已致电酒店前台确认晚到保留；航班起飞后再核实一次到达时间。" : "Called the front desk: late arrival noted, room held. Re-check arrival once airborne.") : nil
        var pending: GenMessage? = nil
        if let hi = trip.hotel, hotelAtRisk, let contact = dir.contact(supplier: orders[hi].hotel!.def.supplier) {
            pending = GenMessage(at: base - Int64(r.int(5...40)) * GenPlanner.m, author: "supplier", authorID: contact.id,
                                 body: zh ? "已收到，客人房间保留至次日中午12点，晚到不收取额外费用。" : "Noted: the guest's room is held until noon tomorrow, no late-arrival charge.")
        }
        makeActive(&t, agent: a, reply: reply, note: note, pendingMessage: pending)
        if t.status != "queued", let hi = trip.hotel, hotelAtRisk, let first = t.firstResponse {
            let hz = orders[hi].hotel!.zone
            if r.percent(60) {
                let colleague = dir.colleague(for: .hotel, zh: zh, not: a.id, &r)
                t.messages.append(GenMessage(at: min(first + Int64(r.int(2...12)) * GenPlanner.m, base - 25), author: "colleague", authorID: colleague.id,
                                             body: zh ? "\(c.address)您好，我是酒店组的\(GenPlanner.signature(colleague))，\(hotelName(orders[hi].hotel!))已为您备注晚到，房间保留到明天中午，到店报姓名即可。"
                                                      : "Hello \(c.given), I'm \(GenPlanner.signature(colleague)) from the hotel desk. \(hotelName(orders[hi].hotel!)) has noted your late arrival and holds the room until noon tomorrow."))
            }
            event(hi, min(first + Int64(r.int(3...20)) * GenPlanner.m, base - 30), "changed",
                  zh ? "已通知酒店客人预计\(when(newArr + 90 * GenPlanner.m, hz))到店，房间保留" : "Hotel told the guest arrives about \(when(newArr + 90 * GenPlanner.m, hz)); room held")
        }
        return t
    }

    // MARK: - Cancellation: rebooking, and a traveller stranded away from home

    mutating func scCancel(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(-120...600)) * GenPlanner.m
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let fi = trip.flight!
        let f = orders[fi].flight!
        let notice = min(f.departure - Int64(r.int(30...240)) * GenPlanner.m, base - Int64(r.int(15...90)) * GenPlanner.m)
        let reason = say(["天气原因", "飞机机械故障", "航空管制", "机组排班原因"], ["weather", "a technical fault", "air traffic control restrictions", "crew scheduling"])
        truncateEvents(fi, after: notice)
        event(fi, notice, "cancelled", zh ? "\(f.number)因\(reason)取消，航司可免费改签或全额退票" : "\(f.number) cancelled (\(reason)); free rebooking or full refund", status: "cancelled")
        let stranded = zh ? !GenCatalog.isMainland(f.origin) : GenCatalog.isMainland(f.origin) && f.international
        let here = airportCity(f.origin)
        let hotel = trip.hotel.map { orders[$0].hotel! }
        let car = trip.car.map { orders[$0].car! }
        let route = GenCatalog.routes.firstIndex { ($0.from == f.origin && $0.to == f.destination) || ($0.to == f.origin && $0.from == f.destination) } ?? 0
        let others = GenCatalog.routes[route].carriers.filter { $0 != f.carrier }
        let alt = others.isEmpty ? f.number : GenCatalog.flightNumber(route: route, reverse: GenCatalog.routes[route].from != f.origin, carrier: others[0])
        var t = GenTicket(createdAt: createdAfter(notice), channel: channel(phoneBias: stranded ? 20 : 0), product: .flight, category: "cancel",
                          priority: stranded ? "urgent" : "high", orders: trip.all, subject: "", message: "")
        if zh {
            t.subject = stranded ? "\(f.number)取消，滞留\(here)，需要改签和住宿" : "\(f.number)航班取消，求改签" + (hotel != nil ? "，酒店怎么办" : "")
            var msg = say(["你好，", "您好，", ""], [""]) + "\(f.number)刚通知取消了，说是\(reason)。"
            if stranded { msg += "我现在在\(here)机场，回不去了，航司柜台排了很长的队，今晚住哪里都不知道。" }
            msg += "请帮我看看最快能改到哪个航班。"
            if let hotel { msg += "\(hotelName(hotel))\(date(hotel.checkIn, hotel.zone))入住，能不能帮我顺延或者免费取消第一晚？" }
            if let car { msg += "\(carCompany(car))的租车也要跟着改。" }
            t.message = msg + closer()
        } else {
            t.subject = stranded ? "\(f.number) cancelled – stuck in \(here), need a flight and a room" : "\(f.number) cancelled, please rebook" + (hotel != nil ? " (hotel too)" : "")
            var msg = "\(f.number) has just been cancelled - they say \(reason). "
            if stranded { msg += "I'm at the airport in \(here) with no way home tonight, the airline desk queue is huge and I have nowhere to stay. " }
            msg += "What's the earliest flight you can get me on? "
            if let hotel { msg += "My check-in at \(hotelName(hotel)) is \(date(hotel.checkIn, hotel.zone)) - can you move it or waive the first night? " }
            if let car { msg += "The \(carCompany(car)) rental needs to move as well. " }
            t.message = msg + closer()
        }
        if wantsSummary(t.channel) {
            var facts = zh ? "\(flightLabel(f))因\(reason)取消" : "\(flightLabel(f)) cancelled (\(reason))"
            if stranded { facts += zh ? "，客人滞留\(here)" : ", customer stranded in \(here)" }
            if let hotel { facts += zh ? "；同行程酒店\(hotelName(hotel))首晚受影响" : "; first night at \(hotelName(hotel)) affected" }
            if car != nil { facts += zh ? "；租车需同步调整" : "; rental car needs moving too" }
            t.botSummary = summary(t, facts: facts, bot: zh ? "告知可免费改签或全额退票，改签余座需人工确认" : "explained free rebooking or refund; seats need an agent",
                                   wants: stranded ? (zh ? "最快航班回家并安排今晚住宿" : "the earliest flight home and a room tonight") : (zh ? "改签最早航班，酒店和租车一起调整" : "rebook on the earliest flight and adjust hotel and car"),
                                   mood: stranded ? (zh ? "焦虑、疲惫" : "stressed, exhausted") : (zh ? "着急" : "worried"))
        }
        addBotTurns(&t, ask: zh ? "航班取消了" : "my flight got cancelled",
                    answer: zh ? "很抱歉，您的航班\(f.number)已取消。航司原因取消可免费改签或全额退票，您可在订单页选择。" : "Sorry, \(f.number) has been cancelled. You can rebook for free or get a full refund from the booking page.")
        let a = dir.agent(for: .flight, zh: zh, &r)
        var reply = hello(a) + (zh ? "\(f.number)取消打乱了您的行程，真的很抱歉。目前\(alt)还有座位，您同意的话我马上为您免费改签。" : "I'm sorry \(f.number) was cancelled. There are seats on \(alt); say yes and I'll rebook you at no cost right away. ")
        if stranded { reply += zh ? "航司原因取消应由航司安排当晚住宿，我已联系航司地服确认，10分钟内回复您住宿地点。" : "The airline owes you a hotel tonight; I've contacted their ground staff and will tell you where within 10 minutes. " }
        if let hotel { reply += zh ? "\(hotelName(hotel))首晚我来协调，按航班取消免收未入住费用。" : "I'll ask \(hotelName(hotel)) to waive the first night because of the cancellation. " }
        if car != nil { reply += zh ? "租车取车时间会跟着新航班一起改。" : "The car pick-up will follow the new flight." }
        var pending: GenMessage? = nil
        if f.carrier == GenCatalog.CA || f.carrier == GenCatalog.MU, let contact = dir.contact(supplier: f.carrier == GenCatalog.CA ? GenCatalog.supCA : GenCatalog.supMU) {
            let at = base - Int64(r.int(5...30)) * GenPlanner.m
            let holdUntil = at + 3 * GenPlanner.h
            pending = GenMessage(at: at, author: "supplier", authorID: contact.id,
                                 body: zh ? "已为旅客保留\(alt)座位，请于\(center(holdUntil))（北京时间）前确认改签；当晚住宿由我司安排，凭登机牌到中转柜台领取酒店券。" : "A seat on \(alt) is held for the passenger until \(center(holdUntil)) (Beijing time). We provide tonight's hotel: voucher at the transfer desk with the boarding pass.")
        }
        makeActive(&t, agent: a, reply: reply, note: zh ? "已联系航司地服核实保障座位；客人情绪焦虑，注意安抚。" : "Asked airline ground staff for protected seats; customer stressed.",
                   weights: stranded ? [50, 25, 25] : [64, 21, 15], pendingMessage: pending)
        if t.status == "pending", let first = t.firstResponse {
            event(fi, min(first + Int64(r.int(10...40)) * GenPlanner.m, base - 60), "changed",
                  zh ? "已申请改签至\(alt)，待航司确认座位" : "Rebooking to \(alt) requested; waiting for the airline to confirm", status: "changed")
        }
        return t
    }

    // MARK: - Schedule change

    mutating func scScheduleChange(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(2...30)) * GenPlanner.d + Int64(r.int(0...600)) * GenPlanner.m
        let booked = bookedBefore(start, &r)
        let trip = addTrip(products: products, start: start, booked: booked, withReturn: withReturn)
        let fi = trip.flight!
        let old = orders[fi].flight!
        let shift = (r.percent(55) ? 1 : -1) * r.int(2...8) * 30
        let notice = max(booked + GenPlanner.d, base - Int64(r.int(60...4000)) * GenPlanner.m)
        orders[fi].flight!.departure += Int64(shift) * GenPlanner.m
        orders[fi].flight!.arrival += Int64(shift) * GenPlanner.m
        let f = orders[fi].flight!
        event(fi, notice, "changed", zh ? "航司计划调整：\(f.number)起飞时间由\(when(old.departure, old.originZone))调整为\(when(f.departure, f.originZone))，到达\(when(f.arrival, f.destinationZone))"
                                        : "Airline schedule change: \(f.number) now departs \(when(f.departure, f.originZone)) (was \(when(old.departure, old.originZone))), arrives \(when(f.arrival, f.destinationZone))",
              status: "changed")
        let car = trip.car.map { orders[$0].car! }
        let conflict = car.map { f.arrival + 30 * GenPlanner.m > $0.pickupAt } ?? false
        var t = GenTicket(createdAt: createdAfter(notice, maxMinutes: 600), channel: channel(), product: .flight, category: "change",
                          priority: conflict ? "high" : "normal", orders: trip.all, subject: "", message: "")
        let moved = GenFormat.hours(abs(shift), zh: zh)
        if zh {
            t.subject = "\(f.number)航班时刻变更\(shift > 0 ? "推迟" : "提前")\(moved)" + (conflict ? "，租车衔接不上" : "")
            var msg = "收到短信说\(f.number)从\(when(old.departure, old.originZone))改到\(when(f.departure, f.originZone))起飞了。"
            if shift < 0 { msg += "提前了\(moved)，我那天上午还有事，根本赶不上。" }
            if let car, conflict { msg += "这样落地就\(clock(f.arrival, f.destinationZone))了，\(carCompany(car))约的\(clock(car.pickupAt, car.zone))取车也衔接不上。" }
            msg += say(["能免费改到别的航班吗？实在不行就全额退票。", "这种情况可以免费退吗？", "请帮我看看怎么处理最好。"], [""])
            t.message = msg
        } else {
            t.subject = "\(f.number) schedule change: \(shift > 0 ? "later" : "earlier") by \(moved)" + (conflict ? " – car pick-up clash" : "")
            var msg = "I got a message that \(f.number) now leaves at \(when(f.departure, f.originZone)) instead of \(when(old.departure, old.originZone)). "
            if shift < 0 { msg += "That's \(moved) earlier and I can't make it. " }
            if let car, conflict { msg += "We'd land at \(clock(f.arrival, f.destinationZone)), after my \(carCompany(car)) pick-up at \(clock(car.pickupAt, car.zone)). " }
            msg += say([""], ["Can I change to another flight for free, or get a full refund?", "Is a free refund possible in this case?", "What are my options?"])
            t.message = msg
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(flightLabel(f))航司计划调整，起飞时间\(shift > 0 ? "推迟" : "提前")\(moved)" + (conflict ? "，与租车取车时间冲突" : "")
                                              : "\(flightLabel(f)) rescheduled by the airline, \(moved) \(shift > 0 ? "later" : "earlier")" + (conflict ? ", clashes with the car pick-up" : ""),
                                   bot: zh ? "说明属于航司非自愿变更，可免费改签或全额退票" : "explained an involuntary change allows a free change or full refund",
                                   wants: zh ? "改签合适航班或退票" + (conflict ? "，并同步调整租车" : "") : "another flight or a refund" + (conflict ? ", and the car moved to match" : ""))
        }
        let a = dir.agent(for: .flight, zh: zh, &r)
        var reply = hello(a) + (zh ? "这次是航司计划调整，属于非自愿变更，改签或退票都不收手续费，您放心。" : "This is the airline's schedule change, so changing or refunding is free of charge. ")
        if conflict { reply += zh ? "租车我已同步帮您把取车时间改到落地后一小时。" : "I've already moved your car pick-up to an hour after landing. " }
        reply += zh ? "您看改到哪个时间合适，我马上办理。" : "Tell me which time suits you and I'll book it now."
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [60, 20, 20])
        return t
    }

    // MARK: - Hotel overbooked on arrival

    mutating func scOverbooked(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base - Int64(r.int(14...22)) * GenPlanner.h
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let hi = trip.hotel!
        let hotel = orders[hi].hotel!
        let cityDef = GenCatalog.cities[hotel.city]
        let altIndex = cityDef.hotels.indices.first { $0 != hotel.hotel } ?? hotel.hotel
        let alt = zh ? cityDef.hotels[altIndex].zh : cityDef.hotels[altIndex].en
        let arrivedAt = trip.flight.map { orders[$0].flight!.arrival + Int64(r.int(60...110)) * GenPlanner.m }
            ?? hotel.zone.instant(day: hotel.zone.local(hotel.checkIn).day, minuteOfDay: r.int(19 * 60...23 * 60))
        let arrived = min(arrivedAt, base - 3 * GenPlanner.h)
        orders[hi].events.removeAll { $0.kind == "checked_in" || $0.kind == "completed" }
        event(hi, arrived, "changed", zh ? "到店时酒店超售无房，客人被安排至\(alt)同级房型，交通由酒店承担" : "Overbooked on arrival: guest walked to \(alt) (same room class), transport paid by the hotel", status: "changed")
        var t = GenTicket(createdAt: base - Int64(r.int(15...300)) * GenPlanner.m, channel: channel(phoneBias: 15), product: .hotel, category: "complaint",
                          priority: c.tierRank >= 5 ? "urgent" : "high", orders: trip.all, subject: "", message: "")
        let hn = hotelName(hotel)
        if zh {
            t.subject = "\(hn)超售，确认的房间入住不了"
            var msg = "我昨晚\(clock(arrived, hotel.zone))到\(hn)，前台说没房了，把我安排到了\(alt)。"
            if c.isBlack { msg += "我是你们的黑卡会员，" }
            msg += "订单早就确认了，房间却被卖掉，这算什么？" + say(["今天必须给我换回原酒店，另外这件事要给个说法。", "来回折腾了一个多小时，我要投诉。", "请给我一个解决方案和补偿。"], [""])
            t.message = msg
        } else {
            t.subject = "Overbooked at \(hn) – confirmed room not available"
            var msg = "I arrived at \(hn) last night at \(clock(arrived, hotel.zone)) and was told there was no room; they sent me to \(alt). "
            if c.isBlack { msg += "I'm a black card member. " }
            msg += "The booking was confirmed weeks ago. " + say([""], ["I want to be moved back today and I expect compensation.", "I lost over an hour in taxis. I want to make a formal complaint.", "Please tell me what you will do about this."])
            t.message = msg
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(hn)（\(hotel.room)，\(hotel.nights)晚）到店超售，被安排至\(alt)" : "\(hn) (\(hotel.room), \(hotel.nights) nights) overbooked on arrival; guest moved to \(alt)",
                                   bot: zh ? "记录投诉，未能给出方案" : "logged the complaint, no remedy offered",
                                   wants: zh ? "今晚换回原酒店原房型，并要求补偿" : "back to the booked hotel tonight, plus compensation",
                                   mood: zh ? "非常不满" : "very upset")
        }
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let reply = hello(a) + (zh ? "酒店超售让您确认的房间住不了，这是我们和酒店的责任，非常抱歉。我已联系\(hn)，今晚为您保留原房型，3小时内给您确认；同时按先行赔付为您申请补偿，首晚房费全额退还。"
                                    : "An overbooking that cost you your confirmed room is our and the hotel's fault, and I'm sorry. I've asked \(hn) to hold your booked room type tonight and will confirm within three hours; I've also filed pay-first compensation and the first night will be refunded in full.")
        var pending: GenMessage? = nil
        if let contact = dir.contact(supplier: hotel.def.supplier) {
            pending = GenMessage(at: base - Int64(r.int(5...60)) * GenPlanner.m, author: "supplier", authorID: contact.id,
                                 body: zh ? "已核实，今晚可为客人安排原订房型，并免费升级至景观房，客人到店报姓名即可。" : "Confirmed: the booked room type is available tonight with a complimentary upgrade to a view room; the guest just gives their name at the desk.")
        }
        makeActive(&t, agent: a, reply: reply, note: zh ? "超售属实，建议主管审批先行赔付；客人等级\(c.tierLabel)。" : "Overbooking confirmed; supervisor to approve pay-first compensation (\(c.tierLabel)).",
                   weights: [55, 25, 20], pendingMessage: pending)
        if t.status != "queued", let first = t.firstResponse {
            let s = dir.supervisor(zh: zh)
            t.messages.append(GenMessage(at: min(first + Int64(r.int(5...25)) * GenPlanner.m, base - 10), author: "colleague", authorID: s.id, isInternal: true,
                                         body: zh ? "同意先行赔付首晚房费，另补偿500元旅行券。" : "Approved: refund the first night up front plus a CNY 500 travel voucher."))
        }
        return t
    }

    // MARK: - Late arrival at the hotel

    mutating func scLateArrival(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let (route, reverse) = chooseRoute(international: nil)
        let def = GenCatalog.routes[route]
        let dest = reverse ? def.from : def.to
        let dz = GenCatalog.cities[GenCatalog.airports[dest].city].zone
        var day = dz.local(base + 6 * GenPlanner.h).day
        var arrTarget = dz.instant(day: day, minuteOfDay: 23 * 60) + Int64(r.int(0...150)) * GenPlanner.m
        if arrTarget - Int64(def.minutes) * GenPlanner.m < base + 30 * GenPlanner.m {
            day += 1
            arrTarget = dz.instant(day: day, minuteOfDay: 23 * 60) + Int64(r.int(0...150)) * GenPlanner.m
        }
        let start = arrTarget - Int64(def.minutes) * GenPlanner.m
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn, route: (route, reverse))
        let f = orders[trip.flight!].flight!
        let hotel = orders[trip.hotel!].hotel!
        let atHotel = f.arrival + Int64(r.int(60...100)) * GenPlanner.m
        var t = GenTicket(createdAt: base - Int64(r.int(10...600)) * GenPlanner.m, channel: channel(), product: .hotel, category: "change",
                          priority: "normal", orders: trip.all, subject: "", message: "")
        let hn = hotelName(hotel)
        if zh {
            t.subject = "晚到\(hn)，请保留房间"
            t.message = "我坐\(f.number)，\(when(f.arrival, f.destinationZone))才落地，到酒店估计要\(clock(atHotel, hotel.zone))以后了。麻烦帮我通知\(hn)保留房间，别当no-show取消了。" + closer()
        } else {
            t.subject = "Late arrival at \(hn) – please hold the room"
            t.message = "I'm on \(f.number), landing \(when(f.arrival, f.destinationZone)), so I won't reach the hotel before \(clock(atHotel, hotel.zone)). Please ask \(hn) to keep my room and not cancel it as a no-show. " + closer()
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(hn)\(date(hotel.checkIn, hotel.zone))入住，航班\(flightLabel(f))预计\(when(f.arrival, f.destinationZone))到达" : "\(hn) check-in \(date(hotel.checkIn, hotel.zone)); flight \(flightLabel(f)) lands \(when(f.arrival, f.destinationZone))",
                                   bot: zh ? "说明担保订单通常保留至次日，但需酒店确认" : "explained guaranteed bookings are usually held overnight, hotel must confirm",
                                   wants: zh ? "通知酒店晚到保留房间" : "the hotel told to hold the room")
        }
        addBotTurns(&t, ask: zh ? "酒店晚到会不会取消" : "will the hotel cancel if I arrive late?", answer: zh ? "担保订单一般保留至次日中午，建议联系酒店备注晚到。" : "Guaranteed bookings are normally held until the next day; it's best to let the hotel know.")
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let reply = hello(a) + (zh ? "已为您联系\(hn)备注“晚到保留”，房间会保留到次日中午，不会按未入住处理。祝您旅途顺利！" : "I've asked \(hn) to note your late arrival; the room is held until noon tomorrow and won't be treated as a no-show. Have a good flight!")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [55, 30, 15])
        if t.status != "queued", let first = t.firstResponse {
            event(trip.hotel!, min(first + Int64(r.int(2...15)) * GenPlanner.m, base - 30), "changed",
                  zh ? "已通知酒店客人约\(clock(atHotel, hotel.zone))到店，房间保留至次日12:00" : "Hotel informed: guest arrives about \(clock(atHotel, hotel.zone)); room held until 12:00 next day")
        }
        return t
    }

    // MARK: - At the rental counter

    mutating func scCarCounter(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let pickupTarget = base - Int64(r.int(20...150)) * GenPlanner.m
        var start = pickupTarget
        var fixedRoute: (Int, Bool)? = nil
        if products.contains(.flight) {
            let rr = chooseRoute(international: nil)
            fixedRoute = rr
            start = pickupTarget - Int64(75 + GenCatalog.routes[rr.route].minutes) * GenPlanner.m
        }
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn, route: fixedRoute)
        let ci = trip.car!
        var car = orders[ci].car!
        if car.pickupAt > base - 10 * GenPlanner.m {
            orders[ci].car!.pickupAt = base - Int64(r.int(20...60)) * GenPlanner.m
            car = orders[ci].car!
            rebaseEvents(ci)
        }
        orders[ci].events.removeAll { $0.kind == "picked_up" || $0.kind == "returned" || $0.kind == "completed" }
        let domestic = GenCatalog.cities[car.city].domestic
        let issue = r.below(3)
        let company = carCompany(car)
        var t = GenTicket(createdAt: createdAfter(car.pickupAt, maxMinutes: 40), channel: channel(phoneBias: 20), product: .car,
                          category: issue == 0 ? "change" : "complaint", priority: "high", orders: trip.all, subject: "", message: "")
        let place = car.pickupPlace
        switch (issue, zh) {
        case (0, true):
            t.subject = "\(company)取车要求押金/信用卡，预订时没说"
            t.message = domestic ? "我在\(place)取车，门店说要刷5000元押金，而且只能用信用卡，我预订的时候页面写的是免押。现在车取不了，后面的行程都耽误了。" + closer()
                                 : "我在\(place)取车，柜台说必须用主驾驶本人名下的信用卡担保，我只带了借记卡，不让取车。预订时没看到这个要求，现在怎么办？" + closer()
        case (0, false):
            t.subject = "\(company) desk won't release the car – card/deposit"
            t.message = "I'm at \(place). They insist on a credit card in the main driver's name for the deposit and won't accept my debit card. Nothing about this was clear when I booked. What can I do? " + closer()
        case (1, true):
            t.subject = "\(company)预订车型没有了，要求加钱升级"
            t.message = "到了\(place)，说我订的\(car.model)没有车了，只能加钱升级，每天多\(GenFormat.money(r.int(15...40) * 10, zh: true))。订单早就确认了，凭什么让我加钱？" + closer()
        case (1, false):
            t.subject = "\(company): booked car not available, upgrade fee demanded"
            t.message = "At \(place) they say there is no \(car.model) and I must pay for an upgrade, \(GenFormat.money(r.int(15...40) * 10, zh: false)) extra per day. My booking was confirmed. Why should I pay more? " + closer()
        case (_, true):
            t.subject = "\(company)门店排队一个多小时取不到车"
            t.message = "在\(place)排了一个多小时队了，前面还有十几个人，只有一个工作人员。带着孩子和行李，太折腾了，能不能帮忙催一下或者给个说法？" + closer()
        default:
            t.subject = "Over an hour waiting at the \(company) desk"
            t.message = "I've queued at \(place) for over an hour with a dozen people still ahead and one person at the desk. I have kids and luggage with me. Can you chase them or do something? " + closer()
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(company)（\(place)）取车受阻" : "stuck collecting the car from \(company) (\(place))",
                                   bot: zh ? "提供了门店电话，客人表示已沟通无果" : "gave the branch phone number; customer says that didn't help",
                                   wants: zh ? "尽快取到车，不额外付费" : "the car now, with no extra charge", mood: zh ? "烦躁" : "frustrated")
        }
        let a = dir.agent(for: .car, zh: zh, &r)
        let reply = hello(a) + (zh ? "让您在门店等这么久，真的抱歉。我已直接联系\(company)门店经理处理：按订单确认的条件为您放车，如需升级由门店免费提供。15分钟内我会回电确认。"
                                    : "I'm sorry you've been held up at the desk. I've contacted the \(company) branch manager directly: the car is to be released on the terms you booked, and any upgrade is at their cost. I'll call you back within 15 minutes.")
        var pending: GenMessage? = nil
        if let s = GenCatalog.carCompanies[car.company].supplier, let contact = dir.contact(supplier: s) {
            pending = GenMessage(at: base - Int64(r.int(3...20)) * GenPlanner.m, author: "supplier", authorID: contact.id,
                                 body: zh ? "门店已处理：按原订单条件放车，升级车型不另收费，客人可到2号柜台直接办理。" : "Sorted at the branch: car released on the booked terms, free upgrade, guest can go to desk 2.")
        }
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [55, 25, 20], pendingMessage: pending)
        return t
    }

    // MARK: - Refund of a future trip

    mutating func scRefund(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(3...40)) * GenPlanner.d + Int64(r.int(0...700)) * GenPlanner.m
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let useFlight = trip.flight != nil && (trip.hotel == nil || r.percent(60))
        let reasonZh = r.pick(["公司出差取消了", "家里老人生病住院", "孩子学校临时有安排", "签证没办下来", "行程改期了"])
        let reasonEn = r.pick(["my business trip was called off", "a family member is in hospital", "my visa didn't come through", "our plans have changed"])
        var t = GenTicket(createdAt: base - Int64(r.int(10...900)) * GenPlanner.m, channel: channel(), product: useFlight ? .flight : .hotel, category: "refund",
                          priority: r.percent(70) ? "normal" : "low", orders: trip.all, subject: "", message: "")
        let a = dir.agent(for: t.product, zh: zh, &r)
        let pct = r.pick([5, 10, 20, 30])
        if useFlight {
            let f = orders[trip.flight!].flight!
            t.subject = zh ? "\(f.number)申请退票" : "Refund for \(f.number)"
            t.message = zh ? "你好，\(reasonZh)，\(date(f.departure, f.originZone))的\(flightLabel(f))想退掉，" + say(["退票手续费是多少？", "能全退吗？我有相关证明。", "同行程的酒店也一起取消。"], [""])
                           : "Hello, \(reasonEn), so I need to cancel \(flightLabel(f)) on \(date(f.departure, f.originZone)). " + say([""], ["What is the refund fee?", "Can I get a full refund? I have documents.", "Please cancel the hotel on this trip too."])
            if wantsSummary(t.channel) {
                t.botSummary = summary(t, facts: zh ? "\(flightLabel(f))申请自愿退票，原因：\(reasonZh)" : "voluntary refund request for \(flightLabel(f)): \(reasonEn)",
                                       bot: zh ? "按票规试算退票费为票面\(pct)%" : "estimated a \(pct)% refund fee under the fare rules",
                                       wants: zh ? "确认退票费，尽量全退" : "the fee confirmed, ideally a full refund")
            }
            let reply = hello(a) + (zh ? "按票规，现在退票收取票面价\(pct)%的手续费；如因病有医院证明，可以帮您向航司申请全额退票。您确认后我马上提交。"
                                        : "Under the fare rules the refund fee is \(pct)% of the fare now; with a medical certificate I can ask the airline for a full refund. Confirm and I'll submit it.")
            makeActive(&t, agent: a, reply: reply, note: nil, weights: [60, 15, 25],
                       pendingMessage: GenMessage(at: base - Int64(r.int(30...300)) * GenPlanner.m, author: "agent", authorID: a.id, isInternal: true,
                                                  body: zh ? "等待客户上传医院证明后提交航司全退申请。" : "Waiting for the customer's medical certificate before asking the airline for a full refund."))
        } else {
            let hotel = orders[trip.hotel!].hotel!
            let freeUntil = hotel.checkIn - 2 * GenPlanner.d
            t.subject = zh ? "取消\(hotelName(hotel))订单" : "Cancel my booking at \(hotelName(hotel))"
            t.message = zh ? "\(reasonZh)，\(date(hotel.checkIn, hotel.zone))入住的\(hotelName(hotel))要取消，钱能原路退回吗？"
                           : "\(reasonEn.prefix(1).uppercased() + reasonEn.dropFirst()), so I need to cancel \(hotelName(hotel)) from \(date(hotel.checkIn, hotel.zone)). Will the money go back to my card?"
            if wantsSummary(t.channel) {
                t.botSummary = summary(t, facts: zh ? "\(hotelName(hotel))（\(hotel.nights)晚）申请取消" : "cancellation of \(hotelName(hotel)) (\(hotel.nights) nights)",
                                       bot: zh ? "告知\(date(freeUntil, hotel.zone))前可免费取消" : "said free cancellation runs until \(date(freeUntil, hotel.zone))",
                                       wants: zh ? "取消并原路退款" : "cancel and refund to the original payment")
            }
            let reply = hello(a) + (zh ? "您的订单在\(date(freeUntil, hotel.zone))前可免费取消，我已为您办理，房费3-5个工作日原路退回。" : "Your booking can be cancelled free until \(date(freeUntil, hotel.zone)); I've cancelled it and the money returns to your card in 3-5 working days.")
            makeActive(&t, agent: a, reply: reply, note: nil, weights: [65, 25, 10])
            if t.status != "queued", let first = t.firstResponse {
                let at = min(first + Int64(r.int(2...10)) * GenPlanner.m, base - 30)
                event(trip.hotel!, at, "cancelled", zh ? "客人申请取消，免费取消期内" : "Cancelled by the guest within free cancellation", status: "cancelled")
            }
        }
        return t
    }

    // MARK: - Typhoon: non-refundable hotel and the natural-disaster fund

    mutating func scTyphoon(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let cityIdx = r.pick(GenPlanner.typhoonCities)
        let start = base + Int64(r.int(18...60)) * GenPlanner.h
        var fixedRoute: (Int, Bool)? = nil
        if products.contains(.flight) {
            var options: [(Int, Bool)] = []
            for (i, rt) in GenCatalog.routes.enumerated() {
                if GenCatalog.airports[rt.to].city == cityIdx && GenCatalog.airports[rt.from].city != cityIdx { options.append((i, false)) }
                if GenCatalog.airports[rt.from].city == cityIdx && GenCatalog.airports[rt.to].city != cityIdx { options.append((i, true)) }
            }
            fixedRoute = r.pick(options)
        }
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn, route: fixedRoute, city: cityIdx)
        let hotel = orders[trip.hotel!].hotel!
        let cityName = city(hotel.city)
        let warn = base - Int64(r.int(60...600)) * GenPlanner.m
        if let fi = trip.flight {
            let f = orders[fi].flight!
            event(fi, warn, "cancelled", zh ? "受台风影响，\(cityName)\(date(f.departure, f.originZone))航班取消，全额退票" : "Cancelled: typhoon at \(cityName); full refund", status: "cancelled")
            if warn + 50 * GenPlanner.m < base { event(fi, warn + Int64(r.int(20...50)) * GenPlanner.m, "refunded", zh ? "航司原因全额退款已原路退回" : "Full refund issued to the original payment", status: "refunded") }
        }
        if let ci = trip.car {
            event(ci, warn + 5 * GenPlanner.m, "cancelled", zh ? "台风预警，免费取消" : "Free cancellation: typhoon warning", status: "cancelled")
            event(ci, warn + 8 * GenPlanner.m, "refunded", zh ? "预付租金已全额退回" : "Prepaid rental refunded in full", status: "refunded")
        }
        let amount = hotel.def.budget ? r.int(30...60) * 10 * hotel.nights : r.int(110...300) * 10 * hotel.nights
        var t = GenTicket(createdAt: createdAfter(warn, maxMinutes: 200), channel: channel(), product: .hotel, category: "refund",
                          priority: "high", orders: trip.all, subject: "", message: "")
        let hn = hotelName(hotel)
        if zh {
            t.subject = "台风取消行程，\(hn)不可取消房型能退吗"
            t.message = "台风要来了，\(trip.flight != nil ? "航班已经取消了，" : "")可是\(hn)是预付不可取消的，\(hotel.nights)晚\(GenFormat.money(amount, zh: true))。这是天灾又不是我不想去，能退吗？"
        } else {
            t.subject = "Typhoon – refund for non-refundable \(hn)?"
            t.message = "A typhoon is heading for \(cityName)\(trip.flight != nil ? " and my flight is already cancelled" : ""). My \(hn) booking is prepaid non-refundable, \(hotel.nights) night(s), \(GenFormat.money(amount, zh: false)). This is a natural disaster, not my choice. Can I get my money back?"
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "台风影响\(cityName)，\(hn)\(date(hotel.checkIn, hotel.zone))入住\(hotel.nights)晚，不可取消价\(GenFormat.money(amount, zh: true))" + (trip.flight != nil ? "；航班已取消并退款" : "")
                                              : "typhoon at \(cityName); \(hn) from \(date(hotel.checkIn, hotel.zone)), \(hotel.nights) night(s), non-refundable \(GenFormat.money(amount, zh: false))" + (trip.flight != nil ? "; flight cancelled and refunded" : ""),
                                   bot: zh ? "提示可能适用自然灾害保障金，需人工核实" : "flagged the natural-disaster fund may apply; needs an agent",
                                   wants: zh ? "全额退回酒店房费" : "a full refund of the hotel", mood: zh ? "担心" : "worried")
        }
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let reply = hello(a) + (zh ? "台风属于不可抗力，您不用担心。我先联系\(hn)申请免费取消；酒店不能退的部分由平台自然灾害保障金承担，\(GenFormat.money(amount, zh: true))预计3个工作日内原路退回。"
                                    : "A typhoon is force majeure, so please don't worry. I'm asking \(hn) to cancel free of charge; whatever the hotel won't refund is covered by our natural-disaster fund. Expect \(GenFormat.money(amount, zh: false)) back on your card within 3 working days.")
        var pending: GenMessage? = nil
        if let contact = dir.contact(supplier: hotel.def.supplier) {
            pending = GenMessage(at: base - Int64(r.int(5...90)) * GenPlanner.m, author: "supplier", authorID: contact.id,
                                 body: zh ? "酒店同意免收首晚以外的房费，首晚需按政策收取，请平台确认是否由保障金承担。" : "The hotel waives all nights except the first, which policy requires us to charge; please confirm whether your fund covers it.")
        }
        makeActive(&t, agent: a, reply: reply, note: zh ? "已提交自然灾害保障金申请，待酒店回复可退金额。" : "Natural-disaster fund claim filed; waiting for the hotel's refundable amount.",
                   weights: [55, 20, 25], pendingMessage: pending)
        return t
    }

    // MARK: - Price drop after booking (price guarantee)

    mutating func scPriceDrop(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(4...45)) * GenPlanner.d
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let onHotel = trip.hotel != nil
        var t = GenTicket(createdAt: base - Int64(r.int(10...1200)) * GenPlanner.m, channel: channel(), product: onHotel ? .hotel : .flight,
                          category: "refund", priority: "normal", orders: trip.all, subject: "", message: "")
        let paid = onHotel ? r.int(60...250) * 10 : r.int(12...80) * 100
        let now = paid - r.int(3...max(4, paid / 50)) * 10
        let what = onHotel ? hotelName(orders[trip.hotel!].hotel!) : flightLabel(orders[trip.flight!].flight!)
        let diff = (paid - now) * (onHotel ? orders[trip.hotel!].hotel!.nights : 1)
        if zh {
            t.subject = "刚订完就降价，申请价格保障退差价"
            t.message = "我订的\(what)\(onHotel ? "每晚" : "")\(GenFormat.money(paid, zh: true))，今天再看同样的\(onHotel ? "房型和日期" : "航班舱位")只要\(GenFormat.money(now, zh: true))。你们不是有价格保障吗？差价能退吗？"
        } else {
            t.subject = "Price dropped after I booked – price guarantee"
            t.message = "I paid \(GenFormat.money(paid, zh: false))\(onHotel ? " a night" : "") for \(what), and today the same \(onHotel ? "room and dates are" : "fare is") \(GenFormat.money(now, zh: false)). You have a price guarantee, right? Can I get the difference back?"
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(what)下单后降价，差价约\(GenFormat.money(diff, zh: true))" : "\(what) price fell after booking, difference about \(GenFormat.money(diff, zh: false))",
                                   bot: zh ? "截图已收到，需人工核对价格保障条件" : "received the screenshot; price-guarantee terms need an agent",
                                   wants: zh ? "退还差价" : "the difference refunded")
        }
        let a = dir.agent(for: t.product, zh: zh, &r)
        let reply = hello(a) + (zh ? "核对了一下，同一房型同一日期确实降价，符合价格保障，差价\(GenFormat.money(diff, zh: true))会在3个工作日内退回您的支付账户。"
                                    : "I've checked: same product, same dates, lower price, so the price guarantee applies. The difference of \(GenFormat.money(diff, zh: false)) will be back on your payment method within 3 working days.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [70, 20, 10])
        return t
    }

    // MARK: - Lost luggage on arrival

    mutating func scLostLuggage(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let (route, reverse) = chooseRoute(international: r.percent(70))
        let arrival = base - Int64(r.int(60...600)) * GenPlanner.m
        let start = arrival - Int64(GenCatalog.routes[route].minutes) * GenPlanner.m
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn, route: (route, reverse))
        let fi = trip.flight!
        let f = orders[fi].flight!
        let file = GenCatalog.airports[f.destination].code + GenCatalog.carriers[f.carrier].code + GenFormat.padded(r.below(100_000), 5)
        let hotel = trip.hotel.map { orders[$0].hotel! }
        var t = GenTicket(createdAt: createdAfter(f.arrival + 40 * GenPlanner.m, maxMinutes: 120), channel: channel(phoneBias: 15), product: .flight, category: "sos",
                          priority: f.international ? "urgent" : "high", orders: trip.all, subject: "", message: "")
        if zh {
            t.subject = "\(f.number)行李丢失，已登记\(file)"
            t.message = "\(f.number)落地后行李一直没出来，在\(airportName(f.destination))行李查询柜台登记了，编号\(file)。里面有常用药和明天要穿的衣服。" + (hotel.map { "我住\(hotelName($0))，" } ?? "") + "能不能帮我催一下航司，找到后送到酒店？" + closer()
        } else {
            t.subject = "Lost bag on \(f.number) – file \(file)"
            t.message = "My bag never came off \(f.number). I filed a report at the \(airportName(f.destination)) baggage desk, reference \(file). It has my medication and clothes for tomorrow. " + (hotel.map { "I'm staying at \(hotelName($0)). " } ?? "") + "Can you chase the airline and have it delivered? " + closer()
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(flightLabel(f))到达后托运行李未到，行李查询编号\(file)，内有药品" : "checked bag missing after \(flightLabel(f)); file \(file); contains medication",
                                   bot: zh ? "提供了航司行李服务电话" : "gave the airline's baggage line",
                                   wants: zh ? "协助追踪行李并送到酒店，了解临时购物赔偿" : "help tracing the bag, delivery to the hotel, what interim costs are covered",
                                   mood: zh ? "着急" : "stressed")
        }
        let a = dir.agent(for: .flight, zh: zh, &r)
        let reply = hello(a) + (zh ? "已把行李查询编号\(file)转给\(carrierName(f.carrier))行李服务，找到后直接送到您的酒店。药品如急需，可先就近购买并保留发票，由航司按规定赔偿，我们24小时SOS会一直跟进。"
                                    : "I've passed file \(file) to \(carrierName(f.carrier)) baggage services; once found it goes straight to your hotel. If you need medication now, buy it and keep the receipt; the airline reimburses essentials, and our 24-hour SOS team will keep chasing.")
        makeActive(&t, agent: a, reply: reply, note: zh ? "每4小时向航司查询一次行李状态。" : "Chase the airline for the bag status every 4 hours.", weights: [55, 25, 20])
        return t
    }

    // MARK: - SOS abroad: lost passport, medical emergency

    static func emergencyNumber(_ city: Int) -> String {
        switch city {
        case GenCatalog.tokyo, GenCatalog.osaka, GenCatalog.seoul: return "119"
        case GenCatalog.bangkok: return "1669"
        case GenCatalog.singapore: return "995"
        case GenCatalog.london, GenCatalog.hongKong: return "999"
        case GenCatalog.paris, GenCatalog.frankfurt: return "112"
        case GenCatalog.sydney: return "000"
        case GenCatalog.losAngeles, GenCatalog.newYork: return "911"
        case GenCatalog.dubai: return "998"
        default: return "120"
        }
    }

    /// Whether `base` falls inside the trip: its outbound flight landed, its hotel stay and car hire
    /// not over, its flight home at least four hours away.
    func midTrip(_ trip: GenTrip) -> Bool {
        if let f = trip.flight, orders[f].flight!.arrival > base - GenPlanner.h { return false }
        if let h = trip.hotel, orders[h].hotel!.checkOut < base + 6 * GenPlanner.h { return false }
        if let c = trip.car, orders[c].car!.returnAt < base + 6 * GenPlanner.h { return false }
        if let b = trip.back, orders[b].flight!.departure < base + 4 * GenPlanner.h { return false }
        return true
    }

    mutating func scSOS(_ products: [GenProduct], _ withReturn: Bool, medical: Bool) -> GenTicket {
        var route: (Int, Bool)? = nil
        var fixedCity: Int? = nil
        if products.contains(.flight) {
            var options: [(Int, Bool)] = []
            for i in GenCatalog.internationalRoutes {
                let rt = GenCatalog.routes[i]
                if zh {
                    if GenCatalog.isMainland(rt.from) && !GenCatalog.isMainland(rt.to) { options.append((i, false)) }
                } else {
                    options.append((i, false)); options.append((i, true))
                }
            }
            route = r.pick(options)
        } else {
            fixedCity = r.pick(GenCatalog.cities.indices.filter { !GenCatalog.cities[$0].domestic })
        }
        // The emergency strikes mid-trip: landed, the hotel stay not over, the flight home still ahead
        // (a trip drawn otherwise is drawn again).
        let firstOrder = orders.count
        var trip: GenTrip
        var tries = 0
        repeat {
            if tries > 0 { orders.removeLast(orders.count - firstOrder); trips.removeLast() }
            let start = base - Int64(r.int(20...90)) * GenPlanner.h
            trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), international: true, withReturn: withReturn, route: route, city: fixedCity)
            tries += 1
        } while tries < 20 && !midTrip(trip)
        let place = city(trip.city)
        let hotel = trip.hotel.map { orders[$0].hotel! }
        let back = trip.back.map { orders[$0].flight! }
        var t = GenTicket(createdAt: base - Int64(r.int(2...25)) * GenPlanner.m, channel: r.percent(60) ? "phone" : "app", product: .other, category: "sos",
                          priority: "sos", orders: trip.all, subject: "", message: "")
        let emergency = GenPlanner.emergencyNumber(trip.city)
        let a = dir.agent(for: .other, zh: zh, &r)
        let reply: String
        if medical {
            let who = zh ? r.pick(["我爸", "我妈", "孩子", "我老公", "我太太", "同行的朋友"]) : r.pick(["My father", "My mother", "My son", "My wife", "My husband", "My friend"])
            let what = zh ? r.pick(["突然胸口疼，出冷汗", "高烧39度多，一直在吐", "在酒店浴室摔倒了，脚踝肿得很厉害", "呼吸困难，好像是过敏"])
                          : r.pick(["has sudden chest pain and is sweating", "has a fever over 39 and keeps vomiting", "fell in the hotel bathroom and the ankle is badly swollen", "is struggling to breathe, maybe an allergy"])
            t.subject = zh ? "SOS：\(place)就医求助" : "SOS: medical help needed in \(place)"
            t.message = zh ? "\(who)\(what)，我们在\(place)\(hotel.map { "的\(hotelName($0))" } ?? "")，语言不通，附近哪家医院能看？要不要叫救护车？"
                           : "\(who) \(what). We're in \(place)\(hotel.map { " at \(hotelName($0))" } ?? ""). Which hospital should we go to? Should I call an ambulance?"
            if wantsSummary(t.channel) || t.channel == "phone" {
                t.botSummary = summary(t, facts: zh ? "在\(place)同行人突发疾病：\(what)" : "travel companion taken ill in \(place): \(what)",
                                       bot: zh ? "已提示拨打当地急救电话\(emergency)并转24小时SOS" : "told them to call \(emergency) and escalated to 24h SOS",
                                       wants: zh ? "就近医院、翻译协助、是否叫救护车" : "nearest hospital, interpreting help, whether to call an ambulance",
                                       mood: zh ? "惊慌" : "panicking")
            }
            reply = hello(a) + (zh ? "我是24小时SOS专线。请先拨打当地急救电话\(emergency)，情况紧急不要等。我已为您查好最近的医院并安排中文翻译电话陪同，回程航班如需改期不收改签费。您现在方便接电话吗？"
                                    : "This is the 24-hour SOS line. Please call \(emergency) now - don't wait. I've found the nearest hospital and can add an interpreter to the call; if you need to change your flight home, there's no fee. Can you take a call right now?")
        } else {
            let how = zh ? r.pick(["在地铁上被偷了", "放在出租车上忘拿了", "在餐厅被人拿走了包", "不知道丢在哪里了"]) : r.pick(["was stolen on the metro", "was left in a taxi", "went with my bag, snatched at a restaurant", "is gone and I don't know where"])
            let flightNote: String
            if let back {
                flightNote = zh ? "回程\(back.number)是\(when(back.departure, back.originZone))起飞，" : "My flight home, \(back.number), leaves \(when(back.departure, back.originZone)). "
            } else {
                flightNote = zh ? "过两天就要回国了，" : "I'm due to fly home in two days. "
            }
            t.subject = zh ? "SOS：护照在\(place)丢失" : "SOS: passport lost in \(place)"
            t.message = zh ? "我的护照\(how)，现在在\(place)。\(flightNote)还能按时回去吗？现在该怎么办？"
                           : "My passport \(how) here in \(place). \(flightNote)Can I still fly? What do I do now?"
            if wantsSummary(t.channel) || t.channel == "phone" {
                t.botSummary = summary(t, facts: zh ? "客人在\(place)护照遗失（\(how)）" + (back.map { "，回程\(flightLabel($0))" } ?? "") : "passport lost in \(place) (\(how))" + (back.map { "; return flight \(flightLabel($0))" } ?? ""),
                                       bot: zh ? "已转24小时SOS专线" : "escalated to the 24-hour SOS line",
                                       wants: zh ? "补办证件、保住回程" : "replacement travel document and keep the flight home",
                                       mood: zh ? "慌张" : "distressed")
            }
            reply = hello(a) + (zh ? "我是24小时SOS专线，您先别着急，我们一步一步来。第一，请到附近警局报案并拿到报案回执；第二，我已为您查好中国驻当地使领馆的地址和预约方式，凭报案回执和身份证明办理旅行证；第三，回程航班我已备注，如需改期不收改签费。您现在身边安全吗？"
                                    : "This is the 24-hour SOS line - let's take this one step at a time. First, report the loss at the nearest police station and get the report number. Second, I've found your embassy's emergency consular service and how to book; bring the police report and any ID. Third, I've noted your flight home; changing it will be free. Are you somewhere safe right now?")
        }
        makeActive(&t, agent: a, reply: reply, note: zh ? "SOS工单，每30分钟主动回访一次。" : "SOS case: call back every 30 minutes.", weights: [70, 25, 5])
        return t
    }

    // MARK: - Car deposit dispute after return

    mutating func scCarDeposit(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base - Int64(r.int(6...20)) * GenPlanner.d
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let ci = trip.car!
        let car = orders[ci].car!
        let returned = orders[ci].events.first { $0.kind == "returned" }?.at ?? car.returnAt
        let charged = min(returned + Int64(r.int(20...72)) * GenPlanner.h, base - 3 * GenPlanner.h)
        let amount = r.int(30...250) * 10
        let reasonZh = r.pick(["车身划痕", "轮毂刮伤", "油量不足", "超时还车", "车内清洁费"])
        let reasonEn = r.pick(["a scratch on the body", "a scuffed wheel", "a missing fuel top-up", "a late return", "a cleaning fee"])
        event(ci, charged, "changed", zh ? "门店扣除押金\(GenFormat.money(amount, zh: true))：\(reasonZh)" : "Branch charged \(GenFormat.money(amount, zh: false)) from the deposit: \(reasonEn)", status: "changed")
        var t = GenTicket(createdAt: createdAfter(charged, maxMinutes: 600), channel: r.percent(45) ? "email" : channel(), product: .car, category: "complaint",
                          priority: "normal", orders: trip.all, subject: "", message: "")
        let company = carCompany(car)
        if zh {
            t.subject = "\(company)还车后扣押金\(GenFormat.money(amount, zh: true))，有异议"
            t.message = "还车的时候验车都说没问题，过了两天却从押金里扣了\(GenFormat.money(amount, zh: true))，说是\(reasonZh)。我这边有取车和还车时拍的视频，这个扣款我不认。"
            if t.channel == "email" { t.message = "您好：\n\n" + t.message + "\n\n视频已附在邮件里，请尽快处理。\n\n\(c.name)" }
        } else {
            t.subject = "Disputing \(GenFormat.money(amount, zh: false)) deducted by \(company)"
            t.message = "At return the inspection said everything was fine; two days later \(GenFormat.money(amount, zh: false)) was taken from my deposit for \(reasonEn). I have video from pick-up and return and I don't accept this charge."
            if t.channel == "email" { t.message = "Hello,\n\n" + t.message + "\n\nThe videos are attached.\n\nRegards,\n\(c.name)" }
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(company)还车后扣押金\(GenFormat.money(amount, zh: true))（\(reasonZh)），客人有视频" : "\(company) deducted \(GenFormat.money(amount, zh: false)) after return (\(reasonEn)); customer has video",
                                   bot: zh ? "记录争议" : "logged the dispute", wants: zh ? "撤销扣款" : "the charge reversed", mood: zh ? "不满" : "annoyed")
        }
        let a = dir.agent(for: .car, zh: zh, &r)
        let reply = hello(a) + (zh ? "收到您的视频。我已转给\(company)，要求提供验车照片和扣款依据；核实结果出来前，已申请暂缓这笔扣款。48小时内给您答复。"
                                    : "Thank you for the videos. I've sent them to \(company) and asked for their inspection photos and the basis for the charge; the deduction is on hold until they answer. You'll hear from me within 48 hours.")
        var pending: GenMessage? = nil
        if let s = GenCatalog.carCompanies[car.company].supplier, let contact = dir.contact(supplier: s) {
            pending = GenMessage(at: base - Int64(r.int(30...600)) * GenPlanner.m, author: "supplier", authorID: contact.id,
                                 body: zh ? "已收到，正在调取还车时的验车记录和照片，24小时内回复。" : "Received. We're pulling the return inspection record and photos and will reply within 24 hours.")
        }
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [45, 20, 35], pendingMessage: pending)
        return t
    }

    // MARK: - No-show charge after a disrupted flight

    mutating func scNoShow(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base - Int64(r.int(2...6)) * GenPlanner.d + Int64(r.int(0...600)) * GenPlanner.m
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let hi = trip.hotel!
        let hotel = orders[hi].hotel!
        let firstNight = hotel.def.budget ? r.int(28...60) * 10 : r.int(90...320) * 10
        var cause: String
        if let fi = trip.flight {
            let f = orders[fi].flight!
            let cancelAt = f.departure - Int64(r.int(60...180)) * GenPlanner.m
            truncateEvents(fi, after: cancelAt)
            event(fi, cancelAt, "cancelled", zh ? "\(f.number)因天气原因取消" : "\(f.number) cancelled (weather)", status: "changed")
            event(fi, cancelAt + Int64(r.int(20...90)) * GenPlanner.m, "changed", zh ? "已改签至次日\(f.number)" : "Rebooked onto the next day's \(f.number)")
            cause = zh ? "因为\(f.number)取消，我改签到第二天才到" : "because \(f.number) was cancelled I only arrived a day later"
        } else {
            cause = zh ? "因为路上大雪封路，我第二天才到" : "because snow closed the road I arrived a day late"
        }
        let z = hotel.zone
        let noShowAt = z.instant(day: z.local(hotel.checkIn).day + 1, minuteOfDay: 6 * 60)
        orders[hi].events.removeAll { $0.kind == "checked_in" || $0.kind == "completed" }
        event(hi, noShowAt, "no_show", zh ? "酒店按未入住处理，扣除首晚房费\(GenFormat.money(firstNight, zh: true))" : "Hotel recorded a no-show and charged the first night, \(GenFormat.money(firstNight, zh: false))", status: "changed")
        let arrived = noShowAt + Int64(r.int(8...14)) * GenPlanner.h
        if arrived < base { event(hi, arrived, "checked_in", zh ? "客人次日入住" : "Guest checked in a day late") }
        var t = GenTicket(createdAt: createdAfter(max(arrived, noShowAt), maxMinutes: 1800), channel: channel(), product: .hotel, category: "refund",
                          priority: "high", orders: trip.all, subject: "", message: "")
        let hn = hotelName(hotel)
        t.subject = zh ? "\(hn)扣了首晚no-show费用，申请退还" : "\(hn) charged a no-show for night one – refund please"
        t.message = zh ? "\(cause)，\(hn)把第一晚按no-show扣了\(GenFormat.money(firstNight, zh: true))。这不是我的原因，我也提前打过酒店电话，能帮我退回来吗？"
                       : "\(cause.prefix(1).uppercased() + cause.dropFirst()), and \(hn) charged the first night as a no-show, \(GenFormat.money(firstNight, zh: false)). It wasn't my fault and I did call ahead. Can you get it refunded?"
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(hn)首晚被按未入住扣费\(GenFormat.money(firstNight, zh: true))；原因：\(cause)" : "\(hn) charged the first night as a no-show (\(GenFormat.money(firstNight, zh: false))); cause: \(cause)",
                                   bot: zh ? "已调取航班取消记录" : "pulled the flight cancellation record", wants: zh ? "退还首晚房费" : "the first night refunded")
        }
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let reply = hello(a) + (zh ? "航班取消有航司记录，属于不可抗力。我已把证明发给\(hn)申请退还首晚房费；如酒店不退，由平台先行赔付，您不会有损失。"
                                    : "The cancellation is on record with the airline, so this was outside your control. I've sent the proof to \(hn) asking them to refund the first night; if they refuse, we'll pay you first, so you won't be out of pocket.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [50, 20, 30])
        return t
    }

    // MARK: - Problem with the room during the stay

    mutating func scRoomIssue(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base - Int64(r.int(20...50)) * GenPlanner.h
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let hi = trip.hotel!
        var hotel = orders[hi].hotel!
        if hotel.checkOut <= base + 6 * GenPlanner.h {
            hotel.checkOut = hotel.zone.instant(day: hotel.zone.local(base).day + 2, minuteOfDay: 12 * 60)
            hotel.nights = max(1, hotel.zone.local(hotel.checkOut).day - hotel.zone.local(hotel.checkIn).day)
            orders[hi].hotel = hotel
            rebaseEvents(hi)
        }
        let hn = hotelName(hotel)
        let issueZh = r.pick(["隔壁在装修，从早上8点就开始电钻", "空调坏了，房间闷热得睡不着", "房间没打扫干净，床单上有头发", "房间一股烟味，我订的是无烟房", "订的是大床房，给的是两张小床"])
        let issueEn = r.pick(["there's drilling next door from 8 am", "the air conditioning is broken and it's stifling", "the room wasn't cleaned, there's hair on the sheets", "the room smells of smoke and I booked non-smoking", "I booked a king bed and got two singles"])
        var t = GenTicket(createdAt: base - Int64(r.int(10...400)) * GenPlanner.m, channel: channel(), product: .hotel, category: "complaint",
                          priority: c.tierRank >= 5 ? "high" : "normal", orders: trip.all, subject: "", message: "")
        t.subject = zh ? "\(hn)房间问题，要求换房" : "Room problem at \(hn) – need a new room"
        t.message = zh ? "我住在\(hn)，\(issueZh)。跟前台说了两次都没解决，" + say(["能不能帮我换个房间？", "请你们出面协调一下。", "再不解决我就要换酒店了。"], [""])
                       : "I'm staying at \(hn) and \(issueEn). I've told the front desk twice and nothing has happened. " + say([""], ["Can you get me another room?", "Please step in.", "If this isn't fixed I'll move hotels."])
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "入住\(hn)中：\(issueZh)，前台未解决" : "staying at \(hn): \(issueEn); front desk hasn't fixed it",
                                   bot: zh ? "提供酒店电话，客人已联系无果" : "gave the hotel number; no result", wants: zh ? "换房或补偿" : "a different room or compensation",
                                   mood: zh ? "不满" : "unhappy")
        }
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let reply = hello(a) + (zh ? "住得不舒服真的很抱歉。我已直接联系\(hn)大堂经理，一小时内为您换到同级或更好的房间；如酒店无法解决，按房型不符保障为您退还差价。"
                                    : "I'm sorry your stay has been uncomfortable. I've contacted the duty manager at \(hn) directly to move you to an equal or better room within the hour; if they can't, our room guarantee refunds the difference.")
        var pending: GenMessage? = nil
        if let contact = dir.contact(supplier: hotel.def.supplier) {
            pending = GenMessage(at: base - Int64(r.int(5...60)) * GenPlanner.m, author: "supplier", authorID: contact.id,
                                 body: zh ? "已安排高楼层安静房间，行李员会协助换房，并赠送当晚双早。" : "A quiet high-floor room is ready; a porter will help move, and breakfast for two is on us tonight.")
        }
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [55, 25, 20], pendingMessage: pending)
        return t
    }

    // MARK: - Special assistance, name correction, invoice, breakfast

    mutating func scAssist(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(3...20)) * GenPlanner.d
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let f = orders[trip.flight!].flight!
        let kind = r.below(3)
        if kind == 0 { c.flag("accessibility") }
        var t = GenTicket(createdAt: base - Int64(r.int(30...1400)) * GenPlanner.m, channel: channel(), product: .flight, category: "info",
                          priority: "normal", orders: trip.all, subject: "", message: "")
        switch (kind, zh) {
        case (0, true):
            t.subject = "\(f.number)需要轮椅服务"
            t.message = "我父亲78岁，腿脚不方便，坐\(f.number)需要轮椅，从值机到登机口都要有人协助。\(trip.hotel != nil ? "酒店那边也想要一间无障碍房。" : "")请帮我申请一下。"
        case (0, false):
            t.subject = "Wheelchair assistance on \(f.number)"
            t.message = "My father is 78 and can't walk long distances. He needs a wheelchair from check-in to the gate on \(f.number).\(trip.hotel != nil ? " An accessible room at the hotel would also help." : "") Can you arrange this?"
        case (1, true):
            t.subject = "\(f.number)带婴儿出行，申请婴儿摇篮"
            t.message = "我们带8个月的宝宝坐\(f.number)，想申请机上婴儿摇篮和前排座位，婴儿票已经买了。"
        case (1, false):
            t.subject = "Bassinet request for \(f.number)"
            t.message = "We're flying \(f.number) with our 8-month-old. Could you request a bassinet and a bulkhead seat? The infant ticket is already booked."
        case (_, true):
            t.subject = "\(f.number)特殊餐食申请"
            t.message = "我对坚果严重过敏，\(f.number)能不能帮我申请无坚果餐？另外想确认一下机上能不能带肾上腺素笔。"
        default:
            t.subject = "Special meal on \(f.number)"
            t.message = "I have a severe nut allergy. Can you request a nut-free meal on \(f.number), and confirm I can carry my adrenaline pen on board?"
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(flightLabel(f))特殊服务申请" : "special assistance request for \(flightLabel(f))",
                                   bot: zh ? "说明需提前48小时向航司申请" : "explained it must reach the airline 48 hours before departure", wants: zh ? "代为向航司申请并确认" : "the request filed and confirmed")
        }
        let a = dir.agent(for: .flight, zh: zh, &r)
        let reply = hello(a) + (zh ? "已为您向\(carrierName(f.carrier))提交申请，航司确认后会短信通知您，我也会在出发前48小时再帮您核对一次。" : "I've filed the request with \(carrierName(f.carrier)); they'll confirm by text, and I'll double-check 48 hours before departure.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [55, 15, 30],
                   pendingMessage: GenMessage(at: base - Int64(r.int(30...600)) * GenPlanner.m, author: "system", authorID: nil, body: zh ? "已向航司提交特殊服务申请（SSR），等待确认。" : "Special service request (SSR) sent to the airline; awaiting confirmation."))
        return t
    }

    mutating func scNameFix(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(2...20)) * GenPlanner.d
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let f = orders[trip.flight!].flight!
        var t = GenTicket(createdAt: base - Int64(r.int(10...600)) * GenPlanner.m, channel: channel(), product: .flight, category: "change",
                          priority: "high", orders: trip.all, subject: "", message: "")
        if zh {
            t.subject = "\(f.number)机票姓名拼音写错"
            t.message = "订\(f.number)的时候把名字拼音输错了，少了一个字母，和护照对不上。还能改吗？会不会登不了机？"
        } else {
            t.subject = "Misspelled name on \(f.number) ticket"
            t.message = "I typed my name wrong when booking \(f.number): it says \(c.family.uppercased())/\(String(c.given.uppercased().dropLast())) instead of \(c.given.uppercased()). It doesn't match my passport. Can it be fixed?"
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(flightLabel(f))乘机人姓名拼写错误" : "passenger name misspelled on \(flightLabel(f))",
                                   bot: zh ? "无法自助修改" : "can't be changed in self-service", wants: zh ? "更正姓名，确保能登机" : "the name corrected so they can board")
        }
        let a = dir.agent(for: .flight, zh: zh, &r)
        let reply = hello(a) + (zh ? "姓名拼写错一个字母，航司允许免费更正，我已提交申请，一般2小时内完成，改好后会发新行程单给您。" : "A one-letter typo can be corrected free of charge. I've asked the airline; it usually takes about two hours and I'll send the new itinerary.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [60, 25, 15])
        return t
    }

    mutating func scInvoice(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base - Int64(r.int(3...15)) * GenPlanner.d
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let product = products[0]
        var t = GenTicket(createdAt: base - Int64(r.int(30...2000)) * GenPlanner.m, channel: r.percent(40) ? "email" : channel(), product: product,
                          category: "info", priority: "low", orders: trip.all, subject: "", message: "")
        if zh {
            t.subject = "开具发票/行程单"
            t.message = "行程已经结束了，麻烦把这次\(product == .flight ? "机票的电子行程单" : product == .hotel ? "酒店的增值税普通发票" : "租车费用的发票")开一下，抬头是公司名称，税号我发在下面。"
            if t.channel == "email" { t.message = "您好：\n" + t.message + "\n抬头：上海某某科技有限公司\n税号：91310000XXXXXXXXXX\n谢谢！" }
        } else {
            t.subject = "Invoice for my trip"
            t.message = "My trip is over. Could you send me an itemised invoice for the \(product.rawValue) booking for my expense claim? It should show the company name below."
            if t.channel == "email" { t.message = "Hello,\n\n" + t.message + "\n\nCompany: Example Trading Ltd\n\nThanks,\n\(c.given)" }
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "行程已完成，申请开票" : "trip completed; invoice requested", bot: zh ? "提供了自助开票入口" : "offered the self-service invoice page",
                                   wants: zh ? "人工开具带公司抬头的发票" : "an invoice made out to the company")
        }
        let a = dir.agent(for: product, zh: zh, &r)
        let reply = hello(a) + (zh ? "发票已按您提供的抬头和税号开具，电子版已发送到您的邮箱，请查收。" : "The invoice has been issued to your company details and emailed to you.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [70, 20, 10])
        return t
    }

    mutating func scBreakfast(_ products: [GenProduct], _ withReturn: Bool) -> GenTicket {
        let start = base + Int64(r.int(2...30)) * GenPlanner.d
        let trip = addTrip(products: products, start: start, booked: bookedBefore(start, &r), withReturn: withReturn)
        let hotel = orders[trip.hotel!].hotel!
        var t = GenTicket(createdAt: base - Int64(r.int(30...1800)) * GenPlanner.m, channel: channel(), product: .hotel, category: "change",
                          priority: "low", orders: trip.all, subject: "", message: "")
        t.subject = zh ? "\(hotelName(hotel))订单加早餐" : "Add breakfast to \(hotelName(hotel))"
        t.message = zh ? "订\(hotelName(hotel))时没选早餐，现在想加两份早餐，\(hotel.nights)晚都要，可以吗？多少钱？"
                       : "I booked \(hotelName(hotel)) without breakfast. Can I add breakfast for two for all \(hotel.nights) night(s)? How much is it?"
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "\(hotelName(hotel))\(hotel.nights)晚，申请加早" : "\(hotelName(hotel)), \(hotel.nights) night(s): add breakfast",
                                   bot: zh ? "无法自助加购" : "can't be added in self-service", wants: zh ? "加双早并报价" : "breakfast for two added, with the price")
        }
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let reply = hello(a) + (zh ? "已和酒店确认可加早，每晚双早\(GenFormat.money(r.int(16...40) * 10, zh: true))，您确认后我就帮您加上。" : "The hotel can add breakfast for two at \(GenFormat.money(r.int(16...40) * 10, zh: false)) a night; confirm and I'll add it.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [70, 15, 15])
        return t
    }

    // MARK: - Contacts without an order

    mutating func planNoOrderContact() {
        let kind = r.below(3)
        var t = GenTicket(createdAt: base - Int64(r.int(5...900)) * GenPlanner.m, channel: channel(), product: kind == 0 ? .vacation : .other,
                          category: "info", priority: r.percent(60) ? "normal" : "low", subject: "", message: "")
        let dest = r.pick([GenCatalog.tokyo, GenCatalog.bangkok, GenCatalog.sydney, GenCatalog.paris, GenCatalog.sanya, GenCatalog.kunming])
        switch (kind, zh) {
        case (0, true):
            t.subject = "咨询\(city(dest))跟团游/自由行套餐"
            t.message = "想带父母春节去\(city(dest))玩6天左右，预算每人一万以内，有没有合适的自由行或者半自助套餐？老人走不了太多路。"
        case (0, false):
            t.subject = "Package holiday to \(city(dest))?"
            t.message = "We're looking at about 6 days in \(city(dest)) in February for two adults and a child. Do you have flight + hotel packages, ideally with transfers?"
        case (1, true):
            t.subject = "会员积分和等级问题"
            t.message = "我上个月出行了好几次，会员积分怎么还没到账？离升\(min(c.tierRank + 1, 5))星还差多少？"
        case (1, false):
            t.subject = "Member points not credited"
            t.message = "I travelled several times last month but my points haven't arrived. How far am I from the next tier?"
        case (_, true):
            t.subject = "去\(city(dest))需要办签证吗"
            t.message = "持中国护照去\(city(dest))旅游需要签证吗？能在你们这里代办吗？大概多久能下来？"
        default:
            t.subject = "Visa for China?"
            t.message = "I'm planning a week in Shanghai and Chengdu. Do I qualify for visa-free transit or do I need a visa? Can you help?"
        }
        if wantsSummary(t.channel) {
            t.botSummary = summary(t, facts: zh ? "无关联订单，咨询：\(t.subject)" : "no booking; asks: \(t.subject)", bot: zh ? "提供了帮助中心文章" : "offered help-centre articles",
                                   wants: zh ? "人工详细解答" : "a proper answer from a person")
        }
        let a = dir.agent(for: t.product, zh: zh, &r)
        let reply = hello(a) + (zh ? "已为您整理好相关信息并发送到App消息中心，有任何问题随时找我。" : "I've put the details together and sent them to your inbox in the app; ask me anything.")
        makeActive(&t, agent: a, reply: reply, note: nil, weights: [70, 20, 10])
        tickets.append(t)
    }
}
