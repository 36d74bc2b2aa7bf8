import Foundation
import HeatDeskCore

public struct ImportOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// Names the system the tickets come from; external ids are unique per source.
    public var source: String = TicketKey.defaultSource
    /// Forces the format; otherwise the file's extension, then its first byte, tells.
    public var format: Format?
    public var dryRun = false
    public var rejectsPath: String?
    /// `utf-8` or `gb18030` (any name iconv knows works).
    public var encoding: String = "utf-8"
    /// Rows per transaction: large enough to amortise the commit, small enough that a crash loses little work.
    public var batchSize = 5000
    /// Who the event log names as the actor.
    public var actor = "import"
    /// Moves every time in the files by this much (the demo is recorded around a fixed day and
    /// loaded around today, so its waits and SLA countdowns are live).
    public var timeShift: TimeInterval = 0
    /// Sets the ticket and message indexes aside and builds them once at the end. `nil` decides
    /// by size: when the files bring about twice as many tickets and messages as the database
    /// holds, and at least `bulkThresholdBytes` of them (see `AppDatabase.withDeferredIndexes`).
    public var bulk: Bool?
    public static let bulkThresholdBytes = 16 << 20

    public init() {}
}

/// One row that was not imported, and why.
public struct Rejection: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var kind: RecordKind?
    public var id: String?
    public var field: String
    public var reason: String
    /// The record's bytes exactly as the file had them (after `--encoding` transcoding), invalid
    /// UTF-8 included: the rejects file gives the row back as it stood, for fixing.
    public var raw: [UInt8]

    public var description: String {
        let what = [kind?.rawValue, id].compactMap { $0 }.joined(separator: " ")
        let fieldPart = field.isEmpty ? "" : " field \(field):"
        return "\((file as NSString).lastPathComponent):\(line):\(what.isEmpty ? "" : " \(what):")\(fieldPart) \(reason)"
    }
}

public struct ImportSummary: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var read = 0, imported = 0, alreadyPresent = 0, rejected = 0
        public init() {}
    }
    public var total = Counts()
    public var byKind: [RecordKind: Counts] = [:]
    public var files: [String] = []
    public var seconds: Double = 0
    /// The first rejections, for the terminal; the rejects file has them all.
    public var firstRejections: [Rejection] = []
    public var dryRun = false
    /// The indexes were set aside and built once at the end (`ImportOptions.bulk`).
    public var bulk = false
    /// How long building them at the end took, of `seconds`.
    public var indexSeconds: Double = 0

    public init() {}

    /// 0: all accepted; 1: some rows rejected.
    public var exitCode: Int32 { total.rejected > 0 ? 1 : 0 }
}

public struct ImportProgress: Sendable {
    public var rowsRead: Int
    public var bytesRead: Int
    public var bytesTotal: Int
    public var elapsed: Double
    public var file: String

    public init(rowsRead: Int, bytesRead: Int, bytesTotal: Int, elapsed: Double, file: String) {
        self.rowsRead = rowsRead; self.bytesRead = bytesRead; self.bytesTotal = bytesTotal
        self.elapsed = elapsed; self.file = file
    }

    public var rowsPerSecond: Double { elapsed > 0 ? Double(rowsRead) / elapsed : 0 }
    public var fraction: Double { bytesTotal > 0 ? min(1, Double(bytesRead) / Double(bytesTotal)) : 0 }
    public var eta: Double? { fraction > 0.01 ? elapsed / fraction - elapsed : nil }
}

/// Failures that stop the import before a row is read: the command exits 2.
public enum ImportError: Error, CustomStringConvertible, Equatable {
    case noFiles
    case unreadable(String, String)
    case unknownFormat(String)
    case badHeader(String, String)
    case unknownEncoding(String)
    case badSource(String)

    public var description: String {
        switch self {
        case .noFiles: return "no input files"
        case .unreadable(let f, let why): return "\(f): \(why)"
        case .unknownFormat(let f): return "\(f): cannot tell the format; name it with --format csv|jsonl"
        case .badHeader(let f, let why): return "\(f):1: \(why)"
        case .unknownEncoding(let e): return "unknown encoding '\(e)' (use utf-8 or gb18030)"
        case .badSource(let s): return "source '\(s)' must be a short identifier without spaces, ':' or '/'"
        }
    }
}
