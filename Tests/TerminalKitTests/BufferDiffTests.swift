import XCTest
@testable import TerminalKit

final class BufferDiffTests: XCTestCase {
    func testWideGlyphOccupiesTwoCells() {
        var b = Buffer(size: Size(width: 6, height: 1))
        XCTAssertEqual(b.put("a中b", x: 0, y: 0), 4)
        XCTAssertEqual(b[1, 0].symbol, "中")
        XCTAssertEqual(b[1, 0].width, 2)
        XCTAssertTrue(b[2, 0].isContinuation)
        XCTAssertEqual(b[3, 0].symbol, "b")
        XCTAssertEqual(b.rowText(0), "a中b  ")
    }

    func testWideGlyphNeverSplitAtClipEdge() {
        var b = Buffer(size: Size(width: 5, height: 1))
        b.put("ab中文", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        XCTAssertEqual(b.rowText(0), "ab中 ")
        var c = Buffer(size: Size(width: 3, height: 1))
        c.put("中文", x: 0, y: 0)
        XCTAssertEqual(c.rowText(0), "中 ")
    }

    func testOverwritingHalfAWideGlyphClearsTheOtherHalf() {
        var b = Buffer(size: Size(width: 6, height: 1))
        b.put("中文", x: 0, y: 0)
        b.put("x", x: 1, y: 0)               // right half of 中
        XCTAssertEqual(b.rowText(0), " x文  ")
        b.put("y", x: 2, y: 0)               // left half of 文
        XCTAssertEqual(b.rowText(0), " xy   ")
        for x in 0..<6 { XCTAssertFalse(b[x, 0].isContinuation && (x == 0 || b[x - 1, 0].width != 2)) }
    }

    func testFullDiffWithoutPreviousFrame() {
        var b = Buffer(size: Size(width: 4, height: 2))
        b.put("中a", x: 0, y: 0)
        let d = Buffer.diff(from: nil, to: b)
        XCTAssertEqual(d.count, 7)            // 8 cells minus one covered half
    }

    func testOneLineChangeYieldsOnlyThatLine() {
        let size = Size(width: 200, height: 60)
        var a = Buffer(size: size)
        for y in 0..<60 { a.put(SafeText("第\(y)行 mixed 中文 text 测试"), x: 0, y: y) }
        var b = a
        b.put("改变了 changed", x: 0, y: 30)
        let d = Buffer.diff(from: a, to: b)
        XCTAssertFalse(d.isEmpty)
        XCTAssertTrue(d.allSatisfy { $0.y == 30 })
        XCTAssertLessThanOrEqual(d.count, 20)
        XCTAssertTrue(Buffer.diff(from: b, to: b).isEmpty)
    }

    func testWideToNarrowTransitionsRepaintBothCells() {
        var a = Buffer(size: Size(width: 4, height: 1))
        a.put("中", x: 0, y: 0)
        var b = Buffer(size: Size(width: 4, height: 1))
        b.put("ab", x: 0, y: 0)
        XCTAssertEqual(Buffer.diff(from: a, to: b).map(\.x), [0, 1])
        // Narrow to wide: only the glyph is written, its covered half is implied.
        XCTAssertEqual(Buffer.diff(from: b, to: a).map(\.x), [0])
    }

    func testStyleChangeOnCoveredHalfRepaintsTheGlyph() {
        var a = Buffer(size: Size(width: 4, height: 1))
        a.put("中", x: 0, y: 0)
        var b = a
        b.setStyle(Rect(x: 0, y: 0, width: 1, height: 1), Style(.bold))
        XCTAssertEqual(Buffer.diff(from: a, to: b).map(\.x), [0])
        XCTAssertEqual(b[1, 0].style, Style(.bold))          // the covered half follows its glyph
        var c = b
        c.setStyle(Rect(x: 1, y: 0, width: 1, height: 1), Style(.underline))
        XCTAssertEqual(c[1, 0].style, Style(.bold))
    }

    func testResizeIsFullRepaint() {
        let a = Buffer(size: Size(width: 4, height: 2))
        let b = Buffer(size: Size(width: 5, height: 2))
        XCTAssertEqual(Buffer.diff(from: a, to: b).count, 10)
    }

    func testFillAndStyles() {
        var b = Buffer(size: Size(width: 6, height: 2), theme: .color256)
        b.put("中文字", x: 0, y: 0)
        b.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: Style(.reverse))
        XCTAssertEqual(b.rowText(0), "    字")     // both glyphs cut by the fill go whole
        b.patchStyle(b.area, Style(fg: .red))
        XCTAssertEqual(b[1, 0].style, Style(fg: .red, .reverse))
    }
}
