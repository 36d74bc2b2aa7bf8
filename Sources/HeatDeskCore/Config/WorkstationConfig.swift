import Foundation

/// The workstation's settings file (`$XDG_CONFIG_HOME/heatdesk/config`): what an IT team sets
/// once per machine so agents type neither paths nor ids. One `key = value` per line, `#`
/// comments, values optionally in double quotes. Command-line options and the environment win
/// over it (Docs/architecture.md).
public struct WorkstationConfig: Equatable, Sendable {
    /// `db`: the local SQLite file; `shared`: the shared directory; `agent`: who works here;
    /// `data`: the folder holding `demo/` and `templates/`.
    public static let keys: [String] = ["db", "shared", "agent", "data", "contact_key"]

    public private(set) var values: [String: String] = [:]

    public init(values: [String: String] = [:]) { self.values = values }

    public subscript(key: String) -> String? { values[key] }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Reads the file's text; every problem names its line, and an unknown key is an error
    /// rather than a silently ignored typo.
    public static func parse(_ text: String, file: String) throws(ParseError) -> WorkstationConfig {
        var config = WorkstationConfig()
        // `isNewline`, not "\n": a CRLF file's "\r\n" is one Character in Swift.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let content = raw.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            guard let eq = content.firstIndex(of: "=") else {
                throw ParseError(file: file, line: line, reason: "expected key = value")
            }
            let key = content[..<eq].trimmingCharacters(in: .whitespaces)
            var value = content[content.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard keys.contains(key) else {
                throw ParseError(file: file, line: line, reason: "unknown key '\(key)' (known: \(keys.joined(separator: ", ")))")
            }
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else {
                    throw ParseError(file: file, line: line, reason: "unterminated quote in the value of \(key)")
                }
                value = String(value.dropFirst().dropLast())
            }
            guard !value.isEmpty else { throw ParseError(file: file, line: line, reason: "empty value for \(key)") }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ParseError(file: file, line: line, reason: "control character in the value of \(key)")
            }
            if config.values[key] != nil { throw ParseError(file: file, line: line, reason: "\(key) is set twice") }
            config.values[key] = value
        }
        return config
    }
}
