import Foundation
import TerminalKit
import TerminalTestSupport
import XCTest

/// Runs the real ncurses backend (terminal-demo) in a detached tmux at a fixed size and reads the
/// screen back with capture-pane: CJK text must sit in the columns the toolkit computed, and a
/// resize must redraw at the new size.
final class TmuxEndToEndTests: XCTestCase {
    var socket = "heatdesk-e2e-\(getpid())"
    var tmux = ""

    override func setUpWithError() throws {
        guard let t = Spawn.which("tmux") else { throw XCTSkip("tmux is not installed: the end-to-end terminal test needs it (apt-get install tmux)") }
        tmux = t
    }

    override func tearDown() {
        _ = Spawn.run([tmux, "-L", socket, "kill-server"])
    }

    /// The demo sits next to the test bundle in the build directory (`swift build --build-tests`
    /// builds it as a product of the package).
    static func demoBinary() -> String? {
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 { candidates.append(dir.appendingPathComponent("terminal-demo")); dir.deleteLastPathComponent() }
        dir = exe.deletingLastPathComponent()
        for _ in 0..<4 { candidates.append(dir.appendingPathComponent("terminal-demo")); dir.deleteLastPathComponent() }
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("terminal-demo")) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/terminal-demo"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func capture() -> [String] {
        Spawn.run([tmux, "-L", socket, "capture-pane", "-p", "-t", "demo"]).output.components(separatedBy: "\n")
    }

    /// Waits (up to 10 s) until the screen contains `marker`.
    func waitFor(_ marker: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let deadline = Date().addingTimeInterval(10)
        var screen: [String] = []
        while Date() < deadline {
            screen = capture()
            if screen.contains(where: { $0.contains(marker) }) { return screen }
            usleep(100_000)
        }
        XCTFail("\(marker) never appeared; screen:\n" + screen.joined(separator: "\n"), file: file, line: line)
        return screen
    }

    /// The display column where `needle` starts in `line`, counting with the toolkit's widths.
    func column(of needle: String, in line: String) -> Int? {
        guard let r = line.range(of: needle) else { return nil }
        return line[..<r.lowerBound].displayWidth
    }

    func testCJKColumnsResizeAndQuit() throws {
        guard let demo = Self.demoBinary() else {
            XCTFail("terminal-demo not found next to the tests; build with `swift build --build-tests`")
            return
        }
        let start = Spawn.run([tmux, "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-s", "demo",
                         "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color \(demo)"])
        XCTAssertEqual(start.status, 0, start.output)

        var screen = waitFor("size=80x24")
        XCTAssertEqual(column(of: "列:中文对齐测试", in: screen[2]), 10)
        XCTAssertEqual(column(of: "|", in: screen[2]), 30)
        XCTAssertEqual(column(of: "size=", in: screen[2]), 40)
        XCTAssertEqual(column(of: "END", in: screen[2]), 77)
        // Table: after 8 + 1 columns of ID, the customer column; the status column is right-most.
        let row1 = try XCTUnwrap(screen.first { $0.hasPrefix("T-1001") })
        XCTAssertEqual(column(of: "王小明", in: row1), 9)
        XCTAssertEqual(column(of: "航班延误", in: row1), 24)
        XCTAssertEqual(column(of: "待办", in: row1), 74)
        let row3 = try XCTUnwrap(screen.first { $0.hasPrefix("T-1003") })
        XCTAssertEqual(column(of: "OK", in: row3), 74, "an emoji in the row must not shift what follows")
        let row5 = try XCTUnwrap(screen.first { $0.hasPrefix("T-1005") })
        XCTAssertEqual(column(of: "超时", in: row5), 74)
        // Hostile text arrives visible, not executed.
        let hostile = try XCTUnwrap(screen.first { $0.hasPrefix("T-1004") })
        XCTAssertTrue(hostile.contains("^[]0;pwned^G"), hostile)
        XCTAssertTrue(hostile.contains("<U+202E>txt.exe"), hostile)
        XCTAssertTrue(screen.contains { $0.contains("^[[31mred^[[0m") })
        XCTAssertEqual(column(of: "80x24", in: screen[22]), 75)
        XCTAssertTrue(screen[23].hasPrefix("q Quit"))

        // Selection moves with keys and repaints only what changed (visible as the new row).
        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "demo", "Tab"])
        screen = waitFor("size=80x24")

        Spawn.run([tmux, "-L", socket, "resize-window", "-t", "demo", "-x", "100", "-y", "30"])
        screen = waitFor("size=100x30")
        XCTAssertEqual(column(of: "END", in: screen[2]), 97)
        XCTAssertEqual(column(of: "列:中文对齐测试", in: screen[2]), 10)
        let wide = try XCTUnwrap(screen.first { $0.hasPrefix("T-1001") })
        XCTAssertEqual(column(of: "待办", in: wide), 94)
        XCTAssertEqual(column(of: "100x30", in: screen[28]), 94)
        XCTAssertFalse(screen.contains { $0.contains("size=80x24") }, "stale text from the old size")

        Spawn.run([tmux, "-L", socket, "resize-window", "-t", "demo", "-x", "30", "-y", "8"])
        screen = waitFor("Terminal too small")
        XCTAssertTrue(screen.contains { $0.contains("30x8, need 40x12") })

        Spawn.run([tmux, "-L", socket, "resize-window", "-t", "demo", "-x", "80", "-y", "24"])
        screen = waitFor("size=80x24")
        XCTAssertEqual(column(of: "待办", in: try XCTUnwrap(screen.first { $0.hasPrefix("T-1001") })), 74)

        Spawn.run([tmux, "-L", socket, "send-keys", "-t", "demo", "q"])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline && Spawn.run([tmux, "-L", socket, "has-session", "-t", "demo"]).status == 0 { usleep(100_000) }
        XCTAssertNotEqual(Spawn.run([tmux, "-L", socket, "has-session", "-t", "demo"]).status, 0, "q did not quit the demo")
    }
}
