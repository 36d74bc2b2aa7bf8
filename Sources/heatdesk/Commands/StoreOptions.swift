import ArgumentParser
import Foundation
import HeatDeskStore
import HeatDeskSync

/// `--db PATH`, also from `HEATDESK_DB` or the config file; by default the XDG data folder.
/// `--shared DIR` (also `HEATDESK_SHARED` or the config file) turns on sync through the shared
/// directory (Docs/sync-protocol.md). See `Settings`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workstation's SQLite file (env HEATDESK_DB, config db).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The shared directory workstations sync through (env HEATDESK_SHARED, config shared).", valueName: "dir"))
    var shared: String?

    var sharedPath: String? { Settings.value(shared, env: "HEATDESK_SHARED", key: "shared") }

    /// The sync engine when a shared directory is configured.
    func syncEngine(_ db: AppDatabase, agent: String = "") throws -> SyncEngine? {
        guard let dir = sharedPath else { return nil }
        return try SyncEngine(db: db, shared: dir, agentID: agent)
    }

    /// One exchange whose faults go to stderr: the verb itself goes on with the local state.
    @discardableResult
    static func exchange(_ engine: SyncEngine) throws -> SyncReport {
        let report = try engine.exchange()
        for f in report.faults { Terminal.err("heatdesk: sync: \(f)\n") }
        return report
    }

    /// The screens' background poll (agent session, monitor): one exchange, true when it brought
    /// news. Faults are thrown so the screen's message line names the file, while the local
    /// session goes on and the export catches up when the directory is back.
    static func backgroundPoll(_ engine: SyncEngine) -> @Sendable () throws -> Bool {
        {
            let report = try engine.exchange()
            if !report.news, let fault = report.faults.first { throw fault }
            return report.news
        }
    }

    /// Opens the database of a screen: with a shared directory a new workstation may start
    /// from its snapshot; without one, a missing file is a mistake.
    func openForScreen() throws -> AppDatabase {
        sharedPath != nil ? try openForSync() : try openExisting()
    }

    var path: String {
        Settings.value(db, env: "HEATDESK_DB", key: "db") ?? Self.defaultPath
    }

    static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("heatdesk/heatdesk.sqlite")
    }

    func open() throws -> AppDatabase {
        do { return try AppDatabase.open(path: path) } catch {
            throw CommandFailure(message: "\(path): cannot open the database: \(error)", code: 2)
        }
    }

    /// Opens the database; a workstation without one starts from the shared directory's newest
    /// snapshot when there is one (Docs/sync-protocol.md, "Snapshots").
    func openForSync() throws -> AppDatabase {
        if let dir = sharedPath, !FileManager.default.fileExists(atPath: path) {
            do { try SyncEngine.bootstrap(path: path, shared: dir) } catch {
                throw CommandFailure(message: "\(path): cannot start from the snapshot in \(dir): \(error)", code: 2)
            }
        }
        return try open()
    }

    /// For read-only verbs: a missing file is a mistake, not a reason to create an empty database.
    func openExisting() throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(message: "\(path): no such database (run 'heatdesk demo' or 'heatdesk import' first, or pass --db)", code: 2)
        }
        return try open()
    }
}

/// For the commands that read only files (`generate`, `templates list`, `templates lint`): `--db`
/// and `--shared` are recognised so the refusal says why, instead of "unknown option" (README,
/// "Commands", says which commands take them).
struct NoStoreOptions: ParsableArguments {
    @Option(help: .hidden) var db: String?
    @Option(help: .hidden) var shared: String?

    func validate(_ command: String, reads what: String) throws {
        for (name, value) in [("--db", db), ("--shared", shared)] where value != nil {
            throw ValidationError("\(command) takes no \(name): it reads only \(what), never a workstation's database")
        }
    }
}
