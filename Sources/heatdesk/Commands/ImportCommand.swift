import ArgumentParser
import Foundation
import HeatDeskImport
import HeatDeskStore
import HeatDeskSync

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import tickets, orders, customers, agents, suppliers and messages from CSV or JSON Lines.",
        discussion: """
            Files are read in dependency order (suppliers, agents, customers, orders, tickets, messages) \
            whatever order they are named in. Every valid row is imported; each rejected row is reported \
            with its file, line, field and reason. Importing the same file again adds nothing.
            Exit status: 0 all rows accepted, 1 some rows rejected, 2 nothing could be read.
            Formats: Docs/import-format.md.
            """)

    @Argument(help: ArgumentHelp("Files to import; a folder stands for its .csv, .jsonl, .ndjson and .json files.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var store: StoreOptions

    @Option(help: "The system the tickets come from; external ids are unique per source.")
    var source: String = "main"

    @Option(help: "csv or jsonl; by default the extension, then the first byte, tells.")
    var format: ImportOptions.Format?

    @Flag(help: "Validate and report without writing anything.")
    var dryRun = false

    @Option(help: ArgumentHelp("Write rejected rows, with line, field and reason, to this CSV file.", valueName: "file"))
    var rejects: String?

    @Option(help: "utf-8 or gb18030.")
    var encoding: String = "utf-8"

    @Flag(help: "No progress bar, even on a terminal.")
    var quiet = false

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Build the ticket and message indexes once at the end (default: when the files bring about twice what the database holds)."))
    var bulk: Bool?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import") }
    }

    func run() throws {
        var options = ImportOptions()
        options.source = source
        options.format = format
        options.dryRun = dryRun
        options.rejectsPath = rejects
        options.encoding = encoding
        options.bulk = bulk
        let paths = try Self.expand(files)
        let db = try dryRun ? store.openExisting() : store.open(makeContactKey: true)
        let bar = (!quiet && isatty(2) == 1) ? ProgressBar() : nil
        let importer = Importer(database: db, options: options, progress: bar.map { b in { b.draw($0) } })
        let summary: ImportSummary
        do { summary = try importer.run(paths: paths) } catch let e as ImportError {
            bar?.clear()
            throw CommandFailure(message: e.description, code: 2)
        }
        bar?.clear()
        Terminal.out(ImportReport.text(summary, rejectsPath: rejects))
        // Imported rows are events in the log: with --shared they reach every workstation now.
        if !dryRun, let engine = try store.syncEngine(db) {
            let report = try StoreOptions.exchange(engine)
            if report.exported > 0 { Terminal.out("Published \(report.exported) events to \(engine.directory.root).") }
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}

extension ImportCommand {
    /// The data files a folder holds: the extensions the importer knows, hidden files left out,
    /// in name order. So `import DIR` reads a generated set or `Data/demo` and leaves its other
    /// files (README.md, BASE_TIME) alone. A file named on its own is read whatever its name.
    static let dataExtensions: Set<String> = ["csv", "jsonl", "ndjson", "json"]

    static func expand(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                throw CommandFailure(message: "\(path): cannot list the folder (check its permissions)", code: 2)
            }
            let data = names.filter { !$0.hasPrefix(".") && dataExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (path as NSString).appendingPathComponent($0) }
            guard !data.isEmpty else {
                throw CommandFailure(message: "\(path): no data files in this folder (.csv, .jsonl, .ndjson or .json)", code: 2)
            }
            return data
        }
    }
}

extension ImportOptions.Format: ExpressibleByArgument {}
