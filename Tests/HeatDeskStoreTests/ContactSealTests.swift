import XCTest
import GRDB
import HeatDeskCore
import HeatDeskTestSupport
@testable import HeatDeskStore

/// The sealed contact (issue 14, item 5; Docs/security.md): what seals, what opens, the key file,
/// and the logged reveal.
final class ContactSealTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    let key = try! ContactKey(bytes: Array(repeating: 1, count: 32))
    let otherKey = try! ContactKey(bytes: Array(repeating: 2, count: 32))
    let emily = ContactDetails(phone: "+447700900123", email: "emily.carter@example.com")
    let li = Agent(id: "A-1", name: "李娜", skills: [.flight], languages: ["zh", "en"])
    let desk = Agent(id: "SC-1", name: "Hilton desk", role: .supplier, supplierID: "SUP-HILTON")

    func testSealOpensWithTheKeyAndCustomerAndIsDeterministic() throws {
        let sealed = key.seal(emily, customerID: "C-en")
        XCTAssertTrue(ContactDetails.isSealedShape(sealed), sealed)
        XCTAssertTrue(sealed.hasPrefix("hdc1:\(key.id):"))
        XCTAssertFalse(sealed.contains("0123") || sealed.contains("emily"))
        XCTAssertEqual(try key.open(sealed, customerID: "C-en"), emily)
        // Same customer, same contact: the same text (an import run twice writes nothing).
        XCTAssertEqual(key.seal(emily, customerID: "C-en"), sealed)
        // Two customers sharing a number cannot be linked by their sealed texts.
        XCTAssertNotEqual(key.seal(emily, customerID: "C-other"), sealed)
        // Moved onto another customer, it does not open.
        XCTAssertThrowsError(try key.open(sealed, customerID: "C-other")) { e in
            XCTAssertTrue("\(e)".contains("sealed for another customer"), "\(e)")
        }
        // Another center key says which key sealed it.
        XCTAssertThrowsError(try otherKey.open(sealed, customerID: "C-en")) { e in
            XCTAssertEqual("\(e)", "it was sealed with center key \(key.id), this workstation holds key \(otherKey.id)")
        }
        // A flipped byte does not open.
        var bytes = Array(sealed.utf8); let i = bytes.count - 6
        bytes[i] = bytes[i] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        XCTAssertThrowsError(try key.open(String(decoding: bytes, as: UTF8.self), customerID: "C-en"))
    }

    func testContactDetailsRoundTripAnyText() throws {
        for c in [ContactDetails(phone: "13812345678"), ContactDetails(email: "a@b.c"), ContactDetails(phone: "", email: ""),
                  ContactDetails(phone: "+86 138 1234\u{0}5678", email: "王@例子.中国"), emily] {
            XCTAssertEqual(ContactDetails(sealedForm: c.sealedForm), c)
            XCTAssertEqual(try key.open(key.seal(c, customerID: "x"), customerID: "x"), c)
        }
        XCTAssertNil(ContactDetails(sealedForm: [2, 0, 0, 0]))
        XCTAssertNil(ContactDetails(sealedForm: [1, 1, 0, 9, 65]))
        XCTAssertEqual(emily.fieldNames, "phone,email")
    }

    func testKeyFileIsMadeOwnerOnlyAndRefusedWhenOthersCanReadIt() throws {
        let dir = TemporaryDirectory("heatdesk-key")
        let path = dir.file("conf/heatdesk/contact.key")
        guard case .unavailable(let why) = ContactKeyFile.load(path: path) else { return XCTFail("no file, no key") }
        XCTAssertTrue(why.contains("no contact key on this workstation") && why.contains(path), why)

        let (made, created) = try ContactKeyFile.loadOrCreate(path: path)
        XCTAssertTrue(created)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600)
        let again = try ContactKeyFile.loadOrCreate(path: path)
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.key.id, made.id)
        XCTAssertEqual(ContactKeyFile.load(path: path).key?.id, made.id)
        let sealed = made.seal(emily, customerID: "C")
        XCTAssertEqual(try ContactKeyFile.load(path: path).key?.open(sealed, customerID: "C"), emily)

        chmod(path, 0o644)
        guard case .unavailable(let open) = ContactKeyFile.load(path: path) else { return XCTFail("0644 must be refused") }
        XCTAssertTrue(open.contains("readable by others") && open.contains("chmod 600"), open)
        XCTAssertThrowsError(try ContactKeyFile.loadOrCreate(path: path))

        let junk = dir.write("junk.key", "hello\n")
        chmod(junk, 0o600)
        guard case .unavailable(let bad) = ContactKeyFile.load(path: junk) else { return XCTFail("junk is no key") }
        XCTAssertTrue(bad.contains("not a heatdesk contact key"), bad)
    }

    // MARK: the reveal

    private func database(_ access: ContactKeyAccess, sealedWith sealer: ContactKey?) throws -> AppDatabase {
        let db = try AppDatabase.inMemory(contactKey: access)
        let customer = Customer(id: "C-en", name: "Emily Carter", language: "en",
                                phoneMasked: ContactMask.mask(phone: emily.phone!), emailMasked: ContactMask.mask(email: emily.email!),
                                contactSealed: sealer?.seal(emily, customerID: "C-en"))
        let t = Ticket(key: TicketKey(source: "main", externalID: "T-1"), createdAt: at, channel: .phone, product: .other,
                       category: .sos, priority: .sos, customerID: "C-en", subject: "passport stolen")
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e: DomainEvent in [.customerUpserted(customer), .supplierUpserted(Supplier(id: "SUP-HILTON", name: "Hilton", product: .hotel)),
                                   .agentUpserted(li), .agentUpserted(desk), .ticketImported(t, firstMessage: nil)] {
                _ = try a.apply(LoggedEvent(at: at, actor: "test", event: e))
            }
        }
        return db
    }

    private func reveals(_ db: AppDatabase) throws -> [Row] {
        try db.writer.read { try Row.fetchAll($0, sql: "SELECT actor, at, entity, payload FROM event WHERE kind = 'ticket.contact_revealed'") }
    }

    func testRevealOpensTheContactAndLogsWhoWhenWhichTicketAndCustomer() throws {
        let db = try database(.key(key), sealedWith: key)
        let t1 = TicketKey(source: "main", externalID: "T-1")
        XCTAssertEqual(try db.revealContact(t1, by: li, at: at.addingTimeInterval(60)), .revealed(emily))
        let log = try reveals(db)
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log[0]["actor"], "A-1")
        XCTAssertEqual(log[0]["at"], at.addingTimeInterval(60).millis)
        XCTAssertEqual(log[0]["entity"], "ticket:main/T-1")
        let payload: String = log[0]["payload"]
        XCTAssertTrue(payload.contains(#""field":"phone,email""#) && payload.contains(#""customer_id":"C-en""#), payload)
        XCTAssertFalse(payload.contains("0123") || payload.contains("emily"), "the log names the reveal, never the value")
        XCTAssertEqual(try db.ticketDetail(t1)?.customer.phoneMasked, "+44******0123")
        XCTAssertThrowsError(try db.revealContact(t1, by: desk), "suppliers never see the customer's contact")
        XCTAssertEqual(try reveals(db).count, 1)
    }

    func testNoKeyAnotherKeyOrAMaskedOnlyImportRevealNothingAndSayWhy() throws {
        let t1 = TicketKey(source: "main", externalID: "T-1")
        let cases: [(AppDatabase, String)] = [
            (try database(.unavailable("no contact key on this workstation (/k is missing; copy the center's key there, mode 0600)"), sealedWith: key),
             "the contact is sealed; no contact key on this workstation (/k is missing"),
            (try database(.key(otherKey), sealedWith: key),
             "the contact is sealed; it was sealed with center key \(key.id), this workstation holds key \(otherKey.id)"),
            (try database(.key(key), sealedWith: nil),
             "only the masked contact (+44******0123, e***@example.com) was imported for customer C-en"),
        ]
        for (db, expected) in cases {
            guard case .unavailable(let why) = try db.revealContact(t1, by: li) else { XCTFail("revealed: \(expected)"); continue }
            XCTAssertTrue(why.hasPrefix(expected), why)
            XCTAssertEqual(try reveals(db).count, 0, "nothing revealed, nothing logged")
        }
    }

    func testTheDatabaseHoldsTheContactSealedOnlyAndAReplayChangesNothing() throws {
        let db = try database(.key(key), sealedWith: key)
        XCTAssertEqual(try PlainTextScan.columns(db, for: [emily.phone!, emily.email!]), [])
        // The customer's event, applied again (a second import, a sync replay), is already there.
        let customer = try XCTUnwrap(try db.writer.read { try AppDatabase.customer($0, id: "C-en") })
        XCTAssertNotNil(customer.contactSealed)
        let outcome = try db.writer.write { try EventApplier($0).apply(LoggedEvent(at: self.at, actor: "test", event: .customerUpserted(customer))) }
        XCTAssertEqual(outcome, .alreadyPresent)
    }

    /// An existing database (before v7-contact-sealed) gains the column and keeps its customers.
    func testMigrationAddsTheSealedColumn() throws {
        let db = try AppDatabase.inMemory()
        let columns = try db.writer.read { try Row.fetchAll($0, sql: "PRAGMA table_info(customer)").map { $0["name"] as String } }
        XCTAssertTrue(columns.contains("contact_sealed"))
        XCTAssertTrue(try db.writer.read { try AppDatabase.migrator.hasCompletedMigrations($0) })
    }
}
