import Foundation
import GRDB
import HeatDeskCore

/// Reads the screens and scriptable verbs use. Each is indexed and paged: nothing loads all tickets.
extension AppDatabase {
    public struct QueueFilter: Sendable, Equatable {
        public var products: [Product]
        /// Customer languages the agent speaks; empty means any.
        public var languages: [String]
        public var status: TicketStatus
        public var limit: Int
        public var offset: Int
        public init(products: [Product] = [], languages: [String] = [], status: TicketStatus = .queued, limit: Int = 50, offset: Int = 0) {
            self.products = products; self.languages = languages; self.status = status; self.limit = limit; self.offset = offset
        }
    }

    /// Tickets in a status, SOS and urgent first, then by SLA due time: the order agents serve.
    public func queue(_ filter: QueueFilter = QueueFilter()) throws -> [QueueItem] {
        try writer.read { db in
            var items = try Self.queue(db, filter)
            try Self.markLinks(db, &items)
            return items
        }
    }

    static func queue(_ db: Database, _ filter: QueueFilter) throws -> [QueueItem] {
        var sql = """
            SELECT t.source, t.external_id, t.priority_rank, t.status, t.channel, t.product, t.category, t.products,
                   t.created_at, t.sla_due_at, CAST(c.name AS BLOB), c.tier, CAST(t.subject AS BLOB), t.owner_id, t.first_response_at, t.resolved_at
            FROM ticket t JOIN customer c ON c.id = t.customer_id
            WHERE t.status = ?
            """
        var args: [any DatabaseValueConvertible] = [filter.status.rawValue]
        // A follow-up waits behind its open original: its owner's, or claimed with it (AppDatabase+Links).
        if filter.status == .queued { sql += " AND " + notBehindOpenOriginal }
        // The queue indexes hold the tickets that are not resolved (partial, v8-tallies); the
        // term must be in the query for SQLite to use them. Listing resolved tickets scans.
        if filter.status != .resolved { sql += " AND t.status != 'resolved'" }
        if !filter.products.isEmpty {
            // SOS is everyone's: the 24-hour SOS promise does not wait for the right desk.
            sql += " AND (t.product IN (\(filter.products.map { _ in "?" }.joined(separator: ","))) OR t.priority_rank = 0)"
            args += filter.products.map(\.rawValue)
        }
        if !filter.languages.isEmpty {
            sql += " AND c.language IN (\(filter.languages.map { _ in "?" }.joined(separator: ",")))"
            args += filter.languages
        }
        sql += " ORDER BY t.priority_rank, t.sla_due_at, t.id LIMIT ? OFFSET ?"
        args += [filter.limit, filter.offset]
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.queueItem)
    }

    static func queueItem(_ r: Row) -> QueueItem {
        QueueItem(
            key: TicketKey(source: r[0], externalID: r[1]),
            priority: Priority(rank: r[2]) ?? .normal,
            status: TicketStatus(rawValue: r[3]) ?? .queued,
            channel: Channel(rawValue: r[4]) ?? .chat,
            product: Product(rawValue: r[5]) ?? .other,
            category: TicketCategory(rawValue: r[6]) ?? .other,
            tripProducts: (r[7] as String).split(separator: ",").compactMap { Product(rawValue: String($0)) },
            createdAt: Date(millis: r[8]), slaDueAt: Date(millis: r[9]),
            customerName: r[10], customerTier: MemberTier(rawValue: r[11]) ?? .star1,
            subject: r[12], ownerID: r[13],
            firstResponseAt: (r[14] as Int64?).map(Date.init(millis:)), resolvedAt: (r[15] as Int64?).map(Date.init(millis:)))
    }

    /// A text column read whole. GRDB reads TEXT through a C string, which ends at the first NUL,
    /// so a stored `nul\0byte` would read as `nul`; read as a BLOB (the same bytes, all of them)
    /// and decoded as UTF-8 (GRDB's String from a blob), it stays whole and views show `nul^@byte`.
    /// Free text (subjects, summaries, messages, names) is read this way.
    static func wholeText(_ column: String) -> String { "CAST(\(column) AS BLOB)" }

    /// Finds a ticket by what a person types: `HD-1042` (any source, must be unique) or `source:HD-1042`.
    /// An id typed in lower case (`hd-1042`) that matches nothing as typed is looked up in upper
    /// case, the way ticket ids are written; the source is left as typed.
    public func resolveTicket(_ text: String) throws -> TicketKey? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if let key = try resolveTicketAsTyped(typed) { return key }
        let colon = typed.firstIndex(of: ":").map { typed.index(after: $0) } ?? typed.startIndex
        let upper = String(typed[..<colon]) + typed[colon...].uppercased()
        return upper == typed ? nil : try resolveTicketAsTyped(upper)
    }

    private func resolveTicketAsTyped(_ text: String) throws -> TicketKey? {
        try writer.read { db in
            if let colon = text.firstIndex(of: ":") {
                let key = TicketKey(source: String(text[..<colon]), externalID: String(text[text.index(after: colon)...]))
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM ticket WHERE source = ? AND external_id = ?",
                                     arguments: [key.source, key.externalID]) != nil { return key }
            }
            let sources = try String.fetchAll(db, sql: "SELECT source FROM ticket WHERE external_id = ? LIMIT 2", arguments: [text])
            guard sources.count == 1 else {
                if sources.count > 1 { throw LookupError.ambiguous(text) }
                return nil
            }
            return TicketKey(source: sources[0], externalID: text)
        }
    }

    public enum LookupError: Error, CustomStringConvertible, Equatable {
        case ambiguous(String)
        public var description: String {
            switch self {
            case .ambiguous(let id): return "ticket id \(id) exists in several sources; write it as SOURCE:\(id)"
            }
        }
    }

    /// The ticket with its customer, conversation, participants, order trail and service trail.
    public func ticketDetail(_ key: TicketKey) throws -> TicketDetail? {
        try writer.read { db in try Self.ticketDetail(db, key) }
    }

    static func ticketDetail(_ db: Database, _ key: TicketKey) throws -> TicketDetail? {
        guard let r = try Row.fetchOne(db, sql: "SELECT *, \(Self.wholeText("subject")) AS subject_text, \(Self.wholeText("bot_summary")) AS summary_text FROM ticket WHERE source = ? AND external_id = ?",
                                       arguments: [key.source, key.externalID]) else { return nil }
        let rowID: Int64 = r["id"]
        let orderIDs = try String.fetchAll(db, sql: "SELECT order_id FROM ticket_order WHERE ticket_id = ? ORDER BY order_id", arguments: [rowID])
        let ticket = Ticket(
            key: key, createdAt: Date(millis: r["created_at"]),
            channel: Channel(rawValue: r["channel"]) ?? .chat, product: Product(rawValue: r["product"]) ?? .other,
            category: TicketCategory(rawValue: r["category"]) ?? .other,
            priority: Priority(rank: r["priority_rank"]) ?? .normal, status: TicketStatus(rawValue: r["status"]) ?? .queued,
            customerID: r["customer_id"], subject: r["subject_text"], botSummary: r["summary_text"],
            slaDueAt: Date(millis: r["sla_due_at"]), orderIDs: orderIDs, ownerID: r["owner_id"],
            firstResponseAt: (r["first_response_at"] as Int64?).map(Date.init(millis:)),
            resolvedAt: (r["resolved_at"] as Int64?).map(Date.init(millis:)),
            disposition: (r["disposition"] as String?).flatMap(Disposition.init(rawValue:)))
        guard let customer = try customer(db, id: ticket.customerID) else { return nil }
        let messages = try Row.fetchAll(db, sql: """
            SELECT at, author_kind, author_id, visibility, CAST(body AS BLOB) FROM message WHERE ticket_id = ? ORDER BY at, id
            """, arguments: [rowID]).map { m in
            Message(at: Date(millis: m[0]), authorKind: AuthorKind(rawValue: m[1]) ?? .system, authorID: m[2],
                    visibility: Visibility(rawValue: m[3]) ?? .internal, body: m[4])
        }
        let participants = try Row.fetchAll(db, sql: """
            SELECT member_id, kind, joined_at, left_at FROM participant WHERE ticket_id = ? ORDER BY joined_at
            """, arguments: [rowID]).map { p in
            Participant(memberID: p[0], kind: Participant.Kind(rawValue: p[1]) ?? .colleague, joinedAt: Date(millis: p[2]),
                        leftAt: (p[3] as Int64?).map(Date.init(millis:)))
        }
        let orders = try tripOrders(db, customerID: ticket.customerID, linked: orderIDs)
        let trail = try Row.fetchAll(db, sql: """
            SELECT source, external_id, created_at, channel, category, CAST(subject AS BLOB), status, disposition
            FROM ticket WHERE customer_id = ? AND id != ? ORDER BY created_at DESC LIMIT 50
            """, arguments: [ticket.customerID, rowID]).map { t in
            TrailEntry(key: TicketKey(source: t[0], externalID: t[1]), createdAt: Date(millis: t[2]),
                       channel: Channel(rawValue: t[3]) ?? .chat, category: TicketCategory(rawValue: t[4]) ?? .other,
                       subject: t[5], status: TicketStatus(rawValue: t[6]) ?? .resolved,
                       disposition: (t[7] as String?).flatMap(Disposition.init(rawValue:)))
        }
        return TicketDetail(ticket: ticket, customer: customer, messages: messages, participants: participants,
                            orders: orders, serviceTrail: trail, links: try links(db, ticketRowID: rowID))
    }

    static func customer(_ db: Database, id: String) throws -> Customer? {
        guard let c = try Row.fetchOne(db, sql: "SELECT *, CAST(name AS BLOB) AS name_text FROM customer WHERE id = ?", arguments: [id]) else { return nil }
        return Customer(id: c["id"], name: c["name_text"], language: c["language"], tier: MemberTier(rawValue: c["tier"]) ?? .star1,
                        phoneMasked: c["phone_masked"], emailMasked: c["email_masked"],
                        flags: Set((c["flags"] as String).split(separator: ",").compactMap { CustomerFlag(rawValue: String($0)) }),
                        contactSealed: c["contact_sealed"])
    }

    /// The trip: the linked orders, plus the customer's other orders whose service falls within
    /// three days of them (the hotel and car of the same journey, even when the bot linked only the flight).
    static func tripOrders(_ db: Database, customerID: String, linked: [String]) throws -> [Order] {
        let all = try Row.fetchAll(db, sql: """
            SELECT id, customer_id, product, status, booked_at, service_at, detail FROM travel_order
            WHERE customer_id = ? ORDER BY service_at LIMIT 200
            """, arguments: [customerID])
        let linkedSet = Set(linked)
        let linkedTimes = all.filter { linkedSet.contains($0[0]) }.compactMap { $0[5] as Int64? }
        let window: Int64 = 3 * 86_400_000
        let chosen = all.filter { row in
            if linkedSet.contains(row[0]) { return true }
            guard let at = row[5] as Int64?, !linkedTimes.isEmpty else { return linkedSet.isEmpty }
            return linkedTimes.contains { abs($0 - at) <= window }
        }
        let eventStmt = try db.cachedStatement(sql: "SELECT at, kind, \(Self.wholeText("detail")) FROM order_event WHERE order_id = ? ORDER BY seq")
        return try chosen.map { row in
            let id: String = row[0]
            let events = try Row.fetchAll(eventStmt, arguments: [id]).map { e in
                OrderEvent(at: Date(millis: e[0]), kind: OrderEventKind(rawValue: e[1]) ?? .changed, detail: e[2])
            }
            let product = Product(rawValue: row[2]) ?? .other
            let detail = OrderDetailDecoding.decode(product: product, json: row[6])
            return Order(id: id, customerID: row[1], product: product, status: OrderStatus(rawValue: row[3]) ?? .booked,
                         bookedAt: Date(millis: row[4]), detail: detail, events: events)
        }
    }

    /// Counts by status, product and priority, from the status tally (AppDatabase+Tallies).
    public func counts() throws -> TicketCounts {
        try writer.read { db in
            let tally = try Self.tallySource(db, "tally_status")
            func grouped(_ column: String) throws -> [(String, Int)] {
                try Row.fetchAll(db, sql: "SELECT \(column), sum(n) FROM \(tally) GROUP BY \(column) HAVING sum(n) != 0").map { ($0[0], $0[1]) }
            }
            let byStatus = Dictionary(uniqueKeysWithValues: try grouped("status").compactMap { k, v in TicketStatus(rawValue: k).map { ($0, v) } })
            let byProduct = Dictionary(uniqueKeysWithValues: try grouped("product").compactMap { k, v in Product(rawValue: k).map { ($0, v) } })
            let byPriority = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT priority_rank, sum(n) FROM \(tally) GROUP BY priority_rank HAVING sum(n) != 0")
                .compactMap { r in Priority(rank: r[0]).map { ($0, r[1] as Int) } })
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return TicketCounts(total: byStatus.values.reduce(0, +), byStatus: byStatus, byProduct: byProduct,
                                byPriority: byPriority, customers: try count("customer"), orders: try count("travel_order"),
                                agents: try count("agent"), events: try Int.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0)
        }
    }

    public func agent(id: String) throws -> Agent? {
        try writer.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM agent WHERE id = ?", arguments: [id]) else { return nil }
            return Agent(id: r["id"], name: r["name"], role: Role(rawValue: r["role"]) ?? .agent,
                         skills: (r["skills"] as String).split(separator: ",").compactMap { Product(rawValue: String($0)) },
                         languages: (r["languages"] as String).split(separator: ",").map(String.init),
                         center: r["center"], supplierID: r["supplier_id"],
                         status: AgentStatus(rawValue: r["status"]) ?? .offline)
        }
    }

    public func supplier(id: String) throws -> Supplier? {
        try writer.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM supplier WHERE id = ?", arguments: [id]) else { return nil }
            return Supplier(id: r["id"], name: r["name"], product: Product(rawValue: r["product"]) ?? .other, contact: r["contact"],
                            languages: (r["languages"] as String).split(separator: ",").map(String.init))
        }
    }
}
