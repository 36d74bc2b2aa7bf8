import XCTest
@testable import HeatDeskCore

final class TimestampTests: XCTestCase {
    func testParsesOffsetsToTheSameInstant() throws {
        let a = try Timestamp.parse("2026-11-22T08:30:00+08:00")
        let b = try Timestamp.parse("2026-11-22T00:30:00Z")
        let c = try Timestamp.parse("2026-11-21 19:30-05:00")
        XCTAssertEqual(a, b)
        XCTAssertEqual(b, c)
        XCTAssertEqual(Timestamp.format(b), "2026-11-22T00:30:00Z")
    }

    func testFractionAndLeapDay() throws {
        let d = try Timestamp.parse("2024-02-29T23:59:59.250Z")
        XCTAssertEqual(d.millis % 1000, 250)
        XCTAssertEqual(Timestamp.format(d), "2024-02-29T23:59:59.250Z")
    }

    func testMatchesFoundation() throws {
        let f = ISO8601DateFormatter()
        for text in ["1999-12-31T23:59:59Z", "2026-03-01T00:00:00Z", "2100-02-28T12:00:00Z", "1970-01-01T00:00:00Z"] {
            XCTAssertEqual(try Timestamp.parse(text), f.date(from: text), text)
        }
    }

    func testRejectionsNameTheReason() {
        let cases: [(String, String)] = [
            ("2026-02-30T00:00:00Z", "day 30 does not exist"),
            ("2026-13-01T00:00:00Z", "month 13 is out of range"),
            ("2026-11-22", "a time with an offset is required"),
            ("2026-11-22T08:30:00", "missing UTC offset"),
            ("2026-11-22T25:00:00Z", "out of range"),
            ("yesterday", "expected a digit in the year"),
            ("", "empty"),
            ("2026-11-22T08:30:00Zjunk", "unexpected text after the offset"),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try Timestamp.parse(text), text) { error in
                XCTAssertTrue((error as? Timestamp.ParseError)?.reason.contains(reason) == true, "\(text): \(error)")
            }
        }
    }
}

final class TimestampFormattingTests: XCTestCase {
    func testByteFormatterMatchesTheStringOne() throws {
        for text in ["2026-11-22T00:30:00Z", "1999-12-31T23:59:59.005Z", "2024-02-29T12:07:09.250Z", "1970-01-01T00:00:00Z"] {
            let ms = try Timestamp.parse(text).millis
            var bytes: [UInt8] = []
            Timestamp.append(millis: ms, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), text)
            XCTAssertEqual(Timestamp.format(millis: ms), text)
        }
    }

    func testJSONWriterEscapesControlsAndQuotes() throws {
        var w = JSONWriter()
        w.beginObject(); w.field("a", "x\"y\\z\n\u{1B}[2J航"); w.field("n", 3); w.field("skip", nil as String?)
        w.field("l", strings: ["p", "q"]); w.field("t", timestamp: 0); w.endObject()
        XCTAssertEqual(w.text, #"{"a":"x\"y\\z\n\u001b[2J航","n":3,"l":["p","q"],"t":"1970-01-01T00:00:00Z"}"#)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(w.bytes)))
    }

    func testLocalFormattingNamesTheOffset() throws {
        let d = try Timestamp.parse("2026-11-22T00:30:59Z")
        XCTAssertEqual(Timestamp.formatLocal(d, timeZone: TimeZone(identifier: "Asia/Shanghai")!), "2026-11-22 08:30 +08:00")
        XCTAssertEqual(Timestamp.formatLocal(d, timeZone: TimeZone(identifier: "America/New_York")!), "2026-11-21 19:30 -05:00")
    }
}
