import XCTest
@testable import HeatDeskSync

/// The batch-line reader gives what JSONSerialization gives, and refuses what it refuses.
final class LineJSONTests: XCTestCase {
    func same(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let ours = LineJSON.object(ArraySlice(Array(text.utf8)))
        let theirs = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual(ours.map { NSDictionary(dictionary: $0) }, theirs.map { NSDictionary(dictionary: $0) }, text, file: file, line: line)
    }

    func testValuesMatchFoundation() {
        same(#"{"a":1,"b":-42,"c":3.5,"d":-1e3,"e":true,"f":false,"g":null,"h":"x","i":[1,"two",[3],{"k":"v"}],"j":{},"l":[]}"#)
        same(#"{"zh":"航班延误，酒店怎么办？","emoji":"🧳✈️","esc":"a\"b\\c\/d\n\t\r\b\f","u":"\u00e9\u4e2d\ud83d\ude00"}"#)
        same(#" { "spaced" : [ 1 , 2 ] , "n" : 9007199254740993 } "#)
        same(#"{"big":123456789012345678901234567890}"#)
        same(#"{"payload":{"source":"main","ticket_id":"HD-1","epoch":3,"agent_id":"AG-002"}}"#)
    }

    func testRefusesWhatIsNotAnObjectOrNotJSON() {
        for bad in [#"[1,2]"#, #"{"a":}"#, #"{"a":1"#, #"{"a":"unterminated}"#, #"{"a":tru}"#, #"{"a":1}x"#, "{\"a\":\"ctrl\u{1}\"}",
                    #"{"a":"\ud83d"}"#, #"{"a":"\q"}"#, #"{a:1}"#, ""] {
            XCTAssertNil(LineJSON.object(ArraySlice(Array(bad.utf8))), bad)
        }
    }

    /// Found by heatdesk-fuzz: numbers were read by a lax scanner, so `"hlc":0000000` in a
    /// batch was taken as 0 where JSONSerialization (and RFC 8259) refuse the line. And an integer
    /// of 19 digits went through a double (issue 16: 2^63-1 came back as -2^63).
    func testNumbersFollowTheGrammarAndIntegersStayExact() {
        for bad in [#"{"a":0000000}"#, #"{"a":01}"#, #"{"a":-01}"#, #"{"a":.5}"#, #"{"a":-.5}"#, #"{"a":1.}"#, #"{"a":1e}"#, #"{"a":1e+}"#,
                    #"{"a":+1}"#, #"{"a":1.5.2}"#, #"{"a":-}"#, #"{"a":1-2}"#] {
            XCTAssertNil(LineJSON.object(ArraySlice(Array(bad.utf8))), bad)
            XCTAssertNil(try? JSONSerialization.jsonObject(with: Data(bad.utf8)), "Foundation refuses \(bad) too")
        }
        same(#"{"a":0,"b":-0,"c":0.5,"d":-0.5e-3,"e":10E+2,"f":1e5,"g":120}"#)
        let max = LineJSON.object(ArraySlice(Array(#"{"max":9223372036854775807,"min":-9223372036854775808}"#.utf8)))
        XCTAssertEqual((max?["max"] as? NSNumber)?.int64Value, Int64.max)
        XCTAssertEqual((max?["min"] as? NSNumber)?.int64Value, Int64.min)
    }

    /// Found by heatdesk-fuzz: invalid UTF-8 inside a string was read with U+FFFD in its place
    /// (JSONSerialization refuses the line), so a batch whose bytes were damaged under a valid
    /// checksum was applied with altered text.
    func testRefusesInvalidUTF8InStringsAsFoundationDoes() {
        let lines: [[UInt8]] = [
            Array(#"{"a":"2"#.utf8) + [0xB0] + Array(#"26"}"#.utf8),
            Array(#"{"a":"x\n"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),   // a surrogate, after an escape
            Array(#"{""#.utf8) + [0xC0, 0xAF] + Array(#"k":1}"#.utf8),                  // in a key
            Array(#"{"a":""#.utf8) + [0xE4, 0xB8] + Array(#""}"#.utf8),                 // cut short
        ]
        for line in lines {
            XCTAssertNil(try? JSONSerialization.jsonObject(with: Data(line)), "\(line)")
            XCTAssertNil(LineJSON.object(ArraySlice(line)), "\(line)")
        }
        XCTAssertEqual(LineJSON.object(ArraySlice(Array(#"{"a":"台北\n🧳"}"#.utf8)))?["a"] as? String, "台北\n🧳")
    }
}
