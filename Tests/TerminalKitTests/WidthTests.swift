import XCTest
@testable import TerminalKit

final class WidthTests: XCTestCase {
    func testASCIIAndControls() {
        XCTAssertEqual(DisplayWidth.of("a" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("\u{1B}" as Character), 0)
        XCTAssertEqual("hello".displayWidth, 5)
    }

    func testCJKAndFullwidthTakeTwo() {
        XCTAssertEqual("中文".displayWidth, 4)
        XCTAssertEqual("，。".displayWidth, 4)
        XCTAssertEqual("ＡＢＣ".displayWidth, 6)
        XCTAssertEqual("한국어".displayWidth, 6)
        XCTAssertEqual("カタカナ".displayWidth, 8)
        XCTAssertEqual("ｶﾀｶﾅ".displayWidth, 4)   // halfwidth katakana stay narrow
        XCTAssertEqual("𠀀".displayWidth, 2)      // plane 2 ideograph
    }

    func testCombiningAndJoinersAddNothing() {
        XCTAssertEqual("e\u{301}".displayWidth, 1)
        XCTAssertEqual("cafe\u{301}".displayWidth, 4)
        XCTAssertEqual("a\u{200D}b".displayWidth, 2)
        XCTAssertEqual("\u{1100}\u{1161}\u{11A8}".displayWidth, 2)   // Hangul jamo syllable
    }

    func testEmojiSequencesAsTerminalsDrawThem() {
        XCTAssertEqual("😀".displayWidth, 2)
        XCTAssertEqual("👨‍👩‍👧".displayWidth, 2)     // ZWJ family is one glyph
        XCTAssertEqual("👍🏽".displayWidth, 2)          // skin tone modifier
        XCTAssertEqual("🇨🇳".displayWidth, 2)          // flag
        XCTAssertEqual("❤️".displayWidth, 2)           // text-default emoji with VS16
        XCTAssertEqual("❤".displayWidth, 1)
        XCTAssertEqual("1️⃣".displayWidth, 2)           // keycap
        XCTAssertEqual("✅".displayWidth, 2)
    }

    func testNeverStringCount() {
        let s = "王小明 Wang"
        XCTAssertEqual(s.count, 8)
        XCTAssertEqual(s.displayWidth, 11)
    }
}
