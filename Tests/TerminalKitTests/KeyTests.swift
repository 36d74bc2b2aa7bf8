import XCTest
@testable import TerminalKit

final class KeyTests: XCTestCase {
    func keys(_ bytes: [UInt8], flush: Bool = true) -> [Event] {
        var d = InputDecoder()
        var out = d.feed(bytes: bytes)
        if flush { out += d.flush() }
        return out
    }
    func keys(_ s: String) -> [Event] { keys(Array(s.utf8)) }

    func testPrintableAndMultiByteCJK() {
        XCTAssertEqual(keys("a中😀"), [.key(.char("a")), .key(.char("中")), .key(.char("😀"))])
        // A character split across reads decodes once complete.
        var d = InputDecoder()
        let bytes = Array("中".utf8)
        XCTAssertEqual(d.feed(bytes: bytes[0..<2]), [])
        XCTAssertEqual(d.feed(bytes: bytes[2...]), [.key(.char("中"))])
        XCTAssertEqual(keys([0xFF]), [.key(.char("\u{FFFD}"))])
    }

    func testControlKeys() {
        XCTAssertEqual(keys([0x01, 0x0D, 0x09, 0x7F, 0x08, 0x00]), [
            .key(.ctrl("a")), .key(KeyEvent(.enter)), .key(KeyEvent(.tab)), .key(KeyEvent(.backspace)),
            .key(KeyEvent(.backspace)), .key(KeyEvent(.char(" "), .ctrl)),
        ])
    }

    func testEscapeAloneWithoutDelay() {
        XCTAssertEqual(keys("\u{1B}"), [.key(KeyEvent(.escape))])
        var d = InputDecoder()
        XCTAssertEqual(d.feed(bytes: [0x1B]), [])      // waits only until the input goes quiet
        XCTAssertEqual(d.flush(), [.key(KeyEvent(.escape))])
    }

    func testAltCombos() {
        XCTAssertEqual(keys("\u{1B}x"), [.key(.alt("x"))])
        XCTAssertEqual(keys("\u{1B}中"), [.key(.alt("中"))])
        XCTAssertEqual(keys("\u{1B}\u{01}"), [.key(KeyEvent(.char("a"), [.ctrl, .alt]))])
    }

    func testArrowsHomeEndPagesFunctionKeys() {
        XCTAssertEqual(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D"), [.key(KeyEvent(.up)), .key(KeyEvent(.down)), .key(KeyEvent(.right)), .key(KeyEvent(.left))])
        XCTAssertEqual(keys("\u{1B}OA\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~"), [.key(KeyEvent(.up)), .key(KeyEvent(.home)), .key(KeyEvent(.end)), .key(KeyEvent(.home)), .key(KeyEvent(.end))])
        XCTAssertEqual(keys("\u{1B}[5~\u{1B}[6~\u{1B}[3~"), [.key(KeyEvent(.pageUp)), .key(KeyEvent(.pageDown)), .key(KeyEvent(.delete))])
        XCTAssertEqual(keys("\u{1B}OP\u{1B}[15~\u{1B}[24~"), [.key(KeyEvent(.function(1))), .key(KeyEvent(.function(5))), .key(KeyEvent(.function(12)))])
        XCTAssertEqual(keys("\u{1B}[Z"), [.key(KeyEvent(.tab, .shift))])
        XCTAssertEqual(keys("\u{1B}[1;5C\u{1B}[1;3A"), [.key(KeyEvent(.right, .ctrl)), .key(KeyEvent(.up, .alt))])
    }

    func testBracketedPaste() {
        XCTAssertEqual(keys("\u{1B}[200~第一行\r第二行 \u{1B}[31m\u{1B}[201~x"), [.paste("第一行\n第二行 \u{1B}[31m"), .key(.char("x"))])
    }

    func testUnknownSequencesAreDroppedNotTyped() {
        XCTAssertEqual(keys("\u{1B}[99q"), [])
    }

    func testBindingNotation() {
        XCTAssertEqual(KeyEvent("C-a"), .ctrl("a"))
        XCTAssertEqual(KeyEvent("M-x"), .alt("x"))
        XCTAssertEqual(KeyEvent("S-Tab"), KeyEvent(.tab, .shift))
        XCTAssertEqual(KeyEvent("PgDn"), KeyEvent(.pageDown))
        XCTAssertEqual(KeyEvent("F10"), KeyEvent(.function(10)))
        XCTAssertEqual(KeyEvent("Space"), KeyEvent(.char(" ")))
        XCTAssertEqual(KeyEvent("-"), KeyEvent(.char("-")))
        XCTAssertNil(KeyEvent(parsing: "X-q"))
        XCTAssertEqual(KeyEvent.ctrl("a").description, "^A")
        XCTAssertEqual(KeyEvent(.up).description, "↑")
        XCTAssertEqual(KeyEvent(.tab, .shift).description, "S-Tab")
    }

    enum A: Hashable, Sendable { case quit, claim, up, send }

    func testBindingTableContextsAndHelp() {
        let t = KeyBindingTable<A>([
            KeyBinding("q", .quit, help: "Quit"),
            KeyBinding(["Up", "k"], .up, help: "Up"),
            KeyBinding("c", .claim, help: "Claim", context: "queue"),
            KeyBinding("C-s", .send, help: "Send", context: "compose"),
            KeyBinding("q", .send, help: "Send", context: "compose", inHelpBar: false),
        ])
        XCTAssertEqual(t.action(for: "c", in: "queue"), .claim)
        XCTAssertNil(t.action(for: "c", in: "compose"))
        XCTAssertEqual(t.action(for: "q", in: "queue"), .quit)
        XCTAssertEqual(t.action(for: "q", in: "compose"), .send)     // context shadows global
        XCTAssertEqual(t.action(for: "k", in: "queue"), .up)
        XCTAssertEqual(t.helpItems(in: "queue").map(\.keys), ["c", "q", "↑/k"])
        XCTAssertEqual(t.helpItems(in: "compose").map(\.keys), ["^S", "↑/k"])
        XCTAssertEqual(t.contexts, [.global, "queue", "compose"])
    }
}
