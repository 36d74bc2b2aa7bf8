import HeatDeskCore

/// The life of a ticket: how it came in, who holds it, what was said, how it ended.
extension GenPlanner {
    static let m = GenPlanner.minute, h = GenPlanner.hour, d = GenPlanner.day

    /// How the contact came in: the app and chat lead, the bot hands over, phone and email follow.
    mutating func channel(phoneBias: Int = 0) -> String {
        ["app", "chat", "phone", "bot", "email"][r.weighted([30, 25, 20 + phoneBias, 15, 10])]
    }

    /// The agent's name as they sign a reply: 晓雨 for 王晓雨, Daniel for Daniel Lim.
    static func signature(_ a: GenAgent) -> String {
        if let space = a.name.firstIndex(of: " ") { return String(a.name[..<space]) }
        return a.name.count >= 3 ? String(a.name.dropFirst()) : a.name
    }

    /// A greeting with the customer's name, as HEAT asks (heartwarming: personal).
    func hello(_ a: GenAgent) -> String {
        zh ? "\(c.address)您好，我是客服\(GenPlanner.signature(a))。" : "Hi \(c.given), this is \(GenPlanner.signature(a)) from customer service."
    }

    /// The bot's hand-over summary: who, what, what the bot already did, what the customer wants.
    func summary(_ t: GenTicket, facts: String, bot: String, wants: String, mood: String? = nil) -> String {
        var s: String
        if zh {
            s = "客户\(c.name)（\(c.tierLabel)）：\(facts)。机器人已处理：\(bot)。客户诉求：\(wants)。"
            if let mood { s += "情绪：\(mood)。" }
            switch t.channel {
            case "phone": s = "语音机器人摘要｜" + s
            case "email": s = "邮件自动摘要｜" + s
            default: break
            }
        } else {
            s = "\(c.name) (\(c.tierLabel)): \(facts). Bot already: \(bot). Customer wants: \(wants)."
            if let mood { s += " Mood: \(mood)." }
            switch t.channel {
            case "phone": s = "Voice bot | " + s
            case "email": s = "Email digest | " + s
            default: break
            }
        }
        return s
    }

    /// Whether this channel leaves a bot summary (the bot met the customer first).
    mutating func wantsSummary(_ channel: String) -> Bool {
        switch channel {
        case "bot", "app", "chat": return true
        case "phone": return r.percent(70)
        default: return r.percent(45)
        }
    }

    /// The customer's turns with the bot before the hand-over, on the bot's channels.
    mutating func addBotTurns(_ t: inout GenTicket, ask: String, answer: String, share: Int = 60) {
        guard ["bot", "app", "chat"].contains(t.channel), r.percent(share) else { return }
        let start = t.createdAt - Int64(r.int(2...6)) * GenPlanner.m - Int64(r.int(0...50))
        t.messages.append(GenMessage(at: start, author: "customer", authorID: c.id, body: ask))
        t.messages.append(GenMessage(at: start + Int64(r.int(2...5)), author: "bot", authorID: nil, body: answer))
        let human = zh ? r.pick(["转人工", "人工客服", "我要找人工", "还是转人工吧"]) : r.pick(["agent please", "Talk to a person", "human agent", "I need a real person"])
        let ask2 = t.createdAt - Int64(r.int(25...70))
        t.messages.append(GenMessage(at: ask2, author: "customer", authorID: c.id, body: human))
        t.messages.append(GenMessage(at: ask2 + 3, author: "bot", authorID: nil,
                                     body: zh ? "正在为您转接人工客服，已把刚才的对话和订单信息同步给客服，您无需重复描述。"
                                              : "Connecting you to an agent. I've passed on our conversation and your bookings, so you won't need to repeat anything."))
    }

    /// Explicit SLA for some: black-card live lines promise three minutes, refund emails two days.
    mutating func explicitSLA(_ t: inout GenTicket) {
        if c.isBlack && t.channel != "email" && t.priority != "sos" && r.percent(70) {
            t.slaDue = t.createdAt + 3 * GenPlanner.m
        } else if t.channel == "email" && t.category == "refund" && r.percent(60) {
            t.slaDue = t.createdAt + 48 * GenPlanner.h
        }
    }

    /// Makes a ticket part of the current work: queued (most), open or pending with its agent.
    /// `reply` is the agent's first public answer, `note` an internal note.
    mutating func makeActive(_ t: inout GenTicket, agent a: GenAgent, reply: String, note: String?,
                             weights: [Int] = [64, 21, 15], pendingMessage: GenMessage? = nil) {
        var status = ["queued", "open", "pending"][r.weighted(weights)]
        if t.createdAt > base - 4 * GenPlanner.m { status = "queued" }
        t.status = status
        explicitSLA(&t)
        guard status != "queued" else { return }
        let latest = base - 60
        var first = t.createdAt + Int64(r.int(15...(t.channel == "email" ? 5400 : 420)))
        if first > latest { first = max(t.createdAt + 10, latest - Int64(r.int(0...60))) }
        t.agent = a.id
        t.firstResponse = first
        t.messages.append(GenMessage(at: first, author: "agent", authorID: a.id, body: reply))
        if let note {
            let at = min(first + Int64(r.int(30...300)), base - 20)
            t.messages.append(GenMessage(at: max(at, first + 1), author: "agent", authorID: a.id, isInternal: true, body: note))
        }
        if status == "pending" || r.percent(50), var p = pendingMessage {
            p.at = max(min(p.at, base - 5), first + 2)
            t.messages.append(p)
        }
    }

    /// A second open contact: the customer chases the first one on another channel, or asks
    /// something unrelated while waiting.
    mutating func planSecondActive() {
        guard let first = tickets.last, first.status != "resolved" else { return }
        if first.orders.isEmpty || r.percent(40) { return planNoOrderContact() }
        var t = first
        t.messages = []
        t.channel = first.channel == "phone" ? r.pick(["app", "chat"]) : "phone"
        t.createdAt = createdAfter(first.createdAt, maxMinutes: 90)
        t.status = "queued"
        t.agent = nil; t.firstResponse = nil; t.slaDue = nil; t.resolvedAt = nil; t.disposition = nil
        t.subject = (zh ? "催办：" : "Chasing: ") + first.subject
        t.message = zh ? r.pick(["刚才在App里问过了，一直没人回复，我再打电话问一下。", "这个问题我已经说过一遍了，现在处理得怎么样了？", "等了半天还没消息，麻烦快一点。"])
                       : r.pick(["I asked about this in the app a while ago and heard nothing, so I'm calling.", "I already explained this once - where are we with it?", "Still no news after all this time, please hurry."])
        t.botSummary = wantsSummary(t.channel)
            ? summary(t, facts: zh ? "同一问题再次联系（上一次：\(first.subject)）" : "contacting again about the same issue (earlier: \(first.subject))",
                      bot: zh ? "已关联上一次联系和订单" : "linked the earlier contact and the bookings", wants: zh ? "尽快得到答复" : "an answer now",
                      mood: zh ? "不耐烦" : "impatient")
            : ""
        explicitSLA(&t)
        tickets.append(t)
    }

    /// Closes a ticket in the past with its disposition and the agent's answer.
    mutating func resolve(_ t: inout GenTicket, agent a: GenAgent, disposition: String, reply: String,
                          customerThanks: Bool = true, note: String? = nil, within: ClosedRange<Int> = 5...240) {
        t.status = "resolved"
        t.agent = a.id
        let live = t.channel != "email"
        let first = t.createdAt + Int64(live ? r.int(10...400) : r.int(600...20_000))
        t.firstResponse = first
        var resolved = first + Int64(r.int(within)) * GenPlanner.m
        if resolved > base - 10 * GenPlanner.m { resolved = max(first + 60, base - 10 * GenPlanner.m) }
        t.resolvedAt = resolved
        t.disposition = disposition
        if r.percent(50) {
            t.messages.append(GenMessage(at: first, author: "agent", authorID: a.id, body: reply))
            if customerThanks && r.percent(35) {
                let thanks = zh ? r.pick(["好的，谢谢！", "收到，辛苦了。", "明白了，谢谢你们。", "好的，麻烦了"]) : r.pick(["Great, thanks!", "Got it, thank you.", "Perfect, appreciate it.", "OK, thanks for sorting it."])
                t.messages.append(GenMessage(at: min(first + Int64(r.int(40...900)), resolved), author: "customer", authorID: c.id, body: thanks))
            }
        }
        if let note, r.percent(25) {
            t.messages.append(GenMessage(at: resolved, author: "agent", authorID: a.id, isInternal: true, body: note))
        }
    }

    /// Called when every ticket of the customer is planned: time order, the service trail in each
    /// summary (the customer says it only once), and the flags the trail implies.
    mutating func finish() {
        tickets.sort { $0.createdAt < $1.createdAt }
        let complained = tickets.contains { $0.category == "complaint" && $0.status == "resolved" }
        if complained { c.flag("complained_before") }
        if c.tierRank >= 5 && r.percent(70) { c.flag("vip") }
        if orders.count >= 5 || (c.tierRank >= 4 && r.percent(40)) { c.flag("frequent_traveller") }
        if r.percent(2) { c.flag("accessibility") }
        c.flags.sort()
        settleWaits()
        for i in tickets.indices where !tickets[i].botSummary.isEmpty {
            let t = tickets[i].createdAt
            let earlier = tickets[..<i].filter { $0.createdAt > t - 90 * GenPlanner.day }.count
            let complainedBefore = tickets[..<i].contains { $0.category == "complaint" }
            if zh {
                var note = earlier == 0 ? "服务轨迹：近90天首次联系" : "服务轨迹：近90天第\(earlier + 1)次联系"
                if complainedBefore { note += "，此前有投诉记录，请优先安抚" }
                tickets[i].botSummary += note + "。"
            } else {
                var note = earlier == 0 ? " Service trail: first contact in 90 days" : " Service trail: contact \(earlier + 1) in 90 days"
                if complainedBefore { note += "; complained before, expect an upset customer" }
                tickets[i].botSummary += note + "."
            }
        }
    }

    /// Where the waiting (queued) tickets stand at the base time, against their first-response
    /// target (`SLAPolicy.standard`, or the ticket's own due time): about 70 % well within it, 15 %
    /// near it, 15 % past it; SOS tickets are seconds old (their target is a minute). A ticket only
    /// ever moves later, with its messages and due time, so it still comes after what caused it
    /// and after the customer's earlier contacts.
    mutating func settleWaits() {
        tickets.sort { $0.createdAt < $1.createdAt }
        var previous: Int64? = nil
        for i in tickets.indices {
            defer { previous = tickets[i].createdAt }
            guard tickets[i].status == "queued" else { continue }
            let t = tickets[i]
            let policy = SLAPolicy.standard
            let target = Int64(t.slaDue.map { Int($0 - t.createdAt) }
                ?? policy.target(priority: Priority(rawValue: t.priority) ?? .normal, channel: Channel(rawValue: t.channel) ?? .chat))
            let nearWindow = max(target / 5, 60)
            let wanted: Int64
            if t.priority == "sos" {
                wanted = Int64(r.int(8...40))
            } else {
                switch r.weighted([70, 15, 15]) {
                case 0: wanted = Int64(r.int(Int(max(10, target / 20))...Int(max(20, target - nearWindow - 20))))
                case 1: wanted = target - Int64(r.int(Int(nearWindow / 6)...Int(nearWindow * 5 / 6)))
                default: wanted = target + Int64(r.int(Int(max(60, target / 10))...Int(max(120, target))))
                }
            }
            // Never earlier than planned, never before the customer's previous contact, and
            // the ticket's own messages stay before the base time.
            var wait = min(base - t.createdAt, wanted)
            if let previous { wait = min(wait, base - previous - 30) }
            let lastMessage = t.messages.map(\.at).max() ?? t.createdAt
            let delta = max(0, min(base - wait - t.createdAt, base - 5 - lastMessage))
            guard delta > 0 else { continue }
            tickets[i].createdAt += delta
            tickets[i].slaDue = t.slaDue.map { $0 + delta }
            for m in tickets[i].messages.indices { tickets[i].messages[m].at += delta }
        }
    }
}
