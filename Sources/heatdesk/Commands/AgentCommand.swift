import ArgumentParser
import Foundation
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync
import HeatDeskTemplates
import TerminalCurses
import TerminalKit

/// `heatdesk agent --agent ID`: the agent terminal session (issue 5). Wiring only: the screens
/// live in HeatDeskApp, the terminal in TerminalCurses.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "The agent terminal session: queues, claim, the ticket with its trails, HEAT replies.",
        discussion: "Keys: ? inside the session, or Docs/keys.md. Needs a terminal (a TTY).")

    @Option(help: ArgumentHelp("The agent who works (env HEATDESK_AGENT, config agent).", valueName: "id"))
    var agent: String?
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The folder holding templates/ (env HEATDESK_DATA); found next to the binary by default.", valueName: "dir"))
    var data: String?

    func run() throws {
        guard let id = Settings.value(agent, env: "HEATDESK_AGENT", key: "agent") else {
            throw CommandFailure(message: "say who works: --agent ID", code: 2)
        }
        let db = try store.openForScreen()
        var me = try Self.sessionAgent(id, db)
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary.load(directory: try DataLocator.directory(explicit: data).appendingPathComponent("templates"))
        } catch let e as CommandFailure { throw e } catch {
            throw CommandFailure(message: "the template library does not load: \(error)", code: 2)
        }
        // Refuse before taking the screen: no TTY, unknown TERM, no UTF-8 locale.
        do { try CursesBackend.checkTerminal() } catch let e as TerminalError {
            throw CommandFailure(message: "agent: \(e)", code: 2)
        }
        // Opening the session starts the shift: available for new work until `a` or quitting.
        if me.status != .available { try db.setStatus(of: me, .available); me.status = .available }
        // With --shared, claims are exclusive across workstations (claims/T/<epoch>) and the
        // screen exchanges about once a second; without it, claims are local to this file.
        let engine = try store.syncEngine(db, agent: me.id)
        let runtime = AgentRuntime(db: db, me: me, authority: engine?.authority ?? LocalClaimAuthority(),
                                   background: engine.map(StoreOptions.backgroundPoll))
        let exit: Program<AgentState, AgentMessage, AgentEffect>.Exit
        do {
            exit = try CursesBackend.run { backend in
                let state = AgentState(me: me, library: library, theme: Theme(mode: backend.colorMode), size: backend.size)
                var program = agentProgram(state: state, runtime: runtime)
                return program.run(on: backend, initial: AgentRuntime.initialEffects)
            }
        } catch let e as TerminalError {
            throw CommandFailure(message: "agent: \(e)", code: 2)
        }
        // Leaving the session ends the shift's availability for new work.
        try? db.setStatus(of: me, .offline)
        if case .signal(let sig) = exit { throw ExitCode(128 + sig) }
    }

    /// The directory's agent for `id`; suppliers and supervisor-only accounts are refused.
    static func sessionAgent(_ id: String, _ db: AppDatabase) throws -> Agent {
        guard let a = try db.agent(id: id) else {
            if try db.supplier(id: id) != nil {
                throw CommandFailure(message: "\(Sanitize.line(id)) is a supplier, not an agent; suppliers answer with 'heatdesk reply --as \(Sanitize.line(id))'", code: 1)
            }
            throw CommandFailure(message: "no agent '\(Sanitize.line(id))' in the directory", code: 2)
        }
        switch a.role {
        case .agent: return a
        case .supplier:
            throw CommandFailure(message: "\(a.id) is a supplier contact; the agent session is for agents (answer with 'heatdesk reply --as \(a.id)')", code: 1)
        case .supervisor:
            throw CommandFailure(message: "\(a.id) is a supervisor account; supervisors watch with 'heatdesk monitor'", code: 1)
        }
    }
}
