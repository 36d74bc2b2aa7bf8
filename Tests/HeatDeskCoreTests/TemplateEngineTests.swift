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

    func testContextPicksTheNextOrderOfEachProductAndTheTicketsOwn() {
        var orders = TemplateSample.orders(.en)
        var later = orders[0]
        later.id = "FL-99999"
        if case .flight(var f) = later.detail {
            f.number = "MU5102"; f.departure = f.departure.addingTimeInterval(86400 * 3); later.detail = .flight(f)
        }
        orders.append(later)
        var ticket = TemplateSample.ticket()
        ticket.orderIDs.append("FL-99999")
        let ctx = TemplateContext(ticket: ticket, customer: nil, orders: orders, agent: nil, now: TemplateSample.now)
        XCTAssertEqual(ctx.value("order.flight.number", .en), "MU5101")
        XCTAssertEqual(ctx.value("order.id", .en), "FL-88231")
        XCTAssertTrue(ctx.knownCodes.isSuperset(of: ["FL-99999", "KX7Q2M", "HD-1042", "MU5101"]))
        // A linked order wins over the trip's other order of the same product; products the
        // ticket does not link come from the rest of the trip.
        ticket.orderIDs = ["HT-55102", "FL-99999"]
        let hotelAndLater = TemplateContext(ticket: ticket, customer: nil, orders: orders, agent: nil, now: TemplateSample.now)
        XCTAssertEqual(hotelAndLater.value("order.flight.number", .en), "MU5102")
        XCTAssertEqual(hotelAndLater.value("order.car.company", .en), TemplateSample.context(.en).value("order.car.company", .en))
        ticket.orderIDs = ["HT-55102"]
        let hotelOnly = TemplateContext(ticket: ticket, customer: nil, orders: Array(orders.dropFirst()), agent: nil, now: TemplateSample.now)
        XCTAssertEqual(hotelOnly.value("order.id", .en), "HT-55102")
        XCTAssertEqual(hotelOnly.linkedProducts, [.hotel])
        XCTAssertEqual(hotelOnly.value("order.flight.number", .en), "MU5102")
        let alone = TemplateContext(ticket: ticket, customer: nil, orders: orders.filter { $0.id == "HT-55102" }, agent: nil)
        XCTAssertFalse(alone.isPresent("order.flight"))
    }

    func testEveryNameIsFilledByTheSampleTicket() {
        for lang in ReplyLanguage.allCases {
            let ctx = TemplateSample.context(lang, facts: true)
            // The sample's flight is still ahead: the one name it leaves out.
            for info in TemplateNames.all where info.name != "order.flight.flown" {
                XCTAssertTrue(ctx.isPresent(info.name), "\(info.name) missing in the \(lang) sample")
            }
        }
    }
}

/// Which order a reply speaks of (Docs/templates.md, "Which order a reply speaks of") and the
/// facts of the record (`RecordFact`).
final class OrderChoiceTests: XCTestCase {
    static let now = TemplateSample.now
    static func at(_ hours: Double) -> Date { now.addingTimeInterval(hours * 3600) }

    /// A flight `hours` from now (negative: in the past), flown when `flown`.
    static func flight(_ id: String, _ number: String, departs hours: Double, flown: Bool = false, events: [OrderEvent] = []) -> Order {
        Order(id: id, customerID: "C-1", product: .flight, status: flown ? .completed : .confirmed, bookedAt: at(-24 * 30),
              detail: .flight(FlightDetail(carrier: "MU", number: number, origin: "PVG", destination: "CDG",
                                           departure: at(hours), arrival: at(hours + 12), pnr: nil)),
              events: events + (flown ? [OrderEvent(at: at(hours + 12), kind: .completed, detail: "Landed")] : []))
    }

    static func ticket(links: [String], subject: String = "", summary: String = "", product: Product = .other) -> Ticket {
        Ticket(key: TicketKey(source: TicketKey.defaultSource, externalID: "HD-1"), createdAt: at(-0.1), channel: .phone, product: product,
               category: .sos, customerID: "C-1", subject: subject, botSummary: summary, orderIDs: links)
    }

    static func context(_ ticket: Ticket, _ orders: [Order], messages: [Message] = []) -> TemplateContext {
        TemplateContext(ticket: ticket, customer: nil, orders: orders, agent: nil, messages: messages, now: now)
    }

    let out = flight("FL-1", "MU553", departs: -24 * 6, flown: true)
    let home = flight("FL-2", "MU554", departs: 29)

    func testTheOrderTheTicketNamesWins() throws {
        // Both flights linked; the customer's words name the flight home.
        let words = Self.context(Self.ticket(links: ["FL-1", "FL-2"]), [out, home],
                                 messages: [Message(at: Self.at(-0.1), authorKind: .customer, body: "My flight MU554 is tomorrow, can I still fly?")])
        XCTAssertEqual(words.orderChoices[.flight], OrderChoice(orderID: "FL-2", reason: .named))
        XCTAssertEqual(words.value("order.flight.number", .en), "MU554")
        XCTAssertEqual(words.value("order.id", .en), "FL-2")
        // `MU55` is not named by "MU554"; a linked single order is named by the link, even when flown.
        let linked = Self.context(Self.ticket(links: ["FL-1"], summary: "asks about MU554"), [out, home])
        XCTAssertEqual(linked.orderChoices[.flight], OrderChoice(orderID: "FL-1", reason: .named))
        XCTAssertTrue(linked.isPresent("order.flight.flown"))
        XCTAssertFalse(OrderChoice.mentions("flight mu554 home", "mu55"))
        XCTAssertTrue(OrderChoice.mentions("回程mu554是明天", "mu554"))
        // A flown flight is never asked to move.
        let t = try Template(id: "x.en", title: "x", language: .en, product: .any, situation: .sosLostDocuments, elements: [],
                             body: "{{#order.flight}}{{^order.flight.flown}}if {{order.flight.number}} has to move{{/order.flight.flown}}{{/order.flight}}.")
        XCTAssertEqual(TemplateRenderer.render(t, context: linked).text, ".")
        XCTAssertEqual(TemplateRenderer.render(t, context: words).text, "if MU554 has to move.")
    }

    func testTheDisruptedOrderComesNext() {
        let first = Self.flight("FL-3", "CA925", departs: 5)
        let delayed = Self.flight("FL-4", "CA926", departs: 50, events: [OrderEvent(at: Self.at(-1), kind: .delayed, detail: "ETD +3h")])
        let ctx = Self.context(Self.ticket(links: ["FL-3", "FL-4"]), [first, delayed])
        XCTAssertEqual(ctx.orderChoices[.flight], OrderChoice(orderID: "FL-4", reason: .disrupted))
        XCTAssertEqual(ctx.value("order.flight.number", .en), "CA926")
        // A disruption on a flight since flown is not the trouble of today.
        let old = Self.flight("FL-5", "CA927", departs: -100, flown: true, events: [OrderEvent(at: Self.at(-101), kind: .delayed)])
        XCTAssertEqual(Self.context(Self.ticket(links: ["FL-3", "FL-5"]), [first, old]).orderChoices[.flight], OrderChoice(orderID: "FL-3", reason: .next))
    }

    func testOtherwiseTheNextLegNotYetFlown() {
        let later = Self.flight("FL-6", "MU560", departs: 24 * 5)
        let ctx = Self.context(Self.ticket(links: ["FL-1", "FL-6", "FL-2"]), [out, later, home])
        XCTAssertEqual(ctx.orderChoices[.flight], OrderChoice(orderID: "FL-2", reason: .next))
        XCTAssertEqual(ctx.value("order.flight.number", .en), "MU554")
        XCTAssertFalse(ctx.isPresent("order.flight.flown"))
    }

    func testWhenItCannotTellItAsks() throws {
        // Two flights, both cancelled, both before now: nothing says which one the customer means.
        let a = Self.flight("FL-7", "MU501", departs: -3, events: [OrderEvent(at: Self.at(-5), kind: .cancelled)])
        let b = Self.flight("FL-8", "MU503", departs: -2, events: [OrderEvent(at: Self.at(-5), kind: .cancelled)])
        let ctx = Self.context(Self.ticket(links: ["FL-7", "FL-8"], product: .flight), [a, b])
        XCTAssertEqual(ctx.orderChoices[.flight], OrderChoice(orderID: nil, reason: .undecided))
        XCTAssertTrue(ctx.isPresent("order.flight"))
        XCTAssertNil(ctx.value("order.flight.number", .en))
        XCTAssertNil(ctx.value("order.id", .en))
        let t = try Template(id: "x.en", title: "x", language: .en, product: .flight, situation: .cancellation, elements: [],
                             body: "{{#order.flight}}Your flight {{order.flight.number}} was cancelled.{{/order.flight}}")
        let r = TemplateRenderer.render(t, context: ctx)
        XCTAssertNil(r.text)
        XCTAssertEqual(r.missing.map(\.key), ["order.flight.number"])
        XCTAssertEqual(r.preview, "Your flight [to fill: order.flight.number] was cancelled.")
        XCTAssertEqual(TemplateRenderer.render(t, context: ctx, overrides: ["order.flight.number": "MU503"]).text, "Your flight MU503 was cancelled.")
        // The words decide it.
        let named = Self.context(Self.ticket(links: ["FL-7", "FL-8"], subject: "MU503 cancelled", product: .flight), [a, b])
        XCTAssertEqual(named.orderChoices[.flight], OrderChoice(orderID: "FL-8", reason: .named))
    }

    func testFactsComeFromTheRecord() {
        let delay = Self.flight("FL-9", "MU5101", departs: 1, events: [OrderEvent(at: Self.at(-0.5), kind: .delayed)])
        func hotel(_ events: [OrderEvent]) -> Order {
            Order(id: "HT-1", customerID: "C-1", product: .hotel, status: .confirmed, bookedAt: Self.at(-500),
                  detail: .hotel(HotelDetail(name: "Hilton", city: "Tokyo", checkIn: Self.at(8), checkOut: Self.at(60))), events: events)
        }
        func car(_ events: [OrderEvent], status: OrderStatus = .booked) -> Order {
            Order(id: "CR-1", customerID: "C-1", product: .car, status: status, bookedAt: Self.at(-500),
                  detail: .car(CarDetail(company: "Hertz", pickupPlace: "NRT", pickupAt: Self.at(10), returnPlace: "NRT", returnAt: Self.at(70))), events: events)
        }
        let ticket = Self.ticket(links: ["FL-9", "HT-1", "CR-1"], product: .flight)
        func facts(_ orders: [Order], _ messages: [Message] = []) -> Set<RecordFact> { RecordFact.facts(ticket: ticket, trip: orders, messages: messages) }
        // The booking's own confirmation is older than the delay: it says nothing about tonight.
        XCTAssertEqual(facts([delay, hotel([OrderEvent(at: Self.at(-500), kind: .confirmed)]), car([])]), [])
        XCTAssertEqual(facts([delay, hotel([OrderEvent(at: Self.at(-0.2), kind: .confirmed, detail: "late arrival noted")]), car([])]), [.hotelHeld])
        XCTAssertEqual(facts([delay, hotel([]), car([OrderEvent(at: Self.at(-0.3), kind: .changed)])]), [.carMoved])
        XCTAssertEqual(facts([delay, hotel([]), car([OrderEvent(at: Self.at(-400), kind: .refunded)], status: .refunded)]), [.refunded])
        // A supplier's reply and a staff note count; the bot, the customer and a hedged note do not.
        let trip = [delay, hotel([]), car([])]
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .supplier, authorID: "SC-3", body: "Room held until 02:00.")]), [.hotelHeld])
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .supplier, authorID: "SC-4", body: "今晚已为王先生保留外滩景观套房")]), [.hotelHeld])
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .agent, visibility: .internal, body: "Hertz柜台已把取车时间顺延到23:30")]), [.carMoved])
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .bot, body: "酒店晚到是否保留需要人工与酒店确认。")]), [])
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .agent, visibility: .internal, body: "需要与酒店确认是否保留房间")]), [])
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .customer, body: "The hotel said my room is held")]), [])
        XCTAssertEqual(facts(trip, [Message(at: Self.at(0), authorKind: .agent, visibility: .public, body: "Your room is held.")]), [])
        // The context carries them as flags.
        XCTAssertTrue(Self.context(ticket, [delay, hotel([OrderEvent(at: Self.at(-0.2), kind: .changed)]), car([])]).isPresent("order.hotel.held"))
    }
}
