import Foundation
import GRDB

/// The monitor's figures kept as the tickets change (Docs/metrics.md, "Tallies"): small tables of
/// counts and sums per quarter-hour bucket, which SQLite triggers on `ticket` keep in the same
/// transaction as the row they summarise. Each trigger subtracts the old row's contribution and
/// adds the new row's, never reasoning about the event, so every writer (import, work, sync, a
/// late or refused event, a reopen) keeps them exact. A bulk load drops the triggers and builds
/// the tallies once at the end, crash-safe like the indexes it sets aside (AppDatabase+BulkLoad).
///
/// Why triggers rather than the same arithmetic in `EventApplier`: measured in
/// Docs/performance.md ("Tallies: triggers or Swift"); the triggers cost less per change and
/// cannot be bypassed by a writer that forgets them.
extension AppDatabase {
    /// A bucket is a quarter of an hour: every time zone's midnight (offsets are multiples of 15
    /// minutes) and every hour fall on a bucket's start.
    public static let tallyBucketMillis: Int64 = 900_000

    /// `meta` key set, in the transaction that drops the tally triggers, while a bulk load runs.
    static let talliesDeferredKey = "tallies_deferred"

    static let tallyTables = ["tally_arrival", "tally_flow", "tally_agent", "tally_status"]

    static let tallyTablesSQL = """
        -- Arrivals by quarter-hour, product, channel and priority, with the seconds to the answer
        -- (first public reply, or resolution) rounded up; -1: not answered yet. Service level
        -- against any target in whole seconds is exact from it.
        CREATE TABLE tally_arrival (
            bucket INTEGER NOT NULL,
            product TEXT NOT NULL,
            channel TEXT NOT NULL,
            priority_rank INTEGER NOT NULL,
            delay_s INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (bucket, product, channel, priority_rank, delay_s)
        ) WITHOUT ROWID;
        -- Per quarter-hour: tickets created, resolved, first answered (and the sum of their waits).
        CREATE TABLE tally_flow (
            bucket INTEGER PRIMARY KEY,
            created INTEGER NOT NULL,
            resolved INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            wait_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Resolutions per quarter-hour and owner: handled, handling time, first-contact resolutions.
        CREATE TABLE tally_agent (
            bucket INTEGER NOT NULL,
            owner_id TEXT NOT NULL,
            resolved INTEGER NOT NULL,
            handle_ms INTEGER NOT NULL,
            handle_n INTEGER NOT NULL,
            first_contact INTEGER NOT NULL,
            PRIMARY KEY (bucket, owner_id)
        ) WITHOUT ROWID;
        -- Tickets per status, product, priority and owner ('' for none): waiting, in hand, stats.
        CREATE TABLE tally_status (
            status TEXT NOT NULL,
            product TEXT NOT NULL,
            priority_rank INTEGER NOT NULL,
            owner TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (status, product, priority_rank, owner)
        ) WITHOUT ROWID;
        """

    /// The seconds to the answer, rounded up (0 for an answer before the arrival), -1 when none:
    /// `delay ≤ target` in milliseconds is exactly `delay_s ≤ target` in whole seconds.
    static func delaySQL(_ r: String) -> String {
        "CASE WHEN coalesce(\(r).first_response_at, \(r).resolved_at) IS NULL THEN -1 "
            + "ELSE max(0, (coalesce(\(r).first_response_at, \(r).resolved_at) - \(r).created_at + 999) / 1000) END"
    }

    /// The statements that add row `r`'s contribution times `s` (+1 or -1) to each tally.
    static func contributionSQL(_ r: String, _ s: Int) -> (arrival: String, flow: String, agent: String, status: String) {
        let b = tallyBucketMillis
        let arrival = """
            INSERT INTO tally_arrival(bucket, product, channel, priority_rank, delay_s, n)
            VALUES (\(r).created_at / \(b), \(r).product, \(r).channel, \(r).priority_rank, \(delaySQL(r)), \(s))
            ON CONFLICT (bucket, product, channel, priority_rank, delay_s) DO UPDATE SET n = n + excluded.n;
            """
        let flow = """
            INSERT INTO tally_flow(bucket, created, resolved, answered, wait_ms)
            VALUES (\(r).created_at / \(b), \(s), 0, 0, 0)
            ON CONFLICT (bucket) DO UPDATE SET created = created + excluded.created;
            INSERT INTO tally_flow(bucket, created, resolved, answered, wait_ms)
            SELECT \(r).resolved_at / \(b), 0, \(s), 0, 0 WHERE \(r).resolved_at IS NOT NULL
            ON CONFLICT (bucket) DO UPDATE SET resolved = resolved + excluded.resolved;
            INSERT INTO tally_flow(bucket, created, resolved, answered, wait_ms)
            SELECT \(r).first_response_at / \(b), 0, 0, \(s), \(s) * (\(r).first_response_at - \(r).created_at)
            WHERE \(r).first_response_at IS NOT NULL
            ON CONFLICT (bucket) DO UPDATE SET answered = answered + excluded.answered, wait_ms = wait_ms + excluded.wait_ms;
            """
        let agent = """
            INSERT INTO tally_agent(bucket, owner_id, resolved, handle_ms, handle_n, first_contact)
            SELECT \(r).resolved_at / \(b), \(r).owner_id, \(s), \(s) * coalesce(\(r).resolved_at - \(r).claimed_at, 0),
                   \(s) * (\(r).claimed_at IS NOT NULL), \(s) * coalesce(\(r).first_contact, 0)
            WHERE \(r).resolved_at IS NOT NULL AND \(r).owner_id IS NOT NULL
            ON CONFLICT (bucket, owner_id) DO UPDATE SET resolved = resolved + excluded.resolved,
                handle_ms = handle_ms + excluded.handle_ms, handle_n = handle_n + excluded.handle_n,
                first_contact = first_contact + excluded.first_contact;
            """
        let status = """
            INSERT INTO tally_status(status, product, priority_rank, owner, n)
            VALUES (\(r).status, \(r).product, \(r).priority_rank, coalesce(\(r).owner_id, ''), \(s))
            ON CONFLICT (status, product, priority_rank, owner) DO UPDATE SET n = n + excluded.n;
            """
        return (arrival, flow, agent, status)
    }

    /// The triggers, by name. An update fires only the tallies whose columns it sets, and only
    /// when the row's contribution to them changed (a claim of a never-resolved ticket touches
    /// `tally_status` alone).
    static var tallyTriggers: [(name: String, sql: String)] {
        let old = contributionSQL("old", -1), new = contributionSQL("new", 1)
        func update(_ name: String, of columns: String, when changed: String, _ body: String) -> (String, String) {
            (name, "CREATE TRIGGER IF NOT EXISTS \(name) AFTER UPDATE OF \(columns) ON ticket WHEN \(changed) BEGIN\n\(body)\nEND")
        }
        let b = tallyBucketMillis
        return [
            ("ticket_tally_insert", """
                CREATE TRIGGER IF NOT EXISTS ticket_tally_insert AFTER INSERT ON ticket BEGIN
                \(new.arrival)\n\(new.flow)\n\(new.agent)\n\(new.status)
                END
                """),
            ("ticket_tally_delete", """
                CREATE TRIGGER IF NOT EXISTS ticket_tally_delete AFTER DELETE ON ticket BEGIN
                \(old.arrival)\n\(old.flow)\n\(old.agent)\n\(old.status)
                END
                """),
            update("ticket_tally_arrival", of: "created_at, product, channel, priority_rank, first_response_at, resolved_at",
                   when: "(old.created_at / \(b), old.product, old.channel, old.priority_rank, \(delaySQL("old"))) IS NOT "
                       + "(new.created_at / \(b), new.product, new.channel, new.priority_rank, \(delaySQL("new")))",
                   old.arrival + "\n" + new.arrival),
            update("ticket_tally_flow", of: "created_at, first_response_at, resolved_at",
                   when: "(old.created_at, old.first_response_at, old.resolved_at) IS NOT (new.created_at, new.first_response_at, new.resolved_at)",
                   old.flow + "\n" + new.flow),
            update("ticket_tally_agent", of: "owner_id, resolved_at, claimed_at, first_contact",
                   when: "(old.resolved_at IS NOT NULL OR new.resolved_at IS NOT NULL) AND "
                       + "(old.owner_id, old.resolved_at, old.claimed_at, old.first_contact) IS NOT "
                       + "(new.owner_id, new.resolved_at, new.claimed_at, new.first_contact)",
                   old.agent + "\n" + new.agent),
            update("ticket_tally_status", of: "status, product, priority_rank, owner_id",
                   when: "(old.status, old.product, old.priority_rank, old.owner_id) IS NOT (new.status, new.product, new.priority_rank, new.owner_id)",
                   old.status + "\n" + new.status),
        ]
    }

    /// Each tally computed from the ticket rows in one statement: the definition the triggers
    /// must keep equal (tested), the bulk load's build, and the monitor's reads while a bulk
    /// load has the triggers set aside. Zero rows are left out (the triggers may leave some).
    public static var tallyRecomputeSQL: [String: String] {
        let b = tallyBucketMillis
        return [
            "tally_arrival": """
                SELECT created_at / \(b) AS bucket, product, channel, priority_rank, \(delaySQL("ticket")) AS delay_s, count(*) AS n
                FROM ticket GROUP BY 1, 2, 3, 4, 5
                """,
            "tally_flow": """
                SELECT bucket, sum(created) AS created, sum(resolved) AS resolved, sum(answered) AS answered, sum(wait_ms) AS wait_ms FROM (
                    SELECT created_at / \(b) AS bucket, 1 AS created, 0 AS resolved, 0 AS answered, 0 AS wait_ms FROM ticket
                    UNION ALL SELECT resolved_at / \(b), 0, 1, 0, 0 FROM ticket WHERE resolved_at IS NOT NULL
                    UNION ALL SELECT first_response_at / \(b), 0, 0, 1, first_response_at - created_at FROM ticket WHERE first_response_at IS NOT NULL
                ) GROUP BY bucket
                """,
            "tally_agent": """
                SELECT resolved_at / \(b) AS bucket, owner_id, count(*) AS resolved, coalesce(sum(resolved_at - claimed_at), 0) AS handle_ms,
                       count(claimed_at) AS handle_n, coalesce(sum(first_contact), 0) AS first_contact
                FROM ticket WHERE resolved_at IS NOT NULL AND owner_id IS NOT NULL GROUP BY 1, 2
                """,
            "tally_status": """
                SELECT status, product, priority_rank, coalesce(owner_id, '') AS owner, count(*) AS n FROM ticket GROUP BY 1, 2, 3, 4
                """,
        ]
    }

    /// The rows of a tally that are not all zeros, in key order (the property tests compare them
    /// with `tallyRecomputeSQL`).
    public static func nonZeroTallySQL(_ table: String) -> String {
        switch table {
        case "tally_arrival": return "SELECT * FROM tally_arrival WHERE n != 0 ORDER BY 1, 2, 3, 4, 5"
        case "tally_flow": return "SELECT * FROM tally_flow WHERE (created, resolved, answered, wait_ms) != (0, 0, 0, 0) ORDER BY 1"
        case "tally_agent": return "SELECT * FROM tally_agent WHERE (resolved, handle_ms, handle_n, first_contact) != (0, 0, 0, 0) ORDER BY 1, 2"
        default: return "SELECT * FROM tally_status WHERE n != 0 ORDER BY 1, 2, 3, 4"
        }
    }

    /// Empties the tallies and builds them from the ticket rows, then (re)creates the triggers.
    /// In the caller's transaction.
    static func rebuildTallies(_ db: Database) throws {
        for table in tallyTables {
            try db.execute(sql: "DELETE FROM \(table)")
            try db.execute(sql: "INSERT INTO \(table) \(tallyRecomputeSQL[table]!)")
        }
        for (_, sql) in tallyTriggers { try db.execute(sql: sql) }
    }

    static func dropTallyTriggers(_ db: Database) throws {
        for (name, _) in tallyTriggers { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
    }

    /// Whether the tallies are set aside by a bulk load (then reads compute from the rows).
    static func talliesDeferred(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [talliesDeferredKey]) != nil
    }

    /// A tally as a table name to read from: the table itself, or its definition over the ticket
    /// rows while a bulk load has the triggers aside (slower, but right).
    static func tallySource(_ db: Database, _ table: String) throws -> String {
        try talliesDeferred(db) ? "(\(tallyRecomputeSQL[table]!))" : table
    }
}
