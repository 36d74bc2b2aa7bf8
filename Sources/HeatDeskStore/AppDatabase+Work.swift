import Foundation
import GRDB
import HeatDeskCore

/// The work an agent does on tickets: claim, write, pull people in, move the ticket on. Each
/// command checks who may do it, then applies one `TicketChange` through the `EventApplier`, so
/// the change and its event commit together. Screens and scriptable verbs call these; sync
/// plugs in through `ClaimAuthority` for claims and reads the log for everything else.
extension AppDatabase {
    /// A command that cannot be carried out, with the reason an agent can act on.
    public struct WorkError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    public enum ClaimOutcome: Equatable, Sendable {
        case claimed(TicketKey, epoch: Int)
        /// Someone else holds it (an agent id; their name when the directory knows them).
        case heldBy(TicketKey, agentID: String, name: String?)
        /// Not in the queue: resolved, or otherwise not claimable.
        case notClaimable(TicketKey, TicketStatus)
    }

    /// Where a ticket stands for the rules below.
    public struct WorkState: Equatable, Sendable {
        public var key: TicketKey
        public var epoch: Int
        public var status: TicketStatus
        public var ownerID: String?
        public var handoffs: Int
        public var customerID: String
        public var product: Product
        /// A public agent reply reached the customer (`first_response_at` is set).
        public var answered: Bool
    }

    public func workState(_ key: TicketKey) throws -> WorkState? {
        try writer.read { db in try Self.workState(db, key) }
    }

    static func workState(_ db: Database, _ key: TicketKey) throws -> WorkState? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT claim_epoch, status, owner_id, handoffs, customer_id, product, first_response_at IS NOT NULL
            FROM ticket WHERE source = ? AND external_id = ?
            """, arguments: [key.source, key.externalID]) else { return nil }
        return WorkState(key: key, epoch: r[0], status: TicketStatus(rawValue: r[1]) ?? .queued, ownerID: r[2], handoffs: r[3],
                         customerID: r[4], product: Product(rawValue: r[5]) ?? .other, answered: r[6])
    }

    // MARK: Claiming

    /// Claims a queued ticket for `agent`: exclusive locally by the write transaction, across
    /// workstations by `authority` (the next epoch goes to one holder only).
    public func claim(_ key: TicketKey, by agent: Agent, authority: any ClaimAuthority = LocalClaimAuthority(),
                      at: Date = Date()) throws -> ClaimOutcome {
        guard agent.role != .supplier else { throw WorkError("\(agent.id) is a supplier contact and cannot claim tickets") }
        guard let state = try workState(key) else { throw WorkError("no ticket \(key)") }
        if let answer = try notClaimable(state) { return answer }
        if case .lost(let other) = try authority.acquire(key, epoch: state.epoch + 1, holder: agent.id) {
            return .heldBy(key, agentID: other, name: try self.agent(id: other)?.name)
        }
        return try writer.write { db in
            // Another process on this database may have claimed it since we looked.
            guard let now = try Self.workState(db, key) else { throw WorkError("no ticket \(key)") }
            if now.epoch != state.epoch || now.status != .queued {
                return try self.notClaimable(now, db) ?? .notClaimable(key, now.status)
            }
            let applier = try EventApplier(db)
            _ = try applier.apply(LoggedEvent(at: at, actor: agent.id, event: .ticketChanged(key, .claimed(owner: agent.id), epoch: state.epoch + 1)))
            return .claimed(key, epoch: state.epoch + 1)
        }
    }

    private func notClaimable(_ s: WorkState, _ db: Database? = nil) throws -> ClaimOutcome? {
        guard s.status != .queued else { return nil }
        if let owner = s.ownerID, s.status != .resolved {
            let name = try db.map { try Self.agentName(db: $0, owner) } ?? (try agent(id: owner)?.name)
            return .heldBy(s.key, agentID: owner, name: name)
        }
        return .notClaimable(s.key, s.status)
    }

    static func agentName(db: Database, _ id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM agent WHERE id = ?", arguments: [id])
    }

    /// The best queued ticket this agent may take (their skills and languages; SOS and urgent
    /// first, then the SLA), claimed. Nil when nothing fits. Tickets lost to a faster
    /// workstation are skipped.
    public func claimNext(by agent: Agent, authority: any ClaimAuthority = LocalClaimAuthority(), at: Date = Date()) throws -> ClaimOutcome? {
        var skipped = Set<TicketKey>()
        for _ in 0..<8 {
            let candidates = try queue(QueueFilter(products: agent.queueProducts, languages: agent.languages, limit: 16))
                .filter { !skipped.contains($0.key) }
            if candidates.isEmpty { return nil }
            for item in candidates {
                let outcome = try claim(item.key, by: agent, authority: authority, at: at)
                if case .claimed = outcome { return outcome }
                skipped.insert(item.key)
            }
        }
        return nil
    }

    // MARK: Conversation

    /// A reply (public) or an internal note by a staff member or supplier contact. The owner
    /// writes as the agent; participants, supervisors and suppliers as themselves.
    public func addMessage(_ key: TicketKey, by author: Agent, body: String, visibility: Visibility, at: Date = Date()) throws {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw WorkError("the message is empty") }
        try writer.write { db in
            guard let s = try Self.workState(db, key) else { throw WorkError("no ticket \(key)") }
            let kind = try Self.authorKind(db, s, author)
            guard s.status != .resolved || author.role == .supervisor else {
                throw WorkError("\(key) is resolved; reopen it before writing")
            }
            if kind == .supplier, visibility == .internal { throw WorkError("supplier contacts cannot write internal notes") }
            let authorID = kind == .supplier ? (author.supplierID ?? author.id) : author.id
            let m = Message(at: at, authorKind: kind, authorID: authorID, visibility: visibility, body: text)
            _ = try EventApplier(db).apply(LoggedEvent(at: at, actor: author.id, event: .messageAdded(key, m)))
        }
    }

    /// Who may write: the owner, an active participant, a supervisor; suppliers only when their
    /// supplier was pulled in.
    static func authorKind(_ db: Database, _ s: WorkState, _ a: Agent) throws -> AuthorKind {
        if a.role == .supplier {
            let member = a.supplierID ?? a.id
            guard try isParticipant(db, s.key, member) || isParticipant(db, s.key, a.id) else {
                throw WorkError("supplier \(member) is not part of \(s.key); the owner must pull them in first")
            }
            return .supplier
        }
        if s.ownerID == a.id { return .agent }
        if a.role == .supervisor { return .colleague }
        if try isParticipant(db, s.key, a.id) { return .colleague }
        throw WorkError(s.ownerID.map { "\(s.key) belongs to \($0); only its owner, participants and supervisors write in it" }
                        ?? "\(s.key) is \(s.status.rawValue) and not claimed; claim it before writing")
    }

    static func isParticipant(_ db: Database, _ key: TicketKey, _ member: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM participant p JOIN ticket t ON t.id = p.ticket_id
            WHERE t.source = ? AND t.external_id = ? AND p.member_id = ? AND p.left_at IS NULL
            """, arguments: [key.source, key.externalID, member]) ?? false
    }

    /// Pulls a colleague (an agent id) or a supplier (a supplier id) into the conversation.
    public func invite(_ key: TicketKey, member: String, by actor: Agent, at: Date = Date()) throws -> Participant {
        try writer.write { db in
            guard let s = try Self.workState(db, key) else { throw WorkError("no ticket \(key)") }
            try Self.requireOwnerOrSupervisor(s, actor, "pull people into")
            guard s.status != .resolved else { throw WorkError("\(key) is resolved") }
            let kind: Participant.Kind
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM supplier WHERE id = ?", arguments: [member]) ?? false {
                kind = .supplier
            } else if let role = try String.fetchOne(db, sql: "SELECT role FROM agent WHERE id = ?", arguments: [member]) {
                guard member != s.ownerID else { throw WorkError("\(member) already owns \(key)") }
                kind = role == Role.supplier.rawValue ? .supplier : .colleague
            } else {
                throw WorkError("no agent or supplier '\(member)'")
            }
            let p = Participant(memberID: member, kind: kind, joinedAt: at)
            let outcome = try EventApplier(db).apply(LoggedEvent(at: at, actor: actor.id, event: .ticketChanged(key, .participantJoined(p), epoch: s.epoch)))
            if outcome == .alreadyPresent { throw WorkError("\(member) is already in \(key)") }
            return p
        }
    }

    /// A participant leaves (themselves, or removed by the owner or a supervisor).
    public func leave(_ key: TicketKey, member: String, by actor: Agent, at: Date = Date()) throws {
        try writer.write { db in
            guard let s = try Self.workState(db, key) else { throw WorkError("no ticket \(key)") }
            if actor.id != member && actor.supplierID != member { try Self.requireOwnerOrSupervisor(s, actor, "remove participants from") }
            let outcome = try EventApplier(db).apply(LoggedEvent(at: at, actor: actor.id, event: .ticketChanged(key, .participantLeft(memberID: member), epoch: s.epoch)))
            if outcome == .alreadyPresent { throw WorkError("\(member) is not in \(key)") }
        }
    }

    // MARK: Moving it on

    /// Hands the ticket to another agent (a new epoch), or back to the queue when `to` is nil.
    public func transfer(_ key: TicketKey, to target: Agent?, by actor: Agent, reason: String = "",
                         authority: any ClaimAuthority = LocalClaimAuthority(), at: Date = Date()) throws {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        try Self.requireOwnerOrSupervisor(s, actor, "transfer")
        guard s.status == .open || s.status == .pending else { throw WorkError("\(key) is \(s.status.rawValue); only a worked ticket can be transferred") }
        if let target {
            guard target.role != .supplier else { throw WorkError("\(target.id) is a supplier contact; invite suppliers instead") }
            guard target.id != s.ownerID else { throw WorkError("\(key) already belongs to \(target.id)") }
        }
        let holder = target?.id ?? "queue"
        if case .lost(let other) = try authority.acquire(key, epoch: s.epoch + 1, holder: holder) {
            throw WorkError("\(key) changed hands meanwhile (now \(other))")
        }
        let change: TicketChange = target.map { .transferred(to: $0.id) } ?? .requeued(reason: reason.isEmpty ? "transferred to the queue" : reason)
        try apply(key, change, epoch: s.epoch + 1, expectEpoch: s.epoch, actor: actor, at: at)
    }

    // MARK: Assigning (supervisors)

    /// What speaks against handing a ticket to an agent: the picker warns, the verb wants `--force`.
    public enum AssignConcern: Equatable, Sendable, CustomStringConvertible {
        case offline
        /// They do not speak the customer's language.
        case language(String)
        /// They do not serve the ticket's product (an SOS is everyone's, so never for an SOS).
        case product(Product)

        public var description: String {
            switch self {
            case .offline: return "is offline"
            case .language(let l): return "does not speak \(l)"
            case .product(let p): return "does not serve \(p.rawValue)"
            }
        }
    }

    /// One agent a supervisor may hand a ticket to, with what the picker shows.
    public struct AssignCandidate: Equatable, Sendable {
        public var agent: Agent
        /// Tickets they hold now (open or pending): their load.
        public var held: Int
        public var concerns: [AssignConcern]
        public init(agent: Agent, held: Int, concerns: [AssignConcern]) { self.agent = agent; self.held = held; self.concerns = concerns }
    }

    /// A ticket as the assignment sees it, and the agents it could go to: the ones nothing speaks
    /// against first, then available before away before offline, the least loaded first.
    public struct AssignOptions: Equatable, Sendable {
        public var ticket: TicketKey
        public var status: TicketStatus
        public var ownerID: String?
        public var product: Product
        public var priority: Priority
        /// The customer's language.
        public var language: String
        public var candidates: [AssignCandidate]
    }

    /// What speaks against `agent` taking a ticket of `product` in `language` (the queue's own
    /// rule: their skills plus general questions, every SOS, their languages).
    public static func assignConcerns(_ agent: Agent, product: Product, language: String, priority: Priority) -> [AssignConcern] {
        var out: [AssignConcern] = []
        if agent.status == .offline { out.append(.offline) }
        if !language.isEmpty, !agent.languages.contains(language) { out.append(.language(language)) }
        let serves = agent.queueProducts
        if priority != .sos, !serves.isEmpty, !serves.contains(product) { out.append(.product(product)) }
        return out
    }

    /// The agents (not supervisors or supplier contacts) a ticket could be assigned to, its
    /// current owner left out. Nil for an unknown ticket. The directory is small: read whole.
    public func assignOptions(_ key: TicketKey) throws -> AssignOptions? {
        try writer.read { db in
            guard let t = try Row.fetchOne(db, sql: """
                SELECT t.status, t.owner_id, t.product, t.priority_rank, c.language
                FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id WHERE t.source = ? AND t.external_id = ?
                """, arguments: [key.source, key.externalID]) else { return nil }
            let product = Product(rawValue: t[2]) ?? .other
            let priority = Priority(rank: t[3]) ?? .normal
            let language: String = t[4] ?? ""
            let owner: String? = t[1]
            var held: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT owner_id, count(*) FROM ticket
                WHERE owner_id IS NOT NULL AND status IN ('open', 'pending') GROUP BY owner_id
                """) { held[r[0]] = r[1] }
            let order: [AgentStatus: Int] = [.available: 0, .away: 1, .offline: 2]
            let candidates = try Row.fetchAll(db, sql: "SELECT * FROM agent WHERE role = 'agent' ORDER BY id").compactMap { r -> AssignCandidate? in
                let a = Agent(id: r["id"], name: r["name"], role: .agent,
                              skills: (r["skills"] as String).split(separator: ",").compactMap { Product(rawValue: String($0)) },
                              languages: (r["languages"] as String).split(separator: ",").map(String.init),
                              center: r["center"], supplierID: r["supplier_id"], status: AgentStatus(rawValue: r["status"]) ?? .offline)
                guard a.id != owner else { return nil }
                return AssignCandidate(agent: a, held: held[a.id] ?? 0,
                                       concerns: Self.assignConcerns(a, product: product, language: language, priority: priority))
            }.sorted { x, y in
                if x.concerns.isEmpty != y.concerns.isEmpty { return x.concerns.isEmpty }
                let sx = order[x.agent.status] ?? 3, sy = order[y.agent.status] ?? 3
                if sx != sy { return sx < sy }
                return x.held != y.held ? x.held < y.held : x.agent.id < y.agent.id
            }
            return AssignOptions(ticket: key, status: TicketStatus(rawValue: t[0]) ?? .queued, ownerID: owner, product: product,
                                 priority: priority, language: language, candidates: candidates)
        }
    }

    /// `assign` without `confirmed` when something speaks against the agent: nothing was written.
    public struct AssignConcernsError: Error, Equatable, Sendable, CustomStringConvertible {
        public var ticket: TicketKey
        public var agent: Agent
        public var concerns: [AssignConcern]
        /// `王芳 (AG-013) is offline and does not speak en`
        public var description: String { AppDatabase.assignWarning(agent, concerns) }
    }

    /// One sentence for the concerns: `王芳 (AG-013) is offline and does not speak en`.
    public static func assignWarning(_ agent: Agent, _ concerns: [AssignConcern]) -> String {
        let parts = concerns.map(\.description)
        let list = parts.count <= 2 ? parts.joined(separator: " and ") : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        return "\(agent.name) (\(agent.id)) " + list
    }

    public enum AssignOutcome: Equatable, Sendable {
        /// A waiting ticket, claimed on the agent's behalf.
        case claimed(epoch: Int)
        /// A worked ticket, transferred from its owner.
        case transferred(from: String?, epoch: Int)
    }

    /// A supervisor hands a ticket to `target`. A waiting ticket is claimed on the agent's
    /// behalf: the next claim epoch, taken from `authority` for the agent exactly like their
    /// own claim (so the shared directory's claim file names them, and any other claim of that
    /// epoch loses); a worked one is transferred. Concerns (offline, language, product) are the
    /// caller's to ask about: `assignOptions`.
    /// `confirmed: false` refuses with `AssignConcernsError` when the agent is offline or lacks
    /// the customer's language or the ticket's product (the screens ask first, then confirm).
    @discardableResult
    public func assign(_ key: TicketKey, to target: Agent, by actor: Agent, confirmed: Bool = true,
                       authority: any ClaimAuthority = LocalClaimAuthority(), at: Date = Date()) throws -> AssignOutcome {
        guard actor.role == .supervisor else {
            throw WorkError("only a supervisor can assign tickets; \(actor.id) is \(actor.role == .agent ? "an agent" : "a supplier contact")")
        }
        guard target.role != .supplier else { throw WorkError("\(target.id) is a supplier contact; invite suppliers instead") }
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        if !confirmed, s.status != .resolved, let o = try assignOptions(key) {
            let concerns = Self.assignConcerns(target, product: o.product, language: o.language, priority: o.priority)
            if !concerns.isEmpty { throw AssignConcernsError(ticket: key, agent: target, concerns: concerns) }
        }
        switch s.status {
        case .resolved:
            throw WorkError("\(key) is resolved; reopen it before assigning it")
        case .open, .pending:
            try transfer(key, to: target, by: actor, reason: "assigned by supervisor \(actor.id)", authority: authority, at: at)
            return .transferred(from: s.ownerID, epoch: s.epoch + 1)
        case .queued:
            if case .lost(let other) = try authority.acquire(key, epoch: s.epoch + 1, holder: target.id) {
                let name = try agent(id: other)?.name
                throw WorkError("\(key) was claimed meanwhile by \(other)\(name.map { " (\($0))" } ?? "")")
            }
            return try writer.write { db in
                guard let now = try Self.workState(db, key) else { throw WorkError("no ticket \(key)") }
                guard now.epoch == s.epoch, now.status == .queued else {
                    throw WorkError("\(key) changed hands meanwhile (now \(now.ownerID ?? now.status.rawValue)); look again")
                }
                let outcome = try EventApplier(db).apply(LoggedEvent(at: at, actor: actor.id,
                                                                     event: .ticketChanged(key, .claimed(owner: target.id), epoch: s.epoch + 1)))
                if case .rejected(let why) = outcome { throw WorkError(why) }
                return .claimed(epoch: s.epoch + 1)
            }
        }
    }

    /// A supervisor frees a ticket (a stale claim of a silent workstation): back to the queue.
    public func requeue(_ key: TicketKey, by actor: Agent, reason: String,
                        authority: any ClaimAuthority = LocalClaimAuthority(), at: Date = Date()) throws {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        guard actor.role == .supervisor || actor.id == s.ownerID else { throw WorkError("only a supervisor or the owner can requeue \(key)") }
        guard s.status == .open || s.status == .pending else { throw WorkError("\(key) is \(s.status.rawValue); nothing to requeue") }
        if case .lost(let other) = try authority.acquire(key, epoch: s.epoch + 1, holder: "queue") {
            throw WorkError("\(key) changed hands meanwhile (now \(other))")
        }
        try apply(key, .requeued(reason: reason), epoch: s.epoch + 1, expectEpoch: s.epoch, actor: actor, at: at)
    }

    public func setPriority(_ key: TicketKey, _ priority: Priority, by actor: Agent, at: Date = Date()) throws {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        if s.status != .queued { try Self.requireOwnerOrSupervisor(s, actor, "change the priority of") }
        guard actor.role != .supplier else { throw WorkError("supplier contacts cannot change priorities") }
        try apply(key, .priorityChanged(priority), epoch: s.epoch, expectEpoch: nil, actor: actor, at: at)
    }

    /// Pending while waiting for the customer or a supplier; `waitingFor: nil` resumes it.
    public func setPending(_ key: TicketKey, waitingFor: String?, by actor: Agent, at: Date = Date()) throws {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        try Self.requireOwnerOrSupervisor(s, actor, "set pending")
        let change: TicketChange = waitingFor.map { .statusChanged(.pending, waitingFor: $0) } ?? .statusChanged(.open, waitingFor: nil)
        try apply(key, change, epoch: s.epoch, expectEpoch: s.epoch, actor: actor, at: at)
    }

    /// Resolves with a disposition. First-contact resolution (`Ticket.isFirstContactResolution`):
    /// its first owner solved it without a transfer, requeue, reopen or pending wait, and the
    /// customer was answered publicly.
    @discardableResult
    public func resolve(_ key: TicketKey, _ disposition: Disposition, by actor: Agent, at: Date = Date()) throws -> Bool {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        try Self.requireOwnerOrSupervisor(s, actor, "resolve")
        guard s.status == .open || s.status == .pending else { throw WorkError("\(key) is \(s.status.rawValue); only a worked ticket can be resolved") }
        // A chased ticket is not first-contact: the customer had to come back (Docs/metrics.md).
        let chased = try writer.read { db in try Self.wasChased(db, key) }
        let fcr = Ticket.isFirstContactResolution(epoch: s.epoch, handoffs: s.handoffs, answered: s.answered) && !chased
        try apply(key, .resolved(disposition, firstContact: fcr), epoch: s.epoch, expectEpoch: s.epoch, actor: actor, at: at)
        return fcr
    }

    /// Opens a resolved ticket again, owned by `actor` from a new epoch.
    public func reopen(_ key: TicketKey, by actor: Agent, authority: any ClaimAuthority = LocalClaimAuthority(), at: Date = Date()) throws {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        guard s.status == .resolved else { throw WorkError("\(key) is \(s.status.rawValue), not resolved") }
        guard actor.role != .supplier else { throw WorkError("supplier contacts cannot reopen tickets") }
        if case .lost(let other) = try authority.acquire(key, epoch: s.epoch + 1, holder: actor.id) {
            throw WorkError("\(key) was reopened meanwhile by \(other)")
        }
        try apply(key, .reopened(owner: actor.id), epoch: s.epoch + 1, expectEpoch: s.epoch, actor: actor, at: at)
    }

    /// What a reveal gave: the real contact details (and the reveal is in the event log), or
    /// why nothing was revealed (nothing is logged then).
    public enum ContactReveal: Equatable, Sendable {
        case revealed(ContactDetails)
        case unavailable(String)
    }

    /// Opens the real contact details of the ticket's customer for `actor`, and logs the reveal
    /// (`ticket.contact_revealed`: who, when, the ticket, its customer and the fields) before
    /// handing them out. Without the center's contact key, with another key, or for a customer
    /// imported with masked details only, nothing is revealed and the answer says why.
    public func revealContact(_ key: TicketKey, by actor: Agent, at: Date = Date()) throws -> ContactReveal {
        guard actor.role != .supplier else { throw WorkError("supplier contacts cannot see the customer's contact details") }
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        let row = try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT contact_sealed, phone_masked, email_masked FROM customer WHERE id = ?", arguments: [s.customerID])
        }
        guard let sealed: String = row?["contact_sealed"] else {
            let masked = [row?["phone_masked"] as String?, row?["email_masked"] as String?].compactMap { $0 }
            return .unavailable(masked.isEmpty
                ? "no contact details were imported for customer \(s.customerID)"
                : "only the masked contact (\(masked.joined(separator: ", "))) was imported for customer \(s.customerID); the real one was never given to heatdesk")
        }
        let contact: ContactDetails
        switch contactKey {
        case .unavailable(let why): return .unavailable("the contact is sealed; \(why)")
        case .key(let k):
            do { contact = try k.open(sealed, customerID: s.customerID) } catch {
                return .unavailable("the contact is sealed; \(error.message)")
            }
        }
        try apply(key, .contactRevealed(field: contact.fieldNames, customerID: s.customerID), epoch: s.epoch, expectEpoch: nil, actor: actor, at: at)
        return .revealed(contact)
    }

    /// Logs that `actor` looked at the customer's contact details of this ticket.
    public func logContactReveal(_ key: TicketKey, field: String, by actor: Agent, at: Date = Date()) throws {
        guard let s = try workState(key) else { throw WorkError("no ticket \(key)") }
        try apply(key, .contactRevealed(field: field, customerID: s.customerID), epoch: s.epoch, expectEpoch: nil, actor: actor, at: at)
    }

    public func setStatus(of agent: Agent, _ status: AgentStatus, at: Date = Date()) throws {
        try writer.write { db in
            _ = try EventApplier(db).apply(LoggedEvent(at: at, actor: agent.id, event: .agentStatusChanged(agentID: agent.id, status)))
        }
    }

    static func requireOwnerOrSupervisor(_ s: WorkState, _ actor: Agent, _ verb: String) throws {
        guard actor.id == s.ownerID || actor.role == .supervisor else {
            throw WorkError(s.ownerID.map { "\(s.key) belongs to \($0); only its owner or a supervisor can \(verb) it" }
                            ?? "\(s.key) is not claimed; claim it before you \(verb) it")
        }
    }

    /// Applies one change in a write transaction, refusing when the ticket moved to another
    /// epoch since the caller looked (another process or sync got there first).
    private func apply(_ key: TicketKey, _ change: TicketChange, epoch: Int, expectEpoch: Int?, actor: Agent, at: Date) throws {
        try writer.write { db in
            if let expectEpoch, let now = try Self.workState(db, key), now.epoch != expectEpoch {
                throw WorkError("\(key) changed hands meanwhile (now \(now.ownerID ?? "in the queue")); look again")
            }
            let outcome = try EventApplier(db).apply(LoggedEvent(at: at, actor: actor.id, event: .ticketChanged(key, change, epoch: epoch)))
            if case .rejected(let why) = outcome { throw WorkError(why) }
        }
    }
}

extension Agent {
    /// The products whose queue this agent serves: their skills plus general questions
    /// (`other`: membership, visas, invoices). A supervisor with no skills listed sees all.
    public var queueProducts: [Product] { skills.isEmpty ? [] : skills + (skills.contains(.other) ? [] : [.other]) }
}
