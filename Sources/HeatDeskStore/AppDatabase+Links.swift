import Foundation
import GRDB
import HeatDeskCore

/// Follow-ups ("the customer says it only once", issue 14 item 16): a chase ticket (`催办：…`,
/// `Chasing: …`) is linked to the open ticket it chases, shown on both, hidden from the queue
/// behind its original and offered to the original's owner, and can be merged into it.
///
/// The decision is made where a ticket arrives (an import, or a ticket another workstation
/// imported reaching this one through sync) and travels as a `ticket.linked` event. Applying a
/// link keeps, per follow-up, the **oldest** parent any link event named (creation time, then
/// key), so every workstation ends with the same links whatever order the events come in.
extension AppDatabase {
    // MARK: Schema

    /// `v6-ticket-links`: one row per follow-up. `parent_id` is always an older ticket.
    static func registerLinkMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-ticket-links") { db in
            try db.execute(sql: """
                CREATE TABLE ticket_link (
                    child_id INTEGER PRIMARY KEY REFERENCES ticket(id),
                    parent_id INTEGER NOT NULL REFERENCES ticket(id),
                    reason TEXT NOT NULL,
                    linked_at INTEGER NOT NULL
                );
                CREATE INDEX ticket_link_by_parent ON ticket_link(parent_id);
                """)
        }
    }

    // MARK: Applying a link (EventApplier)

    /// The merge rule of `ticket.linked`: the parent must exist (else the event waits for it) and
    /// be older than the follow-up; of two parents the older stays.
    static func applyLink(_ db: Database, childID: Int64, child: TicketKey, parent: TicketKey, reason: LinkReason,
                          at: Date) throws -> EventApplier.Outcome {
        let read = try db.cachedStatement(sql: "SELECT id, created_at FROM ticket WHERE source = ? AND external_id = ?")
        guard let p = try Row.fetchOne(read, arguments: [parent.source, parent.externalID]) else {
            throw EventApplier.ApplyError.unknownTicket(parent)
        }
        let parentID: Int64 = p[0]
        let parentCreated = Date(millis: p[1])
        guard parentID != childID else { return .rejected("\(child) cannot follow up itself") }
        let childCreated = Date(millis: try Int64.fetchOne(db, sql: "SELECT created_at FROM ticket WHERE id = ?", arguments: [childID]) ?? 0)
        guard FollowUpRule.older((parentCreated, parent), than: (childCreated, child)) else {
            return .rejected("\(parent) is not older than \(child); a follow-up comes after the ticket it chases")
        }
        if let now = try Row.fetchOne(db, sql: """
            SELECT l.parent_id, p.created_at, p.source, p.external_id FROM ticket_link l JOIN ticket p ON p.id = l.parent_id
            WHERE l.child_id = ?
            """, arguments: [childID]) {
            if (now[0] as Int64) == parentID { return .alreadyPresent }
            let kept = (Date(millis: now[1]), TicketKey(source: now[2], externalID: now[3]))
            if FollowUpRule.older(kept, than: (parentCreated, parent)) { return .alreadyPresent }
        }
        try db.execute(sql: "INSERT OR REPLACE INTO ticket_link(child_id, parent_id, reason, linked_at) VALUES (?, ?, ?, ?)",
                       arguments: [childID, parentID, reason.rawValue, at.millis])
        return .applied
    }

    // MARK: Deciding links where tickets arrive

    /// A ticket that just arrived, with what its import row said (`chases`).
    public struct Arrival: Sendable, Equatable {
        public var ticket: Ticket
        public var firstMessage: String?
        public var chases: String?
        public init(ticket: Ticket, firstMessage: String? = nil, chases: String? = nil) {
            self.ticket = ticket; self.firstMessage = firstMessage; self.chases = chases
        }
    }

    /// Links arrivals, in the caller's transaction, through `applier` (so the links are events
    /// and sync carries them): each open arrival to the original it chases, and the open tickets
    /// that arrived before an older original to it. Returns the links applied.
    @discardableResult
    public static func linkArrivals(_ db: Database, _ applier: EventApplier, _ arrivals: [Arrival], at: Date, actor: String) throws -> Int {
        var made = 0
        for a in arrivals where a.ticket.status != .resolved {
            guard let me = try linkRow(db, a.ticket.key) else { continue }
            if try !hasParent(db, me.id), let (parent, reason) = try chosenParent(db, a, me) {
                made += try link(applier, a.ticket.key, to: parent, reason: reason, epoch: me.epoch, at: at, actor: actor)
            }
            // Tickets already here that chase this (older) one: same customer, shared order, in the
            // window. One already linked to a newer original moves here (the applier keeps the older).
            guard !a.ticket.orderIDs.isEmpty else { continue }
            let later = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT c.source, c.external_id, c.claim_epoch, c.created_at FROM ticket c
                WHERE c.customer_id = ? AND c.created_at >= ? AND c.created_at <= ? AND c.status != 'resolved' AND c.id != ?
                  AND EXISTS (SELECT 1 FROM ticket_order o WHERE o.ticket_id = c.id AND o.order_id IN (\(marks(a.ticket.orderIDs.count))))
                ORDER BY c.created_at, c.source, c.external_id
                """), arguments: StatementArguments([a.ticket.customerID, a.ticket.createdAt.millis,
                                                    a.ticket.createdAt.addingTimeInterval(FollowUpRule.window).millis, me.id]
                                                   as [any DatabaseValueConvertible] + a.ticket.orderIDs))
            for r in later {
                let key = TicketKey(source: r[0], externalID: r[1])
                guard FollowUpRule.older((a.ticket.createdAt, a.ticket.key), than: (Date(millis: r[3]), key)) else { continue }
                made += try link(applier, key, to: a.ticket.key, reason: .matched, epoch: r[2], at: at, actor: actor)
            }
        }
        return made
    }

    private static func marks(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }

    private struct LinkRow { var id: Int64; var epoch: Int; var createdAt: Date; var customerID: String; var status: TicketStatus }

    private static func linkRow(_ db: Database, _ key: TicketKey) throws -> LinkRow? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, claim_epoch, created_at, customer_id, status FROM ticket WHERE source = ? AND external_id = ?"),
                         arguments: [key.source, key.externalID]).map {
            LinkRow(id: $0[0], epoch: $0[1], createdAt: Date(millis: $0[2]), customerID: $0[3], status: TicketStatus(rawValue: $0[4]) ?? .queued)
        }
    }

    private static func hasParent(_ db: Database, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM ticket_link WHERE child_id = ?"), arguments: [id]) ?? false
    }

    private static func link(_ applier: EventApplier, _ child: TicketKey, to parent: TicketKey, reason: LinkReason,
                             epoch: Int, at: Date, actor: String) throws -> Int {
        let outcome = try applier.apply(LoggedEvent(at: at, actor: actor,
                                                    event: .ticketChanged(child, .linked(parent: parent, reason: reason), epoch: epoch)))
        return outcome == .applied ? 1 : 0
    }

    /// The original an arrival chases: the one its row names, else one its text mentions (same
    /// customer), else the oldest open ticket of the customer sharing an order within the window.
    /// Only open (not resolved) tickets older than the arrival qualify; a chosen ticket that is
    /// itself an open original's follow-up gives way to that original.
    private static func chosenParent(_ db: Database, _ a: Arrival, _ me: LinkRow) throws -> (TicketKey, LinkReason)? {
        let t = a.ticket
        func candidate(_ key: TicketKey, sameCustomer: Bool) throws -> LinkRow? {
            guard key != t.key, let r = try linkRow(db, key), r.status != .resolved,
                  !sameCustomer || r.customerID == t.customerID,
                  FollowUpRule.older((r.createdAt, key), than: (t.createdAt, t.key)) else { return nil }
            return r
        }
        if let named = a.chases, try candidate(TicketKey(source: t.key.source, externalID: named), sameCustomer: false) != nil {
            return (try root(db, TicketKey(source: t.key.source, externalID: named)), .named)
        }
        let text = t.subject + "\n" + (a.firstMessage ?? "")
        var mentioned: [(LinkRow, TicketKey)] = []
        for id in FollowUpRule.mentionedIDs(in: text) {
            let key = TicketKey(source: t.key.source, externalID: id)
            if let r = try candidate(key, sameCustomer: true) { mentioned.append((r, key)) }
        }
        if let oldest = mentioned.min(by: { FollowUpRule.older(($0.0.createdAt, $0.1), than: ($1.0.createdAt, $1.1)) }) {
            return (try root(db, oldest.1), .mentioned)
        }
        guard !t.orderIDs.isEmpty else { return nil }
        let found = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT p.source, p.external_id FROM ticket p
            WHERE p.customer_id = ? AND p.created_at >= ? AND p.created_at <= ? AND p.status != 'resolved' AND p.id != ?
              AND (p.created_at < ? OR (p.source, p.external_id) < (?, ?))
              AND EXISTS (SELECT 1 FROM ticket_order o WHERE o.ticket_id = p.id AND o.order_id IN (\(marks(t.orderIDs.count))))
            ORDER BY p.created_at, p.source, p.external_id LIMIT 1
            """), arguments: StatementArguments([t.customerID, t.createdAt.addingTimeInterval(-FollowUpRule.window).millis,
                                                t.createdAt.millis, me.id, t.createdAt.millis,
                                                t.key.source, t.key.externalID] as [any DatabaseValueConvertible] + t.orderIDs))
        guard let found else { return nil }
        return (try root(db, TicketKey(source: found[0], externalID: found[1])), .matched)
    }

    /// Follows links up while the parent is open: a chase of a chase belongs to the first ticket.
    private static func root(_ db: Database, _ key: TicketKey) throws -> TicketKey {
        var key = key
        for _ in 0..<8 {
            guard let r = try Row.fetchOne(try db.cachedStatement(sql: """
                SELECT p.source, p.external_id FROM ticket c JOIN ticket_link l ON l.child_id = c.id JOIN ticket p ON p.id = l.parent_id
                WHERE c.source = ? AND c.external_id = ? AND p.status != 'resolved'
                """), arguments: [key.source, key.externalID]) else { break }
            key = TicketKey(source: r[0], externalID: r[1])
        }
        return key
    }

    // MARK: Reads

    /// A ticket's links and its follow-ups' messages (for the ticket screen and `show`).
    static func links(_ db: Database, ticketRowID id: Int64) throws -> TicketLinks {
        let columns = "t.source, t.external_id, t.created_at, t.status, t.owner_id, t.disposition, l.reason, CAST(t.subject AS BLOB), t.id"
        func linked(_ r: Row) -> LinkedTicket {
            LinkedTicket(key: TicketKey(source: r[0], externalID: r[1]), createdAt: Date(millis: r[2]),
                         status: TicketStatus(rawValue: r[3]) ?? .queued, ownerID: r[4],
                         disposition: (r[5] as String?).flatMap(Disposition.init(rawValue:)),
                         reason: LinkReason(rawValue: r[6]) ?? .matched, subject: r[7])
        }
        let parent = try Row.fetchOne(db, sql: """
            SELECT \(columns) FROM ticket_link l JOIN ticket t ON t.id = l.parent_id WHERE l.child_id = ?
            """, arguments: [id]).map(linked)
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM ticket_link l JOIN ticket t ON t.id = l.child_id WHERE l.parent_id = ?
            ORDER BY t.created_at, t.source, t.external_id LIMIT 50
            """, arguments: [id])
        var messages: [LinkedMessage] = []
        for r in rows {
            let key = TicketKey(source: r[0], externalID: r[1])
            messages += try Row.fetchAll(db, sql: """
                SELECT at, author_kind, author_id, visibility, CAST(body AS BLOB) FROM message WHERE ticket_id = ? ORDER BY at, id LIMIT 200
                """, arguments: [r[8] as Int64]).map { m in
                LinkedMessage(from: key, message: Message(at: Date(millis: m[0]), authorKind: AuthorKind(rawValue: m[1]) ?? .system,
                                                          authorID: m[2], visibility: Visibility(rawValue: m[3]) ?? .internal, body: m[4]))
            }
        }
        messages.sort { $0.message.at < $1.message.at }
        return TicketLinks(parent: parent, followUps: rows.map(linked), followUpMessages: messages)
    }

    public func links(of key: TicketKey) throws -> TicketLinks {
        try writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM ticket WHERE source = ? AND external_id = ?",
                                              arguments: [key.source, key.externalID]) else { return TicketLinks() }
            return try Self.links(db, ticketRowID: id)
        }
    }

    /// Marks a page of list rows: a follow-up names its original and who holds it; an original
    /// counts its follow-ups (every chase, merged or not).
    static func markLinks(_ db: Database, _ items: inout [QueueItem]) throws {
        let asChild = try db.cachedStatement(sql: """
            SELECT p.source, p.external_id, p.owner_id, p.status FROM ticket c JOIN ticket_link l ON l.child_id = c.id
            JOIN ticket p ON p.id = l.parent_id WHERE c.source = ? AND c.external_id = ?
            """)
        let asParent = try db.cachedStatement(sql: """
            SELECT count(*) FROM ticket p JOIN ticket_link l ON l.parent_id = p.id WHERE p.source = ? AND p.external_id = ?
            """)
        for i in items.indices {
            let k = items[i].key
            if let r = try Row.fetchOne(asChild, arguments: [k.source, k.externalID]) {
                let status = TicketStatus(rawValue: r[3]) ?? .queued
                items[i].link = .followUp(of: TicketKey(source: r[0], externalID: r[1]), owner: status == .resolved ? nil : r[2])
            } else if let n = try Int.fetchOne(asParent, arguments: [k.source, k.externalID]), n > 0 {
                items[i].link = .chased(n)
            }
        }
    }

    /// The queued follow-ups of tickets `agentID` works (open or pending), to show in their Mine
    /// list: routed to the original's owner, hidden from everyone's queue.
    static func followUpsRouted(_ db: Database, to agentID: String, limit: Int) throws -> [QueueItem] {
        try Row.fetchAll(db, sql: itemColumns + """
             JOIN ticket_link l ON l.child_id = t.id JOIN ticket p ON p.id = l.parent_id
             WHERE p.owner_id = ? AND p.status IN ('open', 'pending') AND t.status = 'queued'
             ORDER BY t.created_at, t.id LIMIT ?
            """, arguments: [agentID, limit]).map(queueItem)
    }

    /// The condition hiding a follow-up from the queue while its original is open: it is the
    /// original's owner's, or waits behind the original (claiming the original brings it along).
    /// A follow-up more urgent than its original (an SOS chase of a normal ticket) stays in the
    /// queue, marked: it must not wait behind a less urgent ticket. So does one due before its
    /// still-queued original (a phone chase of an email): hidden, it would breach its target out of
    /// everyone's sight. A follow-up of an owned original stays with that owner (their Mine).
    static let notBehindOpenOriginal = """
        NOT EXISTS (SELECT 1 FROM ticket_link l JOIN ticket p ON p.id = l.parent_id
                    WHERE l.child_id = t.id AND p.status != 'resolved' AND t.priority_rank >= p.priority_rank
                      AND (p.status != 'queued' OR t.sla_due_at >= p.sla_due_at))
        """

    /// True when the customer chased this ticket (a follow-up is linked to it): its resolution
    /// is then not first-contact, since the customer had to come back (Docs/metrics.md).
    static func wasChased(_ db: Database, _ key: TicketKey) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM ticket p JOIN ticket_link l ON l.parent_id = p.id WHERE p.source = ? AND p.external_id = ? LIMIT 1
            """, arguments: [key.source, key.externalID]) ?? false
    }

    // MARK: Merging

    /// Merges a follow-up into its original: the follow-up is claimed for the actor when queued
    /// (through `authority`, so claims stay exclusive), linked to the original if it was not,
    /// and resolved as `duplicate`, never first-contact. Its conversation stays its own and is
    /// shown in the original's. Allowed to a supervisor, the follow-up's owner, or, for a queued
    /// follow-up, the original's owner.
    public func merge(_ followUp: TicketKey, into original: TicketKey, by actor: Agent,
                      authority: any ClaimAuthority = LocalClaimAuthority(), at: Date = Date()) throws {
        guard followUp != original else { throw WorkError("\(followUp) cannot be merged into itself") }
        guard var f = try workState(followUp) else { throw WorkError("no ticket \(followUp)") }
        guard let o = try workState(original) else { throw WorkError("no ticket \(original)") }
        guard f.status != .resolved else { throw WorkError("\(followUp) is already resolved") }
        guard o.status != .resolved else { throw WorkError("\(original) is resolved; reopen it first, or work \(followUp) on its own") }
        let (parent, older) = try writer.read { db -> (TicketKey?, Bool) in
            let parent = try Self.links(db, ticketRowID: try Int64.fetchOne(db, sql: "SELECT id FROM ticket WHERE source = ? AND external_id = ?",
                                                                            arguments: [followUp.source, followUp.externalID]) ?? -1).parent?.key
            let times = try Row.fetchAll(db, sql: "SELECT source, external_id, created_at FROM ticket WHERE (source = ? AND external_id = ?) OR (source = ? AND external_id = ?)",
                                         arguments: [followUp.source, followUp.externalID, original.source, original.externalID])
            let at = Dictionary(times.map { (TicketKey(source: $0[0], externalID: $0[1]), Date(millis: $0[2])) }, uniquingKeysWith: { a, _ in a })
            return (parent, FollowUpRule.older((at[original] ?? .distantFuture, original), than: (at[followUp] ?? .distantPast, followUp)))
        }
        if let parent, parent != original { throw WorkError("\(followUp) follows up \(parent); merge it into \(parent)") }
        guard older else { throw WorkError("\(original) is newer than \(followUp); merge the newer ticket into the older one") }
        let allowed = actor.role == .supervisor || f.ownerID == actor.id || (f.status == .queued && o.ownerID == actor.id)
        guard allowed, actor.role != .supplier else {
            throw WorkError(f.status == .queued
                ? "only \(original)'s owner (\(o.ownerID ?? "nobody yet: claim it first")) or a supervisor can merge \(followUp) into it"
                : "\(followUp) belongs to \(f.ownerID ?? "nobody"); only its owner or a supervisor can merge it")
        }
        if f.status == .queued {
            switch try claim(followUp, by: actor, authority: authority, at: at) {
            case .claimed(_, let epoch): f.epoch = epoch; f.ownerID = actor.id; f.status = .open
            case .heldBy(_, let who, let name): throw WorkError("\(followUp) was claimed meanwhile by \(name ?? who)")
            case .notClaimable(_, let status): throw WorkError("\(followUp) is \(status.rawValue) now")
            }
        }
        let epoch = f.epoch
        try writer.write { db in
            guard let now = try Self.workState(db, followUp), now.epoch == epoch, now.status != .resolved else {
                throw WorkError("\(followUp) changed hands meanwhile; look again")
            }
            let applier = try EventApplier(db)
            if parent == nil {
                let linked = try applier.apply(LoggedEvent(at: at, actor: actor.id,
                                                           event: .ticketChanged(followUp, .linked(parent: original, reason: .merged), epoch: epoch)))
                if case .rejected(let why) = linked { throw WorkError(why) }
            }
            let outcome = try applier.apply(LoggedEvent(at: at, actor: actor.id,
                                                        event: .ticketChanged(followUp, .resolved(.duplicate, firstContact: false), epoch: epoch)))
            if case .rejected(let why) = outcome { throw WorkError(why) }
        }
    }
}

extension AppDatabase {
    /// Links the open tickets with a rowid above `rowID` (a bulk load's, once its indexes are
    /// back), in transactions of 2,000. The `chases` column is not kept by then: only mentions
    /// and the customer-and-order match apply (Docs/import-format.md).
    public func linkTickets(after rowID: Int64, at: Date, actor: String) throws {
        var last = rowID
        while true {
            let done = try writer.write { db -> Bool in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, source, external_id, created_at, customer_id, CAST(subject AS BLOB), status FROM ticket
                    WHERE id > ? AND status != 'resolved' ORDER BY id LIMIT 2000
                    """, arguments: [last])
                guard !rows.isEmpty else { return true }
                let orders = try db.cachedStatement(sql: "SELECT order_id FROM ticket_order WHERE ticket_id = ? ORDER BY order_id")
                let first = try db.cachedStatement(sql: """
                    SELECT CAST(body AS BLOB) FROM message WHERE ticket_id = ? AND author_kind = 'customer' ORDER BY at, id LIMIT 1
                    """)
                var arrivals: [Arrival] = []
                for r in rows {
                    let id: Int64 = r[0]
                    last = id
                    let t = Ticket(key: TicketKey(source: r[1], externalID: r[2]), createdAt: Date(millis: r[3]), channel: .chat,
                                   product: .other, category: .other, status: TicketStatus(rawValue: r[6]) ?? .queued, customerID: r[4],
                                   subject: r[5], orderIDs: try String.fetchAll(orders, arguments: [id]))
                    arrivals.append(Arrival(ticket: t, firstMessage: try String.fetchOne(first, arguments: [id])))
                }
                try Self.linkArrivals(db, try EventApplier(db), arrivals, at: at, actor: actor)
                return false
            }
            if done { return }
        }
    }
}
