import XCTest
@testable import HeatDeskCore

final class TemplateParserTests: XCTestCase {
    func errors(_ body: String) -> [String] { TemplateParser.parse(body).errors.map(\.description) }

    func testParsesValuesFallbacksBlanksAndSections() {
        let r = TemplateParser.parse("Hi {{customer.name | \"there\"}}, {{? new time}}\n{{#order.car}}car {{order.car.company}}{{/order.car}}{{! note }}")
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(r.document.names, ["customer.name", "order.car", "order.car.company"])
        XCTAssertEqual(r.document.blanks, ["new time"])
        guard case .value(let name, let fallback, let at) = r.document.nodes[1] else { return XCTFail("\(r.document.nodes)") }
        XCTAssertEqual(name, "customer.name"); XCTAssertEqual(fallback, "there"); XCTAssertEqual(at, SourcePosition(line: 1, column: 4))
    }

    func testFallbackEscapes() {
        let r = TemplateParser.parse(#"{{customer.name | "the \"guest\" \\ you"}}"#)
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(r.document.nodes, [.value(name: "customer.name", fallback: #"the "guest" \ you"#, at: SourcePosition(line: 1, column: 1))])
    }

    func testErrorsCarryLineAndColumn() {
        XCTAssertEqual(errors("line one\n  {{order.fligt.number}}"),
                       ["2:5: unknown name 'order.fligt.number'; did you mean 'order.flight.number'? (the names are listed in Docs/templates.md)"])
        XCTAssertEqual(errors("ok\n中文{{customer.name"), ["2:3: unclosed tag: '{{' without '}}' on the same line"])
        XCTAssertEqual(errors("{{}}"), ["1:1: empty tag '{{}}': write a name, e.g. {{customer.name}}"])
        XCTAssertEqual(errors("a }} b"), ["1:3: stray '}}' outside a tag"])
        XCTAssertEqual(errors("{{?   }}"), ["1:1: a blank needs a label saying what to fill, e.g. {{? new departure time}}"])
        XCTAssertEqual(errors("{{customer.name | there}}"), ["1:19: a fallback is a quoted text after '|', e.g. {{customer.name | \"there\"}}"])
        XCTAssertEqual(errors("{{customer.name | \"open}}"), ["1:19: the fallback's quote is never closed"])
        XCTAssertEqual(errors("{{Customer Name}}"), ["1:3: 'Customer Name' is not a name: names are lower-case words joined by dots, e.g. order.flight.number"])
        XCTAssertEqual(errors("{{order.car}}"), ["1:3: 'order.car' is a condition, not a value: use it as a section {{#order.car}}…{{/order.car}}"])
        XCTAssertEqual(errors("{{{customer.name}}}").first, "1:1: '{{{' is not part of the placeholder language; write {{name}}")
    }

    func testSectionErrors() {
        XCTAssertEqual(errors("a\n{{#order.car}}\nb"), ["2:1: section 'order.car' is never closed; add {{/order.car}}"])
        XCTAssertEqual(errors("{{/order.car}}"), ["1:1: '{{/order.car}}' closes a section that was never opened"])
        XCTAssertEqual(errors("{{#order.car}}x{{/order.hotel}}{{/order.car}}"),
                       ["1:16: '{{/order.hotel}}' does not match the open section 'order.car' (opened at 1:1); close it with {{/order.car}}"])
        XCTAssertEqual(errors("{{#order.boat}}x{{/order.boat}}").count, 2) // unknown name, then a close with nothing open
    }

    func testEveryErrorIsReportedNotJustTheFirst() {
        XCTAssertEqual(TemplateParser.parse("{{a.b}} {{c.d}}\n{{? }}").errors.map(\.position),
                       [SourcePosition(line: 1, column: 3), SourcePosition(line: 1, column: 11), SourcePosition(line: 2, column: 1)])
    }
}

final class TemplateRendererTests: XCTestCase {
    func template(_ body: String, _ language: ReplyLanguage = .en) throws -> Template {
        try Template(id: "t.\(language.rawValue)", title: "t", language: language, product: .any, situation: .delay, elements: [], body: body)
    }

    func testRendersTheSampleTicketInBothLanguages() throws {
        let body = "{{customer.name}} {{customer.tier}} {{order.flight.carrier}} {{order.flight.number}} {{order.flight.origin}} {{order.flight.departure}} {{order.hotel.checkin}} {{order.hotel.nights}} {{order.car.pickup_time}} {{order.flight.status}}"
        let en = TemplateRenderer.render(try template(body, .en), context: TemplateSample.context(.en))
        XCTAssertEqual(en.text, "Emma Clarke Black Card member China Eastern MU5101 Beijing Capital (PEK) 22 Nov 08:30 22 Nov 2 22 Nov 11:30 delayed")
        let zh = TemplateRenderer.render(try template(body, .zh), context: TemplateSample.context(.zh))
        XCTAssertEqual(zh.text, "李娜 黑卡会员 东方航空 MU5101 北京首都（PEK） 11月22日 08:30 11月22日 2 11月22日 11:30 延误")
    }

    func testTimesFollowTheContextsTimeZone() throws {
        let t = try template("{{order.flight.departure}}")
        let utc = TemplateContext(ticket: TemplateSample.ticket(), customer: nil, orders: TemplateSample.orders(.en), agent: nil,
                                  now: TemplateSample.now, timeZone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(TemplateRenderer.render(t, context: utc).text, "22 Nov 00:30")
    }

    func testMissingValuesAndBlanksComeBackAsAList() throws {
        let t = try template("Dear {{customer.name}}, flight {{order.flight.number}} leaves at {{? new departure time}}; {{? new departure time}} again.")
        var ctx = TemplateContext(now: TemplateSample.now)
        ctx.set("customer.name", "Emma")
        let r = TemplateRenderer.render(t, context: ctx)
        XCTAssertNil(r.text)
        XCTAssertFalse(r.isComplete)
        XCTAssertEqual(r.missing.map(\.description), ["order.flight.number", "? new departure time"])
        XCTAssertEqual(r.missing[1].position, SourcePosition(line: 1, column: 66))
        XCTAssertEqual(r.preview, "Dear Emma, flight [to fill: order.flight.number] leaves at [to fill: new departure time]; [to fill: new departure time] again.")
        XCTAssertFalse(r.preview.contains("{{"))

        let filled = TemplateRenderer.render(t, context: ctx, overrides: ["order.flight.number": "MU5103", "? new departure time": "10:40"])
        XCTAssertEqual(filled.text, "Dear Emma, flight MU5103 leaves at 10:40; 10:40 again.")
    }

    func testChineseHoleMarker() throws {
        let r = TemplateRenderer.render(try template("起飞时间：{{? 新的起飞时间}}", .zh), context: TemplateContext())
        XCTAssertEqual(r.preview, "起飞时间：【待填：新的起飞时间】")
    }

    func testFallbacks() throws {
        let t = try template("Hello {{customer.name | \"there\"}}{{order.hotel.room | \"\"}}!")
        XCTAssertEqual(TemplateRenderer.render(t, context: TemplateContext()).text, "Hello there!")
        XCTAssertEqual(TemplateRenderer.render(t, context: TemplateSample.context(.en)).text, "Hello Emma ClarkeKing Deluxe!")
        var blank = TemplateSample.context(.en)
        blank.set("customer.name", "  \u{7}  ") // nothing left after cleaning counts as missing
        XCTAssertEqual(TemplateRenderer.render(t, context: blank).text, "Hello thereKing Deluxe!")
    }

    func testSectionsShowOnlyWhatTheTripHas() throws {
        let body = """
        Hi,
        {{#order.car}}
        Your {{order.car.company}} car waits at {{order.car.pickup_place}}.
        {{/order.car}}
        {{^order.car}}
        No car on this trip.
        {{/order.car}}
        Bye
        """
        let t = try template(body)
        XCTAssertEqual(TemplateRenderer.render(t, context: TemplateSample.context(.en)).text, "Hi,\nYour Hertz car waits at Hongqiao Airport T2.\nBye")
        let noCar = TemplateContext(ticket: TemplateSample.ticket(), customer: nil, orders: Array(TemplateSample.orders(.en).prefix(2)), agent: nil)
        XCTAssertEqual(TemplateRenderer.render(t, context: noCar).text, "Hi,\nNo car on this trip.\nBye")
        // A missing value inside a hidden section is not asked for.
        let inner = try template("A{{#order.car}} {{order.car.company}}{{/order.car}}")
        XCTAssertEqual(TemplateRenderer.render(inner, context: TemplateContext()).text, "A")
    }

    func testHostileCustomerDataCannotChangeTheTemplate() throws {
        var customer = TemplateSample.customer(.en)
        customer.name = "{{agent.name}} \u{1B}[31mRED\u{1B}[0m\u{202E}evil\n\rAgent: refund approved {{? x}}\u{0}\u{9B}"
        let ctx = TemplateContext(ticket: TemplateSample.ticket(), customer: customer, orders: TemplateSample.orders(.en), agent: TemplateSample.agent(.en))
        let r = TemplateRenderer.render(try template("Dear {{customer.name}}, I am {{agent.name}}."), context: ctx)
        XCTAssertEqual(r.text, "Dear ((agent.name)) REDevil Agent: refund approved ((? x)), I am Chen Jie.")
        XCTAssertTrue(r.isComplete)
        XCTAssertFalse(r.text!.contains("{"))
        XCTAssertFalse(r.text!.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        // Overrides are cleaned the same way.
        let o = TemplateRenderer.render(try template("at {{? time}}"), context: ctx, overrides: ["time": "10:40 {{customer.name}}\u{1B}]0;title\u{7}"])
        XCTAssertEqual(o.text, "at 10:40 ((customer.name))")
    }

    func testSanitizer() {
        XCTAssertEqual(ValueSanitizer.clean("Plain Name"), "Plain Name")
        XCTAssertEqual(ValueSanitizer.clean("  李\u{3000}娜  \t"), "李 娜")
        XCTAssertEqual(ValueSanitizer.clean("a\u{1B}Pdcs\u{1B}\\b"), "ab")
        XCTAssertEqual(ValueSanitizer.clean(String(repeating: "x", count: 500)).count, ValueSanitizer.maxLength)
        XCTAssertEqual(ValueSanitizer.clean("👨‍👩‍👧 family"), "👨‍👩‍👧 family")
    }

    func testContextPicksTheEarliestOrderOfEachProductAndTheTicketsOwn() {
        var orders = TemplateSample.orders(.en)
        var later = orders[0]
        later.id = "FL-99999"
        if case .flight(var f) = later.detail {
            f.number = "MU5102"; f.departure = f.departure.addingTimeInterval(86400 * 3); later.detail = .flight(f)
        }
        orders.append(later)
        var ticket = TemplateSample.ticket()
        ticket.orderIDs.append("FL-99999")
        let ctx = TemplateContext(ticket: ticket, customer: nil, orders: orders, agent: nil)
        XCTAssertEqual(ctx.value("order.flight.number", .en), "MU5101")
        XCTAssertEqual(ctx.value("order.id", .en), "FL-88231")
        XCTAssertTrue(ctx.knownCodes.isSuperset(of: ["FL-99999", "KX7Q2M", "HD-1042", "MU5101"]))
        // A linked order wins over the trip's other order of the same product; products the
        // ticket does not link come from the rest of the trip.
        ticket.orderIDs = ["HT-55102", "FL-99999"]
        let hotelAndLater = TemplateContext(ticket: ticket, customer: nil, orders: orders, agent: nil)
        XCTAssertEqual(hotelAndLater.value("order.flight.number", .en), "MU5102")
        XCTAssertEqual(hotelAndLater.value("order.car.company", .en), TemplateSample.context(.en).value("order.car.company", .en))
        ticket.orderIDs = ["HT-55102"]
        let hotelOnly = TemplateContext(ticket: ticket, customer: nil, orders: Array(orders.dropFirst()), agent: nil)
        XCTAssertEqual(hotelOnly.value("order.id", .en), "HT-55102")
        XCTAssertEqual(hotelOnly.linkedProducts, [.hotel])
        XCTAssertEqual(hotelOnly.value("order.flight.number", .en), "MU5102")
        let alone = TemplateContext(ticket: ticket, customer: nil, orders: orders.filter { $0.id == "HT-55102" }, agent: nil)
        XCTAssertFalse(alone.isPresent("order.flight"))
    }

    func testEveryNameIsFilledByTheSampleTicket() {
        for lang in ReplyLanguage.allCases {
            let ctx = TemplateSample.context(lang)
            for info in TemplateNames.all {
                XCTAssertTrue(ctx.isPresent(info.name), "\(info.name) missing in the \(lang) sample")
            }
        }
    }
}
