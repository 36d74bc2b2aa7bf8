import Foundation
import GRDB
import HeatDeskCore

/// The reads the agent session needs beyond the queue and the ticket detail: the agent's own
/// views, counts for the top line, who can be pulled in, and the suppliers of a ticket's orders.
/// Every list is paged and served by an index (`ticket_by_owner`, `ticket_resolutions`,
/// `participant_by_member`, `ticket_queue*`), so a million tickets cost what a page costs. The
/// live lists' indexes are partial (not resolved tickets only, v8-tallies): their queries say
/// `status != 'resolved'` so that SQLite may use them.
extension AppDatabase {
    /// The four lists of the agent session.
    public enum AgentList: String, CaseIterable, Sendable, Hashable {
        /// Queued tickets of the agent's skills and languages (and every SOS).
        case queue
        /// Tickets the agent owns and works (open or pending).
        case mine
        /// Tickets the agent was pulled into as a colleague and has not left.
        case pulledIn
        /// Tickets the agent resolved, newest first.
        case closed
    }

    public func agentList(_ list: AgentList, agent: Agent, limit: Int = 200) throws -> [QueueItem] {
        try writer.read { db in try Self.agentList(db, list, agent: agent, limit: limit) }
    }

    /// All four lists and the counts in one read transaction: one consistent picture per reload.
    public func agentLists(agent: Agent, limit: Int = 200, now: Date = Date()) throws -> (lists: [AgentList: [QueueItem]], counts: AgentCounts) {
        try writer.read { db in
            var lists: [AgentList: [QueueItem]] = [:]
            for l in AgentList.allCases { lists[l] = try Self.agentList(db, l, agent: agent, limit: limit) }
            return (lists, try Self.agentCounts(db, agent: agent, now: now))
        }
    }

    static let itemColumns = """
        SELECT t.source, t.external_id, t.priority_rank, t.status, t.channel, t.product, t.category, t.products,
               t.created_at, t.sla_due_at, CAST(c.name AS BLOB), c.tier, CAST(t.subject AS BLOB), t.owner_id, t.first_response_at, t.resolved_at
        FROM ticket t JOIN customer c ON c.id = t.customer_id
        """

    static func agentList(_ db: Database, _ list: AgentList, agent: Agent, limit: Int) throws -> [QueueItem] {
        var items = try unmarkedAgentList(db, list, agent: agent, limit: limit)
        if list == .mine {
            // Follow-ups of my tickets come to me (hidden from the queue), each after its original.
            for f in try followUpsRouted(db, to: agent.id, limit: limit) where !items.contains(where: { $0.key == f.key }) {
                items.append(f)
            }
        }
        try markLinks(db, &items)
        if list == .mine {
            var ordered: [QueueItem] = items.filter { if case .followUp(_, let owner)? = $0.link, owner == agent.id, $0.status == .queued { return false }; return true }
            for f in items where !ordered.contains(where: { $0.key == f.key }) {
                guard case .followUp(let parent, _)? = f.link, let at = ordered.firstIndex(where: { $0.key == parent }) else { ordered.append(f); continue }
                var end = at + 1
                while end < ordered.count, case .followUp(parent, _)? = ordered[end].link { end += 1 }
                ordered.insert(f, at: end)
            }
            items = ordered
        }
        return items
    }

    static func unmarkedAgentList(_ db: Database, _ list: AgentList, agent: Agent, limit: Int) throws -> [QueueItem] {
        switch list {
        case .queue:
            return try queue(db, QueueFilter(products: agent.queueProducts, languages: agent.languages, limit: limit))
        case .mine:
            return try Row.fetchAll(db, sql: itemColumns + """
                 WHERE t.owner_id = ? AND t.status IN ('open', 'pending') AND t.status != 'resolved'
                 ORDER BY t.priority_rank, t.first_response_at IS NOT NULL, t.sla_due_at, t.id LIMIT ?
                """, arguments: [agent.id, limit]).map(queueItem)
        case .pulledIn:
            return try Row.fetchAll(db, sql: itemColumns + """
                 JOIN participant p ON p.ticket_id = t.id
                 WHERE p.member_id = ? AND p.left_at IS NULL AND t.status != 'resolved'
                 ORDER BY t.priority_rank, t.first_response_at IS NOT NULL, t.sla_due_at, t.id LIMIT ?
                """, arguments: [agent.id, limit]).map(queueItem)
        case .closed:
            return try Row.fetchAll(db, sql: itemColumns + """
                 WHERE t.owner_id = ? AND t.resolved_at IS NOT NULL AND t.status = 'resolved'
                 ORDER BY t.resolved_at DESC LIMIT ?
                """, arguments: [agent.id, min(limit, 50)]).map(queueItem)
        }
    }

    /// Counts for the agent's top line. The queue count stops at `cap` (a million queued
    /// tickets are "999+", not a full scan).
    public struct AgentCounts: Equatable, Sendable {
        public var queued: Int
        public var queuedCapped: Bool
        public var mine: Int
        public var pulledIn: Int
        public var resolvedToday: Int
        public init(queued: Int = 0, queuedCapped: Bool = false, mine: Int = 0, pulledIn: Int = 0, resolvedToday: Int = 0) {
            self.queued = queued; self.queuedCapped = queuedCapped; self.mine = mine; self.pulledIn = pulledIn
            self.resolvedToday = resolvedToday
        }
    }

    static let countCap = 999

    static func agentCounts(_ db: Database, agent: Agent, now: Date = Date()) throws -> AgentCounts {
        let queued = try queue(db, QueueFilter(products: agent.queueProducts, languages: agent.languages,
                                               limit: countCap + 1)).count
        let mine = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE owner_id = ? AND status IN ('open', 'pending') AND status != 'resolved'",
                                    arguments: [agent.id]) ?? 0
        let pulled = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM participant p JOIN ticket t ON t.id = p.ticket_id
            WHERE p.member_id = ? AND p.left_at IS NULL AND t.status != 'resolved'
            """, arguments: [agent.id]) ?? 0
        let dayStart = Int64((now.timeIntervalSince1970 - 86_400) * 1000)
        let resolved = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket WHERE owner_id = ? AND resolved_at IS NOT NULL AND resolved_at >= ?
            """, arguments: [agent.id, dayStart]) ?? 0
        return AgentCounts(queued: min(queued, countCap), queuedCapped: queued > countCap, mine: mine,
                           pulledIn: pulled, resolvedToday: resolved)
    }

    /// A colleague who could be pulled into a ticket, with what makes them a good choice.
    public struct InviteCandidate: Equatable, Sendable {
        public var agent: Agent
        /// Products of the ticket's trip this colleague covers.
        public var matching: [Product]
        /// Already in the conversation (shown, not offered twice).
        public var alreadyIn: Bool
        public init(agent: Agent, matching: [Product], alreadyIn: Bool) {
            self.agent = agent; self.matching = matching; self.alreadyIn = alreadyIn
        }
    }

    /// Agents and supervisors other than `excluding`, those covering the trip's products first,
    /// then the available ones. The directory is small (hundreds), so it is read whole.
    public func inviteCandidates(for key: TicketKey, tripProducts: [Product], excluding: String) throws -> [InviteCandidate] {
        try writer.read { db in
            let inside = Set(try String.fetchAll(db, sql: """
                SELECT p.member_id FROM participant p JOIN ticket t ON t.id = p.ticket_id
                WHERE t.source = ? AND t.external_id = ? AND p.left_at IS NULL
                """, arguments: [key.source, key.externalID]))
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM agent WHERE role != 'supplier' AND id != ? ORDER BY id", arguments: [excluding])
            let wanted = Set(tripProducts)
            let order: [AgentStatus: Int] = [.available: 0, .away: 1, .offline: 2]
            return rows.map { r in
                let a = Agent(id: r["id"], name: r["name"], role: Role(rawValue: r["role"]) ?? .agent,
                              skills: (r["skills"] as String).split(separator: ",").compactMap { Product(rawValue: String($0)) },
                              languages: (r["languages"] as String).split(separator: ",").map(String.init),
                              center: r["center"], supplierID: r["supplier_id"],
                              status: AgentStatus(rawValue: r["status"]) ?? .offline)
                return InviteCandidate(agent: a, matching: a.skills.filter(wanted.contains).sorted(), alreadyIn: inside.contains(a.id))
            }.sorted { x, y in
                if x.matching.isEmpty != y.matching.isEmpty { return !x.matching.isEmpty }
                let sx = order[x.agent.status] ?? 3, sy = order[y.agent.status] ?? 3
                return sx != sy ? sx < sy : x.agent.id < y.agent.id
            }
        }
    }

    /// The suppliers behind a trip's orders: the hotel of the hotel order, the rental company
    /// of the car, the airline of the flight (by its flight-number prefix, `SUP-CA` for CA925,
    /// or by name).
    public func suppliers(of orders: [Order]) throws -> [Supplier] {
        try writer.read { db in
            var ids: [String] = []
            var seen = Set<String>()
            func fetch(_ id: String) throws -> Supplier? {
                guard let r = try Row.fetchOne(db, sql: "SELECT * FROM supplier WHERE id = ?", arguments: [id]) else { return nil }
                return Supplier(id: r["id"], name: r["name"], product: Product(rawValue: r["product"]) ?? .other,
                                contact: r["contact"], languages: (r["languages"] as String).split(separator: ",").map(String.init))
            }
            for o in orders {
                switch o.detail {
                case .hotel(let h): if let s = h.supplierID { ids.append(s) }
                case .car(let c): if let s = c.supplierID { ids.append(s) }
                case .flight(let f):
                    // IATA airline designators are the flight number's first two characters (CA925, 3U8888).
                    let byCode = "SUP-" + f.number.prefix(2).uppercased()
                    if f.number.count > 2, try fetch(byCode) != nil { ids.append(byCode) }
                    else if let id = try String.fetchOne(db, sql: "SELECT id FROM supplier WHERE product = 'flight' AND instr(name, ?) > 0 LIMIT 1",
                                                         arguments: [f.carrier]) { ids.append(id) }
                case .other: break
                }
            }
            return try ids.filter { seen.insert($0).inserted }.compactMap(fetch)
        }
    }

    /// Names of agents and suppliers for a conversation's authors and participants.
    public func memberNames(_ ids: [String]) throws -> [String: String] {
        try writer.read { db in try Self.memberNames(db, ids) }
    }

    static func memberNames(_ db: Database, _ ids: [String]) throws -> [String: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        var out: [String: String] = [:]
        let marks = unique.map { _ in "?" }.joined(separator: ",")
        for table in ["agent", "supplier"] {
            for r in try Row.fetchAll(db, sql: "SELECT id, name FROM \(table) WHERE id IN (\(marks))", arguments: StatementArguments(unique)) {
                out[r[0]] = r[1]
            }
        }
        return out
    }

}
