import XCTest
import Foundation
import HeatDeskTestSupport

/// `heatdesk demo` makes the center's contact key and seals the demo's contacts; `heatdesk
/// reveal` opens one, logged; a workstation without the key says why (issue 14, item 5).
final class RevealCommandTests: XCTestCase {
    var dir: TemporaryDirectory!
    override func setUp() { dir = TemporaryDirectory("heatdesk-reveal") }

    func testDemoSealsContactsAndRevealOpensOneLoggedOrSaysWhy() throws {
        let db = dir.file("ws/demo.sqlite")
        try FileManager.default.createDirectory(atPath: dir.file("ws"), withIntermediateDirectories: true)
        let keyPath = dir.file("keys/contact.key")
        let env = ["HEATDESK_CONTACT_KEY": keyPath]
        let demo = try HeatDeskBinary.run(["demo", "--db", db], environment: env)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stderr.contains("made the center's contact key") && demo.stderr.contains(keyPath), demo.stderr)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600)

        // Masked everywhere the verbs print, and nowhere in clear in the database's files.
        let show = try HeatDeskBinary.run(["show", "HD-000009", "--db", db], environment: env)
        XCTAssertTrue(show.stdout.contains("+44******0123") && !show.stdout.contains("+447700900123"), show.stdout)
        XCTAssertEqual(PlainTextScan.files(under: dir.file("ws"), for: ["+447700900123", "emily.carter@example.com", "13801234567"]), [])

        let reveal = try HeatDeskBinary.run(["reveal", "HD-000009", "--agent", "AG-002", "--db", db, "--json"], environment: env)
        XCTAssertEqual(reveal.status, 0, reveal.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reveal.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["phone"] as? String, "+447700900123")
        XCTAssertEqual(json["email"] as? String, "emily.carter@example.com")
        XCTAssertEqual(json["customer_id"] as? String, "CU-000002")

        // Another workstation's user without the key: masked, the reason, exit 1.
        let stranger = try HeatDeskBinary.run(["reveal", "HD-000009", "--agent", "AG-002", "--db", db],
                                              environment: ["HEATDESK_CONTACT_KEY": dir.file("elsewhere/contact.key")])
        XCTAssertEqual(stranger.status, 1)
        XCTAssertTrue(stranger.stderr.contains("not revealed: the contact is sealed; no contact key on this workstation"), stranger.stderr)
        XCTAssertFalse(stranger.stdout.contains("+447700900123"))

        // A key others can read is refused with what to do.
        chmod(keyPath, 0o644)
        let loose = try HeatDeskBinary.run(["reveal", "HD-000009", "--agent", "AG-002", "--db", db], environment: env)
        XCTAssertEqual(loose.status, 1)
        XCTAssertTrue(loose.stderr.contains("chmod 600"), loose.stderr)
        chmod(keyPath, 0o600)

        // A key inside the database's folder or the shared directory is refused outright.
        let beside = try HeatDeskBinary.run(["import", dir.write("t.csv", "external_id,created_at,customer_id\nX-1,2026-11-22T08:00:00Z,C-1\n"), "--db", db],
                                            environment: ["HEATDESK_CONTACT_KEY": dir.file("ws/contact.key")])
        XCTAssertEqual(beside.status, 2)
        XCTAssertTrue(beside.stderr.contains("must not be beside the database"), beside.stderr)
    }
}

extension RevealCommandTests {
    /// A key beside the database: reading commands go on with contacts masked, a reveal says why.
    func testAKeyBesideTheDatabaseIsNotUsed() throws {
        let db = dir.file("demo.sqlite")
        let demo = try HeatDeskBinary.run(["demo", "--db", db], environment: ["HEATDESK_CONTACT_KEY": dir.file("keys/contact.key")])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        try FileManager.default.copyItem(atPath: dir.file("keys/contact.key"), toPath: dir.file("contact.key"))
        let env = ["HEATDESK_CONTACT_KEY": dir.file("contact.key")]
        XCTAssertEqual(try HeatDeskBinary.run(["queue", "--db", db], environment: env).status, 0)
        let reveal = try HeatDeskBinary.run(["reveal", "HD-000009", "--agent", "AG-002", "--db", db], environment: env)
        XCTAssertEqual(reveal.status, 1)
        XCTAssertTrue(reveal.stderr.contains("must not be beside the database"), reveal.stderr)
    }
}
