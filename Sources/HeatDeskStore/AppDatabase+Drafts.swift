import Foundation
import GRDB
import HeatDeskCore

/// Drafts of replies and internal notes, kept while the agent types so that nothing typed is
/// lost: not to a requeue, a refused send, Esc, a quit or a crash (issue 14, item 2). They live
/// in the workstation's own database only: not events, never in the log, never in sync batches
/// (snapshots drop them), because they are one person's unsent words on one workstation.
extension AppDatabase {
    public struct Draft: Equatable, Sendable {
        public var agentID: String
        public var ticket: TicketKey
        public var visibility: Visibility
        public var body: String
        public var templateID: String?
        public var audience: Audience
        public var savedAt: Date

        public init(agentID: String, ticket: TicketKey, visibility: Visibility, body: String, templateID: String? = nil,
                    audience: Audience = .customer, savedAt: Date) {
            self.agentID = agentID; self.ticket = ticket; self.visibility = visibility; self.body = body
            self.templateID = templateID; self.audience = audience; self.savedAt = savedAt
        }
    }

    /// Keeps `draft` (replacing the agent's draft of the same ticket and visibility). `moving`
    /// names the visibility it was kept under before (the composer switched reply ↔ note): that
    /// one is removed in the same transaction.
    public func saveDraft(_ draft: Draft, moving from: Visibility? = nil) throws {
        try writer.write { db in
            if let from, from != draft.visibility {
                try Self.deleteDraft(db, agent: draft.agentID, ticket: draft.ticket, visibility: from)
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO draft(agent_id, ticket_source, ticket_external_id, visibility, body, template_id, audience, saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.agentID, draft.ticket.source, draft.ticket.externalID, draft.visibility.rawValue,
                                 draft.body, draft.templateID, draft.audience.rawValue, draft.savedAt.millis])
        }
    }

    /// The agent's drafts of one ticket (a reply first, then a note).
    public func drafts(agent: String, ticket: TicketKey) throws -> [Draft] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM draft WHERE agent_id = ? AND ticket_source = ? AND ticket_external_id = ?
                ORDER BY visibility DESC
                """, arguments: [agent, ticket.source, ticket.externalID]).map(Self.draft)
        }
    }

    /// Every draft the agent keeps, newest first.
    public func drafts(agent: String) throws -> [Draft] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM draft WHERE agent_id = ? ORDER BY saved_at DESC", arguments: [agent]).map(Self.draft)
        }
    }

    public func deleteDraft(agent: String, ticket: TicketKey, visibility: Visibility) throws {
        try writer.write { db in try Self.deleteDraft(db, agent: agent, ticket: ticket, visibility: visibility) }
    }

    static func deleteDraft(_ db: Database, agent: String, ticket: TicketKey, visibility: Visibility) throws {
        try db.execute(sql: "DELETE FROM draft WHERE agent_id = ? AND ticket_source = ? AND ticket_external_id = ? AND visibility = ?",
                       arguments: [agent, ticket.source, ticket.externalID, visibility.rawValue])
    }

    private static func draft(_ r: Row) -> Draft {
        Draft(agentID: r["agent_id"], ticket: TicketKey(source: r["ticket_source"], externalID: r["ticket_external_id"]),
              visibility: Visibility(rawValue: r["visibility"]) ?? .internal, body: r["body"], templateID: r["template_id"],
              audience: Audience(rawValue: r["audience"]) ?? .customer,
              savedAt: Date(timeIntervalSince1970: Double(r["saved_at"] as Int64) / 1000))
    }
}

// MARK: Who moved a ticket

extension AppDatabase {
    /// The last change that moved a ticket between hands (claim, transfer, requeue, reopen,
    /// resolve), read from the event log, with where the ticket stands now: how an agent is told
    /// that a ticket left their list because someone else acted (issue 14, item 12).
    public struct TicketMove: Equatable, Sendable {
        public var key: TicketKey
        /// `claimed`, `transferred`, `requeued`, `reopened`, `resolved` (`TicketChange.name`).
        public var change: String
        public var actorID: String
        public var actorName: String?
        public var at: Date
        /// Who holds it now (nil: the queue) and its status now.
        public var ownerID: String?
        public var ownerName: String?
        public var status: TicketStatus

        public init(key: TicketKey, change: String, actorID: String, actorName: String?, at: Date,
                    ownerID: String?, ownerName: String?, status: TicketStatus) {
            self.key = key; self.change = change; self.actorID = actorID; self.actorName = actorName; self.at = at
            self.ownerID = ownerID; self.ownerName = ownerName; self.status = status
        }
    }

    /// How many of the newest log rows `lastMove` looks through. The log has no index by ticket
    /// (every event would pay for one); the move being explained has just arrived, so it is near
    /// the end, and a walk back from the newest row stops at it.
    public static let lastMoveWindow = 200_000

    /// Nil when the ticket is unknown or no move of it is among the newest `window` events.
    public func lastMove(of key: TicketKey, window: Int = lastMoveWindow) throws -> TicketMove? {
        try writer.read { db in
            guard let now = try Self.workState(db, key) else { return nil }
            guard let r = try Row.fetchOne(db, sql: """
                SELECT actor, kind, at FROM event
                WHERE seq > (SELECT ifnull(max(seq), 0) FROM event) - ? AND entity = ?
                  AND kind IN ('ticket.claimed', 'ticket.transferred', 'ticket.requeued', 'ticket.reopened', 'ticket.resolved')
                ORDER BY seq DESC LIMIT 1
                """, arguments: [window, "ticket:\(key.source)/\(key.externalID)"]) else { return nil }
            let actor: String = r["actor"]
            let kind: String = r["kind"]
            return TicketMove(key: key, change: String(kind.dropFirst("ticket.".count)), actorID: actor,
                              actorName: try Self.agentName(db: db, actor),
                              at: Date(timeIntervalSince1970: Double(r["at"] as Int64) / 1000),
                              ownerID: now.ownerID, ownerName: try now.ownerID.flatMap { try Self.agentName(db: db, $0) },
                              status: now.status)
        }
    }
}
