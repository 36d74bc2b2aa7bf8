import Foundation
import HeatDeskCore
import HeatDeskImport

/// The summary printed after an import: counts per kind, then the first rejections.
enum ImportReport {
    static func text(_ s: ImportSummary, rejectsPath: String?) -> String {
        var lines: [String] = []
        let head = s.dryRun ? "Dry run (nothing written)" : "Imported"
        let rate = s.seconds > 0 ? Int(Double(s.total.read) / s.seconds) : 0
        lines.append("\(head): \(ProgressBar.count(s.total.read)) read, \(ProgressBar.count(s.total.imported)) \(s.dryRun ? "would be imported" : "imported"), "
                     + "\(ProgressBar.count(s.total.alreadyPresent)) already present, \(ProgressBar.count(s.total.rejected)) rejected "
                     + "in \(String(format: "%.2f", s.seconds)) s (\(ProgressBar.count(rate)) rows/s)"
                     + (s.bulk ? ", indexes built once at the end (\(String(format: "%.1f", s.indexSeconds)) s)" : ""))
        for kind in RecordKind.allCases {
            guard let c = s.byKind[kind], c.read > 0 else { continue }
            lines.append("  \(kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(c.read) read, \(c.imported) new, \(c.alreadyPresent) already present, \(c.rejected) rejected")
        }
        if !s.firstRejections.isEmpty {
            lines.append("Rejected rows\(s.total.rejected > s.firstRejections.count ? " (first \(s.firstRejections.count) of \(s.total.rejected))" : ""):")
            for r in s.firstRejections { lines.append("  " + Sanitize.line(r.description)) }
            if let rejectsPath { lines.append("All rejected rows, with the row itself: \(rejectsPath)") }
            else { lines.append("Pass --rejects FILE to keep the rejected rows for fixing.") }
        }
        return lines.joined(separator: "\n")
    }
}
