import Foundation
import GRDB

extension AppDatabase {
    /// The schema, one migration per step; never edit a shipped migration, add one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

                CREATE TABLE customer (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    language TEXT NOT NULL,
                    tier TEXT NOT NULL,
                    phone_masked TEXT,
                    email_masked TEXT,
                    flags TEXT NOT NULL DEFAULT ''
                ) WITHOUT ROWID;

                CREATE TABLE supplier (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    product TEXT NOT NULL,
                    contact TEXT,
                    languages TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE agent (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    skills TEXT NOT NULL,
                    languages TEXT NOT NULL,
                    center TEXT NOT NULL,
                    supplier_id TEXT REFERENCES supplier(id),
                    status TEXT NOT NULL DEFAULT 'offline'
                ) WITHOUT ROWID;

                CREATE TABLE travel_order (
                    id TEXT PRIMARY KEY,
                    -- Orders may arrive before the ticket that describes their customer.
                    customer_id TEXT NOT NULL,
                    product TEXT NOT NULL,
                    status TEXT NOT NULL,
                    booked_at INTEGER NOT NULL,
                    service_at INTEGER,
                    title TEXT NOT NULL,
                    detail TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX travel_order_by_customer ON travel_order(customer_id, service_at);

                CREATE TABLE order_event (
                    order_id TEXT NOT NULL REFERENCES travel_order(id),
                    seq INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    detail TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (order_id, seq)
                ) WITHOUT ROWID;

                CREATE TABLE ticket (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    channel TEXT NOT NULL,
                    product TEXT NOT NULL,
                    category TEXT NOT NULL,
                    priority_rank INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    customer_id TEXT NOT NULL REFERENCES customer(id),
                    subject TEXT NOT NULL DEFAULT '',
                    bot_summary TEXT NOT NULL DEFAULT '',
                    sla_due_at INTEGER NOT NULL,
                    products TEXT NOT NULL DEFAULT '',
                    owner_id TEXT,
                    claim_epoch INTEGER NOT NULL DEFAULT 0,
                    first_response_at INTEGER,
                    resolved_at INTEGER,
                    disposition TEXT,
                    UNIQUE (source, external_id)
                );
                CREATE INDEX ticket_queue ON ticket(status, priority_rank, sla_due_at);
                CREATE INDEX ticket_queue_by_product ON ticket(status, product, priority_rank, sla_due_at);
                CREATE INDEX ticket_by_customer ON ticket(customer_id, created_at);
                CREATE INDEX ticket_by_owner ON ticket(owner_id, status) WHERE owner_id IS NOT NULL;

                CREATE TABLE ticket_order (
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    order_id TEXT NOT NULL REFERENCES travel_order(id),
                    PRIMARY KEY (ticket_id, order_id)
                ) WITHOUT ROWID;
                CREATE INDEX ticket_order_by_order ON ticket_order(order_id);

                CREATE TABLE message (
                    id INTEGER PRIMARY KEY,
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    at INTEGER NOT NULL,
                    author_kind TEXT NOT NULL,
                    author_id TEXT,
                    visibility TEXT NOT NULL,
                    body TEXT NOT NULL,
                    fingerprint INTEGER NOT NULL,
                    UNIQUE (ticket_id, fingerprint)
                );
                CREATE INDEX message_by_ticket ON message(ticket_id, at);

                CREATE TABLE participant (
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    member_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    joined_at INTEGER NOT NULL,
                    left_at INTEGER,
                    PRIMARY KEY (ticket_id, member_id)
                ) WITHOUT ROWID;
                CREATE INDEX participant_by_member ON participant(member_id);

                -- The log: every change, in the order this node made or applied it.
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY,
                    node TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    payload TEXT NOT NULL
                );
                """)
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('node_id', ?)",
                           arguments: [UUID().uuidString.lowercased()])
        }
        // Work on tickets: when the owner took it (handling time), how often it changed hands
        // (first-contact resolution), what a pending ticket waits for, and the FCR verdict.
        migrator.registerMigration("v2-work") { db in
            try db.execute(sql: """
                ALTER TABLE ticket ADD COLUMN claimed_at INTEGER;
                ALTER TABLE ticket ADD COLUMN handoffs INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE ticket ADD COLUMN waiting_for TEXT;
                ALTER TABLE ticket ADD COLUMN first_contact INTEGER;
                ALTER TABLE agent ADD COLUMN status_at INTEGER;
                CREATE INDEX ticket_resolved_by_owner ON ticket(owner_id, resolved_at) WHERE resolved_at IS NOT NULL;
                """)
        }
        // Sync (Docs/sync-protocol.md): each logged event keeps its origin seq and hybrid clock;
        // last-writer-wins fields keep the clock that set them; per-peer high-water marks and the
        // remote events the merge rules rejected, kept visible.
        migrator.registerMigration("v3-sync") { db in
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN origin_seq INTEGER;
                ALTER TABLE event ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
                UPDATE event SET hlc = at * 65536;
                CREATE INDEX event_by_hlc ON event(hlc);
                ALTER TABLE ticket ADD COLUMN priority_clock TEXT NOT NULL DEFAULT '';
                ALTER TABLE ticket ADD COLUMN status_clock TEXT NOT NULL DEFAULT '';
                ALTER TABLE participant ADD COLUMN clock TEXT NOT NULL DEFAULT '';
                CREATE TABLE sync_peer (
                    node TEXT PRIMARY KEY,
                    high_water INTEGER NOT NULL DEFAULT 0,
                    last_file TEXT NOT NULL DEFAULT '',
                    dir_stamp TEXT NOT NULL DEFAULT ''
                ) WITHOUT ROWID;
                CREATE TABLE sync_rejected (
                    node TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    PRIMARY KEY (node, seq)
                ) WITHOUT ROWID;
                """)
        }
        // The supervisor's figures (Docs/metrics.md). Each index covers its query, so a refresh
        // on a million tickets reads index pages only: the ticket rows are wide (subject, bot
        // summary) and a row lookup per waiting or today's ticket costs hundreds of milliseconds.
        // Their column order puts each GROUP BY in index order: a sort of today's tickets would
        // cost more than reading them.
        migrator.registerMigration("v3-metrics") { db in
            try db.execute(sql: """
                CREATE INDEX ticket_board ON ticket(status, owner_id, product, priority_rank, category, created_at);
                CREATE INDEX ticket_arrivals ON ticket(product, channel, priority_rank, created_at, first_response_at, resolved_at);
                CREATE INDEX ticket_created ON ticket(created_at);
                CREATE INDEX ticket_resolutions ON ticket(owner_id, resolved_at, claimed_at, first_contact) WHERE resolved_at IS NOT NULL;
                CREATE INDEX ticket_resolved_at ON ticket(resolved_at) WHERE resolved_at IS NOT NULL;
                CREATE INDEX ticket_answers ON ticket(first_response_at, created_at) WHERE first_response_at IS NOT NULL;
                CREATE INDEX ticket_unanswered ON ticket(sla_due_at, created_at, status, first_response_at) WHERE first_response_at IS NULL AND status != 'resolved';
                """)
        }
        // ticket_resolutions (v3-metrics) starts with the same columns under the same condition and
        // serves the agent's recently-closed list too: one B-tree less to write per ticket change.
        migrator.registerMigration("v4-trim-indexes") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS ticket_resolved_by_owner")
            // A bulk load interrupted before this version kept its definition aside (meta
            // `deferred_indexes`): the recovery must not build it again.
            if let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [deferredIndexesKey]),
               let saved = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) {
                let kept = saved.filter { !$0.hasPrefix("CREATE INDEX ticket_resolved_by_owner ") }
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?",
                               arguments: [String(decoding: try JSONEncoder().encode(kept), as: UTF8.self), deferredIndexesKey])
            }
        }
        // Drafts of replies and notes (issue 14, item 2): workstation-local, never events, never
        // synced (Docs/sync-protocol.md). One per agent, ticket and visibility (a reply and a note
        // may both be kept). The key's order serves both reads: an agent's drafts of one ticket,
        // and all of an agent's drafts.
        migrator.registerMigration("v5-drafts") { db in
            try db.execute(sql: """
                CREATE TABLE draft (
                    agent_id TEXT NOT NULL,
                    ticket_source TEXT NOT NULL,
                    ticket_external_id TEXT NOT NULL,
                    visibility TEXT NOT NULL,
                    body TEXT NOT NULL,
                    template_id TEXT,
                    audience TEXT NOT NULL DEFAULT 'customer',
                    saved_at INTEGER NOT NULL,
                    PRIMARY KEY (agent_id, ticket_source, ticket_external_id, visibility)
                ) WITHOUT ROWID;
                """)
        }
        registerLinkMigration(&migrator)
        // The real phone and email, sealed with the center's contact key (ContactSeal.swift,
        // Docs/security.md); the masked columns stay what screens show before a reveal.
        migrator.registerMigration("v7-contact-sealed") { db in
            try db.execute(sql: "ALTER TABLE customer ADD COLUMN contact_sealed TEXT")
        }
        // Issue 15: the monitor reads tallies kept as tickets change (AppDatabase+Tallies,
        // TallyKeeper), and the live views read partial indexes over the tickets that
        // are not resolved; the covering indexes of v3-metrics over the whole history go.
        migrator.registerMigration("v8-tallies") { db in
            try db.execute(sql: tallyTablesSQL)
            try rebuildTallies(db)
            let dropped = ["ticket_board", "ticket_arrivals", "ticket_created", "ticket_resolved_at", "ticket_answers"]
            for name in dropped { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
            // Replaced by partial twins over live tickets (same names, so the recovery of an
            // interrupted load and the plans name them as before).
            let replaced = ["ticket_queue", "ticket_queue_by_product", "ticket_by_owner"]
            for name in replaced { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
            try db.execute(sql: liveIndexesSQL)
            // A bulk load interrupted before this version kept definitions aside (meta
            // `deferred_indexes`): the recovery must build neither the dropped ones nor the old
            // forms of the replaced ones (this migration built their new forms already).
            if let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [deferredIndexesKey]),
               let saved = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) {
                let gone = dropped + replaced
                let kept = saved.filter { sql in !gone.contains { sql.hasPrefix("CREATE INDEX \($0) ") } }
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?",
                               arguments: [String(decoding: try JSONEncoder().encode(kept), as: UTF8.self), deferredIndexesKey])
            }
        }
        return migrator
    }

    /// The live views' indexes (v8-tallies): only tickets that are not resolved, so a history of
    /// a million resolved tickets costs them nothing. Queries name the index's condition in their
    /// WHERE (SQLite uses a partial index only when the query's terms imply its condition). The
    /// condition's columns close the waiting and open-question keys (constant there, so nearly
    /// free): this SQLite (3.40) reads them from the row otherwise, and the index would not cover.
    static let liveIndexesSQL = """
        CREATE INDEX IF NOT EXISTS ticket_queue ON ticket(status, priority_rank, sla_due_at) WHERE status != 'resolved';
        CREATE INDEX IF NOT EXISTS ticket_queue_by_product ON ticket(status, product, priority_rank, sla_due_at) WHERE status != 'resolved';
        CREATE INDEX IF NOT EXISTS ticket_by_owner ON ticket(owner_id, status) WHERE owner_id IS NOT NULL AND status != 'resolved';
        CREATE INDEX IF NOT EXISTS ticket_waiting ON ticket(product, priority_rank, category, created_at, status, owner_id)
            WHERE status = 'queued' AND owner_id IS NULL;
        CREATE INDEX IF NOT EXISTS ticket_open_question ON ticket(product, channel, priority_rank, created_at, first_response_at, resolved_at)
            WHERE first_response_at IS NULL AND resolved_at IS NULL;
        """
}
