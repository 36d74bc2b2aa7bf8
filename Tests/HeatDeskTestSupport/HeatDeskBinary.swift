import Foundation

/// Runs the built `heatdesk` executable, for tests of exit codes, crashes and the CLI contract.
public enum HeatDeskBinary {
    /// The binary the tests drive: `HEATDESK_BINARY` when set (`make test` points it at the
    /// release build, the one people install: Swift's exclusivity checks and the optimizer
    /// differ there, issue 13), else the one beside the test bundle (`swift build --build-tests`
    /// builds both into one folder).
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["HEATDESK_BINARY"], !path.isEmpty {
            // A wrong path must fail the run, not quietly fall back to the debug build.
            precondition(FileManager.default.isExecutableFile(atPath: path), "HEATDESK_BINARY=\(path) is not an executable file")
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("heatdesk"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("heatdesk"),
            Bundle.main.bundleURL.appendingPathComponent("heatdesk"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs to completion with the given arguments and environment additions.
    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let p = start(arguments, environment: environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A configured, not yet started process (for tests that kill it midway).
    public static func start(_ arguments: [String], environment: [String: String] = [:]) -> Process {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The center's contact key: one per test process, never the user's own (import and demo
        // make it when missing). A test passes its own path to act as another workstation.
        env["HEATDESK_CONTACT_KEY"] = env["HEATDESK_CONTACT_KEY"] ?? testContactKeyPath
        for (k, v) in environment { env[k] = v }
        p.environment = env
        return p
    }

    /// The contact key file the binary uses in this test process (made by its first import).
    public static let testContactKeyPath: String = {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("heatdesk-test-keys-\(getpid())")
        return (dir as NSString).appendingPathComponent("contact.key")
    }()
}

/// The package root, for tests that read `Data/`.
public enum PackageRoot {
    public static func url(from file: StaticString = #filePath) -> URL {
        var dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir.deleteLastPathComponent()
        }
        fatalError("Package.swift not found above \(file)")
    }
}
