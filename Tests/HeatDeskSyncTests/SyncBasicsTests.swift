import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskSync

final class SyncBasicsTests: XCTestCase {
    func testCRC32CKnownVector() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)).hex, "e3069283")
        XCTAssertEqual(CRC32C.checksum([UInt8]()).hex, "00000000")
        // RFC 3720 (iSCSI), appendix B.4: long enough for the eight-byte steps.
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)).hex, "8a9136aa")
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)).hex, "62a8ab43")
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }).hex, "46dd794e")
    }

    /// The eight-bytes-a-step path agrees with the byte-at-a-time one (a sequence without
    /// contiguous storage) at every length and alignment, also when fed in pieces.
    func testCRC32CSlicingMatchesBytewise() {
        var x: UInt32 = 2_463_534_242 // xorshift32: the same bytes every run
        let data = (0..<300).map { _ -> UInt8 in x ^= x << 13; x ^= x >> 17; x ^= x << 5; return UInt8(truncatingIfNeeded: x) }
        for start in 0..<9 {
            for end in stride(from: start, through: data.count, by: 7) {
                let slice = data[start..<end]
                let bytewise = CRC32C.checksum(slice.lazy.map { $0 })
                XCTAssertEqual(CRC32C.checksum(slice).value, bytewise.value, "bytes \(start)..<\(end)")
                var pieces = CRC32C()
                let mid = (start + end) / 2
                pieces.update(data[start..<mid]); pieces.update(data[mid..<end])
                XCTAssertEqual(pieces.value, bytewise.value, "bytes \(start)..<\(end) in two pieces")
            }
        }
    }

    func testHybridClockTicksPastWhatItHasSeen() {
        var c = HybridClock()
        let now = Date(timeIntervalSince1970: 1_000)
        let a = c.tick(now: now)
        let b = c.tick(now: now)
        XCTAssertGreaterThan(b, a)
        c.receive(a + 1_000_000)
        XCTAssertGreaterThan(c.tick(now: now), a + 1_000_000)
        XCTAssertLessThan(HybridClock.stamp(5, node: "b"), HybridClock.stamp(6, node: "a"))
        XCTAssertLessThan(HybridClock.stamp(6, node: "a"), HybridClock.stamp(6, node: "b"))
    }

    func testNamesEncodeTicketKeysAndParseBatchRanges() {
        XCTAssertEqual(SharedDirectory.ticketFolder(TicketKey(source: "main", externalID: "HD-1.2/x")), "main.HD-1%2E2%2Fx")
        XCTAssertEqual(SharedDirectory.ticketFolder(TicketKey(source: "p", externalID: "票1")), "p.%E7%A5%A81")
        let name = SharedDirectory.batchName(from: 7, to: 42)
        XCTAssertEqual(name, "000000000007-000000000042.jsonl")
        XCTAssertEqual(SharedDirectory.parseBatchName(name)?.to, 42)
        for other in ["000000000007-000000000042 (conflict copy).jsonl", ".000000000007-000000000042.jsonl",
                      "000000000007-000000000042.jsonl.tmp", "000000000042-000000000007.jsonl"] {
            XCTAssertNil(SharedDirectory.parseBatchName(other), other)
        }
    }

    /// Every event kind the store logs reads back to the same payload bytes.
    func testEveryLoggedEventDecodesToItsPayload() throws {
        let db = try AppDatabase.inMemory()
        try SyncFixtures.seed(db, tickets: 3)
        let k = SyncFixtures.key("T-00000")
        _ = try db.claim(k, by: SyncFixtures.li)
        try db.addMessage(k, by: SyncFixtures.li, body: "您好，王女士", visibility: .public)
        _ = try db.invite(k, member: "SUP-HILTON", by: SyncFixtures.li)
        try db.leave(k, member: "SUP-HILTON", by: SyncFixtures.li)
        try db.setPending(k, waitingFor: "supplier", by: SyncFixtures.li)
        try db.setPending(k, waitingFor: nil, by: SyncFixtures.li)
        try db.setPriority(k, .urgent, by: SyncFixtures.boss)
        try db.logContactReveal(k, field: "phone", by: SyncFixtures.li)
        try db.transfer(k, to: SyncFixtures.tom, by: SyncFixtures.li)
        try db.resolve(k, .rebooked, by: SyncFixtures.tom)
        try db.reopen(k, by: SyncFixtures.tom)
        try db.transfer(k, to: nil, by: SyncFixtures.tom, reason: "shift ends")
        try db.setStatus(of: SyncFixtures.tom, .available)
        let rows = try db.writer.read { try Row.fetchAll($0, sql: "SELECT kind, payload FROM event ORDER BY seq") }
        var kinds = Set<String>()
        for r in rows {
            let kind: String = r[0], payload: String = r[1]
            let event = try DomainEvent.decode(kind: kind, payload: Data(payload.utf8))
            XCTAssertEqual(event.payload, payload, kind)
            kinds.insert(kind)
        }
        XCTAssertEqual(kinds.count, 16, "\(kinds.sorted())")
    }

    func testBatchRoundTripsAndRefusesDamage() throws {
        let events = (1...3).map { i -> BatchEvent in
            let e = DomainEvent.ticketChanged(TicketKey(source: "main", externalID: "T-\(i)"), .claimed(owner: "A-1"), epoch: i)
            return BatchEvent(seq: Int64(i * 2), hlc: Int64(i) << 16, atMillis: 1_000, actor: "A-1", kind: e.kind, entity: e.entity,
                              payload: e.payloadBytes, event: e)
        }
        let batch = Batch(node: "n", prev: 1, events: events)
        let data = batch.encoded()
        let back = try Batch.decode(data, path: "p", node: "n", from: 2, to: 6)
        XCTAssertEqual(back.events.map(\.event), batch.events.map(\.event))
        XCTAssertEqual(back.events.map(\.payload), batch.events.map(\.payload), "the payload is kept as written")
        XCTAssertEqual(back, try Batch.decode(back.encoded(), path: "p", node: "n", from: 2, to: 6), "and re-encodes to itself")
        XCTAssertEqual(back.events.map(\.seq), [2, 4, 6]); XCTAssertEqual(back.prev, 1)
        XCTAssertEqual(batch.encoded(), data, "the same events give the same bytes")
        XCTAssertThrowsError(try Batch.decode(data.dropLast(5), path: "p", node: "n", from: 2, to: 6)) {
            XCTAssertTrue("\($0)".hasPrefix("p: truncated"), "\($0)")
        }
        var flipped = [UInt8](data); flipped[60] ^= 0x01
        XCTAssertThrowsError(try Batch.decode(Data(flipped), path: "p", node: "n", from: 2, to: 6)) {
            XCTAssertTrue("\($0)".contains("bad checksum"), "\($0)")
        }
        XCTAssertThrowsError(try Batch.decode(data, path: "p", node: "other", from: 2, to: 6))
        XCTAssertThrowsError(try Batch.decode(data, path: "p", node: "n", from: 2, to: 7))
    }

    /// Reading a batch ahead also reads the claim files its epoch-opening events name, so the
    /// writer does not open them one by one; a claim without a file is left to the writer.
    func testPrefetchReadsTheBatchsClaimFilesAhead() throws {
        let dir = TemporaryDirectory()
        let other = SharedDirectory(root: dir.path, node: "0000000a-0000-4000-8000-00000000000a")
        try other.prepare()
        let authority = SharedClaimAuthority(directory: other)
        let claimed = SyncFixtures.key("T-1"), offline = SyncFixtures.key("T-2")
        XCTAssertEqual(try authority.acquire(claimed, epoch: 1, holder: "A-1"), .won)
        XCTAssertEqual(try authority.acquire(claimed, epoch: 2, holder: "A-3"), .won)
        let changes: [DomainEvent] = [
            .ticketChanged(claimed, .claimed(owner: "A-1"), epoch: 1),
            .ticketChanged(claimed, .priorityChanged(.urgent), epoch: 1),
            .ticketChanged(claimed, .transferred(to: "A-3"), epoch: 2),
            .ticketChanged(offline, .claimed(owner: "A-2"), epoch: 1),
        ]
        let events = changes.enumerated().map { i, e in
            let c = e.encoded
            return BatchEvent(seq: Int64(i + 1), hlc: Int64(i + 1) << 16, atMillis: 1_795_000_000_000, actor: "A-1",
                              kind: c.kind, entity: c.entity, payload: c.payload)
        }
        let batch = Batch(node: other.node, prev: 0, events: events)
        try FileManager.default.createDirectory(atPath: other.ownLog, withIntermediateDirectories: true)
        let path = other.ownLog + "/" + batch.name
        try batch.encoded().write(to: URL(fileURLWithPath: path))

        let prefetch = BatchPrefetch(authority: authority)
        prefetch.start(path: path, node: other.node, from: 1, to: 4)
        let read = try prefetch.take(path: path, node: other.node, from: 1, to: 4).get()
        XCTAssertEqual(read.batch.events.count, 4)
        XCTAssertEqual(read.holders, [ClaimID(ticket: claimed, epoch: 1): "A-1", ClaimID(ticket: claimed, epoch: 2): "A-3"])
        // Not read ahead: the batch alone, the writer looks claims up itself.
        XCTAssertEqual(try BatchPrefetch(authority: authority).take(path: path, node: other.node, from: 1, to: 4).get().holders, [:])
    }

    /// Blank lines and a batch without events are faults naming the file, with a valid trailer
    /// too (a second implementation's writer may produce them); the line finder keeps empty lines.
    func testBlankLinesAndEmptyBatchesAreFaults() throws {
        let node = "0000000b-0000-4000-8000-00000000000b"
        let events = (1...3).map { i in
            let c = DomainEvent.ticketChanged(SyncFixtures.key("T-\(i)"), .priorityChanged(.urgent), epoch: 0).encoded
            return BatchEvent(seq: Int64(i), hlc: Int64(i) << 16, atMillis: 1_795_000_000_000, actor: "A-1",
                              kind: c.kind, entity: c.entity, payload: c.payload)
        }
        let good = Batch(node: node, prev: 0, events: events).encoded()
        XCTAssertEqual(try Batch.decode(good, path: "b", node: node, from: 1, to: 3).events.map(\.seq), [1, 2, 3])
        var lines = String(decoding: good, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast(2) // the trailer and the empty string after the last newline
        /// The lines sealed with a trailer counting `count` events and a correct checksum.
        func sealed(_ lines: [String], count: Int) -> Data {
            let body = lines.joined(separator: "\n") + "\n"
            return Data((body + "{\"end\":true,\"count\":\(count),\"crc32c\":\"\(CRC32C.checksum(Array(body.utf8)).hex)\"}\n").utf8)
        }
        func fault(_ data: Data, from: Int64 = 1, to: Int64 = 3) -> String {
            switch Result(catching: { () throws(SyncFault) in try Batch.decode(data, path: "log/b", node: node, from: from, to: to) }) {
            case .success: return "decoded"
            case .failure(let error): XCTAssertEqual(error.path, "log/b"); return error.reason
            }
        }
        var blank = lines; blank.insert("", at: 2)
        XCTAssertEqual(fault(sealed(blank, count: 3)), "the trailer counts 3 events, the file holds 4")
        XCTAssertEqual(fault(sealed(blank, count: 4)), "line 3: not an event line")
        var trailingBlank = lines; trailingBlank.append("")
        XCTAssertEqual(fault(sealed(trailingBlank, count: 4)), "line 5: not an event line")
        XCTAssertEqual(fault(sealed([lines[0]], count: 0)), "the events' seqs do not span the file name's range")
    }
}
