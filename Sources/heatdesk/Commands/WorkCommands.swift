import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync

/// The scriptable twins of the agent session: the same `AppDatabase` work commands the screens
/// use, for automation, tests and the claim race. Exit codes: 0 done, 1 refused (someone else
/// holds it, not allowed, wrong state), 2 usage or unknown id, 3 nothing to claim.

/// `--agent ID` (also `--as ID`): who acts. Supplier ids act as their supplier contact.
struct ActorOptions: ParsableArguments {
    @Option(name: [.customLong("agent"), .customLong("as")],
            help: ArgumentHelp("Who acts: an agent, supervisor or supplier id (env HEATDESK_AGENT, config agent).", valueName: "id"))
    var agent: String?

    func resolve(_ db: AppDatabase) throws -> Agent {
        guard let id = Settings.value(agent, env: "HEATDESK_AGENT", key: "agent") else {
            throw CommandFailure(message: "say who acts: --agent ID", code: 2)
        }
        if let a = try db.agent(id: id) { return a }
        if let s = try db.supplier(id: id) {
            return Agent(id: s.id, name: s.name, role: .supplier, skills: [s.product], languages: s.languages, supplierID: s.id)
        }
        throw CommandFailure(message: "no agent or supplier '\(Sanitize.line(id))' in the directory", code: 2)
    }
}

/// What every work verb shares: the database, the actor, the ticket, and the claim authority.
/// With `--shared`, the verb exchanges before (to act on fresh state) and after (to publish),
/// and claims go through the shared directory, so they are exclusive across workstations.
struct WorkContext {
    let db: AppDatabase
    let actor: Agent
    let engine: SyncEngine?

    init(store: StoreOptions, actor: ActorOptions) throws {
        db = try store.openExisting()
        self.actor = try actor.resolve(db)
        engine = try store.syncEngine(db, agent: self.actor.id)
        if let engine { try StoreOptions.exchange(engine) }
    }

    var authority: any ClaimAuthority { engine?.authority ?? LocalClaimAuthority() }

    func ticket(_ text: String) throws -> TicketKey {
        let key: TicketKey?
        do { key = try db.resolveTicket(text) } catch let e as AppDatabase.LookupError { throw CommandFailure(message: e.description, code: 2) }
        guard let key else { throw CommandFailure(message: "no ticket '\(Sanitize.line(text))'", code: 2) }
        return key
    }

    /// Runs a work command, turning its refusal into exit 1 with the reason; publishes the
    /// change when syncing. A shared directory that cannot take a claim refuses it (exit 1).
    func perform<T>(_ body: () throws -> T) throws -> T {
        let result: T
        do { result = try body() } catch let e as AppDatabase.WorkError {
            throw CommandFailure(message: Sanitize.line(e.message), code: 1)
        } catch let e as SyncFault {
            throw CommandFailure(message: "cannot claim through the shared directory: \(e)", code: 1)
        }
        if let engine { try StoreOptions.exchange(engine) }
        return result
    }

    func done(_ json: Bool, _ text: String, _ fields: KeyValuePairs<String, (any Sendable)?>) {
        if json {
            var w = JSONWriter(); w.beginObject()
            for (k, v) in fields {
                switch v {
                case let i as Int: w.field(k, i)
                case let b as Bool: w.field(k, b)
                case let s as String: w.field(k, s)
                default: w.key(k); w.null()
                }
            }
            w.endObject(); Terminal.json(w.text)
        } else {
            Terminal.out(text)
        }
    }
}

struct ClaimNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim-next",
        abstract: "Claim the best queued ticket for an agent (their skills and languages; SOS and urgent first, then SLA).",
        discussion: "Exit 3 when nothing is queued for this agent.")
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        switch try w.perform({ try claimNext(w) }) {
        case .claimed(let key, let epoch)?:
            let subject = try w.db.ticketDetail(key)?.ticket.subject ?? ""
            w.done(json, "Claimed \(key) for \(w.actor.id) (epoch \(epoch)): \(Sanitize.line(subject))",
                   ["ticket": key.description, "agent": w.actor.id, "epoch": epoch])
        default:
            if json { Terminal.json("{\"ticket\":null}") } else { Terminal.out("Nothing queued for \(w.actor.id).") }
            throw ExitCode(3)
        }
    }
}

/// Counts lost claims, so `claim-next` can tell "nothing queued" from "others were faster".
private final class CountingAuthority: ClaimAuthority, @unchecked Sendable {
    let inner: any ClaimAuthority
    var losses = 0
    init(_ inner: any ClaimAuthority) { self.inner = inner }
    func acquire(_ ticket: TicketKey, epoch: Int, holder: String) throws -> ClaimVerdict {
        let v = try inner.acquire(ticket, epoch: epoch, holder: holder)
        if case .lost = v { losses += 1 }
        return v
    }
}

/// Across workstations the local queue lags: tickets lost to faster workstations are not gone
/// from it until their claims arrive. So after losses, exchange and try again.
private func claimNext(_ w: WorkContext) throws -> AppDatabase.ClaimOutcome? {
    guard let engine = w.engine else { return try w.db.claimNext(by: w.actor, authority: w.authority) }
    for round in 0..<60 {
        let counting = CountingAuthority(engine.authority)
        if let outcome = try w.db.claimNext(by: w.actor, authority: counting) { return outcome }
        if counting.losses == 0 { return nil }
        if round > 0 { usleep(UInt32(min(round, 10)) * 20_000) }
        try StoreOptions.exchange(engine)
    }
    return nil
}

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Claim one queued ticket.")
    @Argument(help: "The ticket id.") var ticket: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        switch try w.perform({ try w.db.claim(key, by: w.actor, authority: w.authority) }) {
        case .claimed(_, let epoch):
            w.done(json, "Claimed \(key) for \(w.actor.id) (epoch \(epoch)).", ["ticket": key.description, "agent": w.actor.id, "epoch": epoch])
        case .heldBy(_, let holder, let name):
            throw CommandFailure(message: "\(key) is held by \(holder)\(name.map { " (\(Sanitize.line($0)))" } ?? "")", code: 1)
        case .notClaimable(_, let status):
            throw CommandFailure(message: "\(key) is \(status.rawValue), not in the queue", code: 1)
        }
    }
}

/// `reply` and `note`: the text from --text, a file, or standard input (`-`).
struct MessageInput: ParsableArguments {
    @Option(help: "The text.") var text: String?
    @Option(help: ArgumentHelp("Read the text from a file, or - for standard input.", valueName: "file")) var file: String?

    func read() throws -> String {
        switch (text, file) {
        case (let t?, nil): return t
        case (nil, "-"): return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        case (nil, let f?):
            guard let data = FileManager.default.contents(atPath: f) else { throw CommandFailure(message: "\(f): cannot read", code: 2) }
            guard let s = String(data: data, encoding: .utf8) else { throw CommandFailure(message: "\(f): not UTF-8 text", code: 2) }
            return s
        default: throw CommandFailure(message: "give the text with --text TEXT or --file FILE (- for standard input), not both", code: 2)
        }
    }
}

struct ReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Write a public reply in a ticket's conversation (owner, participant, supervisor, or a pulled-in supplier with --as).")
    @Argument(help: "The ticket id.") var ticket: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var input: MessageInput
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws { try post(ticket: ticket, actor: actor, input: input, store: store, visibility: .public, json: json) }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Write an internal note (staff only, never sent to the customer).")
    @Argument(help: "The ticket id.") var ticket: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var input: MessageInput
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws { try post(ticket: ticket, actor: actor, input: input, store: store, visibility: .internal, json: json) }
}

private func post(ticket: String, actor: ActorOptions, input: MessageInput, store: StoreOptions, visibility: Visibility, json: Bool) throws {
    let text = try input.read()
    let w = try WorkContext(store: store, actor: actor)
    let key = try w.ticket(ticket)
    try w.perform { try w.db.addMessage(key, by: w.actor, body: text, visibility: visibility) }
    let what = visibility == .public ? "Reply" : "Note"
    w.done(json, "\(what) added to \(key) by \(w.actor.id).", ["ticket": key.description, "author": w.actor.id, "visibility": visibility.rawValue])
}

struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Pull a colleague (agent id) or a supplier (supplier id) into a ticket's conversation.")
    @Argument(help: "The ticket id.") var ticket: String
    @Argument(help: "The colleague's agent id or the supplier id.") var member: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        let p = try w.perform { try w.db.invite(key, member: member, by: w.actor) }
        w.done(json, "\(Sanitize.line(member)) (\(p.kind.rawValue)) joined \(key).", ["ticket": key.description, "member": member, "kind": p.kind.rawValue])
    }
}

struct LeaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leave", abstract: "A participant leaves a ticket's conversation.")
    @Argument(help: "The ticket id.") var ticket: String
    @Argument(help: "The participant (defaults to the actor).") var member: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        let who = member ?? w.actor.supplierID ?? w.actor.id
        try w.perform { try w.db.leave(key, member: who, by: w.actor) }
        Terminal.out("\(who) left \(key).")
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Hand a ticket to another agent, or back to the queue (a new claim epoch).")
    @Argument(help: "The ticket id.") var ticket: String
    @Option(help: ArgumentHelp("The agent who takes it over.", valueName: "id")) var to: String?
    @Flag(help: "Back to the queue instead.") var queue = false
    @Option(help: "Why (kept in the event log).") var reason: String = ""
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func validate() throws {
        guard (to != nil) != queue else { throw ValidationError("give either --to AGENT or --queue") }
    }

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        var target: Agent?
        if let to {
            guard let a = try w.db.agent(id: to) else { throw CommandFailure(message: "no agent '\(Sanitize.line(to))'", code: 2) }
            target = a
        }
        try w.perform { try w.db.transfer(key, to: target, by: w.actor, reason: reason, authority: w.authority) }
        w.done(json, target.map { "\(key) transferred to \($0.id)." } ?? "\(key) is back in the queue.",
               ["ticket": key.description, "owner": target?.id])
    }
}

/// A supervisor hands a ticket to an agent (issue 14, item 10): the store decides claim or
/// transfer and what speaks against the agent; this only parses and prints.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "A supervisor hands a ticket to an agent: a waiting one is claimed on their behalf, a worked one transferred.",
        discussion: """
            Supervisors only. Refused (exit 1, with the reasons) when the agent is offline, does not speak the \
            customer's language or does not serve the ticket's product, unless --force. With --shared the claim \
            epoch is taken in the shared directory for the agent, exactly like their own claim.
            """)
    @Argument(help: "The ticket id.") var ticket: String
    @Option(help: ArgumentHelp("The agent who takes it.", valueName: "id")) var to: String
    @Flag(help: "Assign even to an agent who is offline or lacks the customer's language or the ticket's product.") var force = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        guard let target = try w.db.agent(id: to) else { throw CommandFailure(message: "no agent '\(Sanitize.line(to))'", code: 2) }
        let outcome: AppDatabase.AssignOutcome
        do {
            outcome = try w.perform { try w.db.assign(key, to: target, by: w.actor, confirmed: force, authority: w.authority) }
        } catch let e as AppDatabase.AssignConcernsError {
            throw CommandFailure(message: Sanitize.line(e.description) + "; --force assigns anyway", code: 1)
        }
        let name = Sanitize.line(target.name)
        switch outcome {
        case .claimed(let epoch):
            w.done(json, "\(key) assigned to \(target.id) (\(name)) by \(w.actor.id) (epoch \(epoch)).",
                   ["ticket": key.description, "owner": target.id, "epoch": epoch, "from": nil])
        case .transferred(let from, let epoch):
            w.done(json, "\(key) transferred from \(from ?? "-") to \(target.id) (\(name)) by \(w.actor.id) (epoch \(epoch)).",
                   ["ticket": key.description, "owner": target.id, "epoch": epoch, "from": from])
        }
    }
}

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Resolve a ticket with a disposition (first-contact resolution is recorded).")
    @Argument(help: "The ticket id.") var ticket: String
    @Option(help: ArgumentHelp("How it ended: \(Disposition.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "word"))
    var disposition: String = Disposition.solved.rawValue
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func validate() throws {
        guard Disposition(rawValue: disposition) != nil else {
            throw ValidationError("--disposition \(disposition): expected one of \(Disposition.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        let fcr = try w.perform { try w.db.resolve(key, Disposition(rawValue: disposition)!, by: w.actor) }
        w.done(json, "\(key) resolved (\(disposition))\(fcr ? ", first-contact resolution" : "").",
               ["ticket": key.description, "disposition": disposition, "first_contact": fcr])
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a follow-up (a chase) into its original: resolved as duplicate, its conversation kept and shown on the original.",
        discussion: "Allowed to a supervisor, the follow-up's owner, or the original's owner when the follow-up is queued (it is claimed for them first).")
    @Argument(help: ArgumentHelp("The follow-up's id.", valueName: "followup")) var followUp: String
    @Option(name: .customLong("into"), help: ArgumentHelp("The original ticket it chases.", valueName: "original")) var original: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let f = try w.ticket(followUp), o = try w.ticket(original)
        try w.perform { try w.db.merge(f, into: o, by: w.actor, authority: w.authority) }
        w.done(json, "\(f) merged into \(o) (resolved as duplicate); its conversation shows on \(o).",
               ["ticket": f.description, "into": o.description, "disposition": Disposition.duplicate.rawValue, "first_contact": false])
    }
}

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a resolved ticket; the actor owns it from a new epoch.")
    @Argument(help: "The ticket id.") var ticket: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        try w.perform { try w.db.reopen(key, by: w.actor, authority: w.authority) }
        Terminal.out("\(key) reopened, owned by \(w.actor.id).")
    }
}

struct PendingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pending", abstract: "Set a ticket pending (waiting for the customer or a supplier), or resume it.")
    @Argument(help: "The ticket id.") var ticket: String
    @Option(name: .customLong("waiting-for"), help: "customer or supplier.") var waitingFor: String?
    @Flag(help: "Back to open.") var resume = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (waitingFor != nil) != resume else { throw ValidationError("give either --waiting-for customer|supplier or --resume") }
        if let waitingFor, !["customer", "supplier"].contains(waitingFor) { throw ValidationError("--waiting-for \(waitingFor): expected customer or supplier") }
    }

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        try w.perform { try w.db.setPending(key, waitingFor: waitingFor, by: w.actor) }
        Terminal.out(waitingFor.map { "\(key) pending, waiting for the \($0)." } ?? "\(key) open again.")
    }
}

struct PriorityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "priority", abstract: "Change a ticket's priority (sos, urgent, high, normal, low).")
    @Argument(help: "The ticket id.") var ticket: String
    @Argument(help: "The new priority.") var priority: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard Priority(rawValue: priority) != nil else { throw ValidationError("priority \(priority): expected one of sos, urgent, high, normal, low") }
    }

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        try w.perform { try w.db.setPriority(key, Priority(rawValue: priority)!, by: w.actor) }
        Terminal.out("\(key) is now \(priority).")
    }
}
