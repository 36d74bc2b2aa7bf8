import Foundation
import GRDB
import HeatDeskCore

/// Applies domain events to the tables and appends each applied event to the log, inside the
/// caller's transaction: the change and its event commit together or not at all.
///
/// Applying is idempotent: an event whose effect is already there (a ticket with the same
/// source and external id, an order id, a customer with the same values, a message with the
/// same fingerprint) changes nothing and is not logged again. That is what makes a re-run of
/// an interrupted import, or a batch delivered twice, harmless.
public final class EventApplier {
    public enum Outcome: Equatable, Sendable {
        case applied
        case alreadyPresent
        /// Not applied and not logged: the actor's claim epoch is no longer the ticket's (a
        /// workstation that lost its claim), or the ticket is not in a state that allows it.
        case rejected(String)
    }

    public enum ApplyError: Error, CustomStringConvertible, Equatable {
        case unknownTicket(TicketKey)
        case unknownCustomer(String)
        case unknownOrder(String)
        /// An owner's change from an epoch this node has not seen opened yet (its claim is in
        /// another node's batch still on the way): wait for it rather than reject.
        case epochNotYetSeen(TicketKey, Int)
        public var description: String {
            switch self {
            case .unknownTicket(let k): return "no ticket \(k)"
            case .unknownCustomer(let id): return "no customer \(id)"
            case .unknownOrder(let id): return "no order \(id)"
            case .epochNotYetSeen(let k, let e): return "epoch \(e) of \(k), not opened here yet"
            }
        }
    }

    /// Where an event applied from another workstation comes from (Docs/sync-protocol.md).
    public struct Origin: Equatable, Sendable {
        public var node: String
        public var seq: Int64
        public var hlc: Int64
        public init(node: String, seq: Int64, hlc: Int64) { self.node = node; self.seq = seq; self.hlc = hlc }
    }

    private let db: Database
    private let node: String
    /// Loaded on first use from the log: the largest clock issued or seen.
    private var clock: HybridClock?
    /// The event being applied: its origin (nil for this node's own) and its clock.
    private var origin: Origin?
    private var hlc: Int64 = 0
    /// `(hlc, node)` of the event being applied, the last-writer-wins key.
    private var stamp: String {
        if let stampText { return stampText }
        let text = HybridClock.stamp(hlc, node: origin?.node ?? node)
        stampText = text
        return text
    }
    /// Made on first use: only the last-writer-wins changes need it.
    private var stampText: String?
    /// The event being applied as the log stores it, when the caller had it already.
    private var encoded: EncodedEvent?

    /// Asked for every epoch-opening event from another node: the holder the shared directory's
    /// claim file for that epoch names (nil when there is none). Owner only from claims: an event
    /// giving the epoch to someone else is rejected; one matching the file replaces a rival that
    /// took the same epoch without the shared directory.
    public var claimHolder: ((TicketKey, Int) throws -> String?)?

    /// The applier's statements, prepared once per applier (one transaction).
    enum Prepared: Int, StatementName {
        case ensureCustomer
        case ticketRowID
        case upsertCustomer
        case insertOrder
        case insertOrderEvent
        case insertTicket
        case linkOrder
        case orderProduct
        case insertMessage
        case logEvent
        case tallyRow
        case firstResponse, ticketState, claim, claimUnresolved, transfer, requeue, reopen, touchStatusClock, statusClock, setStatus
        case setPriority, agentRole, resolve, participant, join, leave

        var sql: String {
            switch self {
            case .ensureCustomer: return """
                INSERT OR IGNORE INTO customer(id, name, language, tier, phone_masked, email_masked, flags, contact_sealed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .ticketRowID: return "SELECT id FROM ticket WHERE source = ? AND external_id = ?"
            case .upsertCustomer: return """
                INSERT INTO customer(id, name, language, tier, phone_masked, email_masked, flags, contact_sealed)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT(id) DO UPDATE SET name = ?2, language = ?3, tier = ?4, phone_masked = ?5,
                    email_masked = ?6, flags = ?7, contact_sealed = ?8
                WHERE (name, language, tier, phone_masked, email_masked, flags, contact_sealed) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """
            case .insertOrder: return """
                INSERT OR IGNORE INTO travel_order(id, customer_id, product, status, booked_at, service_at, title, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .insertOrderEvent: return "INSERT INTO order_event(order_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)"
            case .insertTicket: return """
                INSERT OR IGNORE INTO ticket(source, external_id, created_at, channel, product, category, priority_rank,
                    status, customer_id, subject, bot_summary, sla_due_at, products, owner_id, first_response_at,
                    resolved_at, disposition)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .linkOrder: return "INSERT OR IGNORE INTO ticket_order(ticket_id, order_id) VALUES (?, ?)"
            case .orderProduct: return "SELECT product FROM travel_order WHERE id = ?"
            case .insertMessage: return """
                INSERT OR IGNORE INTO message(ticket_id, at, author_kind, author_id, visibility, body, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            case .logEvent: return "INSERT INTO event(node, at, actor, kind, entity, payload, origin_seq, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            // The row's tally columns after a change (not RETURNING: SQLite runs that as a
            // trigger, with a statement journal per statement, about 10 µs per event here).
            case .tallyRow: return "SELECT \(TallyRow.columns) FROM ticket WHERE id = ?"
            case .firstResponse: return "UPDATE ticket SET first_response_at = ? WHERE id = ? AND first_response_at IS NULL"
            case .ticketState: return """
                SELECT id, claim_epoch, status, owner_id, resolved_at IS NULL AND disposition IS NULL AND first_contact IS NULL,
                    \(TallyRow.columns)
                FROM ticket WHERE source = ? AND external_id = ?
                """
            case .claim: return """
                UPDATE ticket SET owner_id = ?, status = 'open', claim_epoch = ?, claimed_at = ?,
                    resolved_at = NULL, disposition = NULL, first_contact = NULL WHERE id = ?
                """
            // The usual claim, of a ticket never resolved: SQLite rewrites every index holding a
            // column the SET names, changed or not, and resolved_at is in the monitor's arrivals index.
            case .claimUnresolved: return "UPDATE ticket SET owner_id = ?, status = 'open', claim_epoch = ?, claimed_at = ? WHERE id = ?"
            case .transfer: return """
                UPDATE ticket SET owner_id = ?, status = 'open', claim_epoch = ?, claimed_at = ?, handoffs = handoffs + 1,
                    waiting_for = NULL, resolved_at = NULL, disposition = NULL, first_contact = NULL WHERE id = ?
                """
            case .requeue: return """
                UPDATE ticket SET owner_id = NULL, status = 'queued', claim_epoch = ?, claimed_at = NULL, handoffs = handoffs + 1,
                    waiting_for = NULL, resolved_at = NULL, disposition = NULL, first_contact = NULL WHERE id = ?
                """
            case .reopen: return """
                UPDATE ticket SET owner_id = ?, status = 'open', claim_epoch = ?, claimed_at = ?, handoffs = handoffs + 1,
                    resolved_at = NULL, disposition = NULL, first_contact = NULL WHERE id = ?
                """
            case .touchStatusClock: return "UPDATE ticket SET status_clock = ?1 WHERE id = ?2 AND status_clock < ?1"
            case .statusClock: return "SELECT status_clock FROM ticket WHERE id = ?"
            case .setStatus: return "UPDATE ticket SET status = ?, waiting_for = ?, handoffs = handoffs + ?, status_clock = ? WHERE id = ?"
            case .setPriority: return "UPDATE ticket SET priority_rank = ?1, priority_clock = ?2 WHERE id = ?3 AND priority_clock < ?2"
            case .agentRole: return "SELECT role FROM agent WHERE id = ?"
            case .resolve: return """
                UPDATE ticket SET status = 'resolved', resolved_at = ?, disposition = ?, first_contact = ?, waiting_for = NULL WHERE id = ?
                """
            case .participant: return "SELECT left_at, clock FROM participant WHERE ticket_id = ? AND member_id = ?"
            case .join: return """
                INSERT INTO participant(ticket_id, member_id, kind, joined_at, clock) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(ticket_id, member_id) DO UPDATE SET left_at = NULL, joined_at = excluded.joined_at,
                    kind = excluded.kind, clock = excluded.clock
                """
            case .leave: return """
                UPDATE participant SET left_at = CASE WHEN left_at IS NULL THEN ? ELSE left_at END, clock = ?
                WHERE ticket_id = ? AND member_id = ?
                """
            }
        }
    }

    private let statement: PreparedStatements<Prepared>
    /// The monitor's tallies, kept with every change of a ticket row; nil while a bulk load has
    /// them set aside (it builds them from the rows at its end, AppDatabase+BulkLoad).
    private let tallies: TallyKeeper?

    public init(_ db: Database) throws {
        self.db = db
        statement = PreparedStatements(db)
        // One read for both: an applier is made per transaction, and per action on the screens.
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT value FROM meta WHERE key = 'node_id'), EXISTS (SELECT 1 FROM meta WHERE key = ?)
            """, arguments: [AppDatabase.talliesDeferredKey])
        self.node = row?[0] ?? "unknown"
        tallies = row?[1] == true ? nil : TallyKeeper(db)
    }

    /// Runs a ticket UPDATE of row `id` and moves the tallies from `before` to the row as it is
    /// now; true when the row changed.
    @discardableResult
    private func update(_ u: RawStatement, _ id: Int64, from before: TallyRow?) throws -> Bool {
        guard try u.run() > 0 else { return false }
        if let tallies { try tallies.change(from: before, to: try tallyRow(id)) }
        return true
    }

    private func tallyRow(_ id: Int64) throws -> TallyRow? {
        let read = try statement(.tallyRow)
        read.bind(1, id)
        return try read.first { TallyRow($0, at: 0) }
    }

    /// Applies one event; logs it when it changed something.
    @discardableResult
    public func apply(_ logged: LoggedEvent) throws -> Outcome { try apply(logged, origin: nil) }

    /// Applies an event, this node's own (`origin` nil: it gets a new clock) or another node's
    /// (logged under its origin node, seq and clock, and never exported again).
    ///
    /// `encoded` is the event as the log stores it when the caller has it already (the batch
    /// line, or encoded on an import's reading thread); it is logged as it is.
    @discardableResult
    public func apply(_ logged: LoggedEvent, origin: Origin?, encoded: EncodedEvent? = nil) throws -> Outcome {
        try stampEvent(origin)
        self.encoded = encoded
        defer { self.encoded = nil }
        let outcome: Outcome
        switch logged.event {
        case .customerUpserted(let c): outcome = try upsert(c)
        case .agentUpserted(let a): outcome = try upsert(a)
        case .supplierUpserted(let s): outcome = try upsert(s)
        case .orderImported(let o): outcome = try insert(o)
        case .ticketImported(let t, let m): outcome = try insert(t, firstMessage: m)
        case .messageAdded(let k, let m):
            guard let id = try ticketRowID(k) else { throw ApplyError.unknownTicket(k) }
            outcome = try insert(m, ticketRowID: id) ? .applied : .alreadyPresent
            if outcome == .applied, m.authorKind == .agent, m.visibility == .public {
                let first = try statement(.firstResponse)
                first.bind(1, m.at.millis); first.bind(2, id)
                if try first.run() > 0, let tallies, let after = try tallyRow(id) {
                    var before = after
                    before.firstResponse = nil   // the statement applies only to a row without one
                    try tallies.change(from: before, to: after)
                }
            }
        case .ticketChanged(let k, let change, let epoch):
            outcome = try apply(change, to: k, epoch: epoch, at: logged.at, actor: logged.actor)
        case .agentStatusChanged(let id, let status):
            try db.execute(sql: "UPDATE agent SET status = ?, status_at = ? WHERE id = ? AND status IS NOT ?",
                           arguments: [status.rawValue, logged.at.millis, id, status.rawValue])
            outcome = db.changesCount > 0 ? .applied : .alreadyPresent
        }
        if outcome == .applied { try log(logged) }
        return outcome
    }

    /// Applies a ticket's event after making sure its customer exists, as the ticket row describes it.
    public func apply(_ logged: LoggedEvent, ensuring customer: Customer, encoded: EncodedEvent? = nil) throws -> Outcome {
        _ = try ensureCustomer(customer, at: logged.at, actor: logged.actor)
        return try apply(logged, origin: nil, encoded: encoded)
    }

    /// Inserts the customer only when absent; tickets name their customer with partial data,
    /// which must not overwrite a full customer record imported before.
    public func ensureCustomer(_ c: Customer, at: Date, actor: String) throws -> Outcome {
        try stampEvent(nil)
        let stmt = try statement(.ensureCustomer)
        stmt.bind(1, c.id); stmt.bind(2, c.name); stmt.bind(3, c.language); stmt.bind(4, c.tier.rawValue)
        stmt.bind(5, c.phoneMasked); stmt.bind(6, c.emailMasked); stmt.bind(7, c.flagsColumn); stmt.bind(8, c.contactSealed)
        guard try stmt.run() > 0 else { return .alreadyPresent }
        try log(LoggedEvent(at: at, actor: actor, event: .customerUpserted(c)))
        return .applied
    }

    public func ticketRowID(_ key: TicketKey) throws -> Int64? {
        let stmt = try statement(.ticketRowID)
        stmt.bind(1, key.source); stmt.bind(2, key.externalID)
        return try stmt.firstInt()
    }

    // MARK: - Work on tickets

    /// Epoch rule (design.md): a change that opens an epoch applies only when its epoch is newer
    /// than the ticket's; an owner's change applies only in the epoch it was made in. Priority,
    /// participants and the reveal log are not owner-bound.
    private func apply(_ change: TicketChange, to key: TicketKey, epoch: Int, at: Date, actor: String) throws -> Outcome {
        let read = try statement(.ticketState)
        read.bind(1, key.source); read.bind(2, key.externalID)
        guard let (id, current, status, owner, unresolved, before) = try read.first({ c in
            (c.int(0), Int(c.int(1)), TicketStatus(rawValue: c.text(2) ?? "") ?? .queued, c.text(3), c.int(4) != 0, TallyRow(c, at: 5))
        }) else { throw ApplyError.unknownTicket(key) }
        let t = at.millis
        if change.opensEpoch {
            if epoch < current { return .rejected("epoch \(epoch) of \(key) is older than its current epoch \(current)") }
            let named = origin == nil ? nil : try claimHolder?(key, epoch)
            if let named, named != change.holder {
                return .rejected("claims/\(key.source)/\(key.externalID) epoch \(epoch) belongs to \(named), not \(change.holder)")
            }
            if epoch == current && (named == nil || (owner ?? "queue") == change.holder) { return .alreadyPresent }
        }
        switch change {
        case .claimed(let newOwner):
            let u = try statement(unresolved ? .claimUnresolved : .claim)
            u.bind(1, newOwner); u.bind(2, epoch); u.bind(3, t); u.bind(4, id)
            try update(u, id, from: before)
        case .transferred(let to):
            let u = try statement(.transfer)
            u.bind(1, to); u.bind(2, epoch); u.bind(3, t); u.bind(4, id)
            try update(u, id, from: before)
        case .requeued:
            let u = try statement(.requeue)
            u.bind(1, epoch); u.bind(2, id)
            try update(u, id, from: before)
        case .reopened(let newOwner):
            let u = try statement(.reopen)
            u.bind(1, newOwner); u.bind(2, epoch); u.bind(3, t); u.bind(4, id)
            try update(u, id, from: before)
        case .statusChanged(let new, let waitingFor):
            if epoch > current && origin != nil { throw ApplyError.epochNotYetSeen(key, epoch) }
            guard epoch == current else { return .rejected("\(key): status change from epoch \(epoch), the ticket is at epoch \(current)") }
            guard status == .open || status == .pending, new == .open || new == .pending else {
                return .rejected("\(key) is \(status.rawValue); only open and pending tickets switch between open and pending")
            }
            if status == new {
                // The register keeps the greatest clock that wrote its value, whatever the order.
                let u = try statement(.touchStatusClock)
                u.bind(1, stamp); u.bind(2, id)
                try u.run()
                return .alreadyPresent
            }
            // Last writer wins on the clock: a status set later elsewhere is not undone.
            let clockRead = try statement(.statusClock)
            clockRead.bind(1, id)
            if let setBy = try clockRead.firstText(), setBy > stamp { return .alreadyPresent }
            let u = try statement(.setStatus)
            u.bind(1, new.rawValue); u.bind(2, new == .pending ? waitingFor : nil); u.bind(3, new == .pending ? 1 : 0)
            u.bind(4, stamp); u.bind(5, id)
            try update(u, id, from: before)
        case .priorityChanged(let p):
            // Last writer wins on the clock, node id breaking ties (Docs/sync-protocol.md).
            let u = try statement(.setPriority)
            u.bind(1, p.rank); u.bind(2, stamp); u.bind(3, id)
            if try !update(u, id, from: before) { return .alreadyPresent }
        case .resolved(let disposition, let fcr):
            if epoch > current && origin != nil { throw ApplyError.epochNotYetSeen(key, epoch) }
            guard epoch == current else { return .rejected("\(key): resolved in epoch \(epoch), the ticket is at epoch \(current)") }
            if status == .resolved { return .alreadyPresent }
            guard status == .open || status == .pending else { return .rejected("\(key) is \(status.rawValue); only a worked ticket can be resolved") }
            if actor != owner, try role(of: actor) != Role.supervisor.rawValue {
                return .rejected("\(key): \(actor) closed it but is neither its owner (\(owner ?? "none")) nor a supervisor")
            }
            let u = try statement(.resolve)
            u.bind(1, t); u.bind(2, disposition.rawValue); u.bind(3, fcr ? 1 : 0); u.bind(4, id)
            try update(u, id, from: before)
        case .participantJoined(let p):
            // Per member, the join or leave with the greatest clock wins.
            let current = try participant(ticketRowID: id, member: p.memberID)
            if let current, current.clock >= stamp { return .alreadyPresent }
            let u = try statement(.join)
            u.bind(1, id); u.bind(2, p.memberID); u.bind(3, p.kind.rawValue); u.bind(4, p.joinedAt.millis); u.bind(5, stamp)
            try u.run()
            if let current, current.present { return .alreadyPresent }
        case .participantLeft(let member):
            guard let current = try participant(ticketRowID: id, member: member), current.clock < stamp else { return .alreadyPresent }
            let u = try statement(.leave)
            u.bind(1, t); u.bind(2, stamp); u.bind(3, id); u.bind(4, member)
            try u.run()
            if !current.present { return .alreadyPresent }
        case .contactRevealed:
            break // the log entry is the whole effect
        case .linked(let parent, let reason):
            return try AppDatabase.applyLink(db, childID: id, child: key, parent: parent, reason: reason, at: at)
        }
        return .applied
    }

    private func role(of agentID: String) throws -> String? {
        let read = try statement(.agentRole)
        read.bind(1, agentID)
        return try read.firstText()
    }

    /// A participant row: whether the member is in the conversation now, and the clock that said so.
    private func participant(ticketRowID id: Int64, member: String) throws -> (present: Bool, clock: String)? {
        let read = try statement(.participant)
        read.bind(1, id); read.bind(2, member)
        return try read.first { c in (c.isNull(0), c.text(1) ?? "") }
    }

    // MARK: - Tables

    private func upsert(_ c: Customer) throws -> Outcome {
        // Bound directly: customers are half of what a sync batch of imported tickets carries.
        let stmt = try statement(.upsertCustomer)
        stmt.bind(1, c.id); stmt.bind(2, c.name); stmt.bind(3, c.language); stmt.bind(4, c.tier.rawValue)
        stmt.bind(5, c.phoneMasked); stmt.bind(6, c.emailMasked); stmt.bind(7, c.flagsColumn); stmt.bind(8, c.contactSealed)
        return try stmt.run() > 0 ? .applied : .alreadyPresent
    }

    private func upsert(_ a: Agent) throws -> Outcome {
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO agent(id, name, role, skills, languages, center, supplier_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT(id) DO UPDATE SET name = ?2, role = ?3, skills = ?4, languages = ?5, center = ?6, supplier_id = ?7
            WHERE (name, role, skills, languages, center, supplier_id) IS NOT (?2, ?3, ?4, ?5, ?6, ?7)
            """)
        try stmt.execute(arguments: [a.id, a.name, a.role.rawValue, a.skills.map(\.rawValue).joined(separator: ","),
                                     a.languages.joined(separator: ","), a.center, a.supplierID])
        return db.changesCount > 0 ? .applied : .alreadyPresent
    }

    private func upsert(_ s: Supplier) throws -> Outcome {
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO supplier(id, name, product, contact, languages) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(id) DO UPDATE SET name = ?2, product = ?3, contact = ?4, languages = ?5
            WHERE (name, product, contact, languages) IS NOT (?2, ?3, ?4, ?5)
            """)
        try stmt.execute(arguments: [s.id, s.name, s.product.rawValue, s.contact, s.languages.joined(separator: ",")])
        return db.changesCount > 0 ? .applied : .alreadyPresent
    }

    private func insert(_ o: Order) throws -> Outcome {
        let stmt = try statement(.insertOrder)
        stmt.bind(1, o.id); stmt.bind(2, o.customerID); stmt.bind(3, o.product.rawValue); stmt.bind(4, o.status.rawValue)
        stmt.bind(5, o.bookedAt.millis); stmt.bind(6, o.serviceStart?.millis); stmt.bind(7, o.title); stmt.bind(8, o.detail.json)
        guard try stmt.run() > 0 else { return .alreadyPresent }
        let ev = try statement(.insertOrderEvent)
        for (i, e) in o.events.enumerated() {
            ev.bind(1, o.id); ev.bind(2, i + 1); ev.bind(3, e.at.millis); ev.bind(4, e.kind.rawValue); ev.bind(5, e.detail)
            try ev.run()
        }
        return .applied
    }

    private func insert(_ t: Ticket, firstMessage: Message?) throws -> Outcome {
        let products = try tripProducts(t)
        let stmt = try statement(.insertTicket)
        stmt.bind(1, t.key.source); stmt.bind(2, t.key.externalID); stmt.bind(3, t.createdAt.millis)
        stmt.bind(4, t.channel.rawValue); stmt.bind(5, t.product.rawValue); stmt.bind(6, t.category.rawValue)
        stmt.bind(7, t.priority.rank); stmt.bind(8, t.status.rawValue); stmt.bind(9, t.customerID)
        stmt.bind(10, t.subject); stmt.bind(11, t.botSummary); stmt.bind(12, t.slaDueAt.millis); stmt.bind(13, products)
        stmt.bind(14, t.ownerID); stmt.bind(15, t.firstResponseAt?.millis); stmt.bind(16, t.resolvedAt?.millis)
        stmt.bind(17, t.disposition?.rawValue)
        guard try stmt.run() > 0 else { return .alreadyPresent }
        let rowID = db.lastInsertedRowID
        // The row as inserted (claimed_at and first_contact start empty).
        try tallies?.change(from: nil, to: TallyRow(
            created: t.createdAt.millis, product: t.product.rawValue, channel: t.channel.rawValue, rank: Int64(t.priority.rank),
            firstResponse: t.firstResponseAt?.millis, resolved: t.resolvedAt?.millis, owner: t.ownerID, claimed: nil,
            firstContact: nil, status: t.status.rawValue))
        if !t.orderIDs.isEmpty {
            let link = try statement(.linkOrder)
            for id in t.orderIDs { link.bind(1, rowID); link.bind(2, id); try link.run() }
        }
        if let firstMessage { _ = try insert(firstMessage, ticketRowID: rowID) }
        return .applied
    }

    /// The products of the trip, flight first, for the queue's "trip" column without a join.
    private func tripProducts(_ t: Ticket) throws -> String {
        if t.orderIDs.isEmpty { return t.product == .other ? "" : t.product.rawValue }
        var set = Set<Product>([t.product])
        let stmt = try statement(.orderProduct)
        for id in t.orderIDs {
            stmt.bind(1, id)
            if let p = try stmt.firstText().flatMap(Product.init(rawValue:)) { set.insert(p) }
        }
        set.remove(.other)
        return set.sorted().map(\.rawValue).joined(separator: ",")
    }

    private func insert(_ m: Message, ticketRowID: Int64) throws -> Bool {
        let stmt = try statement(.insertMessage)
        stmt.bind(1, ticketRowID); stmt.bind(2, m.at.millis); stmt.bind(3, m.authorKind.rawValue); stmt.bind(4, m.authorID)
        stmt.bind(5, m.visibility.rawValue); stmt.bind(6, m.body); stmt.bind(7, m.fingerprint)
        return try stmt.run() > 0
    }

    /// Gives the event about to be applied its clock: a new tick for our own, the origin's for
    /// another node's (which also moves our clock past it).
    private func stampEvent(_ origin: Origin?) throws {
        if clock == nil { clock = HybridClock(last: try Int64.fetchOne(db, sql: "SELECT max(hlc) FROM event") ?? 0) }
        self.origin = origin
        if let origin {
            clock!.receive(origin.hlc)
            hlc = origin.hlc
        } else {
            hlc = clock!.tick()
        }
        stampText = nil
    }

    private func log(_ e: LoggedEvent) throws {
        let stmt = try statement(.logEvent)
        stmt.bind(1, origin?.node ?? node); stmt.bind(2, e.at.millis); stmt.bind(3, e.actor)
        let columns = encoded ?? e.event.encoded
        stmt.bind(4, columns.kind); stmt.bind(5, columns.entity); stmt.bind(6, bytes: columns.payload)
        stmt.bind(7, origin?.seq); stmt.bind(8, hlc)
        try stmt.run()
    }
}

extension Customer {
    var flagsColumn: String { flags.sorted().map(\.rawValue).joined(separator: ",") }
}

extension Message {
    /// Identifies a message across re-imports and sync deliveries without indexing its body.
    var fingerprint: Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String) { for b in s.utf8 { h ^= UInt64(b); h &*= 0x100_0000_01b3 }; h ^= 0xff; h &*= 0x100_0000_01b3 }
        var t = UInt64(bitPattern: at.millis)
        for _ in 0..<8 { h ^= t & 0xff; h &*= 0x100_0000_01b3; t >>= 8 }
        mix(authorKind.rawValue); mix(authorID ?? ""); mix(visibility.rawValue); mix(body)
        return Int64(bitPattern: h)
    }
}

extension TicketChange {
    /// Who an epoch-opening change gives the ticket to, as its claim file names them.
    public var holder: String {
        switch self {
        case .claimed(let owner), .reopened(let owner): return owner
        case .transferred(let to): return to
        default: return "queue"
        }
    }
}
