import XCTest
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
@testable import HeatDeskSync

/// Each fault of the shared directory is reported with its file, nothing half-applied, and the
/// exchange catches up once the file or directory is right again.
final class FaultTests: XCTestCase {
    var tmp: TemporaryDirectory!
    var shared: String { tmp.path + "/shared" }
    var a: AppDatabase!, ea: SyncEngine!, b: AppDatabase!, eb: SyncEngine!
    var batchPath: String!

    override func setUpWithError() throws {
        tmp = TemporaryDirectory("heatdesk-fault")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        (a, ea) = try SyncFixtures.node(tmp.path, "a", shared: shared)
        (b, eb) = try SyncFixtures.node(tmp.path, "b", shared: shared)
        try SyncFixtures.seed(a, tickets: 5)
        let r = try ea.exchange()
        batchPath = shared + "/log/" + (try a.nodeID()) + "/" + r.exportedFiles[0]
    }

    private func damage(_ change: (inout [UInt8]) -> Void) throws -> Data {
        let good = try Data(contentsOf: URL(fileURLWithPath: batchPath))
        var bytes = [UInt8](good)
        change(&bytes)
        try FileManager.default.removeItem(atPath: batchPath)
        try Data(bytes).write(to: URL(fileURLWithPath: batchPath))
        return good
    }

    private func assertNothingApplied(_ file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try b.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ticket") }, 0, file: file, line: line)
        XCTAssertEqual(try b.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sync_peer WHERE high_water > 0") }, 0, file: file, line: line)
    }

    private func assertCatchesUp(restoring good: Data) throws {
        try FileManager.default.removeItem(atPath: batchPath)
        try good.write(to: URL(fileURLWithPath: batchPath))
        let r = try eb.exchange()
        XCTAssertEqual(r.faults, []); XCTAssertTrue(r.news)
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }

    func testTruncatedBatch() throws {
        let good = try damage { $0.removeLast(40) }
        let r = try eb.exchange()
        XCTAssertEqual(r.faults.map(\.path), [batchPath]); XCTAssertTrue(r.faults[0].reason.contains("truncated"), "\(r.faults)")
        try assertNothingApplied()
        try assertCatchesUp(restoring: good)
    }

    func testTornBatchWithEventsMissingFromTheMiddle() throws {
        let good = try damage { bytes in
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            bytes = Array(lines.prefix(3).joined(separator: [10]) + [10] + lines.suffix(2).joined(separator: [10]))
        }
        let r = try eb.exchange()
        XCTAssertEqual(r.faults.map(\.path), [batchPath], "\(r.faults)")
        try assertNothingApplied()
        try assertCatchesUp(restoring: good)
    }

    func testBadChecksum() throws {
        let good = try damage { $0[200] = $0[200] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a") }
        let r = try eb.exchange()
        XCTAssertEqual(r.faults.map(\.path), [batchPath]); XCTAssertTrue(r.faults[0].reason.contains("checksum"), "\(r.faults)")
        try assertNothingApplied()
        try assertCatchesUp(restoring: good)
    }

    func testUnknownBatchFormatAndUnknownDirectoryFormat() throws {
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: batchPath)), as: UTF8.self)
        text = text.replacingOccurrences(of: "{\"format\":1,", with: "{\"format\":9,")
        // A writer of format 9 with a valid trailer.
        var lines = text.split(separator: "\n").map(String.init)
        lines.removeLast()
        let body = lines.joined(separator: "\n") + "\n"
        let crc = CRC32C.checksum(Array(body.utf8)).hex
        let good = try damage { $0 = Array((body + "{\"end\":true,\"count\":\(lines.count - 1),\"crc32c\":\"\(crc)\"}\n").utf8) }
        let r = try eb.exchange()
        XCTAssertEqual(r.faults.map(\.path), [batchPath]); XCTAssertTrue(r.faults[0].reason.contains("unknown batch format 9"), "\(r.faults)")
        try assertNothingApplied()
        try assertCatchesUp(restoring: good)

        try "heatdesk-sync 2\n".write(toFile: shared + "/FORMAT", atomically: true, encoding: .utf8)
        try SyncFixtures.seed(a, tickets: 6)
        let r2 = try ea.exchange()
        XCTAssertEqual(r2.faults.map(\.path), [shared + "/FORMAT"]); XCTAssertEqual(r2.exported, 0, "nothing written to a directory of another format")
    }

    func testConflictCopiesTempFilesAndDotfilesAreIgnoredAndNamed() throws {
        let folder = (batchPath as NSString).deletingLastPathComponent
        let data = try Data(contentsOf: URL(fileURLWithPath: batchPath))
        let junk = ["000000000001-000000000099 (conflict copy 2026-12-02).jsonl", ".syncthing.x.tmp", "000000000001-000000000099.jsonl.tmp", "~lock"]
        for j in junk { try data.write(to: URL(fileURLWithPath: folder + "/" + j)) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: shared + "/log/not-a-node"))
        let r = try eb.exchange()
        XCTAssertEqual(r.faults, [])
        XCTAssertEqual(Set(r.ignored), Set(junk.map { folder + "/" + $0 } + [shared + "/log/not-a-node"]))
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
        XCTAssertEqual(try eb.exchange().ignored, [], "reported once")
    }

    func testMissingSharedDirectoryKeepsLocalWorkAndExportCatchesUp() throws {
        try FileManager.default.moveItem(atPath: shared, toPath: shared + ".away")
        let k = SyncFixtures.key("T-00002")
        XCTAssertThrowsError(try a.claim(k, by: SyncFixtures.li, authority: ea.authority)) {
            XCTAssertTrue("\($0)".contains("missing"), "\($0)")
        }
        try a.setPriority(k, .urgent, by: SyncFixtures.boss)   // local work goes on
        let r = try ea.exchange()
        XCTAssertEqual(r.faults.map(\.path), [shared]); XCTAssertEqual(r.exported, 0)
        try FileManager.default.moveItem(atPath: shared + ".away", toPath: shared)
        XCTAssertEqual(try ea.exchange().exported, 1)
        try eb.exchange()
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }

    func testUnwritableLogFolderIsReportedAndExportCatchesUp() throws {
        // Root ignores permissions, so the folder is replaced by a file: every write fails the same way.
        let own = shared + "/log/" + (try a.nodeID())
        try FileManager.default.moveItem(atPath: own, toPath: own + ".away")
        try Data().write(to: URL(fileURLWithPath: own))
        try SyncFixtures.seed(a, tickets: 7)
        let r = try ea.exchange()
        XCTAssertFalse(r.faults.isEmpty); XCTAssertTrue(r.faults[0].path.hasPrefix(own), "\(r.faults)")
        XCTAssertEqual(r.exported, 0)
        try FileManager.default.removeItem(atPath: own)
        try FileManager.default.moveItem(atPath: own + ".away", toPath: own)
        XCTAssertEqual(try ea.exchange().faults, [])
        try eb.exchange()
        XCTAssertEqual(try SyncEngine.digest(a), try SyncEngine.digest(b))
    }
}
