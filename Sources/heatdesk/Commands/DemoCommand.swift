import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskImport
import HeatDeskStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the demo data set (Data/demo) into a database, through the import path.",
        discussion: "Safe to run again: rows already present are left as they are.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The folder holding demo/ (env HEATDESK_DATA); found next to the binary by default.", valueName: "dir"))
    var data: String?

    @Flag(help: "Keep the recorded times instead of moving the demo's clock to now.")
    var keepTimes = false

    func run() throws {
        let dir = try DataLocator.directory(explicit: data).appendingPathComponent("demo")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw CommandFailure(message: "\(dir.path): no demo folder there (pass --data DIR holding demo/)", code: 2)
        }
        let files = names
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") }.sorted()
            .map { dir.appendingPathComponent($0).path }
        guard !files.isEmpty else { throw CommandFailure(message: "\(dir.path): no demo files", code: 2) }
        let db = try store.open(makeContactKey: true)
        if let loaded = try db.meta("demo_loaded_at") {
            Terminal.out("The demo is already loaded in \(store.path) (since \(loaded)); nothing to do.")
            try publish(db)
            return
        }
        var options = ImportOptions()
        options.actor = "demo"
        // The demo was recorded around a fixed moment; moving it to now keeps waits and SLA live.
        // `.base_time` (hidden, so `import DIR/*` names only data files); `BASE_TIME` in older folders.
        let text = [".base_time", "BASE_TIME"].lazy.compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.first
        if !keepTimes, let text,
           let base = try? Timestamp.parse(text.trimmedSpaces.trimmingCharacters(in: .newlines)) {
            // To the second, not the minute: rounding down to a minute aged every ticket by up to
            // 59 s, so an SOS recorded 30 s old (target 60 s) loaded already past its target.
            options.timeShift = Date().timeIntervalSince(base).rounded(.down)
        }
        let summary: ImportSummary
        do { summary = try Importer(database: db, options: options).run(paths: files) } catch let e as ImportError {
            throw CommandFailure(message: e.description, code: 2)
        }
        Terminal.out(ImportReport.text(summary, rejectsPath: nil))
        if summary.total.rejected == 0 { try db.setMeta("demo_loaded_at", Timestamp.format(Date())) }
        Terminal.out("Demo database: \(store.path)")
        try publish(db)
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// Like `import`: with --shared, what the demo imported reaches every workstation now (and a
    /// demo loaded before the workstation joined is published on the next run).
    private func publish(_ db: AppDatabase) throws {
        guard let engine = try store.syncEngine(db) else { return }
        let report = try StoreOptions.exchange(engine)
        if report.exported > 0 { Terminal.out("Published \(report.exported) events to \(engine.directory.root).") }
    }
}

/// Finds the `Data/` folder: `--data`, `HEATDESK_DATA`, the config file's `data`, then upward from the binary (a build
/// tree keeps it at the package root), then the installed share folder.
enum DataLocator {
    static func directory(explicit: String?) throws -> URL {
        if let given = Settings.value(explicit, env: "HEATDESK_DATA", key: "data") { return URL(fileURLWithPath: given) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = Bundle.main.executableURL { dir = exe.resolvingSymlinksInPath().deletingLastPathComponent() }
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Data")
            let fm = FileManager.default
            if fm.fileExists(atPath: candidate.appendingPathComponent("demo").path)
                || fm.fileExists(atPath: candidate.appendingPathComponent("templates").path) { return candidate }
            dir.deleteLastPathComponent()
        }
        for shared in ["/usr/local/share/heatdesk", "/usr/share/heatdesk"] where FileManager.default.fileExists(atPath: shared) {
            return URL(fileURLWithPath: shared)
        }
        throw CommandFailure(message: "cannot find the Data folder; pass --data DIR or set HEATDESK_DATA", code: 2)
    }
}
