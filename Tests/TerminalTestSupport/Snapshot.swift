import Foundation
import XCTest
import TerminalKit

/// Text snapshots of buffers: the grid as a terminal shows it, then the style runs. Shared by
/// every test target that draws screens; each keeps its files in `__Snapshots__` beside the test
/// that asserts. Record with `HEATDESK_RECORD_SNAPSHOTS=1 swift test --filter TARGET`.
public enum Snapshot {
    public static var recording: Bool { ProcessInfo.processInfo.environment["HEATDESK_RECORD_SNAPSHOTS"] == "1" }

    /// `__Snapshots__` in the folder of the test file `file`.
    static func directory(for file: StaticString) -> URL {
        URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    }

    /// Row text framed by `|` (so trailing blanks show), wide glyphs as themselves.
    public static func grid(_ b: Buffer) -> String {
        (0..<b.size.height).map { "|" + b.rowText($0) + "|" }.joined(separator: "\n")
    }

    /// `row: from-to style` for every run of non-plain style; the cursor when set.
    public static func styles(_ b: Buffer) -> String {
        var out: [String] = []
        for y in 0..<b.size.height {
            var x = 0
            while x < b.size.width {
                let s = b[x, y].style
                var e = x
                while e + 1 < b.size.width && b[e + 1, y].style == s { e += 1 }
                if s != .plain { out.append(String(format: "%3d: %3d-%-3d %@", y, x, e, s.description)) }
                x = e + 1
            }
        }
        if let c = b.cursor { out.append("cursor: \(c.x),\(c.y)") }
        return out.joined(separator: "\n")
    }

    /// Renders the scene in color (256) and monochrome; the grids must agree, and the file holds
    /// the grid once and both style listings.
    public static func document(_ name: String, size: Size, _ scene: (Theme, Size) -> Buffer) -> (String, Bool) {
        let color = scene(Theme(mode: .colors256), size)
        let mono = scene(Theme(mode: .monochrome), size)
        let g = grid(color)
        let same = g == grid(mono)
        var doc = "# \(name) \(size)\n## text\n\(g)\n"
        if !same { doc += "## text (monochrome)\n\(grid(mono))\n" }
        doc += "## styles colors256\n\(styles(color))\n## styles monochrome\n\(styles(mono))\n"
        return (doc, same)
    }

    public static func assertMatches(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        let directory = directory(for: file)
        let url = directory.appendingPathComponent(name + ".txt")
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("no snapshot \(url.lastPathComponent); record with HEATDESK_RECORD_SNAPSHOTS=1", file: file, line: line)
            return
        }
        if expected == actual { return }
        XCTFail("snapshot \(name) differs:\n" + lineDiff(expected, actual), file: file, line: line)
    }

    /// The differing lines, numbered, `-` expected and `+` actual (at most 40).
    public static func lineDiff(_ a: String, _ b: String) -> String {
        let al = a.components(separatedBy: "\n"), bl = b.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(al.count, bl.count) {
            let x = i < al.count ? al[i] : "<none>", y = i < bl.count ? bl[i] : "<none>"
            if x != y { out.append(String(format: "%4d - %@\n     + %@", i + 1, x, y)) }
            if out.count >= 40 { out.append("..."); break }
        }
        return out.joined(separator: "\n")
    }
}
