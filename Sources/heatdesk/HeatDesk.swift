import ArgumentParser
import Foundation

/// The `heatdesk` executable: argument parsing and wiring only; behaviour lives in the libraries.
@main
struct HeatDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatdesk",
        abstract: "A terminal agent workstation for travel contact centers.",
        discussion: "Run 'heatdesk demo' once, then 'heatdesk queue' or 'heatdesk show TICKET'. See README.md.",
        version: "0.1.0",
        subcommands: [AgentCommand.self, ImportCommand.self, DemoCommand.self, TemplatesCommand.self, CheckCommand.self, QueueCommand.self,
                      ShowCommand.self, StatsCommand.self, GenerateCommand.self,
                      ClaimNextCommand.self, ClaimCommand.self, ReplyCommand.self, NoteCommand.self, InviteCommand.self,
                      LeaveCommand.self, TransferCommand.self, AssignCommand.self, PendingCommand.self, PriorityCommand.self, ResolveCommand.self, MergeCommand.self,
                      ReopenCommand.self, RevealCommand.self, SyncCommand.self, MonitorCommand.self]
    )

    /// Usage errors exit 2, like grep and the import contract; failures exit 1.
    static func main() {
        do {
            if case .failure(let broken) = Settings.loaded { throw broken }
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            Terminal.err("heatdesk: \(failure.message)\n")
            Foundation.exit(failure.code)
        } catch {
            // Argument errors quote what was typed: they go through `Terminal` like the rest.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.out(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.err(message + "\n") }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// A failure the user can act on: its message goes to stderr (through `Terminal`), with the exit code.
struct CommandFailure: Error {
    var message: String
    var code: Int32 = 1
}
