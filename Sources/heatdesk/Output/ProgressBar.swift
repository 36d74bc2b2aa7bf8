import Foundation
import HeatDeskImport

/// The import's progress on stderr, redrawn in place: rows, rows/s, ETA. Only on a terminal.
final class ProgressBar {
    private var drawn = false

    func draw(_ p: ImportProgress) {
        let width = 30
        let filled = Int(p.fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let eta = p.eta.map { "ETA \(Self.duration($0))" } ?? "ETA --"
        let line = String(format: "\r%@ %3.0f%%  %@ rows  %@ rows/s  %@ ", bar, p.fraction * 100,
                          Self.count(p.rowsRead), Self.count(Int(p.rowsPerSecond)), eta)
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    func clear() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    static func count(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed())
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s / 60 % 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
