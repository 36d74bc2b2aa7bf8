import XCTest
import Foundation
import HeatDeskTestSupport

/// A NUL byte is stored whole, and every view shows it as the other controls are shown (`^@`),
/// instead of cutting the text at it (GRDB reads TEXT as a C string; the store reads free text
/// as bytes, `AppDatabase.wholeText`).
final class NulByteTests: XCTestCase {
    func testNulIsShownInEveryViewNotCutAt() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("t.sqlite")
        // An order event's detail comes from the import file too.
        let orders = dir.write("orders.jsonl", #"{"order_id":"O-7","customer_id":"C-1","product":"flight","status":"delayed","booked_at":"2026-11-01T10:00:00+08:00","flight":{"carrier":"MU","number":"MU523","origin":"PVG","destination":"NRT","departure":"2026-11-22T09:00:00+08:00","arrival":"2026-11-22T13:00:00+09:00"},"events":[{"at":"2026-11-22T07:10:00+08:00","kind":"delayed","detail":"new\u0000time"}]}"# + "\n")
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-7", [
            "order_ids": "O-7", "subject": "sub\u{0}ject", "customer_name": "王\u{0}丽娜", "bot_summary": "sum\u{0}mary",
            "message": "first\u{0}message"])]))
        let agents = dir.write("agents.jsonl", #"{"agent_id":"AG-1","name":"李明轩","role":"agent","skills":["flight"],"languages":["zh","en"]}"# + "\n")
        let imported = try HeatDeskBinary.run(["import", agents, orders, tickets, "--db", db, "--quiet"])
        XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
        XCTAssertEqual(try HeatDeskBinary.run(["claim", "HD-7", "--agent", "AG-1", "--db", db]).status, 0)
        let file = dir.write("reply.txt", bytes: Array("nul".utf8) + [0] + Array("byte".utf8))
        XCTAssertEqual(try HeatDeskBinary.run(["reply", "HD-7", "--agent", "AG-1", "--file", file, "--db", db]).status, 0)

        let shown = try HeatDeskBinary.run(["show", "HD-7", "--db", db])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        for text in ["sub^@ject", "王^@丽娜", "sum^@mary", "first^@message", "nul^@byte", "new^@time"] {
            XCTAssertTrue(shown.stdout.contains(text), "\(text) in \(shown.stdout)")
        }
        XCTAssertFalse(shown.stdout.utf8.contains(0), "no raw NUL reaches the terminal")

        let json = try HeatDeskBinary.run(["show", "HD-7", "--json", "--db", db])
        let detail = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(detail["subject"] as? String, "sub\u{0}ject", json.stdout)
        let bodies = (detail["messages"] as? [[String: Any]] ?? []).compactMap { $0["body"] as? String }
        XCTAssertTrue(bodies.contains("nul\u{0}byte"), "\(bodies)")

        XCTAssertEqual(try HeatDeskBinary.run(["transfer", "HD-7", "--queue", "--agent", "AG-1", "--db", db]).status, 0)
        let queue = try HeatDeskBinary.run(["queue", "--db", db])
        XCTAssertTrue(queue.stdout.contains("sub^@ject") && queue.stdout.contains("王^@丽娜"), queue.stdout)
    }
}
