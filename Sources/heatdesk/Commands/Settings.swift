import Foundation
import HeatDeskCore

/// Where a setting comes from, first that has it: the command-line option, the environment
/// (`HEATDESK_DB`, `HEATDESK_SHARED`, `HEATDESK_AGENT`, `HEATDESK_DATA`), then the workstation's
/// config file (`HEATDESK_CONFIG`, or `$XDG_CONFIG_HOME/heatdesk/config`, or `~/.config/heatdesk/config`).
enum Settings {
    static var configPath: String {
        let env = ProcessInfo.processInfo.environment
        if let path = env["HEATDESK_CONFIG"], !path.isEmpty { return path }
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("heatdesk/config")
    }

    /// Read once per process; `HeatDesk.main` refuses to run on a broken file.
    /// An empty file, `/dev/null` or any other character device read to its end is a valid, empty
    /// config; a folder or a file that cannot be read is named with the reason.
    static let loaded: Result<WorkstationConfig, CommandFailure> = {
        let path = configPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .success(WorkstationConfig()) }
        if isFolder.boolValue {
            return .failure(CommandFailure(message: "\(path): a folder, not a config file (HEATDESK_CONFIG names the file itself)", code: 2))
        }
        // Read to the end rather than by the size `stat` reports: a device or a pipe says 0.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(CommandFailure(message: "\(path): cannot read the config file (check its permissions)", code: 2))
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            return .failure(CommandFailure(message: "\(path): cannot read the config file: \(error.localizedDescription)", code: 2))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(CommandFailure(message: "\(path): the config file is not UTF-8 text", code: 2))
        }
        do { return .success(try WorkstationConfig.parse(text, file: path)) } catch {
            return .failure(CommandFailure(message: "config: \(error)", code: 2))
        }
    }()

    /// `option`, else the environment variable, else the config file's `key`.
    static func value(_ option: String?, env: String, key: String) -> String? {
        if let option, !option.isEmpty { return option }
        if let v = ProcessInfo.processInfo.environment[env], !v.isEmpty { return v }
        if case .success(let config) = loaded { return config[key] }
        return nil
    }
}
