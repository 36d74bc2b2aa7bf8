import XCTest
@testable import HeatDeskCore

/// The corpus: good and bad replies in both languages, each with the exact findings expected.
/// The context is the sample ticket (flight MU5101 + hotel + car linked, customer speaking the
/// reply's language unless the case says otherwise).
final class HEATCheckerTests: XCTestCase {
    struct Case {
        var name: String
        var draft: String
        var expected: [HEATRule]
        var customer: ReplyLanguage
        var audience: Audience = .customer
        /// The language the findings must be written in (the draft's).
        var findingsIn: ReplyLanguage? = nil
        var detail: String? = nil
    }

    static let zhGood = "李娜您好，非常抱歉航班延误给您带来不便。我已为您联系上海虹桥希尔顿酒店保留房间，您无需再联系酒店。我会在30分钟内告诉您最新的起飞时间，如有额外损失，平台会按服务保障先行赔付。"
    static let enGood = "Dear Emma Clarke,\nI'm sorry your flight is delayed. I have already contacted Hilton Shanghai Hongqiao to hold your room, so you don't need to call them. I will update you within 30 minutes, and under our pay-first compensation any extra costs are covered."

    static let corpus: [Case] = [
        // Chinese
        Case(name: "zh good", draft: zhGood, expected: [], customer: .zh),
        Case(name: "zh honorific greeting without name", draft: "尊敬的客人，您好！" + zhGood.dropFirst(5), expected: [], customer: .zh),
        Case(name: "zh empty", draft: "  \n ", expected: [.empty], customer: .zh, findingsIn: .zh),
        Case(name: "zh bare and asks the order number", draft: "航班延误了，请提供您的订单号，我们查一下。",
             expected: [.greeting, .empathy, .asksKnown, .proactive, .timeCommitment, .policy], customer: .zh, findingsIn: .zh, detail: "订单号"),
        Case(name: "zh asks the flight number", draft: zhGood + "另外麻烦告诉我您的航班号。", expected: [.asksKnown], customer: .zh, detail: "航班号"),
        Case(name: "zh says no need to give the order number", draft: zhGood + "您无需再提供订单号。", expected: [], customer: .zh),
        Case(name: "zh leftover blank", draft: zhGood + "新的起飞时间为【待填：新的起飞时间】。", expected: [.placeholder], customer: .zh),
        Case(name: "zh leftover braces", draft: zhGood + "新的起飞时间为{{? 新的起飞时间}}。", expected: [.placeholder], customer: .zh),
        Case(name: "zh internal code", draft: "李娜您好，抱歉让您久等。您的订单状态是REFUND_PENDING，我已为您催办，请您耐心等待，3个工作日内按退改规则到账。",
             expected: [.internalCode], customer: .zh, detail: "REFUND_PENDING"),
        Case(name: "zh jargon explained is fine", draft: zhGood + "航司预订编号（PNR）为KX7Q2M。", expected: [], customer: .zh),
        Case(name: "zh promises no more delay", draft: "李娜您好，非常抱歉。我已为您改签，请您放心，我保证不会再延误，30分钟内按航司规定出票。",
             expected: [.forbiddenPromise], customer: .zh),
        Case(name: "zh full refund on a non-refundable fare", draft: "李娜您好，抱歉给您添麻烦了。您的机票虽然不可退，我已为您申请，请您放心，2小时内按规定给您全额退款。",
             expected: [.forbiddenPromise], customer: .zh, detail: "不可退 + 全额退款"),
        Case(name: "zh full refund from the disaster fund is allowed", draft: "李娜您好，抱歉给您添麻烦了。您的机票虽然不可退，我已为您申请自然灾害保障金，请您放心，2小时内提交，损失部分由保障金承担，相当于全额退款。",
             expected: [], customer: .zh),
        Case(name: "zh refund one compensate five", draft: "李娜您好，非常抱歉。我已为您提交申请，按价格保障退一赔五，请您留意，3个工作日内到账。",
             expected: [.forbiddenPromise], customer: .zh, detail: "退一赔五"),
        Case(name: "zh nothing proactive, no time", draft: "李娜您好，非常抱歉给您带来不便。请您稍后再联系航空公司，按航司规定处理。",
             expected: [.proactive, .timeCommitment], customer: .zh),
        Case(name: "zh no next step", draft: "李娜您好，非常抱歉航班延误。我已为您联系酒店保留房间，30分钟内会有最新的起飞时间，平台会按服务保障先行赔付额外损失。",
             expected: [.nextStep], customer: .zh),
        Case(name: "zh too long", draft: zhGood + String(repeating: "我们会持续关注航班的最新动态并及时同步给您。", count: 20), expected: [.tooLong], customer: .zh),
        Case(name: "zh reply to an English customer", draft: zhGood.replacingOccurrences(of: "李娜", with: "Emma Clarke"), expected: [.language], customer: .en, findingsIn: .zh),

        // English
        Case(name: "en good", draft: enGood, expected: [], customer: .en),
        Case(name: "en honorific", draft: enGood.replacingOccurrences(of: "Dear Emma Clarke", with: "Dear Ms Clarke"), expected: [], customer: .en),
        Case(name: "en empty", draft: "", expected: [.empty], customer: .en, findingsIn: .en),
        Case(name: "en bare and asks the booking number", draft: "Please send us your booking number and we will look into it.",
             expected: [.greeting, .empathy, .asksKnown, .proactive, .timeCommitment, .policy], customer: .en, findingsIn: .en, detail: "booking number"),
        Case(name: "en generic greeting when the name is known", draft: enGood.replacingOccurrences(of: "Dear Emma Clarke", with: "Hello there"), expected: [.greeting], customer: .en),
        Case(name: "en asks for the dates", draft: enGood + " Could you also confirm your travel dates?", expected: [.asksKnown], customer: .en, detail: "travel dates"),
        Case(name: "en no need to resend the order number", draft: enGood + " There's no need to send your order number again.", expected: [], customer: .en),
        Case(name: "en leftover blank", draft: enGood + " The new departure is [to fill: new departure time].", expected: [.placeholder], customer: .en),
        Case(name: "en internal jargon", draft: enGood + " Your case is now in IROP handling.", expected: [.internalCode], customer: .en, detail: "IROP"),
        Case(name: "en guarantees the flight", draft: enGood + " I guarantee the flight will leave on time.", expected: [.forbiddenPromise], customer: .en),
        Case(name: "en full refund on a non-refundable fare", draft: "Dear Emma Clarke, I'm sorry about this. Your ticket is non-refundable, but I have already arranged a full refund within 2 hours under the fare rules; you don't need to do anything.",
             expected: [.forbiddenPromise], customer: .en),
        Case(name: "en compensate five", draft: enGood + " We will refund one and compensate five times the fare.", expected: [.forbiddenPromise], customer: .en),
        Case(name: "en nothing done, no time, no policy", draft: "Dear Emma Clarke, I'm sorry for the trouble. Please contact the airline.",
             expected: [.proactive, .timeCommitment, .policy], customer: .en),
        Case(name: "en too long", draft: enGood + String(repeating: " We keep watching the flight for you and share every change as soon as we see it.", count: 14), expected: [.tooLong], customer: .en),
        Case(name: "en reply to a Chinese customer", draft: enGood.replacingOccurrences(of: "Emma Clarke", with: "李娜"), expected: [.language], customer: .zh, findingsIn: .en),

        // Mixed-language drafts (issue 14, item 9): a greeting by name counts in either language.
        Case(name: "mixed: Dear + first name, then Chinese", draft: "Dear Emma,\n" + zhGood.dropFirst(5), expected: [.language], customer: .en),
        Case(name: "mixed: Dear + full name, Chinese on the same line", draft: "Dear Emma Clarke, " + zhGood.dropFirst(5), expected: [.language], customer: .en),
        Case(name: "mixed: Hi + Chinese name to a Chinese customer", draft: "Hi 李娜，" + zhGood.dropFirst(5), expected: [], customer: .zh),
        Case(name: "mixed: Dear + Chinese name to a Chinese customer", draft: "Dear 李娜,\n" + zhGood.dropFirst(5), expected: [], customer: .zh),
        Case(name: "mixed: Chinese greeting in an English reply", draft: "您好 Emma Clarke,\n" + enGood.split(separator: "\n").dropFirst().joined(), expected: [], customer: .en),
        Case(name: "mixed: Dear without the name, then Chinese", draft: "Dear customer,\n" + zhGood.dropFirst(5), expected: [.language, .greeting], customer: .en),

        // Suppliers and colleagues: no name or empathy required, language not the customer's business.
        Case(name: "en supplier request", draft: "Hello front desk team,\nPlease hold the room for our guest Emma Clarke until she arrives; we have already told her it is held. Please confirm within 30 minutes. Costs are settled under our partner agreement.",
             expected: [], customer: .zh, audience: .supplier),
    ]

    func testCorpus() {
        for c in Self.corpus {
            let ctx = TemplateSample.context(c.customer)
            let findings = HEATChecker.check(c.draft, context: ctx, audience: c.audience)
            XCTAssertEqual(findings.map(\.rule), c.expected, "\(c.name): \(findings.map(\.description))")
            if let lang = c.findingsIn {
                XCTAssertTrue(findings.allSatisfy { $0.language == lang }, "\(c.name): findings not in \(lang)")
            }
            if let detail = c.detail, let f = findings.first(where: { $0.rule == .asksKnown || $0.rule == .internalCode || $0.rule == .forbiddenPromise }) {
                XCTAssertTrue(f.reason.contains(detail), "\(c.name): '\(f.reason)' should name \(detail)")
            }
            for f in findings {
                XCTAssertEqual(f.element, f.rule.element)
                XCTAssertFalse(f.reason.isEmpty); XCTAssertFalse(f.suggestion.isEmpty)
            }
        }
    }

    func testFindingsSpeakTheDraftsLanguage() {
        let zh = HEATChecker.check("航班延误了。", context: TemplateSample.context(.zh))
        XCTAssertTrue(zh.contains { $0.rule == .greeting && $0.reason == "开头没有称呼客户" })
        let en = HEATChecker.check("Your flight is delayed.", context: TemplateSample.context(.en))
        XCTAssertTrue(en.contains { $0.rule == .greeting && $0.reason.hasPrefix("the reply does not greet") })
    }

    func testElementsLimitTheRules() {
        let draft = "Please send us your booking number."
        let ctx = TemplateSample.context(.en)
        XCTAssertEqual(HEATChecker.check(draft, context: ctx, elements: [.A]).map(\.rule), [.proactive])
        XCTAssertEqual(HEATChecker.check(draft + " {{x}}", context: ctx, elements: []).map(\.rule), [.placeholder])
    }

    func testAskingIsOnlyWrongWhenTheTicketKnows() {
        var ctx = TemplateContext(now: TemplateSample.now)
        ctx.customerLanguage = .en
        let draft = "Dear Emma, I'm sorry. Please send me your booking number; I have already opened a case and will reply within 30 minutes under our policy."
        XCTAssertEqual(HEATChecker.check(draft, context: ctx).map(\.rule), [])
        XCTAssertEqual(HEATChecker.check(draft, context: TemplateSample.context(.en)).map(\.rule), [.asksKnown])
    }

    func testLanguageDetection() {
        XCTAssertEqual(LanguageDetector.detect("尊敬的Emma Clarke，您好！您的MU5101航班（PEK→SHA）延误了。"), .zh)
        XCTAssertEqual(LanguageDetector.detect("Dear 李娜, your flight MU5101 from Beijing is delayed."), .en)
        XCTAssertNil(LanguageDetector.detect("12:30 → 14:00 !!"))
        XCTAssertEqual(LanguageDetector.cjkShare("abc"), 0)
    }
}
