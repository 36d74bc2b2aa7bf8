import XCTest
import Foundation
import HeatDeskTestSupport

/// Follow-ups through the real binary, on the demo: its chase tickets are linked at load,
/// `show` and `queue --json` say so, and `merge` folds a chase into its original.
final class FollowUpCommandTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!

    override func setUpWithError() throws {
        dir = TemporaryDirectory()
        db = dir.file("demo.sqlite")
        let data = PackageRoot.url().appendingPathComponent("Data").path
        let loaded = try HeatDeskBinary.run(["demo", "--db", db, "--data", data])
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
    }

    func run(_ args: [String]) throws -> HeatDeskBinary.Result { try HeatDeskBinary.run(args + ["--db", db]) }

    func testTheDemosChasesAreLinkedShownAndMerged() throws {
        let chase = try run(["show", "HD-000176"])
        XCTAssertTrue(chase.stdout.contains("Follow-up of: HD-000175 (open, AG-008; matched)"), chase.stdout)
        let original = try run(["show", "HD-000175"])
        XCTAssertTrue(original.stdout.contains("Chased 1×: HD-000176 (queued)"), original.stdout)
        XCTAssertTrue(original.stdout.contains("[from HD-000176]"), "the chase's words on the original")

        let queue = try run(["queue", "--json", "--limit", "500"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]])
        let ids = rows.compactMap { $0["id"] as? String }
        for chase in ["HD-000176", "HD-000194", "HD-000299"] {
            XCTAssertFalse(ids.contains(chase), "\(chase) waits behind its original")
        }
        // Chases due before their still-queued original stay in the queue, marked with it.
        for chase in ["HD-000098", "HD-000115", "HD-000127"] {
            let row = rows.first { $0["id"] as? String == chase }
            XCTAssertNotNil(row?["follow_up_of"] as? String, "\(chase) is due first: in the queue, marked")
        }
        XCTAssertEqual(rows.first { $0["id"] as? String == "HD-000097" }?["chased"] as? Int, 1)

        let refused = try run(["merge", "HD-000176", "--into", "HD-000175", "--agent", "AG-002"])
        XCTAssertEqual(refused.status, 1); XCTAssertTrue(refused.stderr.contains("AG-008"), refused.stderr)
        let merged = try run(["merge", "HD-000176", "--into", "HD-000175", "--agent", "AG-008", "--json"])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        let after = try run(["show", "HD-000176", "--json"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["disposition"] as? String, "duplicate")
        XCTAssertEqual((json["follow_up_of"] as? [String: Any])?["id"] as? String, "HD-000175")
        XCTAssertEqual((json["messages"] as? [Any])?.count, 1, "its conversation is kept")
        XCTAssertTrue(try run(["show", "HD-000176"]).stdout.contains("Merged into: HD-000175"))
    }
}
