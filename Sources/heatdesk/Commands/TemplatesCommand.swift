import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore
import HeatDeskTemplates

/// `heatdesk templates list|lint|render`: the HEAT reply library (Docs/templates.md).
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List, lint and render the HEAT reply templates.",
        subcommands: [List.self, Lint.self, Render.self])

    struct LibraryOptions: ParsableArguments {
        @Option(help: ArgumentHelp("The folder holding templates/ (env HEATDESK_DATA); found next to the binary by default.", valueName: "dir"))
        var data: String?

        var directory: URL { get throws { try DataLocator.directory(explicit: data).appendingPathComponent("templates") } }

        func load() throws -> TemplateLibrary {
            do { return try TemplateLibrary.load(directory: try directory) } catch let e as CommandFailure { throw e } catch {
                throw CommandFailure(message: "\(error) (run 'heatdesk templates lint' for every problem)", code: 2)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List templates, filtered by product, situation and language.")
        @OptionGroup var library: LibraryOptions
        @Option(help: "flight, hotel, car or any.") var product: String?
        @Option(help: "delay, cancellation, refund, complaint, sos_lost_documents, ... (see the list).") var situation: String?
        @Option(name: .customLong("lang"), help: "zh or en.") var language: String?
        @Flag(help: "JSON for scripts.") var json = false
        @OptionGroup var none: NoStoreOptions

        func validate() throws { try none.validate("templates list", reads: "the template files (--data)") }

        func run() throws {
            let output: CommandOutput
            do { output = try TemplateCommands.list(try library.load(), product: product, situation: situation, language: language, json: json) }
            catch let e as TemplateCommandError { throw CommandFailure(message: e.message, code: 2) }
            try emit(output, json: json)
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every template: syntax (file:line:column), unknown names, missing twins, HEAT elements, duplicate ids.")
        @OptionGroup var library: LibraryOptions
        @Flag(help: "JSON for scripts.") var json = false
        @OptionGroup var none: NoStoreOptions

        func validate() throws { try none.validate("templates lint", reads: "the template files (--data)") }

        func run() throws { try emit(TemplateCommands.lint(directory: try library.directory, json: json), json: json) }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a template with a ticket's data; lists the blanks still to fill.")
        @Argument(help: "The template id.") var id: String
        @Option(help: "The ticket whose data fills the template.") var ticket: String
        @Option(help: "The agent signing the reply (fills {{agent.name}}).") var agent: String?
        @Option(name: .customLong("set"), help: ArgumentHelp("Fill a blank or override a value: NAME=VALUE (repeatable).", valueName: "name=value"))
        var sets: [String] = []
        @Flag(help: "Also run the HEAT checker on the result.") var check = false
        @Flag(help: "JSON for scripts.") var json = false
        @OptionGroup var library: LibraryOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let lib = try library.load()
            let context = try TicketContextLoader.context(store: store, ticket: ticket, agent: agent)
            let outcome: TemplateCommands.RenderOutcome
            do throws(TemplateCommandError) { outcome = try TemplateCommands.render(lib, id: id, context: context, sets: sets, check: check) }
            catch { throw CommandFailure(message: error.message, code: 2) }
            try emit(TemplateCommands.renderOutput(outcome, json: json), json: json)
        }
    }
}

/// `heatdesk check --ticket T (--text TEXT | FILE)`: the HEAT checker on any draft.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the HEAT checker on a draft reply; exits 1 when it has findings.")

    @Option(help: "The ticket the draft answers.") var ticket: String
    @Option(help: "The draft text.") var text: String?
    @Argument(help: ArgumentHelp("A file holding the draft ('-' for stdin).", valueName: "file")) var file: String?
    @Option(help: "The agent writing it.") var agent: String?
    @Option(help: "customer (default), supplier or colleague.") var audience: String = "customer"
    @Flag(help: "JSON for scripts.") var json = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the draft with --text TEXT or as a FILE (not both)") }
        if Audience(rawValue: audience) == nil { throw ValidationError("--audience must be customer, supplier or colleague") }
    }

    func run() throws {
        let draft: String
        if let text { draft = text } else if file == "-" {
            draft = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file!) else { throw CommandFailure(message: "\(file!): cannot read", code: 2) }
            draft = String(decoding: data, as: UTF8.self)
        }
        let context = try TicketContextLoader.context(store: store, ticket: ticket, agent: agent)
        try emit(TemplateCommands.check(draft: draft, context: context, audience: Audience(rawValue: audience)!, json: json), json: json)
    }
}

/// Builds a template context from a stored ticket, for `render` and `check`.
enum TicketContextLoader {
    static func context(store: StoreOptions, ticket: String, agent: String?) throws -> TemplateContext {
        let db = try store.openExisting()
        let key: TicketKey?
        do { key = try db.resolveTicket(ticket) } catch let e as AppDatabase.LookupError { throw CommandFailure(message: e.description, code: 2) }
        guard let key, let detail = try db.ticketDetail(key) else { throw CommandFailure(message: "no ticket '\(Sanitize.line(ticket))'", code: 2) }
        var agentRecord: Agent?
        if let agent {
            guard let a = try db.agent(id: agent) else { throw CommandFailure(message: "no agent '\(Sanitize.line(agent))'", code: 2) }
            agentRecord = a
        } else if let owner = detail.ticket.ownerID {
            agentRecord = try db.agent(id: owner)
        }
        return TemplateContext(ticket: detail.ticket, customer: detail.customer, orders: detail.orders, agent: agentRecord, messages: detail.messages)
    }
}

/// Prints a library command's output (through `Terminal`, like everything) and exits with its status.
func emit(_ output: CommandOutput, json: Bool) throws {
    if !output.stdout.isEmpty {
        let text = output.stdout.hasSuffix("\n") ? String(output.stdout.dropLast()) : output.stdout
        if json { Terminal.json(text) } else { Terminal.out(text) }
    }
    if !output.stderr.isEmpty { Terminal.err(output.stderr) }
    if output.exitCode != 0 { throw ExitCode(output.exitCode) }
}
