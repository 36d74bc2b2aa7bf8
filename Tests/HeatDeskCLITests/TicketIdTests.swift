import XCTest
import Foundation
import HeatDeskTestSupport

/// Ticket ids as people type them, and one exit code for an unknown id: 2 (README), in every verb.
final class TicketIdTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!

    override func setUpWithError() throws {
        dir = TemporaryDirectory()
        db = dir.file("demo.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
    }

    func run(_ args: [String]) throws -> HeatDeskBinary.Result { try HeatDeskBinary.run(args + ["--db", db]) }

    func testAnUnknownIdExitsTwoInEveryVerb() throws {
        let verbs: [[String]] = [
            ["show", "HD-999999"], ["claim", "HD-999999", "--agent", "AG-002"],
            ["reply", "HD-999999", "--agent", "AG-002", "--text", "hi"], ["note", "HD-999999", "--agent", "AG-002", "--text", "hi"],
            ["invite", "HD-999999", "SUP-HILTON", "--agent", "AG-002"], ["leave", "HD-999999", "--agent", "AG-002"],
            ["transfer", "HD-999999", "--queue", "--agent", "AG-002"], ["pending", "HD-999999", "--resume", "--agent", "AG-002"],
            ["priority", "HD-999999", "sos", "--agent", "SV-01"], ["resolve", "HD-999999", "--agent", "AG-002"],
            ["reopen", "HD-999999", "--agent", "AG-002"], ["templates", "render", "flight-delay.zh", "--ticket", "HD-999999"],
            ["check", "--ticket", "HD-999999", "--text", "hi"],
        ]
        for args in verbs {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("no ticket 'HD-999999'"), "\(args): \(r.stderr)")
        }
    }

    func testIdsTypedInLowerCaseAreFound() throws {
        let shown = try run(["show", "hd-000005", "--json"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("\"id\":\"HD-000005\""), shown.stdout)
        XCTAssertEqual(try run(["show", "main:hd-000005"]).status, 0)
        XCTAssertEqual(try run(["show", " HD-000005 "]).status, 0)
        let queued = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(try run(["queue", "--json"]).stdout.utf8)) as? [[String: Any]])?
            .compactMap { $0["id"] as? String }.first)
        let claimed = try run(["claim", queued.lowercased(), "--agent", "AG-002"])
        XCTAssertEqual(claimed.status, 0, claimed.stderr)
        XCTAssertTrue(claimed.stdout.contains("Claimed \(queued) for AG-002"), claimed.stdout)
        // The source is not upper-cased: it is matched as typed.
        XCTAssertEqual(try run(["show", "MAIN:hd-000005"]).status, 2)
    }
}
