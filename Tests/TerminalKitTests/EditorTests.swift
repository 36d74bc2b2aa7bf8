import XCTest
@testable import TerminalKit

final class EditorTests: XCTestCase {
    let size = Size(width: 10, height: 4)

    func type(_ e: inout EditorState, _ s: String) { for c in s { e.handle(KeyEvent(.char(c)), size: size) } }

    func testInsertAndDeleteOverWideCharacters() {
        var e = EditorState()
        type(&e, "a中b")
        XCTAssertEqual(e.text, "a中b")
        e.handle(KeyEvent(.left), size: size)
        e.handle(KeyEvent(.backspace), size: size)      // deletes 中 whole
        XCTAssertEqual(e.text, "ab")
        XCTAssertEqual(e.cursor, EditorPosition(line: 0, column: 1))
        type(&e, "👨‍👩‍👧")
        XCTAssertEqual(e.text, "a👨‍👩‍👧b")
        e.handle(KeyEvent(.left), size: size)
        e.handle(KeyEvent(.delete), size: size)
        XCTAssertEqual(e.text, "ab")
    }

    func testNewlinesJoinAndSplit() {
        var e = EditorState(text: "第一行\n第二行")
        XCTAssertEqual(e.lines.count, 2)
        e.handle(KeyEvent(.home), size: size)
        e.handle(KeyEvent(.backspace), size: size)
        XCTAssertEqual(e.text, "第一行第二行")
        e.handle(KeyEvent(.enter), size: size)
        XCTAssertEqual(e.text, "第一行\n第二行")
    }

    func testPasteLongUTF8IsSanitized() {
        var e = EditorState()
        let long = String(repeating: "粘贴文本 paste ", count: 1000) + "\u{1B}[2J\nend"
        e.insert(long)
        XCTAssertEqual(e.lines.count, 2)
        XCTAssertTrue(e.lines[0].suffix(5).elementsEqual("^[[2J"))
        XCTAssertEqual(e.cursor, EditorPosition(line: 1, column: 3))
        // Drawing a 13,000-character line stays within the area.
        var b = Buffer(size: Size(width: 20, height: 5))
        b.render(TextEditor(e), in: b.area)
        XCTAssertEqual(b.cursor, Point(x: 3, y: 4))
    }

    func testWrapAndVerticalMovementByRows() {
        var e = EditorState(text: "中文中文中文中文")   // 16 columns: two rows at width 10
        XCTAssertEqual(e.visualRows(width: 10).map(\.range), [0..<5, 5..<8])
        e.moveToStart()
        e.moveRight(); e.moveRight()                      // x = 4
        e.moveVertically(by: 1, width: 10)
        XCTAssertEqual(e.cursor.column, 7)                // row 2 starts at 5, x 4 → 2 glyphs in
        e.moveVertically(by: -1, width: 10)
        XCTAssertEqual(e.cursor.column, 2)
        var w = EditorState(text: "hello brave new world")
        XCTAssertEqual(w.visualRows(width: 10).map(\.range), [0..<6, 6..<16, 16..<21])
        w.moveToStart()
        w.handle(KeyEvent(.end), size: size)
        XCTAssertEqual(w.cursor.column, 5)                // end of the first row, before the break
    }

    func testWordMovementAndKill() {
        var e = EditorState(text: "hello world 你好")
        e.moveToLineStart()
        e.moveWordRight()
        XCTAssertEqual(e.cursor.column, 5)
        e.handle(.ctrl("k"), size: size)
        XCTAssertEqual(e.text, "hello")
        XCTAssertFalse(e.handle(KeyEvent(.escape), size: size))
        XCTAssertFalse(e.handle(KeyEvent(.tab), size: size))
    }
}
