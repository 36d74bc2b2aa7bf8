import Foundation

/// Runs commands for the tmux end-to-end tests of every screen.
public enum Spawn {
    /// Runs `args` to completion with posix_spawn/waitpid, output and errors together. Not
    /// Foundation's Process: the tmux server is forked from the client and inherits its
    /// descriptors, which keeps Process (and any pipe) from ever seeing the client exit.
    @discardableResult
    public static func run(_ args: [String]) -> (status: Int32, output: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("heatdesk-spawn-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, args[0], &actions, nil, &argv, environ)
        guard rc == 0 else { return (-1, "spawn \(args[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let data = (try? Data(contentsOf: out)) ?? Data()
        return (status & 0x7F == 0 ? (status >> 8) & 0xFF : -1, String(decoding: data, as: UTF8.self))
    }

    /// The executable `name` on PATH.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
