import XCTest
@testable import TerminalKit

final class TextLayoutTests: XCTestCase {
    func testTruncateBudgetsEllipsisInColumns() {
        XCTAssertEqual(TextLayout.truncate("hello world", to: 8), "hello w…")
        XCTAssertEqual(TextLayout.truncate("hello", to: 5), "hello")
        XCTAssertEqual(TextLayout.truncate("中文测试", to: 8), "中文测试")
        XCTAssertEqual(TextLayout.truncate("中文测试", to: 7), "中文测…")
        // 6 columns: "中文" (4) + "…" (1) = 5; the next wide glyph would straddle, so it is left out.
        XCTAssertEqual(TextLayout.truncate("中文测试", to: 6), "中文…")
        XCTAssertEqual(TextLayout.truncate("中文测试", to: 1), "…")
        XCTAssertEqual(TextLayout.truncate("中文测试", to: 0), "")
        XCTAssertEqual(TextLayout.truncate("ab😀cd", to: 4), "ab…")
        XCTAssertEqual(TextLayout.truncate("👨‍👩‍👧xyz", to: 4), "👨‍👩‍👧x…")
    }

    func testTruncateNeverExceedsWidth() {
        for (_, s) in Fixture.all {
            let safe = SafeText(s).singleLine
            for w in 0...30 {
                XCTAssertLessThanOrEqual(TextLayout.truncate(safe, to: w).displayWidth, w)
            }
        }
    }

    func testFitPads() {
        XCTAssertEqual(TextLayout.fit("中", to: 4), "中  ")
        XCTAssertEqual(TextLayout.fit("中", to: 4, align: .right), "  中")
        XCTAssertEqual(TextLayout.fit("中文测试", to: 6).displayWidth, 6)
    }

    func testWrapLatinAtSpaces() {
        XCTAssertEqual(TextLayout.wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextLayout.wrap("supercalifragilistic", width: 8), ["supercal", "ifragili", "stic"])
        XCTAssertEqual(TextLayout.wrap("", width: 8), [""])
    }

    func testWrapCJKBetweenCharacters() {
        XCTAssertEqual(TextLayout.wrap("中文测试文本", width: 8), ["中文测试", "文本"])
        XCTAssertEqual(TextLayout.wrap("航班 CA1234 延误", width: 10), ["航班", "CA1234 延", "误"])
    }

    func testKinsokuKeepsPunctuationOffLineStart() {
        // "。" would start row 2; the character before it moves down with it.
        XCTAssertEqual(TextLayout.wrap("中文中文。", width: 8), ["中文中", "文。"])
        XCTAssertEqual(TextLayout.wrap("你好，世界", width: 4), ["你", "好，", "世界"])
        // Opening bracket stays with what it opens.
        for row in TextLayout.wrap("请看「说明」文字", width: 6) { XCTAssertFalse(row.hasSuffix("「"), row) }
        for row in TextLayout.wrap(Fixture.chinese, width: 11) {
            XCTAssertFalse(TextLayout.noLineStart.contains(row.first!), row)
        }
    }

    func testWrapRowsFitAndLoseNothing() {
        for (_, s) in Fixture.all {
            let safe = SafeText(s).singleLine
            for w in [1, 2, 3, 7, 20, 80] {
                let rows = TextLayout.wrap(safe, width: w)
                for r in rows { XCTAssertLessThanOrEqual(r.displayWidth, max(w, 2)) }
                XCTAssertEqual(rows.joined().filter { $0 != " " }, safe.filter { $0 != " " })
            }
        }
    }

    func testLayoutSplit() {
        let r = Rect(x: 0, y: 0, width: 100, height: 10)
        XCTAssertEqual(r.split(.horizontal, [.fixed(10), .percent(30), .fill(), .fill(2)]).map(\.width), [10, 30, 20, 40])
        XCTAssertEqual(r.split(.vertical, [.fixed(3), .fill(), .fixed(1)]).map(\.height), [3, 6, 1])
        XCTAssertEqual(r.split(.vertical, [.fixed(8), .fixed(8)]).map(\.height), [8, 2])
        XCTAssertEqual(r.centered(width: 40, height: 4), Rect(x: 30, y: 3, width: 40, height: 4))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 10, height: 10).split(.horizontal, [.fill(), .fill(), .fill()]).map(\.width), [3, 3, 4])
    }
}
