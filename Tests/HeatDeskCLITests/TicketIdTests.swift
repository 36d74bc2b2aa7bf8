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

/// Which commands take --db and --shared (README, "Commands"): every command that reads or
/// changes tickets; the three that only read files refuse them with the reason.
final class CommonOptionsTests: XCTestCase {
    func testFileOnlyCommandsRefuseDatabaseOptionsWithTheReason() throws {
        let dir = TemporaryDirectory()
        for args in [["templates", "list"], ["templates", "lint"], ["generate", "--out", dir.file("g")]] {
            for option in ["--db", "--shared"] {
                let r = try HeatDeskBinary.run(args + [option, dir.file("x")])
                XCTAssertEqual(r.status, 2, "\(args) \(option)")
                XCTAssertTrue(r.stderr.contains("takes no \(option): it reads only"), "\(args): \(r.stderr)")
            }
            XCTAssertEqual(try HeatDeskBinary.run(args).status, 0, "\(args) without them")
        }
    }

    func testEveryOtherCommandTakesDbAndShared() throws {
        let help = try HeatDeskBinary.run(["--help"])
        let names = ["agent", "import", "demo", "check", "queue", "show", "stats", "claim-next", "claim", "reply", "note", "invite",
                     "leave", "transfer", "pending", "priority", "resolve", "reopen", "sync", "monitor"]
        for name in names {
            XCTAssertTrue(help.stdout.contains(name), name)
            let usage = try HeatDeskBinary.run(["help", name])
            XCTAssertTrue(usage.stdout.contains("--db <path>") && usage.stdout.contains("--shared <dir>"), "\(name): \(usage.stdout)")
        }
        let render = try HeatDeskBinary.run(["help", "templates", "render"])
        XCTAssertTrue(render.stdout.contains("--db <path>") && render.stdout.contains("--shared <dir>"), render.stdout)
    }
}
