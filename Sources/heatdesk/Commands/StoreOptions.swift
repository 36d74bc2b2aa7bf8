import ArgumentParser
import Foundation
import HeatDeskStore

/// `--db PATH`, also from `HEATDESK_DB`; by default the XDG data folder.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workstation's SQLite file (env HEATDESK_DB).", valueName: "path"))
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["HEATDESK_DB"], !env.isEmpty { return env }
        return Self.defaultPath
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

    /// For read-only verbs: a missing file is a mistake, not a reason to create an empty database.
    func openExisting() throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(message: "\(path): no such database (run 'heatdesk demo' or 'heatdesk import' first, or pass --db)", code: 2)
        }
        return try open()
    }
}
