import XCTest
import Foundation
import HeatDeskTestSupport

/// The template verbs through the binary: library found next to the build, ticket data filled in.
final class TemplatesCommandTests: XCTestCase {
    func testLintRenderAndCheckAgainstAnImportedTicket() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("t.sqlite")
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("t.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1")]))
        XCTAssertEqual(try HeatDeskBinary.run(["import", orders, tickets, "--db", db]).status, 0)
        let data = PackageRoot.url().appendingPathComponent("Data").path

        let lint = try HeatDeskBinary.run(["templates", "lint", "--data", data])
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr)

        let render = try HeatDeskBinary.run(["templates", "render", "flight-delay.zh", "--ticket", "HD-1", "--db", db, "--data", data])
        XCTAssertEqual(render.status, 3, "a blank is still to fill: \(render.stderr)")
        XCTAssertTrue(render.stdout.contains("尊敬的王丽娜"), render.stdout)
        XCTAssertTrue(render.stdout.contains("MU523"), render.stdout)
        XCTAssertFalse(render.stdout.contains("{{"), "never raw braces")

        let filled = try HeatDeskBinary.run(["templates", "render", "flight-delay.zh", "--ticket", "HD-1", "--db", db, "--data", data,
                                             "--set", "新的起飞时间=13:10", "--set", "agent.name=陈晓", "--check"])
        XCTAssertEqual(filled.status, 0, filled.stdout + filled.stderr)
        XCTAssertTrue(filled.stdout.contains("13:10") && filled.stdout.contains("陈晓"), filled.stdout)

        let check = try HeatDeskBinary.run(["check", "--ticket", "HD-1", "--db", db, "--text", "请提供您的订单号"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("E.asks-known"), check.stdout)
        XCTAssertEqual(try HeatDeskBinary.run(["templates", "render", "nope", "--ticket", "HD-1", "--db", db, "--data", data]).status, 2)
    }
}
