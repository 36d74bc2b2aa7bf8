import Foundation
import XCTest
@testable import HeatDeskCore

final class TimePlaceholdersTests: XCTestCase {
    let paris = "2026-11-23T13:25:00+01:00"   // a Monday

    func fill(_ text: String, shift: Int64 = 0) throws -> String {
        try TimePlaceholders.resolve(text, shiftMillis: shift)
    }

    func testEveryFormatInTheOffsetItIsWrittenWith() throws {
        XCTAssertEqual(try fill("{{time:\(paris)|HH:mm}}"), "13:25")
        XCTAssertEqual(try fill("{{time:\(paris)|d MMM}}"), "23 Nov")
        XCTAssertEqual(try fill("{{time:\(paris)|d MMM HH:mm}}"), "23 Nov 13:25")
        XCTAssertEqual(try fill("{{time:\(paris)|EEE d MMM}}"), "Mon 23 Nov")
        XCTAssertEqual(try fill("{{time:\(paris)|EEEE}}"), "Monday")
        XCTAssertEqual(try fill("{{time:\(paris)|M月d日}}"), "11月23日")
        XCTAssertEqual(try fill("{{time:\(paris)|M月d日 HH:mm}}"), "11月23日 13:25")
        XCTAssertEqual(try fill("{{time:\(paris)|周E}}"), "周一")
        // The same instant written in Shanghai time reads as Shanghai time; Z as UTC; +0800 too.
        XCTAssertEqual(try fill("{{time:2026-11-23T20:25:00+08:00|d MMM HH:mm}}"), "23 Nov 20:25")
        XCTAssertEqual(try fill("{{time:2026-11-23T12:25:00Z|HH:mm}}"), "12:25")
        XCTAssertEqual(try fill("{{time:2026-11-23T23:25:00+0800|M月d日 HH:mm}}"), "11月23日 23:25")
        XCTAssertEqual(try fill("{{time:2026-11-23T01:00:00-05:00|d MMM HH:mm}}"), "23 Nov 01:00")
    }

    func testTextAroundAndSeveralPlaceholders() throws {
        let text = "我坐MU554，{{time:\(paris)|M月d日 HH:mm}}起飞，{{time:2026-11-24T07:45:00+08:00|HH:mm}}到上海。"
        XCTAssertEqual(try fill(text), "我坐MU554，11月23日 13:25起飞，07:45到上海。")
    }

    func testTheShiftMovesTheDateAcrossMonthsAndYears() throws {
        // 2026-11-22T08:00+08:00 moved to 2027-03-10T09:00+08:00: 108 days and an hour.
        let shift: Int64 = (108 * 86400 + 3600) * 1000
        XCTAssertEqual(try fill("MU554 {{time:\(paris)|d MMM HH:mm}}, home on {{time:2026-11-24T07:45:00+08:00|EEEE}}", shift: shift),
                       "MU554 11 Mar 14:25, home on Friday")
        XCTAssertEqual(try fill("{{time:2026-12-31T23:30:00+08:00|M月d日 HH:mm}}", shift: 3_600_000), "1月1日 00:30")
        XCTAssertEqual(try fill("{{time:2028-02-28T12:00:00+08:00|d MMM}}", shift: 86_400_000), "29 Feb")
    }

    func testTextWithoutPlaceholdersIsUntouchedAndOtherBracesAreText() throws {
        XCTAssertFalse(TimePlaceholders.mayContain("CA925 延误 { 4h }"))
        XCTAssertEqual(try fill("plain"), "plain")
        XCTAssertEqual(try fill("a {{ b }} c {{name}} {{ 1:2 }}"), "a {{ b }} c {{name}} {{ 1:2 }}")
    }

    func testMalformedPlaceholdersAreErrorsNeverText() {
        func reason(_ text: String) -> String? {
            do { _ = try TimePlaceholders.resolve(text, shiftMillis: 0); return nil } catch { return error.reason }
        }
        XCTAssertEqual(reason("{{time:\(paris)|HH:mm"), "placeholder '{{time:' has no closing '}}'")
        XCTAssertTrue(reason("{{date:\(paris)|HH:mm}}")?.contains("unknown placeholder") == true)
        XCTAssertTrue(reason("{{time:\(paris)}}")?.contains("has no format") == true)
        XCTAssertTrue(reason("{{time:\(paris)|yyyy}}")?.contains("unknown format 'yyyy'") == true)
        XCTAssertTrue(reason("{{time:2026-11-23T13:25:00|HH:mm}}")?.contains("bad time") == true)
        XCTAssertTrue(reason("{{time:tomorrow|HH:mm}}")?.contains("bad time") == true)
    }

    func testImportFieldsFillThemWithTheRecordsShiftAndNameTheFieldOnError() throws {
        let row: [String: Any] = [
            "external_id": "T-1", "created_at": "2026-11-22T08:00:00+08:00", "customer_id": "C-1",
            "subject": "Flying home {{time:\(paris)|d MMM}}", "message": "MU554 at {{time:\(paris)|HH:mm}}",
            "bot_summary": "return {{time:\(paris)|d MMM HH:mm}}",
        ]
        let day: Int64 = 86_400_000
        let record = try TicketRecord.decode(JSONFields(row, timeShiftMillis: day), source: "main")
        XCTAssertEqual(record.ticket.subject, "Flying home 24 Nov")
        XCTAssertEqual(record.firstMessage?.body, "MU554 at 13:25")
        XCTAssertEqual(record.ticket.botSummary, "return 24 Nov 13:25")
        XCTAssertEqual(record.ticket.createdAt, Date(timeIntervalSince1970: 1_795_305_600 + 86_400))

        var bad = row
        bad["bot_summary"] = "return {{time:\(paris)|dd.MM}}"
        XCTAssertThrowsError(try TicketRecord.decode(JSONFields(bad, timeShiftMillis: 0), source: "main")) { error in
            XCTAssertEqual((error as? FieldError)?.field, "bot_summary")
        }
        let message: [String: Any] = ["ticket_id": "T-1", "at": "2026-11-22T08:00:00+08:00", "author": "agent", "body": "{{time:x|HH:mm}}"]
        XCTAssertThrowsError(try MessageRecord.decode(JSONFields(message), source: "main")) { error in
            XCTAssertEqual((error as? FieldError)?.field, "body")
        }
        let order: [String: Any] = ["order_id": "O-1", "customer_id": "C-1", "product": "other", "booked_at": "2026-11-01T10:00:00+08:00",
                                    "events": [["at": "2026-11-22T07:10:00+08:00", "kind": "delayed", "detail": "new departure {{time:2026-11-22T13:10:00+08:00|HH:mm}}"],
                                               ["at": "2026-11-22T07:20:00+08:00", "kind": "changed", "detail": "{{time:2026-11-22|HH:mm}}"]]]
        XCTAssertThrowsError(try OrderRecord.decode(JSONFields(order))) { error in
            XCTAssertEqual((error as? FieldError)?.field, "events[1].detail")
        }
        var good = order
        good["events"] = [["at": "2026-11-22T07:10:00+08:00", "kind": "delayed", "detail": "new departure {{time:2026-11-22T13:10:00+08:00|HH:mm}}"]]
        XCTAssertEqual(try OrderRecord.decode(JSONFields(good, timeShiftMillis: 30 * 60_000)).events.first?.detail, "new departure 13:40")
    }
}
