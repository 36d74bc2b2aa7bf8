import Foundation
import GRDB

/// The monitor's figures kept as the tickets change (Docs/metrics.md, "Tallies"): small tables of
/// counts and sums per quarter-hour bucket, kept by `EventApplier` (through `TallyKeeper`) in the
/// same transaction as the row they summarise. Each change takes the old row's contribution away
/// and adds the new row's, never reasoning about the event, so every writer (import, work, sync,
/// a late or refused event, a reopen) keeps them exact. A bulk load sets them aside and builds
/// them once at the end, crash-safe like the indexes it sets aside (AppDatabase+BulkLoad).
///
/// Why Swift rather than SQLite triggers on `ticket`: measured with `sync-bench tallies`
/// (Docs/performance.md, "Tallies: triggers or Swift"): the triggers doubled the writer's cost
/// of a ticket update.
extension AppDatabase {
    /// A bucket is a quarter of an hour: every time zone's midnight (offsets are multiples of 15
    /// minutes) and every hour fall on a bucket's start.
    public static let tallyBucketMillis: Int64 = 900_000

    /// `meta` key set while a bulk load has the tallies aside (set with the deferred indexes).
    public static let talliesDeferredKey = "tallies_deferred"

    public static let tallyTables = ["tally_arrival", "tally_flow", "tally_agent", "tally_status"]

    static let tallyTablesSQL = """
        -- Arrivals by product, channel, priority and quarter-hour, with the seconds to the answer
        -- (first public reply, or resolution) rounded up; -1: not answered yet. Service level
        -- against any target in whole seconds is exact from it. Group first: the monitor reads
        -- one range per group (today's quarter-hours), with that group's target bound.
        CREATE TABLE tally_arrival (
            product TEXT NOT NULL,
            channel TEXT NOT NULL,
            priority_rank INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            delay_s INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (product, channel, priority_rank, bucket, delay_s)
        ) WITHOUT ROWID;
        -- Per quarter-hour: tickets created, resolved, first answered (and the sum of their waits).
        CREATE TABLE tally_flow (
            bucket INTEGER PRIMARY KEY,
            created INTEGER NOT NULL,
            resolved INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            wait_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Resolutions per owner and quarter-hour: handled, handling time, first-contact
        -- resolutions. Owner first: one range per agent, no sort.
        CREATE TABLE tally_agent (
            owner_id TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            resolved INTEGER NOT NULL,
            handle_ms INTEGER NOT NULL,
            handle_n INTEGER NOT NULL,
            first_contact INTEGER NOT NULL,
            PRIMARY KEY (owner_id, bucket)
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
    public static func delaySQL(_ r: String) -> String {
        "CASE WHEN coalesce(\(r).first_response_at, \(r).resolved_at) IS NULL THEN -1 "
            + "ELSE max(0, (coalesce(\(r).first_response_at, \(r).resolved_at) - \(r).created_at + 999) / 1000) END"
    }

    /// Each tally computed from the ticket rows in one statement: the definition `TallyKeeper`
    /// must keep equal (TallyPropertyTests), the bulk load's build, and the monitor's reads while a bulk
    /// load has the tallies set aside. Zero rows are left out (kept tallies may hold some).
    public static var tallyRecomputeSQL: [String: String] {
        let b = tallyBucketMillis
        return [
            "tally_arrival": """
                SELECT product, channel, priority_rank, created_at / \(b) AS bucket, \(delaySQL("ticket")) AS delay_s, count(*) AS n
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
                SELECT owner_id, resolved_at / \(b) AS bucket, count(*) AS resolved, coalesce(sum(resolved_at - claimed_at), 0) AS handle_ms,
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

    /// Empties the tallies and builds them from the ticket rows, in the caller's transaction:
    /// the arrival tally by its `GROUP BY` (one row per answer delay, so SQLite's sorter, which
    /// spills to disk, bounds the memory), the three others in one pass over the rows, summed
    /// in memory (a few rows per quarter-hour). Two scans of the tickets instead of six
    /// (`tallyRecomputeSQL`, whose flow tally reads them three times); TallyPropertyTests
    /// compares the result with `tallyRecomputeSQL` after a bulk load.
    static func rebuildTallies(_ db: Database) throws {
        for table in tallyTables { try db.execute(sql: "DELETE FROM \(table)") }
        try db.execute(sql: "INSERT INTO tally_arrival \(tallyRecomputeSQL["tally_arrival"]!)")

        struct AgentKey: Hashable { var owner: String; var bucket: Int64 }
        struct StatusKey: Hashable { var status: String; var product: String; var rank: Int64; var owner: String }
        var flow: [Int64: (created: Int64, resolved: Int64, answered: Int64, wait: Int64)] = [:]
        var agent: [AgentKey: (resolved: Int64, handle: Int64, handled: Int64, firstContact: Int64)] = [:]
        var status: [StatusKey: Int64] = [:]
        let b = tallyBucketMillis
        try RawStatement(db, sql: "SELECT \(TallyRow.columns) FROM ticket").each { c in
            let r = TallyRow(c, at: 0)
            flow[r.created / b, default: (0, 0, 0, 0)].created += 1
            if let t = r.resolved {
                flow[t / b, default: (0, 0, 0, 0)].resolved += 1
                if let owner = r.owner {
                    let k = AgentKey(owner: owner, bucket: t / b)
                    var v = agent[k] ?? (0, 0, 0, 0)
                    v.resolved += 1; v.firstContact += r.firstContact ?? 0
                    if let claimed = r.claimed { v.handle += t - claimed; v.handled += 1 }
                    agent[k] = v
                }
            }
            if let t = r.firstResponse {
                var v = flow[t / b] ?? (0, 0, 0, 0)
                v.answered += 1; v.wait += t - r.created
                flow[t / b] = v
            }
            status[StatusKey(status: r.status, product: r.product, rank: r.rank, owner: r.owner ?? ""), default: 0] += 1
        }
        let insertFlow = try RawStatement(db, sql: "INSERT INTO tally_flow(bucket, created, resolved, answered, wait_ms) VALUES (?, ?, ?, ?, ?)")
        for (k, v) in flow.sorted(by: { $0.key < $1.key }) {
            insertFlow.bind(1, k); insertFlow.bind(2, v.created); insertFlow.bind(3, v.resolved); insertFlow.bind(4, v.answered); insertFlow.bind(5, v.wait)
            try insertFlow.run()
        }
        let insertAgent = try RawStatement(db, sql: """
            INSERT INTO tally_agent(owner_id, bucket, resolved, handle_ms, handle_n, first_contact) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (k, v) in agent.sorted(by: { ($0.key.owner, $0.key.bucket) < ($1.key.owner, $1.key.bucket) }) {
            insertAgent.bind(1, k.owner); insertAgent.bind(2, k.bucket); insertAgent.bind(3, v.resolved); insertAgent.bind(4, v.handle)
            insertAgent.bind(5, v.handled); insertAgent.bind(6, v.firstContact)
            try insertAgent.run()
        }
        let insertStatus = try RawStatement(db, sql: "INSERT INTO tally_status(status, product, priority_rank, owner, n) VALUES (?, ?, ?, ?, ?)")
        for (k, n) in status {
            insertStatus.bind(1, k.status); insertStatus.bind(2, k.product); insertStatus.bind(3, k.rank); insertStatus.bind(4, k.owner); insertStatus.bind(5, n)
            try insertStatus.run()
        }
    }

    /// Whether the tallies are set aside by a bulk load (then `EventApplier` leaves them alone
    /// and reads compute from the rows).
    static func talliesDeferred(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [talliesDeferredKey]) != nil
    }

    /// A tally as a table name to read from: the table itself, or its definition over the ticket
    /// rows while a bulk load has them aside (slower, but right).
    static func tallySource(_ db: Database, _ table: String) throws -> String {
        try talliesDeferred(db) ? "(\(tallyRecomputeSQL[table]!))" : table
    }
}
