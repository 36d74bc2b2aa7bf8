/// The customer's earlier contacts: resolved tickets with their dispositions, some about past
/// trips (whose order trails carry what happened), some about the current trip before it
/// started, some with no order at all. This is the service trail an agent reads first.
extension GenPlanner {
    enum Past: CaseIterable {
        case refund, change, hotelComplaint, carComplaint, delayProof, invoice, seat, baggage, breakfast, visa, points, vacation, noReply, duplicate
        case refundStatus, delayClaim, serviceComplaint, cancelPolicy, pastSOS, carDriver, hotelRequest
    }

    /// Builds trips from the orders left after the current trip, months back.
    mutating func planPastTrips(orderCount: Int) {
        var left = orderCount
        while left > 0 {
            let size = min(left, left >= 3 && r.percent(60) ? 3 : (left >= 2 ? 2 : 1))
            let products: [GenProduct]
            switch size {
            case 3: products = [.flight, .hotel, .car]
            case 2: products = [[.flight, .hotel], [.hotel, .car], [.flight, .car]][r.weighted([70, 15, 15])]
            default: products = [[.flight], [.hotel], [.car]][r.weighted([55, 35, 10])]
            }
            let start = base - Int64(r.int(25...330)) * GenPlanner.d + Int64(r.int(0...1000)) * GenPlanner.m
            let booked = start - Int64(r.int(3...60)) * GenPlanner.d - Int64(r.int(0...1000)) * GenPlanner.m
            let trip = addTrip(products: products, start: start, booked: booked)
            pastTrips.append(trip)
            left -= size
        }
    }

    /// A window [from, to] for a history ticket's creation, clipped to before today.
    func window(_ from: Int64, _ to: Int64) -> (Int64, Int64)? {
        let hi = min(to, base - GenPlanner.d)
        return hi > from + GenPlanner.h ? (from, hi) : nil
    }

    mutating func at(_ w: (Int64, Int64)) -> Int64 { w.0 + Int64(r.below(Int(max(1, (w.1 - w.0) / 60)))) * GenPlanner.m }

    mutating func planHistory(count: Int) {
        var made = 0
        var attempts = 0
        while made < count {
            attempts += 1
            let kind = Past.allCases[r.weighted([9, 7, 3, 2, 5, 5, 6, 4, 3, 3, 3, 3, 2, 2, 6, 5, 2, 4, 1, 4, 4])]
            if var t = history(kind, force: attempts > 6 * count + 20) {
                if t.botSummary.isEmpty && t.disposition != "duplicate" {
                    addHistorySummary(&t, facts: t.subject, wants: zh ? "人工跟进处理" : "a person to handle it")
                }
                tickets.append(t)
                made += 1
            }
        }
    }

    /// A past trip order of `product` not yet rewritten by another contact.
    mutating func pastOrder(_ product: GenProduct) -> Int? {
        var options: [Int] = []
        for trip in pastTrips {
            for i in trip.all where orders[i].product == product && !orders[i].touched { options.append(i) }
        }
        return options.isEmpty ? nil : r.pick(options)
    }

    mutating func history(_ kind: Past, force: Bool) -> GenTicket? {
        if force { return noOrderHistory(.points) }
        switch kind {
        case .refund: return pastRefund()
        case .change: return pastChange()
        case .hotelComplaint: return hotelComplaint()
        case .carComplaint: return carComplaint()
        case .delayProof: return delayProof()
        case .invoice: return pastInvoice()
        case .seat, .baggage, .breakfast, .carDriver, .hotelRequest: return preTrip(kind)
        case .visa, .points, .vacation, .noReply, .refundStatus, .delayClaim, .serviceComplaint, .cancelPolicy, .pastSOS:
            return noOrderHistory(kind)
        case .duplicate:
            guard let last = tickets.last(where: { $0.status == "resolved" }) else { return nil }
            var t = last
            t.createdAt = last.createdAt + Int64(r.int(2...20)) * GenPlanner.m
            t.channel = channel()
            t.messages = []
            t.botSummary = ""
            guard t.createdAt < base - GenPlanner.d else { return nil }
            let a = dir.agent(for: t.product, zh: zh, &r)
            resolve(&t, agent: a, disposition: "duplicate", reply: zh ? "您好，这个问题已在前一个工单中处理，我们合并跟进。" : "Hello, this is already being handled in your earlier request; we've merged the two.",
                    customerThanks: false, within: 1...20)
            return t
        }
    }

    mutating func historyTicket(_ created: Int64, product: GenProduct, category: String, orders ids: [Int], subject: String, message: String) -> GenTicket {
        GenTicket(createdAt: created, channel: channel(), product: product, category: category,
                  priority: ["high", "normal", "normal", "low"][r.weighted([15, 50, 20, 15])], orders: ids, subject: subject, message: message)
    }

    mutating func addHistorySummary(_ t: inout GenTicket, facts: String, wants: String) {
        guard wantsSummary(t.channel), r.percent(90) else { return }
        let bot = zh ? r.pick(["自助流程未能解决", "推荐了帮助中心文章，客户仍要求人工", "查询了订单状态，客户要求人工确认"])
                     : r.pick(["self-service did not solve it", "offered help articles; customer still asked for a person", "looked up the booking; customer wants a person to confirm"])
        t.botSummary = summary(t, facts: facts, bot: bot, wants: wants)
    }

    mutating func pastRefund() -> GenTicket? {
        let product: GenProduct = r.percent(60) ? .flight : .hotel
        guard let i = pastOrder(product) else { return nil }
        let o = orders[i]
        var cancelAt = o.start - Int64(r.int(2...20)) * GenPlanner.d
        if cancelAt < o.bookedAt + GenPlanner.h { cancelAt = o.bookedAt + Int64(r.int(1...20)) * GenPlanner.h }
        guard cancelAt < o.start, cancelAt < base - 2 * GenPlanner.d else { return nil }
        truncateEvents(i, after: cancelAt)
        let fee = r.pick([0, 0, 5, 10, 20])
        event(i, cancelAt + Int64(r.int(1...30)) * GenPlanner.m, "cancelled", zh ? "客人申请取消" + (fee > 0 ? "，收取\(fee)%手续费" : "，免费取消") : "Cancelled at the customer's request" + (fee > 0 ? ", \(fee)% fee" : ", free of charge"), status: "cancelled")
        let refundAt = min(cancelAt + Int64(r.int(1...5)) * GenPlanner.d, base - GenPlanner.d)
        event(i, refundAt, "refunded", zh ? "退款已原路退回" : "Refund returned to the original payment", status: "refunded")
        let what = product == .flight ? flightLabel(o.flight!) : hotelName(o.hotel!)
        var t = historyTicket(cancelAt, product: product, category: "refund", orders: [i],
                              subject: zh ? "申请退订\(what)" : "Cancel and refund \(what)",
                              message: zh ? r.pick(["计划有变，\(what)想退掉，手续费多少？", "\(what)不去了，麻烦帮我退一下。", "临时出差取消，\(what)能全退吗？"])
                                          : r.pick(["Plans changed - I need to cancel \(what). What's the fee?", "Please cancel \(what) and refund me.", "My trip was called off. Can I get a full refund for \(what)?"]))
        addHistorySummary(&t, facts: zh ? "申请退订\(what)" : "wants to cancel \(what)", wants: zh ? "退款" : "a refund")
        let a = dir.agent(for: product, zh: zh, &r)
        resolve(&t, agent: a, disposition: "refunded",
                reply: hello(a) + (zh ? "已为您办理退订" + (fee > 0 ? "，按规则收取\(fee)%手续费" : "，免收手续费") + "，退款1-5个工作日原路退回。" : "Cancelled" + (fee > 0 ? " with the \(fee)% fee under the rules" : " free of charge") + "; the refund reaches your card in 1-5 working days."),
                within: 3...60)
        return t
    }

    mutating func pastChange() -> GenTicket? {
        guard let i = pastOrder(.flight) else { return nil }
        let o = orders[i]
        let changeAt = o.start - Int64(r.int(2...15)) * GenPlanner.d
        guard changeAt > o.bookedAt + GenPlanner.h, changeAt < base - 2 * GenPlanner.d else { return nil }
        let old = o.flight!
        let shiftDays = r.int(1...3)
        orders[i].flight!.departure += Int64(shiftDays) * GenPlanner.d
        orders[i].flight!.arrival += Int64(shiftDays) * GenPlanner.d
        rebaseEvents(i)
        let f = orders[i].flight!
        let extra = r.int(0...8) * 50
        event(i, changeAt + Int64(r.int(5...40)) * GenPlanner.m, "changed",
              zh ? "客人改期：\(date(old.departure, old.originZone))改为\(date(f.departure, f.originZone))" + (extra > 0 ? "，补差价\(GenFormat.money(extra, zh: true))" : "")
                 : "Date change: \(date(old.departure, old.originZone)) → \(date(f.departure, f.originZone))" + (extra > 0 ? ", fare difference \(GenFormat.money(extra, zh: false))" : ""))
        if orders[i].events.last?.kind != "completed" { orders[i].status = "changed" }
        var t = historyTicket(changeAt, product: .flight, category: "change", orders: [i],
                              subject: zh ? "\(f.number)改期" : "Change date of \(f.number)",
                              message: zh ? "\(flightLabel(old))想从\(date(old.departure, old.originZone))改到\(date(f.departure, f.originZone))，同一航班还有座位吗？差价多少？"
                                          : "Can I move \(flightLabel(old)) from \(date(old.departure, old.originZone)) to \(date(f.departure, f.originZone))? Is there space and what's the difference?")
        addHistorySummary(&t, facts: zh ? "\(f.number)申请改期" : "date change on \(f.number)", wants: zh ? "改期并确认差价" : "the change and the fare difference")
        let a = dir.agent(for: .flight, zh: zh, &r)
        resolve(&t, agent: a, disposition: "rebooked",
                reply: hello(a) + (zh ? "已为您改到\(date(f.departure, f.originZone))同一航班" + (extra > 0 ? "，补差价\(GenFormat.money(extra, zh: true))" : "，无需补差价") + "，新行程单已发送。" : "Done: you're on the same flight on \(date(f.departure, f.originZone))" + (extra > 0 ? " for \(GenFormat.money(extra, zh: false)) more" : " at no extra cost") + "; new itinerary sent."),
                within: 5...90)
        return t
    }

    mutating func hotelComplaint() -> GenTicket? {
        guard let i = pastOrder(.hotel), orders[i].events.last?.kind == "completed" else { return nil }
        let h = orders[i].hotel!
        guard let w = window(h.checkOut + 2 * GenPlanner.h, h.checkOut + 6 * GenPlanner.d) else { return nil }
        orders[i].touched = true
        let issueZh = r.pick(["房间和图片严重不符", "前台态度很差", "半夜空调漏水", "退房时多扣了一晚房费", "说好的免费升级没兑现"])
        let issueEn = r.pick(["the room looked nothing like the photos", "the front desk staff were rude", "the air conditioning leaked at night", "I was charged an extra night at check-out", "the promised upgrade never happened"])
        var t = historyTicket(at(w), product: .hotel, category: "complaint", orders: [i],
                              subject: zh ? "投诉\(hotelName(h))：\(issueZh)" : "Complaint about \(hotelName(h))",
                              message: zh ? "上次住\(hotelName(h))，\(issueZh)，体验非常差，希望给个说法。" : "During my stay at \(hotelName(h)) \(issueEn). It was a really poor experience and I'd like this addressed.")
        t.priority = "high"
        addHistorySummary(&t, facts: zh ? "投诉\(hotelName(h))：\(issueZh)" : "complaint about \(hotelName(h)): \(issueEn)", wants: zh ? "道歉和补偿" : "an apology and compensation")
        let a = dir.agent(for: .hotel, zh: zh, &r)
        let amount = r.int(10...50) * 10
        resolve(&t, agent: a, disposition: r.percent(80) ? "compensated" : "escalated",
                reply: hello(a) + (zh ? "非常抱歉这次入住体验不好。已与酒店核实属实，按先行赔付为您补偿\(GenFormat.money(amount, zh: true))，已退回支付账户。" : "I'm very sorry about your stay. The hotel confirmed what happened; under our pay-first policy we've refunded \(GenFormat.money(amount, zh: false)) to your card."),
                note: zh ? "酒店已确认，补偿已发放；客户标记为曾投诉。" : "Hotel confirmed; compensation paid; customer flagged as complained before.",
                within: 60...2880)
        if let contact = dir.contact(supplier: h.def.supplier), let first = t.firstResponse, let done = t.resolvedAt, r.percent(60) {
            t.messages.append(GenMessage(at: first + (done - first) / 2, author: "supplier", authorID: contact.id,
                                         body: zh ? "酒店已核实客人反映的情况属实，向客人致歉，同意承担补偿。" : "The hotel has checked and confirms the guest's account; we apologise and will cover the compensation."))
        }
        return t
    }

    mutating func carComplaint() -> GenTicket? {
        guard let i = pastOrder(.car), orders[i].events.last?.kind == "completed" else { return nil }
        let car = orders[i].car!
        guard let w = window(car.returnAt + GenPlanner.h, car.returnAt + 5 * GenPlanner.d) else { return nil }
        orders[i].touched = true
        var t = historyTicket(at(w), product: .car, category: "complaint", orders: [i],
                              subject: zh ? "投诉\(carCompany(car))：车况差" : "Complaint: \(carCompany(car)) car condition",
                              message: zh ? "这次在\(carCompany(car))租的车，胎压报警一路没人管，中途还要自己去补胎，耽误了半天。" : "The \(carCompany(car)) car had a tyre-pressure warning from the start and I lost half a day getting a puncture fixed myself.")
        addHistorySummary(&t, facts: zh ? "投诉租车车况" : "complaint about the rental car's condition", wants: zh ? "补偿" : "compensation")
        let a = dir.agent(for: .car, zh: zh, &r)
        resolve(&t, agent: a, disposition: r.percent(70) ? "compensated" : "escalated",
                reply: hello(a) + (zh ? "给您添麻烦了。门店已承认车辆交付前检查不到位，退还一天租金并报销补胎费用。" : "Sorry for the trouble. The branch admits the pre-rental check was missed; one day's rental and the repair cost are refunded."),
                within: 120...4000)
        if let s = GenCatalog.carCompanies[car.company].supplier, let contact = dir.contact(supplier: s), let first = t.firstResponse, let done = t.resolvedAt, r.percent(60) {
            t.messages.append(GenMessage(at: first + (done - first) / 2, author: "supplier", authorID: contact.id,
                                         body: zh ? "门店已核查，交车前胎压检查遗漏，同意退还一天租金并报销补胎费用。" : "Branch checked: the tyre check before hand-over was missed. We'll refund one day and the repair."))
        }
        return t
    }

    mutating func delayProof() -> GenTicket? {
        guard let i = pastOrder(.flight), orders[i].events.last?.kind == "completed" else { return nil }
        let f = orders[i].flight!
        let delay = r.int(2...6) * 60
        event(i, f.departure - Int64(r.int(30...150)) * GenPlanner.m, "delayed", zh ? "\(f.number)延误约\(GenFormat.hours(delay, zh: true))" : "\(f.number) delayed about \(GenFormat.hours(delay, zh: false))")
        guard let w = window(f.arrival + GenPlanner.h, f.arrival + 10 * GenPlanner.d) else { return nil }
        var t = historyTicket(at(w), product: .flight, category: "delay", orders: [i],
                              subject: zh ? "开\(f.number)延误证明" : "Delay certificate for \(f.number)",
                              message: zh ? "上次\(f.number)延误了\(GenFormat.hours(delay, zh: true))，公司报销和保险理赔都要延误证明，麻烦帮我开一下。" : "\(f.number) was delayed \(GenFormat.hours(delay, zh: false)). I need a delay certificate for my insurer and my employer.")
        t.priority = "low"
        addHistorySummary(&t, facts: zh ? "\(f.number)曾延误，申请延误证明" : "\(f.number) was delayed; wants a certificate", wants: zh ? "电子版延误证明" : "an electronic delay certificate")
        let a = dir.agent(for: .flight, zh: zh, &r)
        resolve(&t, agent: a, disposition: r.percent(80) ? "informed" : "compensated",
                reply: hello(a) + (zh ? "延误证明已开具，电子版已发到您的邮箱，可直接用于保险理赔。" : "The delay certificate is in your inbox and can go straight to your insurer."),
                within: 5...120)
        return t
    }

    mutating func pastInvoice() -> GenTicket? {
        var options: [Int] = []
        for trip in pastTrips { options += trip.all }
        guard !options.isEmpty else { return nil }
        let i = r.pick(options)
        let o = orders[i]
        guard let w = window(o.end + GenPlanner.h, o.end + 30 * GenPlanner.d) else { return nil }
        var t = historyTicket(at(w), product: o.product, category: "info", orders: [i],
                              subject: zh ? "补开发票" : "Invoice request",
                              message: zh ? r.pick(["麻烦补开一下这个订单的发票，抬头是个人。", "公司报销需要发票，麻烦开一张增值税普通发票。", "行程单还没收到，麻烦重发一下。"])
                                          : r.pick(["Could you send an invoice for this booking?", "I need a receipt for my expenses, please.", "I never received the receipt - could you resend it?"]))
        t.priority = "low"
        let a = dir.agent(for: o.product, zh: zh, &r)
        resolve(&t, agent: a, disposition: r.percent(60) ? "solved" : "informed",
                reply: hello(a) + (zh ? "发票已开具并发送到您的邮箱，请查收。" : "Your invoice has been emailed to you."), within: 5...600)
        return t
    }

    mutating func preTrip(_ kind: Past) -> GenTicket? {
        guard let current = trips.first, !pastTrips.contains(where: { $0.all == current.all }) else { return nil }
        let product: GenProduct = kind == .breakfast || kind == .hotelRequest ? .hotel : kind == .carDriver ? .car : .flight
        let idx = product == .hotel ? current.hotel : product == .car ? current.car : current.flight
        guard let i = idx else { return nil }
        let o = orders[i]
        guard let w = window(o.bookedAt + GenPlanner.h, o.start - GenPlanner.d) else { return nil }
        var t: GenTicket
        let a = dir.agent(for: product, zh: zh, &r)
        switch kind {
        case .seat:
            let f = o.flight!
            t = historyTicket(at(w), product: .flight, category: "change", orders: [i],
                              subject: zh ? "\(f.number)选座" : "Seat selection on \(f.number)",
                              message: zh ? "\(f.number)想和家人坐在一起，在线选座显示已满，能帮忙看看吗？" : "I'd like to sit with my family on \(f.number) but online seat selection shows full. Can you help?")
            resolve(&t, agent: a, disposition: "solved", reply: hello(a) + (zh ? "已联系航司为您和家人安排相邻座位，值机时会自动分配。" : "The airline has blocked adjacent seats for you and your family; they'll be assigned at check-in."), within: 5...120)
        case .baggage:
            let f = o.flight!
            t = historyTicket(at(w), product: .flight, category: "info", orders: [i],
                              subject: zh ? "\(f.number)行李额" : "Baggage allowance on \(f.number)",
                              message: zh ? "\(f.number)托运行李额是多少？能带一个高尔夫球包吗？" : "What's the checked baggage allowance on \(f.number)? Can I bring a golf bag?")
            t.priority = "low"
            resolve(&t, agent: a, disposition: "informed", reply: hello(a) + (zh ? "您的舱位含23公斤托运行李1件，高尔夫球包可作为运动器材托运，建议提前48小时申报。" : "Your fare includes one 23 kg bag; a golf bag goes as sports equipment if declared 48 hours ahead."), within: 2...30)
        case .carDriver:
            let car = o.car!
            t = historyTicket(at(w), product: .car, category: "change", orders: [i],
                              subject: zh ? "\(carCompany(car))订单增加驾驶员" : "Add a driver to my \(carCompany(car)) rental",
                              message: zh ? "租车订单能不能加一个驾驶员？是我爱人，驾龄5年。" : "Can I add my partner as a second driver? Licensed for 5 years.")
            t.priority = "low"
            resolve(&t, agent: a, disposition: "solved", reply: hello(a) + (zh ? "已为您添加第二驾驶员，取车时请两位都携带驾驶证原件。" : "Second driver added; both of you bring your licences at pick-up."), within: 5...200)
        case .hotelRequest:
            let h = o.hotel!
            t = historyTicket(at(w), product: .hotel, category: "change", orders: [i],
                              subject: zh ? "\(hotelName(h))房间偏好" : "Room request at \(hotelName(h))",
                              message: zh ? "\(hotelName(h))能不能安排高楼层、远离电梯的安静房间？我睡眠浅。" : "Could \(hotelName(h)) give me a quiet high-floor room away from the lifts? I'm a light sleeper.")
            t.priority = "low"
            resolve(&t, agent: a, disposition: "solved", reply: hello(a) + (zh ? "已向酒店备注高楼层安静房，酒店会尽量安排，入住时前台会确认。" : "Noted with the hotel: quiet high floor, away from the lifts; they'll confirm at check-in."), within: 10...300)
        default:
            let h = o.hotel!
            t = historyTicket(at(w), product: .hotel, category: "change", orders: [i],
                              subject: zh ? "\(hotelName(h))加床/加早" : "Extra bed at \(hotelName(h))",
                              message: zh ? "\(hotelName(h))能不能加一张床？孩子6岁，和我们一起住。" : "Can \(hotelName(h)) add an extra bed? Our son is 6 and sharing our room.")
            t.priority = "low"
            resolve(&t, agent: a, disposition: "solved", reply: hello(a) + (zh ? "酒店已确认可加床，费用到店支付，已备注在订单中。" : "The hotel confirmed the extra bed, payable at the hotel; it's noted on the booking."), within: 10...300)
        }
        addHistorySummary(&t, facts: t.subject, wants: zh ? "人工确认" : "confirmation from a person")
        return t
    }

    mutating func noOrderHistory(_ kind: Past) -> GenTicket? {
        let created = base - Int64(r.int(2...360)) * GenPlanner.d - Int64(r.int(0...1400)) * GenPlanner.m
        var t: GenTicket
        switch kind {
        case .visa:
            t = historyTicket(created, product: .other, category: "info", orders: [],
                              subject: zh ? "签证咨询" : "Visa question",
                              message: zh ? "持中国护照去\(r.pick(["日本", "泰国", "英国", "澳大利亚", "法国"]))需要提前多久办签证？" : "How early should I apply for a China visa, and can I use 240-hour visa-free transit?")
            let a = dir.agent(for: .other, zh: zh, &r)
            resolve(&t, agent: a, disposition: "informed", reply: hello(a) + (zh ? "已把签证材料清单和办理时间发给您，建议出发前一个月递交。" : "I've sent you the requirements; apply about a month ahead."), within: 2...40)
        case .vacation:
            t = historyTicket(created, product: .vacation, category: "info", orders: [],
                              subject: zh ? "度假套餐咨询" : "Holiday package question",
                              message: zh ? "暑假想带孩子去海边玩一周，有没有机票加酒店的套餐推荐？" : "Any flight + hotel package ideas for a beach week with kids in the summer?")
            let a = dir.agent(for: .vacation, zh: zh, &r)
            resolve(&t, agent: a, disposition: "informed", reply: hello(a) + (zh ? "为您挑了三个亲子套餐，已发到App消息里，可以随时下单。" : "I've sent three family packages to your app inbox."), within: 5...60)
        case .refundStatus:
            t = historyTicket(created, product: r.percent(60) ? .flight : .hotel, category: "refund", orders: [],
                              subject: zh ? "退款还没到账" : "Refund not received",
                              message: zh ? "上个月取消的订单退款到现在还没到账，已经过了7个工作日了，帮我查一下。" : "I cancelled a booking last month and the refund still hasn't arrived after 7 working days. Can you check?")
            let a = dir.agent(for: t.product, zh: zh, &r)
            resolve(&t, agent: a, disposition: "informed", reply: hello(a) + (zh ? "查到退款已由供应商退出，银行入账还需1-3个工作日，退款流水号已短信发给您。" : "The supplier has released the refund; your bank needs 1-3 more working days. I've texted you the reference."), within: 5...90)
        case .delayClaim:
            t = historyTicket(created, product: .flight, category: "delay", orders: [],
                              subject: zh ? "延误险理赔" : "Delay insurance claim",
                              message: zh ? "上周航班延误了4个多小时，买了延误险，怎么理赔？" : "My flight last week was over 4 hours late and I bought delay cover. How do I claim?")
            let a = dir.agent(for: .flight, zh: zh, &r)
            resolve(&t, agent: a, disposition: "compensated", reply: hello(a) + (zh ? "已为您提交延误险理赔，赔付金额24小时内到账，不需要您再提供材料。" : "I've filed the claim for you; the payout arrives within 24 hours and you don't need to send anything."), within: 5...120)
        case .serviceComplaint:
            t = historyTicket(created, product: .other, category: "complaint", orders: [],
                              subject: zh ? "投诉客服处理效率" : "Complaint about customer service",
                              message: zh ? "上次打电话，客服让我把订单号说了三遍，转了两次人工，最后问题也没解决。" : "Last time I called I had to repeat my booking number three times, got transferred twice and nothing was solved.")
            t.priority = "high"
            let a = dir.agent(for: .other, zh: zh, &r)
            resolve(&t, agent: a, disposition: r.percent(60) ? "compensated" : "escalated",
                    reply: hello(a) + (zh ? "让您重复说明还没解决问题，非常抱歉。已反馈质检团队改进，并为您发放100元优惠券，以后您的问题由我跟进到底。" : "I'm sorry you had to repeat yourself and still weren't helped. Quality has been told, a CNY 100 voucher is on your account, and I'll follow your case through myself."),
                    note: zh ? "客户对重复询问不满，已标记曾投诉。" : "Customer upset at being asked twice; flagged as complained before.", within: 30...600)
        case .cancelPolicy:
            t = historyTicket(created, product: .hotel, category: "cancel", orders: [],
                              subject: zh ? "酒店取消政策咨询" : "Hotel cancellation policy",
                              message: zh ? "订单页显示“限时取消”，具体几点之前取消是免费的？" : "The booking says 'free cancellation for a limited time' - until exactly when?")
            t.priority = "low"
            let a = dir.agent(for: .hotel, zh: zh, &r)
            resolve(&t, agent: a, disposition: "informed", reply: hello(a) + (zh ? "入住前一天18:00（酒店当地时间）前取消免费，之后收取首晚房费。" : "Free until 18:00 hotel time the day before arrival; after that the first night is charged."), within: 2...30)
        case .pastSOS:
            t = historyTicket(created, product: .other, category: "sos", orders: [],
                              subject: zh ? "SOS后续：报案回执" : "SOS follow-up: police report",
                              message: zh ? "上次在国外手机和钱包被偷，谢谢SOS专线帮我联系使馆。想问一下保险理赔需要报案回执原件吗？" : "Thanks to your SOS line for helping after my wallet was stolen abroad. Does the insurer need the original police report?")
            t.priority = "normal"
            let a = dir.agent(for: .other, zh: zh, &r)
            resolve(&t, agent: a, disposition: "informed", reply: hello(a) + (zh ? "保险公司接受报案回执扫描件，原件请保留备查。很高兴您平安回来！" : "A scan is accepted; keep the original. Glad you're home safe!"), within: 5...120)
        case .noReply:
            t = historyTicket(created, product: .other, category: "other", orders: [],
                              subject: zh ? "未说明问题" : "No details given",
                              message: zh ? "你好，在吗？" : "Hello? Anyone there?")
            t.priority = "low"
            let a = dir.agent(for: .other, zh: zh, &r)
            resolve(&t, agent: a, disposition: "no_action", reply: hello(a) + (zh ? "请问有什么可以帮您？如没有回复，我们将稍后关闭会话。" : "How can I help? If we don't hear back we'll close this chat for now."),
                    customerThanks: false, within: 10...30)
        default:
            t = historyTicket(created, product: .other, category: "info", orders: [],
                              subject: zh ? "会员积分查询" : "Member points",
                              message: zh ? "上次订单的积分怎么还没到账？" : "My points from the last booking haven't shown up.")
            t.priority = "low"
            let a = dir.agent(for: .other, zh: zh, &r)
            resolve(&t, agent: a, disposition: "solved", reply: hello(a) + (zh ? "积分已为您补登，刷新会员页即可看到。" : "The points are now credited; refresh your member page."), within: 2...30)
        }
        return t
    }
}
