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
    }

    public enum ApplyError: Error, CustomStringConvertible, Equatable {
        case unknownTicket(TicketKey)
        case unknownCustomer(String)
        case unknownOrder(String)
        public var description: String {
            switch self {
            case .unknownTicket(let k): return "no ticket \(k)"
            case .unknownCustomer(let id): return "no customer \(id)"
            case .unknownOrder(let id): return "no order \(id)"
            }
        }
    }

    private let db: Database
    private let node: String

    public init(_ db: Database) throws {
        self.db = db
        self.node = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'node_id'") ?? "unknown"
    }

    /// Applies one event; logs it when it changed something.
    @discardableResult
    public func apply(_ logged: LoggedEvent) throws -> Outcome {
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
        }
        if outcome == .applied { try log(logged) }
        return outcome
    }

    /// Applies a ticket's event after making sure its customer exists, as the ticket row describes it.
    public func apply(_ logged: LoggedEvent, ensuring customer: Customer) throws -> Outcome {
        if case .ticketImported(let t, _) = logged.event, try ticketRowID(t.key) != nil { return .alreadyPresent }
        _ = try ensureCustomer(customer, at: logged.at, actor: logged.actor)
        return try apply(logged)
    }

    /// Inserts the customer only when absent; tickets name their customer with partial data,
    /// which must not overwrite a full customer record imported before.
    public func ensureCustomer(_ c: Customer, at: Date, actor: String) throws -> Outcome {
        let stmt = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO customer(id, name, language, tier, phone_masked, email_masked, flags)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try stmt.execute(arguments: [c.id, c.name, c.language, c.tier.rawValue, c.phoneMasked, c.emailMasked, c.flagsColumn])
        guard db.changesCount > 0 else { return .alreadyPresent }
        try log(LoggedEvent(at: at, actor: actor, event: .customerUpserted(c)))
        return .applied
    }

    public func ticketRowID(_ key: TicketKey) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM ticket WHERE source = ? AND external_id = ?"),
                           arguments: [key.source, key.externalID])
    }

    // MARK: - Tables

    private func upsert(_ c: Customer) throws -> Outcome {
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO customer(id, name, language, tier, phone_masked, email_masked, flags)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT(id) DO UPDATE SET name = ?2, language = ?3, tier = ?4, phone_masked = ?5,
                email_masked = ?6, flags = ?7
            WHERE (name, language, tier, phone_masked, email_masked, flags) IS NOT (?2, ?3, ?4, ?5, ?6, ?7)
            """)
        try stmt.execute(arguments: [c.id, c.name, c.language, c.tier.rawValue, c.phoneMasked, c.emailMasked, c.flagsColumn])
        return db.changesCount > 0 ? .applied : .alreadyPresent
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
        let stmt = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO travel_order(id, customer_id, product, status, booked_at, service_at, title, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try stmt.execute(arguments: [o.id, o.customerID, o.product.rawValue, o.status.rawValue, o.bookedAt.millis,
                                     o.serviceStart?.millis, o.title, o.detail.json])
        guard db.changesCount > 0 else { return .alreadyPresent }
        let ev = try db.cachedStatement(sql: "INSERT INTO order_event(order_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)")
        for (i, e) in o.events.enumerated() {
            try ev.execute(arguments: [o.id, i + 1, e.at.millis, e.kind.rawValue, e.detail])
        }
        return .applied
    }

    private func insert(_ t: Ticket, firstMessage: Message?) throws -> Outcome {
        let products = try tripProducts(t)
        let stmt = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO ticket(source, external_id, created_at, channel, product, category, priority_rank,
                status, customer_id, subject, bot_summary, sla_due_at, products, owner_id, first_response_at,
                resolved_at, disposition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try stmt.execute(arguments: [t.key.source, t.key.externalID, t.createdAt.millis, t.channel.rawValue,
                                     t.product.rawValue, t.category.rawValue, t.priority.rank, t.status.rawValue,
                                     t.customerID, t.subject, t.botSummary, t.slaDueAt.millis, products, t.ownerID,
                                     t.firstResponseAt?.millis, t.resolvedAt?.millis, t.disposition?.rawValue])
        guard db.changesCount > 0 else { return .alreadyPresent }
        let rowID = db.lastInsertedRowID
        if !t.orderIDs.isEmpty {
            let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO ticket_order(ticket_id, order_id) VALUES (?, ?)")
            for id in t.orderIDs { try link.execute(arguments: [rowID, id]) }
        }
        if let firstMessage { _ = try insert(firstMessage, ticketRowID: rowID) }
        return .applied
    }

    /// The products of the trip, flight first, for the queue's "trip" column without a join.
    private func tripProducts(_ t: Ticket) throws -> String {
        var set = Set<Product>([t.product])
        if !t.orderIDs.isEmpty {
            let stmt = try db.cachedStatement(sql: "SELECT product FROM travel_order WHERE id = ?")
            for id in t.orderIDs {
                if let p = try String.fetchOne(stmt, arguments: [id]).flatMap(Product.init(rawValue:)) { set.insert(p) }
            }
        }
        set.remove(.other)
        return set.sorted().map(\.rawValue).joined(separator: ",")
    }

    private func insert(_ m: Message, ticketRowID: Int64) throws -> Bool {
        let stmt = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO message(ticket_id, at, author_kind, author_id, visibility, body, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try stmt.execute(arguments: [ticketRowID, m.at.millis, m.authorKind.rawValue, m.authorID, m.visibility.rawValue,
                                     m.body, m.fingerprint])
        return db.changesCount > 0
    }

    private func log(_ e: LoggedEvent) throws {
        let stmt = try db.cachedStatement(sql: "INSERT INTO event(node, at, actor, kind, entity, payload) VALUES (?, ?, ?, ?, ?, ?)")
        try stmt.execute(arguments: [node, e.at.millis, e.actor, e.event.kind, e.event.entity, e.event.payload])
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
        mix(String(at.millis)); mix(authorKind.rawValue); mix(authorID ?? ""); mix(visibility.rawValue); mix(body)
        return Int64(bitPattern: h)
    }
}
