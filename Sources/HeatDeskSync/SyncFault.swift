import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Something in the shared directory this exchange could not use, named by its path, so an
/// operator can find it. The local session keeps working; the file is tried again next time.
public struct SyncFault: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }

    /// From a failed system call, with its errno text.
    static func system(_ path: String, _ what: String, errno code: Int32 = errno) -> SyncFault {
        SyncFault(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }
}

/// A remote event the merge rules refused: kept in `sync_rejected`, shown, not applied.
public struct SyncRejection: Equatable, Sendable, CustomStringConvertible {
    public var node: String
    public var seq: Int64
    public var kind: String
    public var entity: String
    public var actor: String
    public var reason: String
    public var description: String { "\(node)#\(seq) \(kind) \(entity) by \(actor): \(reason)" }
}

/// What one exchange did: the UI refreshes when `news` is true; faults name their files.
public struct SyncReport: Equatable, Sendable {
    /// Own events published, and the batch files written.
    public var exported = 0
    public var exportedFiles: [String] = []
    /// Remote events that changed this database, and the batch files applied.
    public var applied = 0
    public var appliedFiles: [String] = []
    public var rejected: [SyncRejection] = []
    public var faults: [SyncFault] = []
    /// Names that are not ours (conflict copies, temp files, dotfiles): skipped.
    public var ignored: [String] = []
    /// Batches waiting for a predecessor or for another node's events they depend on.
    public var waiting: [String] = []

    public init() {}

    /// True when something from elsewhere changed this database.
    public var news: Bool { applied > 0 }
}
