import XCTest
import HeatDeskCore
@testable import HeatDeskTemplates

/// The outputs `heatdesk templates list|lint|render` and `heatdesk check` print, and their exit codes.
final class CommandTests: XCTestCase {
    var library: TemplateLibrary!
    override func setUpWithError() throws { library = try LibraryTests.library() }

    func testListFiltersAndRejectsUnknownWords() throws {
        let out = try TemplateCommands.list(library, product: "car", situation: "car-pickup-change", language: "en")
        XCTAssertEqual(out.exitCode, 0)
        let rows = out.stdout.split(separator: "\n")
        XCTAssertTrue(rows.first!.hasPrefix("ID"))
        XCTAssertEqual(rows.last, "2 templates")
        XCTAssertTrue(rows.contains { $0.hasPrefix("car-pickup-change.en") && $0.contains("HEAT") })
        XCTAssertThrowsError(try TemplateCommands.list(library, product: "boat")) { error in
            XCTAssertEqual("\(error)", "--product boat: expected one of flight, hotel, car, any")
        }
        let json = try TemplateCommands.list(library, language: "zh", json: true)
        XCTAssertTrue(json.stdout.contains("\"id\" : \"flight-delay.zh\""))
    }

    func testRenderWithSetsAndCheck() throws {
        let ctx = TemplateSample.context(.en)
        let outcome = try TemplateCommands.render(library, id: "flight-delay.en", context: ctx, sets: ["new departure time=10:40"], check: true)
        XCTAssertTrue(outcome.reply.isComplete)
        XCTAssertEqual(outcome.findings, [])
        let out = TemplateCommands.renderOutput(outcome)
        XCTAssertEqual(out.exitCode, 0)
        XCTAssertTrue(out.stdout.contains("The new estimated departure is 10:40."))
        XCTAssertTrue(out.stdout.hasSuffix("HEAT check: no findings\n"))
    }

    func testRenderListsWhatToFill() throws {
        let outcome = try TemplateCommands.render(library, id: "flight-delay.zh", context: TemplateSample.context(.zh))
        let out = TemplateCommands.renderOutput(outcome)
        XCTAssertEqual(out.exitCode, 3)
        XCTAssertTrue(out.stdout.contains("【待填：新的起飞时间】"))
        XCTAssertFalse(out.stdout.contains("{{"))
        XCTAssertEqual(out.stderr, "template flight-delay.zh needs 1 value before it can be sent:\n  --set \"新的起飞时间=…\"   blank: 新的起飞时间\n")
        // A ticket without a customer: the name falls back, nothing else is asked.
        var ctx = TemplateSample.context(.zh)
        ctx.remove("customer.name")
        let noName = try TemplateCommands.render(library, id: "flight-delay.zh", context: ctx, sets: ["? 新的起飞时间=10:40"])
        XCTAssertTrue(noName.reply.text!.hasPrefix("尊敬的旅客，您好！"))
        // A value the ticket lacks and that has no fallback is asked for by name.
        ctx.remove("order.flight.number")
        let missing = try TemplateCommands.render(library, id: "flight-delay.zh", context: ctx, sets: ["新的起飞时间=10:40"])
        XCTAssertEqual(missing.reply.missing.map(\.key), ["order.flight.number"])
        XCTAssertTrue(TemplateCommands.renderOutput(missing).stderr.contains("missing from the ticket: order.flight.number (the flight number)"))
    }

    func testRenderErrors() {
        let ctx = TemplateSample.context(.en)
        XCTAssertThrowsError(try TemplateCommands.render(library, id: "flight-delay.fr", context: ctx)) { error in
            XCTAssertTrue("\(error)".hasPrefix("no template 'flight-delay.fr'; similar: flight-delay"), "\(error)")
        }
        XCTAssertThrowsError(try TemplateCommands.render(library, id: "flight-delay.en", context: ctx, sets: ["colour=red"])) { error in
            XCTAssertEqual("\(error)", "--set colour: template flight-delay.en has no name or blank 'colour'; its blanks: new departure time")
        }
        XCTAssertThrowsError(try TemplateCommands.render(library, id: "flight-delay.en", context: ctx, sets: ["novalue"])) { error in
            XCTAssertEqual("\(error)", "--set novalue: expected NAME=VALUE")
        }
    }

    func testSetOverridesTicketData() throws {
        let outcome = try TemplateCommands.render(library, id: "flight-delay.en", context: TemplateSample.context(.en),
                                                  sets: ["order.flight.number=MU5103", "new departure time=10:40=ish"])
        XCTAssertTrue(outcome.reply.text!.contains("flight MU5103 from"))
        XCTAssertTrue(outcome.reply.text!.contains("departure is 10:40=ish."))
    }

    func testCheckCommand() {
        let ctx = TemplateSample.context(.zh)
        let bad = TemplateCommands.check(draft: "请提供订单号。", context: ctx)
        XCTAssertEqual(bad.exitCode, 1)
        XCTAssertTrue(bad.stdout.hasPrefix("HEAT 检查：6 个问题\n[H] H.greeting: 开头没有称呼客户\n    → "), bad.stdout)
        let good = TemplateCommands.check(draft: HEATCheckerCorpus.zhGood, context: ctx)
        XCTAssertEqual(good, CommandOutput(stdout: "HEAT 检查通过：未发现问题\n", exitCode: 0))
        let json = TemplateCommands.check(draft: "", context: ctx, json: true)
        XCTAssertEqual(json.exitCode, 1)
        XCTAssertTrue(json.stdout.contains("\"rule\" : \"empty-reply\""))
    }

    func testLintCommand() {
        let out = TemplateCommands.lint(directory: LibraryTests.directory)
        XCTAssertEqual(out.exitCode, 0)
        XCTAssertTrue(out.stdout.hasSuffix("all lint clean\n"))
    }
}

enum HEATCheckerCorpus {
    static let zhGood = "李娜您好，非常抱歉航班延误给您带来不便。我已为您联系上海虹桥希尔顿酒店保留房间，您无需再联系酒店。我会在30分钟内告诉您最新的起飞时间，如有额外损失，平台会按服务保障先行赔付。"
}
