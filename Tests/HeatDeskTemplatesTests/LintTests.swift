import XCTest
import HeatDeskCore
@testable import HeatDeskTemplates

/// Lint on deliberately broken libraries written to temporary folders.
final class LintTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("heatdesk-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func lines(_ report: LintReport) -> [String] { report.issues.map(\.description) }

    /// A clean pair of twins; tests break one thing at a time.
    static func pair(id: String = "late", zhBody: String? = nil, enBody: String? = nil, zhExtra: String = "", enHeat: String = "[H, E, A, T]") -> String {
        let zh = zhBody ?? """
        尊敬的{{customer.name | "客人"}}，您好！
            非常抱歉航班延误给您带来不便。我已为您联系{{order.hotel.name}}保留房间，您无需再联系酒店。
            我会在30分钟内告诉您新的起飞时间，如有损失，平台会先行赔付。
        """
        let en = enBody ?? """
        Dear {{customer.name | "traveller"}},
            I'm sorry your flight is delayed. I have already asked {{order.hotel.name}} to hold your room, so you don't need to call them.
            I will update you within 30 minutes, and our pay-first compensation covers any extra costs.
        """
        return """
        - id: \(id).zh
          title: 延误
          language: zh
          product: flight
          situation: delay
          heat: [H, E, A, T]\(zhExtra)
          body: |
            \(zh)
        - id: \(id).en
          title: Delay
          language: en
          product: flight
          situation: delay
          heat: \(enHeat)
          body: |
            \(en)

        """
    }

    func testCleanPairLintsClean() throws {
        try write("late.yaml", Self.pair())
        let report = TemplateLinter.lint(directory: dir)
        XCTAssertEqual(lines(report), [])
        XCTAssertEqual(report.templateCount, 2)
        XCTAssertEqual(report.exitCode, 0)
    }

    func testYAMLSyntaxErrorNamesFileLineAndColumn() throws {
        try write("bad.yaml", "- id: x.zh\n  title: [unclosed\n  language: zh\n")
        let report = TemplateLinter.lint(directory: dir)
        XCTAssertEqual(report.issues.count, 1)
        let issue = try XCTUnwrap(report.issues.first)
        XCTAssertEqual(issue.code, .yaml)
        XCTAssertEqual(issue.file, "bad.yaml")
        XCTAssertEqual(issue.line, 3)
        XCTAssertTrue(issue.description.hasPrefix("bad.yaml:3:"), issue.description)
        XCTAssertEqual(report.exitCode, 1)
        XCTAssertThrowsError(try TemplateLibrary.load(directory: dir)) { error in
            XCTAssertTrue("\(error)".hasPrefix("bad.yaml:3:"), "\(error)")
        }
    }

    func testUnknownNameInABodyPointsIntoTheFile() throws {
        let zh = """
        尊敬的{{customer.name | "客人"}}，您好！
            非常抱歉。我已为您联系{{order.hotel.nmae}}保留房间，您无需再联系酒店。30分钟内回复您，平台先行赔付。
        """
        try write("late.yaml", Self.pair(zhBody: zh))
        let report = TemplateLinter.lint(directory: dir)
        // Line 8 is the body's first line (after `body: |` on line 7); the name starts at column 18.
        XCTAssertEqual(lines(report), ["late.yaml:9:18: error: unknown name 'order.hotel.nmae'; did you mean 'order.hotel.name'? (the names are listed in Docs/templates.md) [late.zh]"])
        XCTAssertEqual(report.issues.first?.code, .unknownName)
    }

    func testPlaceholderSyntaxErrorPosition() throws {
        let en = """
        Dear {{customer.name | "traveller"}},
            I'm sorry. I have already asked the hotel to hold your room {{#order.hotel}}at {{order.hotel.name}}; you don't need to call. Within 30 minutes, pay-first compensation.
        """
        try write("late.yaml", Self.pair(enBody: en))
        let report = TemplateLinter.lint(directory: dir)
        let fileLines = Self.pair(enBody: en).components(separatedBy: "\n")
        let line = try XCTUnwrap(fileLines.firstIndex { $0.contains("{{#order.hotel}}") })
        let column = fileLines[line].distance(from: fileLines[line].startIndex, to: fileLines[line].range(of: "{{#order.hotel}}")!.lowerBound) + 1
        XCTAssertEqual(report.issues.map(\.description),
                       ["late.yaml:\(line + 1):\(column): error: section 'order.hotel' is never closed; add {{/order.hotel}} [late.en]"])
        XCTAssertEqual(report.issues.first?.code, .syntax)
    }

    func testMissingTwin() throws {
        let one = Self.pair().components(separatedBy: "- id: late.en")[0]
        try write("late.yaml", one)
        XCTAssertEqual(lines(TemplateLinter.lint(directory: dir)),
                       ["late.yaml:1:7: error: no en twin: add a template with id 'late.en' (or twin: late) [late.zh]"])
    }

    func testTwinKeyLinksDifferentIds() throws {
        let text = Self.pair().replacingOccurrences(of: "- id: late.en", with: "- id: retard-en\n  twin: late")
        try write("late.yaml", text)
        XCTAssertEqual(lines(TemplateLinter.lint(directory: dir)), [])
    }

    func testDuplicateIdsAcrossFiles() throws {
        try write("a.yaml", Self.pair())
        try write("b.yaml", Self.pair())
        XCTAssertEqual(lines(TemplateLinter.lint(directory: dir)),
                       ["b.yaml:1:7: error: duplicate id 'late.zh' (first defined at a.yaml:1) [late.zh]",
                        "b.yaml:11:7: error: duplicate id 'late.en' (first defined at a.yaml:11) [late.en]"])
    }

    func testDeclaredElementTheCheckerDoesNotFind() throws {
        let en = """
        Dear {{customer.name | "traveller"}},
            Your flight is delayed. Please wait at the gate.
        """
        try write("late.yaml", Self.pair(enBody: en))
        let report = TemplateLinter.lint(directory: dir)
        XCTAssertEqual(report.issues.map(\.code), [.heat, .heat, .heat, .heat])
        XCTAssertEqual(report.issues.first?.description,
                       "late.yaml:11:7: error: declares H but the checker finds: H.empathy: the reply does not acknowledge the customer's trouble [late.en]")
        XCTAssertTrue(report.text.hasSuffix("2 templates: 4 errors, 0 warnings\n"), report.text)

        // Declaring only what the body carries is clean apart from the twins' differing claims.
        try write("late.yaml", Self.pair(enBody: en, enHeat: "[E]"))
        XCTAssertEqual(TemplateLinter.lint(directory: dir).issues.map(\.severity), [.warning])
    }

    func testSchemaErrors() throws {
        try write("s.yaml", """
        - id: s.zh
          title: 标题
          language: fr
          product: boat
          situation: delay
          heat: [H, X]
          colour: red
          body: |
            您好
        """)
        XCTAssertEqual(lines(TemplateLinter.lint(directory: dir)), [
            "s.yaml:3:13: error: 'language' is 'fr'; expected one of: zh, en [s.zh]",
            "s.yaml:4:12: error: 'product' is 'boat'; expected one of: flight, hotel, car, any [s.zh]",
            "s.yaml:6:13: error: 'heat' lists elements among H, E, A, T (e.g. [H, E, A, T]) [s.zh]",
            "s.yaml:7:3: error: unknown key 'colour' (keys: audience, body, heat, id, language, product, situation, title, twin) [s.zh]",
        ])
        try write("s.yaml", "- id: s.zh\n  title: t\n")
        XCTAssertEqual(TemplateLinter.lint(directory: dir).issues.map(\.message),
                       ["missing 'language'", "missing 'product'", "missing 'situation'", "missing 'heat' (the HEAT elements the body carries, e.g. [H, E, A, T])", "missing 'body'"])
        try write("s.yaml", "just: a mapping\n")
        XCTAssertEqual(lines(TemplateLinter.lint(directory: dir)), ["s.yaml:1:1: error: a template file is a list of entries (each starting with '- id:')"])
    }

    func testMissingFolder() {
        let report = TemplateLinter.lint(directory: dir.appendingPathComponent("nope"))
        XCTAssertEqual(report.issues.map(\.code), [.io])
        XCTAssertEqual(report.exitCode, 1)
    }

    func testHiddenAndOtherFilesAreIgnored() throws {
        try write("late.yaml", Self.pair())
        try write(".late.yaml.swp", "garbage: [")
        try write("README.md", "not a template")
        XCTAssertEqual(lines(TemplateLinter.lint(directory: dir)), [])
    }

    /// Lint renders each template with every record fact and with none: a claim outside a
    /// section on its fact is an error, and so is an element only the fact's section carries.
    func testLintChecksBothSidesOfAFactSection() throws {
        let unbacked = """
        尊敬的{{customer.name | "客人"}}，您好！
            非常抱歉航班延误给您带来不便。我已为您联系{{order.hotel.name}}，酒店已确认为您保留房间，您无需再联系酒店。
            我会在30分钟内告诉您新的起飞时间，如有损失，平台会先行赔付。
        """
        try write("late.yaml", Self.pair(zhBody: unbacked))
        var out = lines(TemplateLinter.lint(directory: dir))
        XCTAssertEqual(out.count, 1, "\(out)")
        XCTAssertTrue(out.first?.contains("T.unbacked-claim") == true, "\(out)")
        XCTAssertTrue(out.first?.contains("order.hotel.held") == true, "\(out)")

        // In a section on its fact, the claim is fine; but the inverted side must carry the
        // elements too (here the only time commitment sits in the fact's section).
        let sections = """
        尊敬的{{customer.name | "客人"}}，您好！
            非常抱歉航班延误给您带来不便，如有损失，平台会先行赔付，您无需再联系酒店。
            {{#order.hotel.held}}
            我已为您联系{{order.hotel.name}}，酒店已确认为您保留房间，我会在30分钟内告诉您新的起飞时间。
            {{/order.hotel.held}}
            {{^order.hotel.held}}
            我已联系{{order.hotel.name}}，请酒店为您保留房间。
            {{/order.hotel.held}}
        """
        try write("late.yaml", Self.pair(zhBody: sections))
        out = lines(TemplateLinter.lint(directory: dir))
        XCTAssertEqual(out.count, 1, "\(out)")
        XCTAssertTrue(out.first?.contains("T.time-commitment") == true, "\(out)")
        XCTAssertTrue(out.first?.contains("记录中没有") == true, "\(out)")
    }
}
