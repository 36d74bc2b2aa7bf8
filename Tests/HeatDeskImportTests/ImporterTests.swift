import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskImport

final class ImporterTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: AppDatabase!

    override func setUpWithError() throws {
        dir = TemporaryDirectory()
        db = try AppDatabase.inMemory()
    }

    private func importFiles(_ paths: [String], _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
        var options = ImportOptions()
        options.batchSize = 2   // several transactions even in small tests
        configure(&options)
        return try Importer(database: db, options: options, now: { Date(timeIntervalSince1970: 1_795_000_000) }).run(paths: paths)
    }

    private func count(_ sql: String) throws -> Int { try db.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 } }

    /// Imports one ticket row with `overrides` and returns its single rejection.
    private func rejection(_ overrides: [String: String], columns: [String] = ImportFixtures.ticketColumns) throws -> Rejection? {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", overrides)], columns: columns))
        let s = try importFiles([tickets, orders])
        return s.firstRejections.first
    }

    func testImportsATripWithItsEventsAndFirstMessage() throws {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1"), ImportFixtures.ticket("HD-2", ["priority": "sos"])]))
        // Named tickets-first: the importer still reads orders first.
        let s = try importFiles([tickets, orders])
        XCTAssertEqual(s.total.rejected, 0, "\(s.firstRejections)")
        XCTAssertEqual(s.byKind[.ticket]?.imported, 2)
        XCTAssertEqual(s.byKind[.order]?.imported, 3)
        let detail = try XCTUnwrap(db.ticketDetail(TicketKey(source: "main", externalID: "HD-1")))
        XCTAssertEqual(detail.customer.name, "王丽娜")
        XCTAssertEqual(detail.customer.tier, .blackCard)
        XCTAssertEqual(detail.messages.first?.body, "我的航班MU523延误了，\n酒店今晚还能入住吗？")
        XCTAssertEqual(detail.orders.map(\.id), ["O-1", "O-2"])
        XCTAssertEqual(detail.orders.first?.events.map(\.kind), [.booked, .delayed])
        XCTAssertEqual(detail.serviceTrail.map(\.key.externalID), ["HD-2"])
        let queue = try db.queue()
        XCTAssertEqual(queue.map(\.key.externalID), ["HD-2", "HD-1"], "SOS first")
        XCTAssertEqual(queue.first?.tripProducts, [.flight, .hotel])
        // One event per change: 3 orders, 1 customer, 2 tickets, and HD-2 linked as a follow-up of
        // HD-1 (same customer and orders; the more urgent follow-up stays in the queue).
        XCTAssertEqual(try count("SELECT count(*) FROM event"), 7)
        XCTAssertEqual(try count("SELECT count(*) FROM event WHERE kind = 'ticket.linked'"), 1)
        XCTAssertEqual(try count("SELECT count(*) FROM event WHERE kind = 'ticket.imported' AND actor = 'import:main'"), 2)
    }

    func testSecondImportAddsNothingAndSaysSo() throws {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv((1...5).map { ImportFixtures.ticket("HD-\($0)") }))
        _ = try importFiles([orders, tickets])
        let events = try count("SELECT count(*) FROM event")
        let again = try importFiles([orders, tickets])
        XCTAssertEqual(again.total.imported, 0)
        XCTAssertEqual(again.total.alreadyPresent, 8)
        XCTAssertEqual(try count("SELECT count(*) FROM ticket"), 5)
        XCTAssertEqual(try count("SELECT count(*) FROM message"), 5)
        XCTAssertEqual(try count("SELECT count(*) FROM event"), events, "no event for what changed nothing")
    }

    func testDryRunValidatesAndWritesNothing() throws {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1"), ImportFixtures.ticket("HD-1"),
                                                                     ImportFixtures.ticket("HD-2", ["order_ids": "O-404"])]))
        let s = try importFiles([orders, tickets]) { $0.dryRun = true }
        XCTAssertEqual(s.total.imported, 4)
        XCTAssertEqual(s.total.alreadyPresent, 1, "the duplicate row within the file")
        XCTAssertEqual(s.firstRejections.map(\.field), ["order_ids"])
        XCTAssertEqual(try count("SELECT count(*) FROM ticket") + count("SELECT count(*) FROM travel_order") + count("SELECT count(*) FROM event"), 0)
    }

    func testEveryValidationRuleNamesItsField() throws {
        let long = String(repeating: "航", count: 6000)
        let cases: [([String: String], String, String)] = [
            (["external_id": ""], "external_id", "required field is missing"),
            (["external_id": "HD 1"], "external_id", "contains a space"),
            (["created_at": ""], "created_at", "required field is missing"),
            (["created_at": "2026-02-30T10:00:00Z"], "created_at", "day 30 does not exist"),
            (["created_at": "22/11/2026 10:00"], "created_at", "bad date"),
            (["customer_id": ""], "customer_id", "required field is missing"),
            (["channel": "fax"], "channel", "unknown value 'fax' (expected one of phone, chat, email, app, bot)"),
            (["product": "cruise"], "product", "unknown value 'cruise'"),
            (["category": "moan"], "category", "unknown value 'moan'"),
            (["priority": "p1"], "priority", "unknown value 'p1' (expected one of sos, urgent, high, normal, low)"),
            (["customer_tier": "gold"], "customer_tier", "unknown tier 'gold'"),
            (["customer_language": "chinese!"], "customer_language", "not a language code"),
            (["subject": String(repeating: "x", count: 501)], "subject", "too long: 501 bytes (limit 500)"),
            (["message": long], "message", "too long: 18000 bytes (limit 16384)"),
            (["order_ids": "O-1;O-404"], "order_ids", "unknown order 'O-404'"),
            (["order_ids": "O-9"], "order_ids", "order 'O-9' belongs to customer 'C-2', not 'C-1'"),
        ]
        for (overrides, field, reason) in cases {
            let r = try rejection(overrides)
            XCTAssertEqual(r?.field, field, "\(overrides)")
            XCTAssertTrue(r?.reason.contains(reason) == true, "\(overrides): \(r?.reason ?? "accepted")")
            XCTAssertEqual(r?.line, 2)
            db = try AppDatabase.inMemory()
        }
    }

    func testStatusRules() throws {
        XCTAssertEqual(try rejection(["status": "open"], columns: ImportFixtures.ticketColumns + ["status"])?.field, "agent_id")
        db = try AppDatabase.inMemory()
        XCTAssertEqual(try rejection(["status": "resolved"], columns: ImportFixtures.ticketColumns + ["status"])?.field, "resolved_at")
        db = try AppDatabase.inMemory()
        let r = try rejection(["status": "open", "agent_id": "A-404"], columns: ImportFixtures.ticketColumns + ["status", "agent_id"])
        XCTAssertEqual(r?.reason, "unknown agent 'A-404'")
    }

    func testInvalidUTF8IsNamedWithItsField() throws {
        let header = ImportFixtures.ticketColumns.joined(separator: ",") + "\n"
        var row = Array("HD-1,2026-11-22T07:30:00+08:00,chat,flight,delay,urgent,C-1,".utf8)
        row += [0xCD, 0xF5, 0xC0, 0xF6]   // 王丽 in GB18030, not UTF-8
        row += Array(",zh,3,,subject,message,summary\n".utf8)
        let path = dir.write("gbk.csv", bytes: Array(header.utf8) + row)
        let s = try importFiles([path])
        XCTAssertEqual(s.firstRejections.first?.field, "customer_name")
        XCTAssertTrue(s.firstRejections.first?.reason.contains("invalid UTF-8 at byte 1") == true)
        XCTAssertTrue(s.firstRejections.first?.reason.contains("--encoding gb18030") == true)

        db = try AppDatabase.inMemory()
        let ok = try importFiles([path]) { $0.encoding = "gb18030" }
        XCTAssertEqual(ok.total.imported, 1, "\(ok.firstRejections)")
        let detail = try db.ticketDetail(TicketKey(source: "main", externalID: "HD-1"))
        XCTAssertEqual(detail?.customer.name, "王丽")
    }

    func testBadGB18030BytesRejectTheRowOnly() throws {
        let header = "external_id,created_at,customer_id,customer_name\n"
        let bytes = Array(header.utf8) + Array("HD-1,2026-11-22T07:30:00+08:00,C-1,".utf8) + [0x81, 0x20] + Array("\nHD-2,2026-11-22T07:30:00+08:00,C-1,ok\n".utf8)
        let s = try importFiles([dir.write("bad.csv", bytes: bytes)]) { $0.encoding = "gb18030" }
        XCTAssertEqual(s.total.imported, 1)
        XCTAssertEqual(s.firstRejections.map(\.line), [2])
        XCTAssertEqual(s.firstRejections.first?.field, "customer_name")
    }

    func testFieldCountMismatchAndJSONErrors() throws {
        let csv = dir.write("t.csv", "external_id,created_at,customer_id\nHD-1,2026-11-22T07:30:00Z\nHD-2,2026-11-22T07:30:00Z,C-1\n")
        let s = try importFiles([csv])
        XCTAssertEqual(s.firstRejections.first?.reason, "has 2 fields, the header has 3")
        XCTAssertEqual(s.total.imported, 1)

        let jsonl = dir.write("o.jsonl", """
            {"order_id":"O-1","customer_id":"C-1","product":"flight","booked_at":"2026-11-01T10:00:00Z","flight":{"carrier":"MU","number":"MU523","origin":"PVG","destination":"Tokyo","departure":"2026-11-22T09:00:00Z","arrival":"2026-11-22T13:00:00Z"}}
            {"order_id":"O-2","customer_id":"C-1","product":"hotel","booked_at":"2026-11-01T10:00:00Z","hotel":{"name":"H","city":"Tokyo","checkin":"2026-11-22T15:00:00Z","checkout":"2026-11-21T11:00:00Z"}}
            {"order_id":"O-3","customer_id":"C-1","product":"car","booked_at":"2026-11-01T10:00:00Z","car":{"company":"Hertz","pickup_place":"NRT","pickup_at":"2026-11-22T15:00:00Z","return_place":"NRT","return_at":"2026-11-23T15:00:00Z"},"events":[{"at":"2026-11-01T10:00:00Z","kind":"teleported"}]}
            {"order_id":"O-4","customer_id":"C-1","product":"flight","booked_at":"2026-11-01T10:00:00Z"}
            {"order_id": "O-5", broken
            [1,2,3]
            """)
        let o = try importFiles([jsonl])
        XCTAssertEqual(o.firstRejections.map(\.field), ["flight.destination", "hotel.checkout", "events[0].kind", "flight", "", ""])
        XCTAssertEqual(o.firstRejections.map(\.line), [1, 2, 3, 4, 5, 6])
        XCTAssertTrue(o.firstRejections[0].reason.contains("not a three-letter IATA airport code"))
        XCTAssertTrue(o.firstRejections[4].reason.hasPrefix("not valid JSON"))
        XCTAssertEqual(o.firstRejections[5].reason, "expected a JSON object on the line")
    }

    func testRejectsFileKeepsTheRowForFixing() throws {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", ["channel": "fax", "message": "line1\nline2, \"quoted\""])]))
        let rejects = dir.file("rejects.csv")
        _ = try importFiles([orders, tickets]) { $0.rejectsPath = rejects }
        let text = try XCTUnwrap(dir.read("rejects.csv"))
        XCTAssertTrue(text.hasPrefix("file,line,kind,id,field,reason,record\n"))
        XCTAssertTrue(text.contains(",2,ticket,HD-1,channel,"))
        // The raw row survives a round trip through the rejects CSV.
        let parser = CSVParser()
        var records: [[String]] = []
        Array(text.utf8).withUnsafeBufferPointer { parser.feed($0) { r in records.append((0..<r.count).map { String(decoding: r.field($0), as: UTF8.self) }) } }
        XCTAssertTrue(records[1][6].contains("line1\nline2, \"\"quoted\"\""))
    }

    /// Issue 13: rejections from two files were sorted by a closure that read `summary` while
    /// the sort modified it, an exclusive-access conflict that aborted the process.
    func testRejectionsFromSeveralFilesComeInFileThenLineOrder() throws {
        let c = dir.write("c.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-C", ["priority": "asap", "order_ids": ""])]))
        let d = dir.write("d.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-D1", ["channel": "pigeon", "order_ids": ""]),
                                                        ImportFixtures.ticket("HD-D2", ["channel": "pigeon", "order_ids": ""])]))
        for dryRun in [true, false] {
            let s = try importFiles([d, c]) { $0.dryRun = dryRun }
            XCTAssertEqual(s.firstRejections.map { "\(($0.file as NSString).lastPathComponent):\($0.line)" }, ["d.csv:2", "d.csv:4", "c.csv:2"])
        }
    }

    /// The rejects file parsed back with the import's own parser: one record per rejection.
    private func rejectsRecords(_ path: String) throws -> [[[UInt8]]] {
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let parser = CSVParser()
        var records: [[[UInt8]]] = []
        let emit: (inout CSVRecord) -> Void = { r in
            XCTAssertNil(r.problem, "line \(r.line) of the rejects file")
            records.append((0..<r.count).map { Array(r.field($0)) })
        }
        Array(bytes).withUnsafeBufferPointer { parser.feed($0, emit) }
        parser.finish(emit)
        return records
    }

    /// A quote followed by a combining mark is one Swift Character that is not a quote: the
    /// rejects file compared Characters and left such a field unquoted (issue 13).
    func testRejectsFileQuotesAQuoteFollowedByACombiningMark() throws {
        let header = "external_id,created_at,customer_id,subject\n"
        // The subject is a quoted field starting with U+0301 after its opening quote, as a GBK
        // field starting with 台 (0xCC 0xA8) read without --encoding looks.
        let row = Array("HD-1,yesterday,C-1,\"".utf8) + [0xCC, 0x81] + Array("accent, comma\"\n".utf8)
        let gbk = Array("HD-2,yesterday,C-1,\"".utf8) + [0xCC, 0xA8] + Array("北, \"\"x\"\"\"\n".utf8)
        let path = dir.write("accent.csv", bytes: Array(header.utf8) + row + gbk)
        let rejects = dir.file("rejects.csv")
        let s = try importFiles([path]) { $0.rejectsPath = rejects }
        XCTAssertEqual(s.total.rejected, 2)
        let records = try rejectsRecords(rejects)
        XCTAssertEqual(records.count, 3)
        XCTAssertEqual(records.map(\.count), [7, 7, 7])
        XCTAssertEqual(records[1][6], Array(row.dropLast()))
        XCTAssertEqual(records[2][6], Array(gbk.dropLast()))
        XCTAssertEqual(RejectsWriter.quote("\"\u{301}a,b"), "\"\"\"\u{301}a,b\"")
    }

    /// Invalid UTF-8 came back as U+FFFD, and a CRLF row lost its last character (the CRLF is one
    /// Character, dropped with the one before it): the record column keeps the row's bytes.
    func testRejectsFileKeepsTheRowsOriginalBytes() throws {
        let header = "external_id,created_at,customer_id,customer_name\r\n"
        let bad = Array("HD-1,2026-11-22T07:30:00+08:00,C-1,".utf8) + [0xCD, 0xF5, 0xC0, 0xF6, 0xFF]
        let crlf = Array("HD-2,yesterday,C-1,Zhang Wei".utf8)
        let jsonl = Array("{\"order_id\": \"O-1\", \"x\": \"".utf8) + [0xC0, 0xAF] + Array("\"}".utf8)
        let csv = dir.write("gbk.csv", bytes: Array(header.utf8) + bad + [0x0D, 0x0A] + crlf + [0x0D, 0x0A])
        let orders = dir.write("bad.jsonl", bytes: jsonl + [0x0A])
        let rejects = dir.file("rejects.csv")
        let s = try importFiles([csv, orders]) { $0.rejectsPath = rejects }
        XCTAssertEqual(s.total.rejected, 3)
        let records = try rejectsRecords(rejects)
        XCTAssertEqual(records.count, 4)
        let byLine = Dictionary(uniqueKeysWithValues: records.dropFirst().map { (String(decoding: $0[0], as: UTF8.self) + ":" + String(decoding: $0[1], as: UTF8.self), $0[6]) })
        XCTAssertEqual(byLine[csv + ":2"], bad)
        XCTAssertEqual(byLine[csv + ":3"], crlf)
        XCTAssertEqual(byLine[orders + ":1"], jsonl)
        XCTAssertEqual(s.firstRejections.first { $0.line == 2 && $0.file == csv }?.raw, bad + [0x0D, 0x0A])
    }

    /// Found by heatdesk-fuzz: a CSV row with a structural problem (field count, stray quote,
    /// invalid UTF-8) was counted rejected under its kind but never read, so the report said
    /// "ticket 0 read, 0 new, 0 already present, 2 rejected".
    func testEachKindsRowsReadAddUp() throws {
        let header = "external_id,created_at,customer_id\n"
        let path = dir.write("t.csv", header + "HD-1,2026-11-22T07:30:00Z\nHD-2,2026-11-22T07:30:00Z,C-1,extra\nHD-3,x\"y,C-1\nHD-4,2026-11-22T07:30:00Z,C-1\n")
        let s = try importFiles([path])
        let c = try XCTUnwrap(s.byKind[.ticket])
        XCTAssertEqual(c.rejected, 3)
        XCTAssertEqual(c.read, 4)
        XCTAssertEqual(c.read, c.imported + c.alreadyPresent + c.rejected)
        XCTAssertEqual(s.total.read, 4)
    }

    func testUnreadableInputsStopBeforeAnythingIsWritten() throws {
        let good = dir.write("orders.jsonl", ImportFixtures.orders)
        XCTAssertThrowsError(try importFiles([good, dir.file("missing.csv")])) { error in
            XCTAssertTrue("\(error)".contains("missing.csv"))
        }
        XCTAssertEqual(try count("SELECT count(*) FROM travel_order"), 0)
        XCTAssertThrowsError(try importFiles([dir.write("empty.csv", "")]))
        XCTAssertThrowsError(try importFiles([dir.write("h.csv", "name,age\nx,1\n")])) { error in
            XCTAssertTrue("\(error)".contains("none of the key columns"), "\(error)")
        }
        XCTAssertThrowsError(try importFiles([good]) { $0.encoding = "klingon" })
        XCTAssertThrowsError(try importFiles([good]) { $0.source = "a/b" })
    }

    func testSourcesKeepExternalIdsApart() throws {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1")]))
        _ = try importFiles([orders, tickets])
        let s = try importFiles([tickets]) { $0.source = "partner" }
        XCTAssertEqual(s.total.imported, 1)
        XCTAssertThrowsError(try db.resolveTicket("HD-1"))
        XCTAssertEqual(try db.resolveTicket("partner:HD-1"), TicketKey(source: "partner", externalID: "HD-1"))
    }

    func testHostileTextIsStoredAsIsAndPayloadsStayValidJSON() throws {
        let hostile = "Evil \u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}reversed \"q\" \\"
        let tickets = dir.write("t.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", ["customer_name": hostile, "order_ids": ""])]))
        XCTAssertEqual(try importFiles([tickets]).total.imported, 1)
        let payloads = try db.writer.read { try String.fetchAll($0, sql: "SELECT payload FROM event") }
        for p in payloads { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(p.utf8))) }
        XCTAssertEqual(try db.ticketDetail(TicketKey(source: "main", externalID: "HD-1"))?.customer.name, hostile)
    }

    func testTimeShiftMovesEveryTimeAlike() throws {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1")]))
        _ = try importFiles([orders, tickets]) { $0.timeShift = 86_400 }
        let d = try XCTUnwrap(db.ticketDetail(TicketKey(source: "main", externalID: "HD-1")))
        XCTAssertEqual(Timestamp.format(d.ticket.createdAt), "2026-11-22T23:30:00Z")
        XCTAssertEqual(d.messages.first?.at, d.ticket.createdAt)
        guard case .flight(let f)? = d.orders.first?.detail else { return XCTFail("no flight") }
        XCTAssertEqual(Timestamp.format(f.departure), "2026-11-23T01:00:00Z")
        XCTAssertEqual(d.orders.first.map { Timestamp.format($0.events[1].at) }, "2026-11-22T23:10:00Z")
    }
}

/// Bulk mode: the ticket and message indexes are set aside and built once at the end.
final class BulkLoadTests: XCTestCase {
    var dir: TemporaryDirectory!
    override func setUp() { dir = TemporaryDirectory() }

    private func indexes(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name") }
    }

    private func load(_ db: AppDatabase, bulk: Bool) throws -> ImportSummary {
        let orders = dir.write("orders.jsonl", ImportFixtures.orders)
        let tickets = dir.write("tickets.csv", ImportFixtures.csv([
            ImportFixtures.ticket("HD-1"), ImportFixtures.ticket("HD-2", ["priority": "sos", "product": "hotel"]),
            ImportFixtures.ticket("HD-3", ["priority": "asap"]),
        ]))
        var options = ImportOptions()
        options.batchSize = 1
        options.bulk = bulk
        return try Importer(database: db, options: options, now: { Date(timeIntervalSince1970: 1_795_000_000) }).run(paths: [tickets, orders])
    }

    func testABulkLoadWritesWhatANormalOneDoesAndRebuildsItsIndexes() throws {
        let normal = try AppDatabase.inMemory(), bulk = try AppDatabase.inMemory()
        let before = try indexes(bulk)
        let a = try load(normal, bulk: false), b = try load(bulk, bulk: true)
        XCTAssertFalse(a.bulk); XCTAssertTrue(b.bulk)
        XCTAssertEqual(a.total, b.total)
        XCTAssertEqual(b.total.rejected, 1, "the bad row is still rejected in bulk mode")
        XCTAssertEqual(try indexes(bulk), before, "every index is back")
        XCTAssertTrue(before.contains("ticket_queue") && before.contains("message_by_ticket"))
        XCTAssertNil(try bulk.meta("deferred_indexes"))
        XCTAssertEqual(try normal.queue().map(\.key), try bulk.queue().map(\.key))
        // A second bulk run over what is there finds every row already present.
        XCTAssertEqual(try load(bulk, bulk: true).total.alreadyPresent, 5)
        XCTAssertEqual(try indexes(bulk), before)
    }

    /// The monitor reads through index hints; while a bulk load has the indexes aside it must
    /// still show the same figures, not "no such index".
    func testTheSupervisorsFiguresReadTheSameWhileIndexesAreAside() throws {
        let db = try AppDatabase.inMemory()
        _ = try load(db, bulk: false)
        let now = Date(timeIntervalSince1970: 1_795_000_000), day = now.addingTimeInterval(-8 * 3600)
        let hinted = try db.metricsRecord(now: now, dayStart: day)
        XCTAssertFalse(hinted.waiting.isEmpty)
        let plain = try db.withDeferredIndexes { try db.metricsRecord(now: now, dayStart: day) }
        XCTAssertEqual(plain, hinted)
    }

    func testIndexesComeBackWhenTheLoadFails() throws {
        let db = try AppDatabase.inMemory()
        let before = try indexes(db)
        struct Boom: Error {}
        XCTAssertThrowsError(try db.withDeferredIndexes { () throws -> Void in
            XCTAssertFalse(try self.indexes(db).contains("ticket_queue"), "set aside during the load")
            throw Boom()
        })
        XCTAssertEqual(try indexes(db), before)
    }

    /// A load killed with its indexes set aside: the next open (any command, any screen)
    /// builds them again once the loading process is gone, and not while it lives.
    func testOpeningAfterAKilledBulkLoadRebuildsTheIndexes() throws {
        let path = dir.file("w.sqlite")
        let before = try indexes(AppDatabase.open(path: path))
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run(); dead.waitUntilExit()
        for (pid, rebuilt) in [(getpid(), false), (dead.processIdentifier, true)] {
            let db = try AppDatabase.open(path: path)
            try db.writer.write { d in
                try d.execute(sql: "DROP INDEX IF EXISTS ticket_queue")
                try d.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('deferred_indexes', ?), ('deferred_indexes_pid', ?)",
                              arguments: [#"["CREATE INDEX ticket_queue ON ticket(status, priority_rank, sla_due_at)"]"#, String(pid)])
            }
            let reopened = try AppDatabase.open(path: path)
            XCTAssertEqual(try indexes(reopened) == before, rebuilt, "pid \(pid)")
        }
    }
}
