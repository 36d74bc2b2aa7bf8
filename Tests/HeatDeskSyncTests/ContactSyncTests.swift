import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskSync

/// Sealed contacts across workstations (issue 14, item 5): batches and snapshots carry the
/// sealed text only; a workstation with the center's key reveals, one without says why.
final class ContactSyncTests: XCTestCase {
    var tmp: TemporaryDirectory!
    var shared: String { tmp.path + "/shared" }
    let center = try! ContactKey(bytes: Array(repeating: 5, count: 32))
    let emily = ContactDetails(phone: "+447700900123", email: "emily.carter@example.com")

    override func setUp() {
        tmp = TemporaryDirectory("heatdesk-contact-sync")
        try! FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
    }

    private func node(_ name: String, _ key: ContactKeyAccess, agent: String) throws -> (AppDatabase, SyncEngine) {
        let db = try AppDatabase.open(path: tmp.path + "/" + name + ".sqlite", contactKey: key)
        return (db, try SyncEngine(db: db, shared: shared, agentID: agent))
    }

    func testBatchesCarryTheSealedContactAndOnlyAKeyHolderRevealsIt() throws {
        let (a, ea) = try node("a", .key(center), agent: "A-1")
        let (b, eb) = try node("b", .key(center), agent: "A-2")
        let (c, ec) = try node("c", .unavailable("no contact key on this workstation (/home/c/.config/heatdesk/contact.key is missing; copy the center's key there, mode 0600)"), agent: "A-3")
        try SyncFixtures.seed(a, tickets: 4)
        let sealed = Customer(id: "C-en", name: "Emily Carter", language: "en", phoneMasked: "+44******0123",
                              emailMasked: "e***@example.com", contactSealed: center.seal(emily, customerID: "C-en"))
        try a.writer.write { _ = try EventApplier($0).apply(LoggedEvent(at: SyncFixtures.at, actor: "import", event: .customerUpserted(sealed))) }
        XCTAssertEqual(try ea.exchange().faults, [])
        XCTAssertEqual(try eb.exchange().faults, [])
        XCTAssertEqual(try ec.exchange().faults, [])

        let secrets = [emily.phone!, emily.email!]
        XCTAssertEqual(PlainTextScan.files(under: shared, for: secrets), [], "nothing in clear in the shared directory")
        let batches = PlainTextScan.files(under: shared + "/log", for: ["\"contact_sealed\":\"hdc1:\(center.id):"])
        XCTAssertFalse(batches.isEmpty, "the sealed text travels in the batches")
        for db in [a, b, c] { XCTAssertEqual(try PlainTextScan.columns(db, for: secrets), []) }

        // T-00001 is C-en's ticket (odd tickets are Emily's).
        let k = SyncFixtures.key("T-00001")
        XCTAssertEqual(try b.revealContact(k, by: SyncFixtures.tom), .revealed(emily))
        guard case .unavailable(let why) = try c.revealContact(k, by: SyncFixtures.wang) else { return XCTFail("C has no key") }
        XCTAssertTrue(why.hasPrefix("the contact is sealed; no contact key on this workstation"), why)

        // B's reveal is an event like any other: A learns who looked, when, at which ticket and customer.
        try eb.exchange(); try ea.exchange()
        let logged = try a.writer.read { try Row.fetchAll($0, sql: "SELECT actor, entity, payload FROM event WHERE kind = 'ticket.contact_revealed'") }
        XCTAssertEqual(logged.map { $0["actor"] as String }, ["A-2"])
        XCTAssertTrue((logged[0]["payload"] as String).contains(#""customer_id":"C-en""#))
        XCTAssertEqual(PlainTextScan.files(under: shared, for: secrets), [])
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }
}
