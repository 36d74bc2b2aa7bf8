import XCTest
import Foundation
import HeatDeskTestSupport

/// Everything the binary prints passes TerminalKit's sanitizer: a path or id holding ESC, BEL or a
/// bidi override is shown (`^[`, `^G`, `<U+202E>`) in every message, never sent to the terminal.
final class TerminalSafeOutputTests: XCTestCase {
    /// A name that retitles the window and rings the bell when echoed raw.
    static let hostile = "x\u{1B}]0;pwned\u{07}\u{202E}y"
    static let shown = "x^[]0;pwned^G<U+202E>y"

    func assertSafe(_ r: HeatDeskBinary.Result, status: Int32, mentions: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.stderr, file: file, line: line)
        for text in [r.stdout, r.stderr] {
            XCTAssertFalse(text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" },
                           "raw control bytes reached the terminal: \(text.debugDescription)", file: file, line: line)
        }
        if mentions { XCTAssertTrue(r.stderr.contains(Self.shown), "the path is named, made visible: \(r.stderr)", file: file, line: line) }
    }

    func testImportErrorsNameHostilePathsVisibly() throws {
        let dir = TemporaryDirectory()
        let missing = dir.file(Self.hostile + ".csv")
        assertSafe(try HeatDeskBinary.run(["import", missing, "--db", dir.file("a.sqlite")]), status: 2)

        let folder = dir.file(Self.hostile)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        assertSafe(try HeatDeskBinary.run(["import", folder, "--db", dir.file("a.sqlite")]), status: 2)

        let badHeader = dir.write(Self.hostile + "-bad.csv", "nothing,we,know\n1,2,3\n")
        assertSafe(try HeatDeskBinary.run(["import", badHeader, "--db", dir.file("a.sqlite")]), status: 2)

        let good = dir.write("tickets.csv", ImportFixtures.csv([ImportFixtures.ticket("HD-1", ["order_ids": ""])]))
        let rejects = dir.file(Self.hostile + "/no/such/folder/rejects.csv")
        assertSafe(try HeatDeskBinary.run(["import", good, "--db", dir.file("a.sqlite"), "--rejects", rejects]), status: 2)
    }

    func testDatabaseTargetsAndReplyFileErrorsNameHostilePathsVisibly() throws {
        let dir = TemporaryDirectory()
        assertSafe(try HeatDeskBinary.run(["queue", "--db", dir.file(Self.hostile + ".sqlite")]), status: 2)
        assertSafe(try HeatDeskBinary.run(["demo", "--db", dir.file(Self.hostile + "/d.sqlite")]), status: 2)

        let db = dir.file("demo.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
        assertSafe(try HeatDeskBinary.run(["stats", "--db", db, "--targets", dir.file(Self.hostile)]), status: 2)
        assertSafe(try HeatDeskBinary.run(["reply", "HD-000001", "--agent", "AG-002", "--db", db, "--file", dir.file(Self.hostile)]), status: 2)
        // Ids and argument errors quote what was typed.
        assertSafe(try HeatDeskBinary.run(["claim", Self.hostile, "--agent", "AG-002", "--db", db]), status: 2)
        assertSafe(try HeatDeskBinary.run(["show", Self.hostile, "--db", db]), status: 2)
        assertSafe(try HeatDeskBinary.run(["queue", "--db", db, "--status", Self.hostile]), status: 2)
        assertSafe(try HeatDeskBinary.run(["queue", "--db", db, Self.hostile]), status: 2)
    }

    func testJSONKeepsTheDataWholeButEscaped() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("demo.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
        let text = "bidi \u{202E}txt.exe, C1 \u{9B}31m, DEL \u{7F}, ok 🏳️‍🌈"
        let claimed = try HeatDeskBinary.run(["claim-next", "--agent", "AG-002", "--db", db, "--json"])
        let ticket = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(claimed.stdout.utf8)) as? [String: Any])?["ticket"] as? String)
        XCTAssertEqual(try HeatDeskBinary.run(["reply", ticket, "--agent", "AG-002", "--db", db, "--text", text]).status, 0)

        let json = try HeatDeskBinary.run(["show", ticket, "--json", "--db", db])
        assertSafe(json, status: 0, mentions: false)
        XCTAssertFalse(json.stdout.unicodeScalars.contains { $0 == "\u{9B}" || $0 == "\u{7F}" }, json.stdout)
        XCTAssertTrue(json.stdout.contains(#"\u202e"#), json.stdout)
        let detail = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let bodies = (detail["messages"] as? [[String: Any]] ?? []).compactMap { $0["body"] as? String }
        XCTAssertTrue(bodies.contains(text), "a JSON reader gets the text back as it was: \(bodies)")

        let plain = try HeatDeskBinary.run(["show", ticket, "--db", db])
        assertSafe(plain, status: 0, mentions: false)
        XCTAssertTrue(plain.stdout.contains("bidi <U+202E>txt.exe, C1 <U+009B>31m, DEL ^?, ok 🏳️‍🌈"), plain.stdout)
    }

    func testTemplatesRenderShowsZeroWidthCharactersInFilledValues() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("demo.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
        let r = try HeatDeskBinary.run(["templates", "render", "flight-delay.zh", "--ticket", "HD-000042", "--db", db,
                                        "--set", "新的起飞时间=13\u{200D}10 x\u{200B}y"])
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0 == "\u{200D}" || $0 == "\u{200B}" }, r.stdout)
        XCTAssertTrue(r.stdout.contains("13<U+200D>10 x<U+200B>y"), r.stdout)
    }
}
