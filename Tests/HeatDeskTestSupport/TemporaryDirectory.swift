import Foundation

/// A directory under the system temp folder, removed when the value is released.
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init(_ prefix: String = "heatdesk-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (or raw bytes) to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let file = url.appendingPathComponent(name)
        try! Data(bytes).write(to: file)
        return file.path
    }

    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }
}
