import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// Carries out the agent session's effects against the database, off the drawing thread, and
/// answers with messages. Claims go through `authority` (local by default; the shared
/// directory's when sync is on). `background` is called about once a second (the sync engine
/// plugs in there: true means news arrived); the database's `data_version` is polled too, so
/// commits by other processes on the same file are shown without a key press.
public final class AgentRuntime: @unchecked Sendable {
    public let db: AppDatabase
    public let me: Agent
    public let authority: any ClaimAuthority
    public let background: (@Sendable () throws -> Bool)?
    /// Rows per list read.
    public let pageSize: Int
    /// The clock for "resolved in the last 24 hours" (tests pin it).
    public let clock: @Sendable () -> Date

    private let lock = NSLock()
    private var lastVersion: Int?
    private var polling = false
    /// Held from a ticket's read to its message: effects run concurrently, and an older read
    /// answered after a newer one would put the screen back to what it was (a reply from another
    /// process, read by the reload, undone by the slower read of the action before it).
    private let ticketLock = NSLock()
    /// The same for the lists.
    private let listsLock = NSLock()
    /// Draft writes of each ticket, in the order the session numbered them: a save that arrives
    /// after a newer one, or after the send that dropped the draft, is not carried out.
    private let draftLock = NSLock()
    private var draftRevisions: [TicketKey: Int] = [:]

    /// Notes the database's `data_version` before a read: what the read shows includes every
    /// commit up to it, so the poll reloads only for later ones. Without it, a commit made by
    /// another process before the first poll was taken for the baseline and never shown.
    private func noteVersionBeforeRead() throws {
        let version = try db.dataVersion()
        lock.lock(); defer { lock.unlock() }
        lastVersion = max(lastVersion ?? version, version)
    }

    public init(db: AppDatabase, me: Agent, authority: any ClaimAuthority = LocalClaimAuthority(),
                background: (@Sendable () throws -> Bool)? = nil, pageSize: Int = 200,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.db = db; self.me = me; self.authority = authority; self.background = background; self.pageSize = pageSize
        self.clock = clock
    }

    /// The effects that start a session: the four lists and the counts (the command sets the status).
    public static let initialEffects: [AgentEffect] = [.loadLists]

    public func perform(_ effect: AgentEffect, send: @Sendable (AgentMessage) -> Void) async {
        execute(effect, send)
    }

    /// Carries out `effect` on the calling thread; a refusal or failure is answered as `.workFailed`.
    /// After a change of ours, sync runs at once (the background hook exports our events), so
    /// other workstations see it on their next poll rather than after ours as well.
    public func execute(_ effect: AgentEffect, _ send: @Sendable (AgentMessage) -> Void) {
        do {
            try run(effect, send)
        } catch let e as AppDatabase.WorkError {
            return send(.workFailed(e.message))
        } catch let e as AppDatabase.LookupError {
            return send(.workFailed(e.description))
        } catch {
            return send(.workFailed("\(error)"))
        }
        // Not through `poll`: a tick's poll may be running and would skip this one. The engine
        // serializes exchanges itself; `data_version` stays the ticks' business.
        guard effect.writes, let background else { return }
        do { if try background() { send(.externalChange) } } catch { send(.workFailed("sync: \(error)")) }
    }

    /// Synchronous core of `perform` (benchmarks and tests call it directly).
    public func run(_ effect: AgentEffect, _ send: @Sendable (AgentMessage) -> Void) throws {
        switch effect {
        case .loadLists:
            listsLock.lock(); defer { listsLock.unlock() }
            try noteVersionBeforeRead()
            let (lists, counts) = try db.agentLists(agent: me, limit: pageSize, now: clock())
            send(.listsLoaded(lists, counts))
        case .openTicket(let key):
            try sendTicket(key, send)
        case .find(let text):
            guard let key = try db.resolveTicket(text) else { throw AppDatabase.WorkError("No ticket \(text)") }
            try sendTicket(key, send)
        case .claim(let key, let open):
            let outcome = try db.claim(key, by: me, authority: authority)
            send(.claimResult(outcome))
            if case .claimed = outcome, open { try sendTicket(key, send) }
            try run(.loadLists, send)
        case .claimNext:
            let outcome = try db.claimNext(by: me, authority: authority)
            send(.claimResult(outcome))
            if case .claimed(let key, _)? = outcome { try sendTicket(key, send) }
            try run(.loadLists, send)
        case .send(let d, let moving, let revision):
            // Kept before it goes (a crash mid-send keeps it), dropped once it went in; a
            // refusal leaves it kept and says why.
            let refusal: String? = draftLock.withLock {
                draftRevisions[d.ticket] = max(draftRevisions[d.ticket] ?? revision, revision)
                try? db.saveDraft(d, moving: moving)
                do {
                    try db.addMessage(d.ticket, by: me, body: d.body, visibility: d.visibility)
                } catch {
                    return Self.reason(error)
                }
                try? db.deleteDraft(agent: me.id, ticket: d.ticket, visibility: d.visibility)
                return nil
            }
            if let refusal { return send(.sendRefused(d.ticket, d.visibility, refusal)) }
            send(.sent(d.ticket, d.visibility))
            try done(d.visibility == .public ? "Reply sent" : "Note saved", d.ticket, send)
        case .saveDraft(let d, let moving, let revision):
            keepDraft(d.ticket, revision, send) { try db.saveDraft(d, moving: moving) }
        case .deleteDraft(let key, let visibilities, let revision):
            keepDraft(key, revision, send) {
                for v in visibilities { try db.deleteDraft(agent: me.id, ticket: key, visibility: v) }
            }
        case .loadDrafts(let key):
            send(.draftsLoaded(key, try db.drafts(agent: me.id, ticket: key)))
        case .explainDepartures(let keys):
            var left: [TicketLeft] = []
            for key in keys {
                // Still mine (only off the page), or moved by me (another of my sessions, a verb): no news.
                guard let move = try db.lastMove(of: key), move.ownerID != me.id, move.actorID != me.id else { continue }
                left.append(TicketLeft(move: move, draftKept: !(try db.drafts(agent: me.id, ticket: key)).isEmpty))
            }
            if !left.isEmpty { send(.ticketsLeft(left)) }
        case .invite(let key, let member):
            let p = try db.invite(key, member: member, by: me)
            try done("\(member) pulled in as \(p.kind.rawValue)", key, send)
        case .leave(let key, let member):
            try db.leave(key, member: member, by: me)
            if member == me.id, try db.workState(key)?.ownerID != me.id {
                send(.workDone("You left \(key)", leave: true))
                try run(.loadLists, send)
            } else {
                try done("\(member) left \(key)", key, send)
            }
        case .loadInviteCandidates(let key, let products, let forTransfer):
            send(.inviteCandidates(try db.inviteCandidates(for: key, tripProducts: products, excluding: me.id), forTransfer: forTransfer))
        case .openEarlier(let key):
            send(.earlierLoaded(try db.openedTicket(key)))
        case .loadSuppliers(let key):
            guard let d = try db.ticketDetail(key) else { throw AppDatabase.WorkError("no ticket \(key)") }
            send(.suppliers(try db.suppliers(of: d.orders)))
        case .transfer(let key, let to):
            let target = try to.map { id in
                guard let a = try db.agent(id: id) else { throw AppDatabase.WorkError("no agent \(id)") }
                return a
            }
            try db.transfer(key, to: target, by: me, authority: authority)
            send(.workDone(to.map { "\(key) transferred to \($0)" } ?? "\(key) is back in the queue", leave: me.role != .supervisor))
            try run(.loadLists, send)
        case .setPriority(let key, let p):
            try db.setPriority(key, p, by: me)
            try done("Priority of \(key): \(p.rawValue)", key, send)
        case .setPending(let key, let waitingFor):
            try db.setPending(key, waitingFor: waitingFor, by: me)
            try done(waitingFor.map { "\(key) is pending, waiting for the \($0)" } ?? "\(key) is open again", key, send)
        case .resolve(let key, let d):
            let fcr = try db.resolve(key, d, by: me)
            send(.workDone("\(key) resolved: \(d.rawValue)\(fcr ? " · first-contact resolution" : "")", leave: true))
            try run(.loadLists, send)
        case .reopen(let key):
            try db.reopen(key, by: me, authority: authority)
            try done("\(key) reopened; it is yours", key, send)
        case .merge(let followUp, let original, let shown):
            try db.merge(followUp, into: original, by: me, authority: authority)
            try done("\(followUp) merged into \(original): resolved as duplicate, its conversation shown there", shown, send)
        case .reveal(let key):
            send(.contactRevealed(key, try db.revealContact(key, by: me)))
        case .setStatus(let status):
            try db.setStatus(of: me, status)
            send(.statusChanged(status))
        case .poll:
            try poll(send)
        }
    }

    /// One draft write, unless a newer one of the same ticket was carried out already; always answered.
    private func keepDraft(_ key: TicketKey, _ revision: Int, _ send: @Sendable (AgentMessage) -> Void, _ write: () throws -> Void) {
        let failure: String? = draftLock.withLock {
            if let last = draftRevisions[key], revision < last { return nil }
            do { try write() } catch { return Self.reason(error) }
            draftRevisions[key] = revision
            return nil
        }
        send(failure.map { .draftNotSaved(key, $0) } ?? .draftSaved(key))
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let e as AppDatabase.WorkError: return e.message
        case let e as AppDatabase.LookupError: return e.description
        default: return "\(error)"
        }
    }

    private func done(_ text: String, _ key: TicketKey, _ send: @Sendable (AgentMessage) -> Void) throws {
        send(.workDone(text, leave: false))
        try sendTicket(key, send)
        try run(.loadLists, send)
    }

    private func sendTicket(_ key: TicketKey, _ send: @Sendable (AgentMessage) -> Void) throws {
        ticketLock.lock(); defer { ticketLock.unlock() }
        try noteVersionBeforeRead()
        guard let opened = try db.openedTicket(key) else { throw AppDatabase.WorkError("no ticket \(key)") }
        send(.ticketLoaded(opened))
    }

    /// One poll: skipped while the previous one runs (a slow sync must not pile up).
    private func poll(_ send: @Sendable (AgentMessage) -> Void) throws {
        lock.lock()
        if polling { lock.unlock(); return }
        polling = true
        lock.unlock()
        defer { lock.lock(); polling = false; lock.unlock() }
        var changed = try background?() ?? false
        let version = try db.dataVersion()
        lock.lock()
        if let last = lastVersion, last != version { changed = true }
        lastVersion = version
        lock.unlock()
        if changed { send(.externalChange) }
    }
}

extension AgentEffect {
    /// Effects that write events of ours (what sync publishes).
    public var writes: Bool {
        switch self {
        case .claim, .claimNext, .send, .invite, .leave, .transfer, .setPriority, .setPending, .resolve, .reopen, .merge, .reveal, .setStatus:
            return true
        case .loadLists, .openTicket, .openEarlier, .find, .loadInviteCandidates, .loadSuppliers, .poll,
             .saveDraft, .deleteDraft, .loadDrafts, .explainDepartures:
            return false
        }
    }
}

/// The session as a TerminalKit `Program`: the pure update and view, keys mapped to messages,
/// effects carried out by the runtime.
public func agentProgram(state: AgentState, runtime: AgentRuntime) -> Program<AgentState, AgentMessage, AgentEffect> {
    Program(state: state, update: agentUpdate, view: agentView,
            event: { _, e in
                switch e {
                case .key(let k): return .key(k)
                case .paste(let p): return .paste(p)
                case .resize(let s): return .resize(s)
                case .tick: return .tick(Date())
                case .terminate: return nil
                }
            },
            isFinished: { $0.quit },
            perform: { effect, send in await runtime.perform(effect, send: send) },
            tickInterval: .seconds(1),
            minimumSize: AgentLayout.minimum,
            theme: state.theme)
}
