import ArgumentParser
import Foundation
import HeatDeskImport

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic, realistic data set in the import formats (for benchmarks and tests).",
        discussion: "The same --tickets and --seed always give the same bytes. Customers, orders and agents scale with the ticket count.")

    @Option(help: "How many tickets.")
    var tickets: Int = 300

    @Option(help: "The random seed.")
    var seed: UInt64 = 2026

    @Option(help: ArgumentHelp("The folder to write (created if needed); it holds only data files, plus the hidden .base_time.", valueName: "dir"))
    var out: String

    @OptionGroup var none: NoStoreOptions

    func validate() throws {
        try none.validate("generate", reads: "its seed and writes files to --out")
        guard (1...50_000_000).contains(tickets) else { throw ValidationError("--tickets must be between 1 and 50000000") }
    }

    func run() throws {
        let generator = DataSetGenerator(tickets: tickets, seed: seed)
        let bar = isatty(2) == 1 ? ProgressBar() : nil
        let started = Date()
        let files = try generator.write(to: URL(fileURLWithPath: out)) { done, total in
            bar?.draw(ImportProgress(rowsRead: done, bytesRead: done, bytesTotal: total,
                                     elapsed: Date().timeIntervalSince(started), file: out))
        }
        bar?.clear()
        let c = files.counts
        Terminal.out("Wrote \(out): \(c.tickets) tickets, \(c.customers) customers, \(c.orders) orders, \(c.messages) messages, "
              + "\(c.agents) agents, \(c.suppliers) suppliers (\(files.bytes / 1_048_576) MB) in "
              + String(format: "%.1f s", Date().timeIntervalSince(started)))
        if let base = try? String(contentsOf: files.baseTime, encoding: .utf8) {
            Terminal.out("Recorded around \(base.trimmingCharacters(in: .whitespacesAndNewlines)) (kept in \(files.baseTime.path), hidden from DIR/*).")
        }
        Terminal.out("Import with: heatdesk import \(files.importPaths.joined(separator: " "))")
    }
}
