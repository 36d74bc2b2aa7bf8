import XCTest
@testable import TerminalKit

final class SanitizerTests: XCTestCase {
    func testEscapeAndC0ShownInCaretNotation() {
        XCTAssertEqual(SafeText("a\u{1B}[31mb").singleLine, "a^[[31mb")
        XCTAssertEqual(SafeText("\u{0}\u{7}\u{7F}").singleLine, "^@^G^?")
        XCTAssertEqual(SafeText("\u{1B}]52;c;ZXZpbA==\u{07}").singleLine, "^[]52;c;ZXZpbA==^G")
    }

    func testC1AndFormatCharactersShownAsCodePoints() {
        XCTAssertEqual(SafeText("x\u{9B}2Jy").singleLine, "x<U+009B>2Jy")
        XCTAssertEqual(SafeText("\u{202E}cod.exe").singleLine, "<U+202E>cod.exe")
        XCTAssertEqual(SafeText("a\u{2066}b\u{2069}").singleLine, "a<U+2066>b<U+2069>")
        XCTAssertEqual(SafeText("HX\u{200B}88").singleLine, "HX<U+200B>88")
        XCTAssertEqual(SafeText("\u{FEFF}bom").singleLine, "<U+FEFF>bom")
        XCTAssertEqual(SafeText("soft\u{AD}hyphen").singleLine, "soft<U+00AD>hyphen")
        XCTAssertEqual(SafeText("\u{200F}").singleLine, "<U+200F>")
        XCTAssertEqual(SafeText("\u{E0001}x").singleLine, "<U+E0001>x")
    }

    func testTabsExpandToEightColumns() {
        XCTAssertEqual(SafeText("a\tb").singleLine, "a       b")
        XCTAssertEqual(SafeText("中\tb").singleLine, "中      b")
    }

    func testLineBreaks() {
        XCTAssertEqual(SafeText("a\nb\r\nc").lines, ["a", "b", "c"])
        XCTAssertEqual(SafeText("a\rb").lines, ["a^Mb"])
        XCTAssertEqual(SafeText("a\nb").singleLine, "a↵b")
    }

    func testLegitimateTextUntouched() {
        for s in [Fixture.chinese, Fixture.mixed, Fixture.emoji, "🏳️‍🌈", "👨‍👩‍👧‍👦", "ﷺ", "नमस्ते", "café", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"] {
            XCTAssertEqual(SafeText(s).singleLine, s, s)
        }
    }

    /// Joiners and selectors hide a difference between two booking numbers: outside the emoji
    /// sequences and scripts spelled with them, they are shown like the other invisible characters.
    func testJoinersAndSelectorsOutsideEmojiAndJoiningScriptsAreShown() {
        XCTAssertEqual(SafeText("12\u{200D}34").singleLine, "12<U+200D>34")
        XCTAssertEqual(SafeText("MU\u{200C}523").singleLine, "MU<U+200C>523")
        XCTAssertEqual(SafeText("HX8\u{FE0F}8").singleLine, "HX8<U+FE0F>8")
        XCTAssertEqual(SafeText("a\u{34F}b").singleLine, "a<U+034F>b")
        XCTAssertEqual(SafeText("\u{FE0F}x").singleLine, "<U+FE0F>x")
        XCTAssertEqual(SafeText("\u{200D}").singleLine, "<U+200D>")
        XCTAssertEqual(SafeText("K\u{E0101}").singleLine, "K<U+E0101>")
        // Still kept: emoji ZWJ and keycap sequences, text/emoji presentation, CJK ideographic
        // variants, Persian ZWNJ, Devanagari half forms, Mongolian free variation selectors.
        for s in ["👩‍💻", "🏳️‍🌈", "1️⃣", "#️⃣", "©️", "❤︎", "葛\u{E0100}", "ن\u{200C}ه", "क्\u{200D}ष", "ᠠ\u{180B}", "中文汉字"] {
            XCTAssertEqual(SafeText(s).singleLine, s, s.debugDescription)
        }
    }

    func testOrphanMarkGetsBaseAndZalgoIsCapped() {
        XCTAssertEqual(SafeText("\u{301}x").singleLine, "◌\u{301}x")
        let zalgo = "a" + String(repeating: "\u{336}", count: 30)
        XCTAssertEqual(SafeText(zalgo).singleLine.unicodeScalars.count, 1 + Sanitizer.maxMarksPerCluster)
    }

    func testNothingExecutableSurvives() {
        for (_, s) in Fixture.all {
            for line in SafeText(s).lines {
                for u in line.unicodeScalars {
                    XCTAssertFalse(u.value < 0x20 || (0x7F...0x9F).contains(u.value), "control \(u.value) in \(line.prefix(40))")
                    XCTAssertFalse([0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0xFEFF].contains(u.value))
                }
            }
        }
    }

    func testBufferOnlyTakesSanitizedText() {
        var b = Buffer(size: Size(width: 20, height: 1))
        b.put("x\u{1B}[2Jy", x: 0, y: 0)
        XCTAssertEqual(b.rowText(0), "x^[[2Jy             ")
        let literal: SafeText = "\u{1B}c"
        XCTAssertEqual(literal.singleLine, "^[c")
    }
}
