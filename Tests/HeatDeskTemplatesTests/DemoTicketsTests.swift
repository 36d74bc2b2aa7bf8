import XCTest
import HeatDeskCore
import HeatDeskImport
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskTemplates

/// The library against the real demo tickets (Data/demo through the import path), not only
/// the hand-made sample: what agents will actually see when they open `make run`.
final class DemoTicketsTests: XCTestCase {
    func testEveryTemplateRendersForTheDemoTicketsOfItsKind() throws {
        let db = try AppDatabase.inMemory()
        let dir = PackageRoot.url().appendingPathComponent("Data/demo")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") }.sorted().map { dir.appendingPathComponent($0).path }
        let summary = try Importer(database: db, options: ImportOptions()).run(paths: files)
        XCTAssertEqual(summary.total.rejected, 0)

        var details: [TicketDetail] = []
        for status in TicketStatus.allCases {
            for item in try db.queue(.init(status: status, limit: 1000)) {
                details.append(try XCTUnwrap(db.ticketDetail(item.key)))
            }
        }
        XCTAssertEqual(details.count, 300)
        let agent = Agent(id: "A-T", name: "Li Na", role: .agent)

        var rendered = 0
        for t in try LibraryTests.library().templates {
            // The tickets this template is meant for: the customer's language, a trip holding its product.
            let fitting = details.filter { d in
                ReplyLanguage(code: d.customer.language) == t.language
                    && (t.product == .any || d.orders.contains { t.product.fits($0.product) })
            }
            XCTAssertFalse(fitting.isEmpty, "\(t.id): no demo ticket to try it on")
            for d in fitting.prefix(12) {
                let ctx = TemplateContext(ticket: d.ticket, customer: d.customer, orders: d.orders, agent: agent)
                let r = TemplateRenderer.render(t, context: ctx, overrides: TemplateLinter.sampleFill(t))
                let where_ = "\(t.id) on \(d.ticket.key)"
                XCTAssertFalse(r.preview.contains("{{") || r.preview.contains("}}"), where_)
                // A template of the trip's own product finds everything it names in the ticket.
                if t.product != .any {
                    XCTAssertEqual(r.missing.map(\.key), [], where_)
                    let text = try XCTUnwrap(r.text, where_)
                    XCTAssertEqual(HEATChecker.check(text, context: ctx, audience: t.audience, elements: t.elements), [], where_)
                    if t.audience == .customer { XCTAssertTrue(text.contains(d.customer.name), where_) }
                }
                rendered += 1
            }
        }
        XCTAssertGreaterThan(rendered, 300)
    }
}
