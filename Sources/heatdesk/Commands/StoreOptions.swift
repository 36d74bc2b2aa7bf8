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

    /// Opens the database with the center's contact key when this workstation has one (a
    /// missing or unusable key leaves contacts masked, and a reveal says why); `makeContactKey`
    /// (import, demo) makes the key when no file exists yet.
    func open(makeContactKey: Bool = false) throws -> AppDatabase {
        try Self.checkPath(path)
        let key = try contactKey(make: makeContactKey)
        do { return try AppDatabase.open(path: path, contactKey: key) } catch {
            throw CommandFailure(message: Self.explain(error, path: path), code: 2)
        }
    }

    /// The contact key file: `HEATDESK_CONTACT_KEY`, the config file's `contact_key`, else
    /// `contact.key` beside the config file (Docs/security.md).
    var contactKeyPath: String {
        Settings.value(nil, env: "HEATDESK_CONTACT_KEY", key: "contact_key") ?? ContactKeyFile.defaultPath
    }

    /// The key must stay off the shared directory (every workstation reads it) and out of the
    /// database's folder (a copied data folder must not carry it): import and demo refuse to
    /// make or use one there (exit 2); other commands work on with contacts masked, and a reveal
    /// says why.
    func contactKey(make: Bool) throws -> ContactKeyAccess {
        let keyURL = URL(fileURLWithPath: contactKeyPath).standardizedFileURL
        let keyPath = keyURL.path, keyFolder = keyURL.deletingLastPathComponent().path
        let dbFolder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var refusal: String?
        if let shared = sharedPath.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }),
           keyFolder == shared || keyPath.hasPrefix(shared.hasSuffix("/") ? shared : shared + "/") {
            refusal = "in the shared directory (\(shared)), which every workstation reads"
        } else if keyFolder == dbFolder {
            refusal = "beside the database (\(dbFolder)): a copy of the data folder would carry it"
        }
        if let refusal {
            let message = "\(keyPath): the contact key must not be \(refusal); set HEATDESK_CONTACT_KEY or contact_key in the config file to a path elsewhere"
            if make { throw CommandFailure(message: message, code: 2) }
            return .unavailable(message)
        }
        guard make else { return ContactKeyFile.load(path: keyPath) }
        do {
            let (key, created) = try ContactKeyFile.loadOrCreate(path: keyPath)
            if created {
                Terminal.err("heatdesk: made the center's contact key \(key.id) at \(keyPath) (mode 0600); copy it to the workstations that may reveal contacts\n")
            }
            return .key(key)
        } catch {
            throw CommandFailure(message: "contact key: \(error.message)", code: 2)
        }
    }

    /// heatdesk's own data folder (`$XDG_DATA_HOME/heatdesk`): the one folder created when missing.
    static var defaultFolder: String { (defaultPath as NSString).deletingLastPathComponent }

    /// Says what is wrong with a database path, and what to do, before SQLite answers with a bare
    /// "error 14" or "8" that names no file. The folder must exist (a typo in --db must not grow
    /// a tree of folders), except heatdesk's own data folder; the workstation must be able to
    /// write both the file and its folder (SQLite keeps its -wal and -shm files beside it).
    static func checkPath(_ path: String) throws {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue {
                throw CommandFailure(message: "\(path): a folder, not a database file (pass --db \(path)/NAME.sqlite)", code: 2)
            }
            if access(path, R_OK | W_OK) != 0 {
                throw CommandFailure(message: "\(path): read-only (check its permissions): the workstation must be able to write its database", code: 2)
            }
            if access(folder, W_OK | X_OK) != 0 {
                throw CommandFailure(message: "\(folder): the database's folder is read-only (check its permissions): SQLite writes its -wal and -shm files beside \(path)", code: 2)
            }
            return
        }
        if fm.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CommandFailure(message: "\(path): \(folder) is a file, not a folder", code: 2) }
            if access(folder, W_OK | X_OK) != 0 {
                throw CommandFailure(message: "\(path): the folder \(folder) is read-only (check its permissions): the workstation cannot create its database there", code: 2)
            }
            return
        }
        guard folder == defaultFolder else {
            throw CommandFailure(message: "\(path): the folder \(folder) does not exist (create it, or pass another --db)", code: 2)
        }
        do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw CommandFailure(message: "\(folder): cannot create heatdesk's data folder: \(error.localizedDescription)", code: 2)
        }
    }

    /// SQLite's refusals in words, with the path (what `checkPath` cannot see: a read-only mount,
    /// an immutable file, a file that is not a database).
    static func explain(_ error: any Error, path: String) -> String {
        // GRDB's DatabaseError bridges to NSError with SQLite's extended result code (the
        // executable does not link GRDB itself); the primary code is its low byte.
        let ns = error as NSError
        guard ns.domain == "GRDB.DatabaseError" else { return "\(path): cannot open the database: \(error)" }
        switch Int32(ns.code & 0xFF) {
        case 8:   // SQLITE_READONLY
            return "\(path): read-only (a read-only mount or file; check its permissions): the workstation must be able to write its database"
        case 14:  // SQLITE_CANTOPEN
            return "\(path): cannot open the database file (check that its folder exists and that both are readable and writable)"
        case 26:  // SQLITE_NOTADB
            return "\(path): not a heatdesk database (the file is not SQLite); pass another --db"
        case 11:  // SQLITE_CORRUPT
            return "\(path): the database is damaged; restore it from a backup or start a new one from the shared directory's snapshot"
        case 13:  // SQLITE_FULL
            return "\(path): the disk is full"
        default:
            return "\(path): cannot open the database: \(ns.localizedFailureReason ?? "\(error)")"
        }
    }

    /// Opens the database; a workstation without one starts from the shared directory's newest
    /// snapshot when there is one (Docs/sync-protocol.md, "Snapshots").
    func openForSync() throws -> AppDatabase {
        if let dir = sharedPath, !FileManager.default.fileExists(atPath: path) {
            try Self.checkPath(path)
            do { try SyncEngine.bootstrap(path: path, shared: dir) } catch {
                throw CommandFailure(message: "\(path): cannot start from the snapshot in \(dir): \(error)", code: 2)
            }
        }
        return try open()
    }

    /// For read-only verbs: a missing file is a mistake, not a reason to create an empty database.
    func openExisting() throws -> AppDatabase {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw CommandFailure(message: "\(path): no such database: the folder \(folder) does not exist (pass --db, or run 'heatdesk demo' or 'heatdesk import' first)", code: 2)
        }
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
