import XCTest
@testable import HeatDeskImport

final class CSVParserTests: XCTestCase {
    /// Parses `bytes` fed in chunks of `chunk` bytes, returning (line, fields, problem) per record.
    private func parse(_ text: String, chunk: Int = 1 << 20) -> [(Int, [String], String?)] {
        parse(bytes: Array(text.utf8), chunk: chunk)
    }

    private func parse(bytes: [UInt8], chunk: Int = 1 << 20) -> [(Int, [String], String?)] {
        let parser = CSVParser()
        var out: [(Int, [String], String?)] = []
        let emit: (inout CSVRecord) -> Void = { r in
            out.append((r.line, (0..<r.count).map { String(decoding: r.field($0), as: UTF8.self) }, r.problem))
        }
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + chunk)
            bytes[i..<end].withUnsafeBufferPointer { parser.feed($0, emit) }
            i = end
        }
        parser.finish(emit)
        return out
    }

    func testQuotedCommasQuotesAndNewlinesKeepLineNumbers() {
        let rows = parse("a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,q,r\n")
        XCTAssertEqual(rows.map(\.0), [1, 2, 3, 5])
        XCTAssertEqual(rows[1].1, ["1", "x, y", "he said \"hi\""])
        XCTAssertEqual(rows[2].1, ["2", "two\nlines", "z"])
        XCTAssertEqual(rows[3].1, ["3", "q", "r"])
        XCTAssertTrue(rows.allSatisfy { $0.2 == nil })
    }

    func testCRLFBOMMissingFinalNewlineAndBlankLines() {
        let rows = parse("\u{FEFF}id,name\r\n1,王丽娜\r\n\r\n2,\"Li\r\nNa\"\r\n3,end")
        XCTAssertEqual(rows.map(\.1), [["id", "name"], ["1", "王丽娜"], ["2", "Li\r\nNa"], ["3", "end"]])
        XCTAssertEqual(rows.map(\.0), [1, 2, 4, 6])
    }

    func testEmptyFieldsAndTrailingComma() {
        let rows = parse("a,b,c\n,,\n1,,\n\"\",x,\n")
        XCTAssertEqual(rows[1].1, ["", "", ""])
        XCTAssertEqual(rows[2].1, ["1", "", ""])
        XCTAssertEqual(rows[3].1, ["", "x", ""])
    }

    func testChunkBoundariesDoNotChangeTheResult() {
        let text = "\u{FEFF}h1,h2\r\n\"a,\"\"b\"\"\",航班延误\r\n\"multi\nline\",x\n"
        let whole = parse(text)
        for chunk in [1, 2, 3, 5, 7] {
            let split = parse(text, chunk: chunk)
            XCTAssertEqual(split.map(\.1), whole.map(\.1), "chunk \(chunk)")
            XCTAssertEqual(split.map(\.0), whole.map(\.0), "chunk \(chunk)")
        }
    }

    func testStructuralProblemsAreReportedNotSwallowed() {
        let rows = parse("a,b\n1,x\"y\n2,\"ok\"junk\n3,\"never closed\n4,z\n")
        XCTAssertEqual(rows[1].2?.contains("stray quote"), true)
        XCTAssertEqual(rows[2].2?.contains("text after the closing quote"), true)
        XCTAssertEqual(rows.last?.2?.contains("unterminated quoted field"), true)
        XCTAssertEqual(rows.last?.0, 4)
    }

    /// Found by heatdesk-fuzz: input that ended inside a would-be BOM lost those bytes.
    func testInputEndingInsideABOMKeepsItsBytes() {
        for chunk in [1, 2, 8] {
            XCTAssertEqual(parse(bytes: [0xEF, 0xBB], chunk: chunk).map { $0.1 }, [[String(decoding: [0xEF, 0xBB] as [UInt8], as: UTF8.self)]])
            XCTAssertEqual(parse(bytes: [0xEF], chunk: chunk).count, 1)
            XCTAssertEqual(parse(bytes: [0xEF, 0xBB, 0xBF], chunk: chunk).count, 0, "a BOM alone is an empty file")
        }
    }

    func testLoneCREndsARecord() {
        XCTAssertEqual(parse("a,b\r1,2\r").map(\.1), [["a", "b"], ["1", "2"]])
    }

    func testHeaderRejectsDuplicates() throws {
        let parser = CSVParser()
        var header: CSVRecord?
        Array("a,b,A\n".utf8).withUnsafeBufferPointer { parser.feed($0) { r in header = r } }
        XCTAssertThrowsError(try CSVHeader(header!)) { XCTAssertEqual("\($0)", "the header names column 'a' twice") }
    }

    func testUTF8ValidationFindsTheOffset() {
        XCTAssertNil(UTF8Validation.firstInvalidOffset(Array("航班 ok".utf8)))
        XCTAssertEqual(UTF8Validation.firstInvalidOffset([0x41, 0x42, 0xC3, 0x28]), 2)
        XCTAssertEqual(UTF8Validation.firstInvalidOffset([0xE8, 0x88]), 0)
        XCTAssertEqual(UTF8Validation.firstInvalidOffset([0x41, 0xED, 0xA0, 0x80]), 1) // surrogate
    }
}
