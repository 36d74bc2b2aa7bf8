import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskImport

/// Import keeps the real contact sealed (issue 14, item 5): the masked form for display, the
/// sealed form for a logged reveal, nothing in clear in the database file.
final class ContactImportTests: XCTestCase {
    var dir: TemporaryDirectory!
    let key = try! ContactKey(bytes: Array(repeating: 3, count: 32))
    let secrets = ["13812345678", "wang.lina@example.cn", "+447700900123", "emily.carter@example.com"]

    override func setUp() { dir = TemporaryDirectory("heatdesk-contact-import") }

    private func files() -> [String] {
        let columns = ImportFixtures.ticketColumns + ["customer_phone", "customer_email"]
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([
            ImportFixtures.ticket("HD-1", ["customer_phone": "13812345678", "customer_email": "wang.lina@example.cn"]),
            // Already masked at the source: kept masked, nothing to seal.
            ImportFixtures.ticket("HD-2", ["customer_id": "C-3", "order_ids": "", "customer_phone": "139****0000"]),
        ], columns: columns))
        let customers = dir.write("customers.jsonl", """
            {"customer_id":"C-2","name":"Emily Carter","language":"en","phone":"+447700900123","email":"emily.carter@example.com"}

            """)
        return [tickets, customers, dir.write("orders.jsonl", ImportFixtures.orders)]
    }

    private func run(_ db: AppDatabase, dryRun: Bool = false) throws -> ImportSummary {
        var options = ImportOptions(); options.dryRun = dryRun
        return try Importer(database: db, options: options, now: { Date(timeIntervalSince1970: 1_795_000_000) }).run(paths: files())
    }

    func testImportSealsTheRealContactAndTheFileHoldsNoneOfItInClear() throws {
        let path = dir.file("center.sqlite")
        let db = try AppDatabase.open(path: path, contactKey: .key(key))
        let s = try run(db)
        XCTAssertEqual(s.total.rejected, 0, "\(s.firstRejections)")

        let rows = try db.writer.read { try Row.fetchAll($0, sql: "SELECT id, phone_masked, email_masked, contact_sealed FROM customer ORDER BY id") }
        XCTAssertEqual(rows.map { $0["phone_masked"] as String? }, ["138****5678", "+44******0123", "139****0000"])
        XCTAssertEqual(rows.map { $0["email_masked"] as String? }, ["w***@example.cn", "e***@example.com", nil])
        XCTAssertEqual(try key.open(try XCTUnwrap(rows[0]["contact_sealed"]), customerID: "C-1"),
                       ContactDetails(phone: "13812345678", email: "wang.lina@example.cn"))
        XCTAssertEqual(try key.open(try XCTUnwrap(rows[1]["contact_sealed"]), customerID: "C-2"),
                       ContactDetails(phone: "+447700900123", email: "emily.carter@example.com"))
        XCTAssertNil(rows[2]["contact_sealed"] as String?, "a masked-only source has nothing to seal")

        // Every text and blob of every table (the event log's payloads included), then the bytes
        // of the files themselves, WAL and free pages included.
        XCTAssertEqual(try PlainTextScan.columns(db, for: secrets), [])
        XCTAssertEqual(PlainTextScan.files(under: dir.path, for: secrets).filter { $0.contains(".sqlite") }, [])
        _ = try db.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        XCTAssertEqual(PlainTextScan.files(under: path, for: secrets), [])

        let key1 = TicketKey(source: "main", externalID: "HD-1")
        let li = Agent(id: "A-1", name: "李娜", skills: [.flight], languages: ["zh"])
        try db.writer.write { _ = try EventApplier($0).apply(LoggedEvent(at: Date(), actor: "t", event: .agentUpserted(li))) }
        XCTAssertEqual(try db.revealContact(key1, by: li), .revealed(ContactDetails(phone: "13812345678", email: "wang.lina@example.cn")))
    }

    func testImportingAgainWritesNothingAndADryRunSealsNothing() throws {
        let db = try AppDatabase.inMemory(contactKey: .key(key))
        _ = try run(db)
        let events = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") }
        let again = try run(db)
        XCTAssertEqual(again.total.imported, 0, "sealing is deterministic: the same row is already present")
        XCTAssertEqual(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") }, events)

        let dry = try AppDatabase.inMemory(contactKey: .key(key))
        XCTAssertEqual(try run(dry, dryRun: true).total.rejected, 0)
        XCTAssertEqual(try dry.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM customer") }, 0)
    }

    /// A database opened without a key (a tool, a library user) keeps the masked form only.
    func testWithoutAKeyOnlyTheMaskedFormIsKept() throws {
        let db = try AppDatabase.inMemory()
        XCTAssertEqual(try run(db).total.rejected, 0)
        XCTAssertEqual(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM customer WHERE contact_sealed IS NOT NULL") }, 0)
        XCTAssertEqual(try PlainTextScan.columns(db, for: secrets), [])
    }

    /// The payload of a customer is what other workstations receive: the sealed text decodes
    /// back as it was; a real number in a payload is masked, never kept.
    func testPayloadsCarryTheSealedTextOnly() throws {
        let sealed = key.seal(ContactDetails(phone: "+447700900123"), customerID: "C-2")
        let c = Customer(id: "C-2", name: "Emily", phoneMasked: "+44******0123", contactSealed: sealed)
        let payload = DomainEvent.customerUpserted(c).payload
        XCTAssertTrue(payload.contains(#""contact_sealed":"\#(sealed)""#), payload)
        XCTAssertEqual(try DomainEvent.decode(kind: "customer.upserted", payload: Data(payload.utf8)), .customerUpserted(c))
        let forged = #"{"customer_id":"C-2","name":"Emily","language":"en","tier":"1","phone":"+447700900123"}"#
        guard case .customerUpserted(let back) = try DomainEvent.decode(kind: "customer.upserted", payload: Data(forged.utf8)) else { return XCTFail() }
        XCTAssertEqual(back.phoneMasked, "+44******0123")
        XCTAssertNil(back.contactSealed)
        let junk = #"{"customer_id":"C-2","name":"Emily","contact_sealed":"+447700900123"}"#
        XCTAssertThrowsError(try DomainEvent.decode(kind: "customer.upserted", payload: Data(junk.utf8)))
    }
}
