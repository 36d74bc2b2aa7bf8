import Foundation
import HeatDeskImport
import HeatDeskStore
#if canImport(Glibc)
import Glibc
#endif

/// The real `heatdesk import` (the release binary) on mutated files: it never dies by a
/// signal, exits 0, 1 or 2, names the file when it stops, and writes a well-formed rejects file.
final class BinaryTarget: FuzzTarget {
    let name = "binary"
    let seeds: Seeds
    let root: String
    let binary: String
    let timeout: Double
    init(seeds: Seeds, root: String, binary: String, timeout: Double) {
        self.seeds = seeds; self.root = root; self.binary = binary; self.timeout = timeout
    }

    func generate(_ r: inout GenRandom) -> FuzzInput {
        var input = ImportCases.generate(seeds, &r)
        if r.percent(40) { input.options["dry-run"] = "1" }
        return input
    }

    func check(_ input: FuzzInput) throws {
        let dir = (root as NSString).appendingPathComponent("binary")
        try? FileManager.default.removeItem(atPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try ImportCases.write(input, into: (dir as NSString).appendingPathComponent("in"))
        let db = (dir as NSString).appendingPathComponent("t.sqlite")
        let rejects = (dir as NSString).appendingPathComponent("rejects.csv")
        let dryRun = input.options["dry-run"] == "1"
        if dryRun { _ = try AppDatabase.open(path: db) }   // a dry run reads an existing database
        var args = ["import"] + paths + ["--db", db, "--rejects", rejects, "--quiet"]
        if dryRun { args.append("--dry-run") }
        if let e = input.options["encoding"] { args += ["--encoding", e] }
        if let f = input.options["format"] { args += ["--format", f] }

        let config = (dir as NSString).appendingPathComponent("config")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HEATDESK_") }
        env["XDG_CONFIG_HOME"] = config
        env["XDG_DATA_HOME"] = dir
        let out = (dir as NSString).appendingPathComponent("stdout"), err = (dir as NSString).appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            throw OracleFailure("heatdesk import did not finish within \(Int(timeout)) s (hang)")
        }
        let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        let status = p.terminationStatus
        try expect(p.terminationReason == .exit, "heatdesk import died by signal \(status); stderr: \(shown(stderr, limit: 400))")
        try expect((0...2).contains(status), "heatdesk import exited \(status); stderr: \(shown(stderr, limit: 400))")
        let bases = paths.map { ($0 as NSString).lastPathComponent }
        if status == 2 {
            try expect(bases.contains { stderr.contains($0) }, "heatdesk import stopped (exit 2) without naming a file: \(shown(stderr, limit: 400))")
            return
        }
        try expect(stdout.hasPrefix(dryRun ? "Dry run" : "Imported"), "heatdesk import printed no summary: \(shown(stdout, limit: 200))")
        guard let m = stdout.firstMatch(of: /([0-9,]+) rejected/), let rejected = Int(m.1.replacingOccurrences(of: ",", with: "")) else {
            throw OracleFailure("no rejected count in the summary: \(shown(stdout, limit: 200))")
        }
        try expect((status == 1) == (rejected > 0), "exit \(status) with \(rejected) rows rejected")
        if rejected > 0 {
            let listed = stdout.split(separator: "\n").drop { !$0.hasPrefix("Rejected rows") }.dropFirst().prefix { $0.hasPrefix("  ") }
            try expect(listed.count == min(20, rejected), "\(listed.count) rejected rows listed for \(rejected)")
            for l in listed {
                try expect(bases.contains { l.dropFirst(2).hasPrefix($0 + ":") }, "a rejected row listed without its file: \(shown(String(l)))")
            }
        }
        var sources: [String: [UInt8]] = [:]
        for (p, part) in zip(paths, input.parts) { sources[p] = part.bytes }
        try ImportCases.checkRejects(rejects, files: paths, sources: input.options["encoding"] == nil ? sources : nil, rejected: rejected)
    }
}
