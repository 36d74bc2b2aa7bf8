import XCTest
import HeatDeskCore
@testable import HeatDeskTemplates

/// The shipped library: every template lints clean, carries what it declares, and renders
/// against a realistic ticket with flight, hotel and car orders.
final class LibraryTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data/templates")

    static func library() throws -> TemplateLibrary { try TemplateLibrary.load(directory: directory) }

    func testLibraryLintsClean() {
        let report = TemplateLinter.lint(directory: Self.directory)
        XCTAssertEqual(report.issues, [], report.text)
        XCTAssertEqual(report.exitCode, 0)
        XCTAssertTrue(report.text.hasSuffix("templates: all lint clean\n"))
    }

    func testAtLeastThirtyTemplatesInEachLanguageAllTwinned() throws {
        let lib = try Self.library()
        XCTAssertGreaterThanOrEqual(lib.filter(language: .zh).count, 30)
        XCTAssertGreaterThanOrEqual(lib.filter(language: .en).count, 30)
        for t in lib.templates {
            let twin = try XCTUnwrap(lib.twin(of: t), t.id)
            XCTAssertEqual(twin.situation, t.situation, t.id)
            XCTAssertEqual(twin.document.blanks.count, t.document.blanks.count, "\(t.id): twins ask for different blanks")
        }
        // Every situation of the issue is covered, and suppliers and colleagues have their own.
        XCTAssertEqual(Set(lib.templates.map(\.situation)), Set(Situation.allCases))
        XCTAssertTrue(lib.templates.contains { $0.audience == .supplier })
        XCTAssertTrue(lib.templates.contains { $0.audience == .colleague })
    }

    func testEveryTemplatePassesItsDeclaredElements() throws {
        for t in try Self.library().templates {
            XCTAssertFalse(t.elements.isEmpty, t.id)
            XCTAssertEqual(TemplateLinter.heatFindings(t), [], t.id)
        }
    }

    func testEveryTemplateRendersForTheSampleTrip() throws {
        for t in try Self.library().templates {
            let ctx = TemplateSample.context(t.language)
            let r = TemplateRenderer.render(t, context: ctx)
            // Only the blanks are left to the agent: the ticket knows everything else.
            XCTAssertEqual(r.missing.map(\.kind).filter { $0 == .value }, [], "\(t.id): \(r.missing)")
            XCTAssertTrue(Set(r.missing.map(\.key)).isSubset(of: t.document.blanks), t.id) // blanks in hidden sections are not asked
            XCTAssertFalse(r.preview.contains("{{") || r.preview.contains("}}"), t.id)
            let filled = TemplateRenderer.render(t, context: ctx, overrides: TemplateLinter.sampleFill(t))
            let text = try XCTUnwrap(filled.text, t.id)
            XCTAssertEqual(LanguageDetector.detect(text), t.language, t.id)
            XCTAssertFalse(text.contains("\n\n\n"), "\(t.id): a section left blank lines")
            if t.audience == .customer {
                XCTAssertTrue(text.contains(ctx.customerName!), "\(t.id) does not use the customer's name")
            }
        }
    }

    /// A trip with a flight only: sections about the hotel and the car disappear, and what is
    /// still asked for is named, never sent as braces.
    func testEveryTemplateDegradesForAFlightOnlyTicket() throws {
        for t in try Self.library().templates {
            let ctx = TemplateContext(ticket: TemplateSample.ticket(), customer: TemplateSample.customer(t.language),
                                      orders: Array(TemplateSample.orders(t.language).prefix(1)), agent: TemplateSample.agent(t.language),
                                      now: TemplateSample.now)
            let r = TemplateRenderer.render(t, context: ctx, overrides: TemplateLinter.sampleFill(t))
            XCTAssertFalse(r.preview.contains("{{"), t.id)
            for m in r.missing {
                XCTAssertEqual(m.kind, .value)
                XCTAssertTrue(m.key.hasPrefix("order.hotel.") || m.key.hasPrefix("order.car."), "\(t.id): \(m.key)")
                XCTAssertTrue(t.product != .flight, "\(t.id): a flight template needs \(m.key) on a flight-only trip")
            }
        }
    }

    func testListFiltersAndSuggestions() throws {
        let lib = try Self.library()
        let flight = lib.filter(product: .flight, language: .zh)
        XCTAssertTrue(flight.allSatisfy { $0.language == .zh && ($0.product == .flight || $0.product == .any) })
        XCTAssertTrue(flight.contains { $0.id == "flight-delay.zh" })
        XCTAssertFalse(flight.contains { $0.product == .hotel })
        let sos = lib.filter(situation: .sosStranded)
        XCTAssertTrue(sos.count >= 4 && sos.allSatisfy { $0.situation == .sosStranded })
        let picks = lib.suggestions(for: TemplateSample.ticket(), language: .en)
        XCTAssertEqual(picks.first?.situation, .delay)
        XCTAssertTrue(picks.allSatisfy { $0.language == .en && $0.audience == .customer && $0.product.fits(.flight) })
    }
}
