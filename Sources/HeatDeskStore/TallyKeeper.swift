import Foundation
import GRDB

/// The columns of a ticket row the tallies read (AppDatabase+Tallies), as the applier has them
/// before a change (its state read) and after it (read again by id).
struct TallyRow: Equatable {
    /// The select list that fills one, in this order (the applier's state reads).
    static let columns = "created_at, product, channel, priority_rank, first_response_at, resolved_at, owner_id, claimed_at, first_contact, status"

    var created: Int64
    var product: String
    var channel: String
    var rank: Int64
    var firstResponse: Int64?
    var resolved: Int64?
    var owner: String?
    var claimed: Int64?
    var firstContact: Int64?
    var status: String

    init(created: Int64, product: String, channel: String, rank: Int64, firstResponse: Int64?, resolved: Int64?,
         owner: String?, claimed: Int64?, firstContact: Int64?, status: String) {
        self.created = created; self.product = product; self.channel = channel; self.rank = rank
        self.firstResponse = firstResponse; self.resolved = resolved; self.owner = owner; self.claimed = claimed
        self.firstContact = firstContact; self.status = status
    }

    /// Reads `columns` starting at column `at`.
    init(_ c: RawStatement.Columns, at i: Int32) {
        func int(_ k: Int32) -> Int64? { c.isNull(i + k) ? nil : c.int(i + k) }
        created = c.int(i); product = c.text(i + 1) ?? ""; channel = c.text(i + 2) ?? ""; rank = c.int(i + 3)
        firstResponse = int(4); resolved = int(5); owner = c.text(i + 6); claimed = int(7); firstContact = int(8)
        status = c.text(i + 9) ?? ""
    }

    /// Seconds to the answer rounded up, 0 for an answer before the arrival, -1 for none
    /// (`AppDatabase.delaySQL`).
    var delay: Int64 {
        guard let a = firstResponse ?? resolved else { return -1 }
        return max(0, (a - created + 999) / 1000)
    }
}

/// Keeps the tallies in step with the ticket rows, in the applier's transaction: for each
/// change of a row, the old row's contribution is taken away and the new row's added, only
/// where they differ. Nothing here reasons about events, so a late, repeated or refused event
/// cannot make the tallies drift from the rows (TallyPropertyTests).
///
/// In Swift rather than in SQLite triggers: the same arithmetic as triggers cost 36 µs of
/// writer CPU per ticket update against 17 µs from Swift (`sync-bench tallies`,
/// Docs/performance.md). Every write of `ticket` goes through `EventApplier`, which calls this.
final class TallyKeeper {
    enum Prepared: Int, StatementName {
        case arrival, flow, agent, status
        var sql: String {
            switch self {
            case .arrival: return """
                INSERT INTO tally_arrival(bucket, product, channel, priority_rank, delay_s, n) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (product, channel, priority_rank, bucket, delay_s) DO UPDATE SET n = n + excluded.n
                """
            case .flow: return """
                INSERT INTO tally_flow(bucket, created, resolved, answered, wait_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (bucket) DO UPDATE SET created = created + excluded.created, resolved = resolved + excluded.resolved,
                    answered = answered + excluded.answered, wait_ms = wait_ms + excluded.wait_ms
                """
            case .agent: return """
                INSERT INTO tally_agent(bucket, owner_id, resolved, handle_ms, handle_n, first_contact) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (owner_id, bucket) DO UPDATE SET resolved = resolved + excluded.resolved, handle_ms = handle_ms + excluded.handle_ms,
                    handle_n = handle_n + excluded.handle_n, first_contact = first_contact + excluded.first_contact
                """
            case .status: return """
                INSERT INTO tally_status(status, product, priority_rank, owner, n) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (status, product, priority_rank, owner) DO UPDATE SET n = n + excluded.n
                """
            }
        }
    }

    private let statement: PreparedStatements<Prepared>
    private let bucket = AppDatabase.tallyBucketMillis

    init(_ db: Database) { statement = PreparedStatements(db) }

    /// A row went from `old` to `new` (nil: absent before, or after).
    func change(from old: TallyRow?, to new: TallyRow?) throws {
        guard old != new else { return }
        try arrival(old, new)
        try flow(old, new)
        try agent(old, new)
        try status(old, new)
    }

    private func arrival(_ old: TallyRow?, _ new: TallyRow?) throws {
        func key(_ r: TallyRow) -> (Int64, String, String, Int64, Int64) { (r.created / bucket, r.product, r.channel, r.rank, r.delay) }
        if let old, let new, key(old) == key(new) { return }
        let s = try statement(.arrival)
        for (r, sign) in [(old, Int64(-1)), (new, 1)] {
            guard let r else { continue }
            let k = key(r)
            s.bind(1, k.0); s.bind(2, k.1); s.bind(3, k.2); s.bind(4, k.3); s.bind(5, k.4); s.bind(6, sign)
            try s.run()
        }
    }

    private func flow(_ old: TallyRow?, _ new: TallyRow?) throws {
        // Up to three buckets per row (created, resolved, first answered); only the sums that move.
        struct Sums { var created: Int64 = 0, resolved: Int64 = 0, answered: Int64 = 0, wait: Int64 = 0 }
        var moves: [(Int64, Sums)] = []
        func add(_ b: Int64, _ f: (inout Sums) -> Void) {
            if let i = moves.firstIndex(where: { $0.0 == b }) { f(&moves[i].1) } else { var s = Sums(); f(&s); moves.append((b, s)) }
        }
        for (r, sign) in [(old, Int64(-1)), (new, 1)] {
            guard let r else { continue }
            add(r.created / bucket) { $0.created += sign }
            if let t = r.resolved { add(t / bucket) { $0.resolved += sign } }
            if let t = r.firstResponse { add(t / bucket) { $0.answered += sign; $0.wait += sign * (t - r.created) } }
        }
        let s = try statement(.flow)
        for (b, m) in moves where m.created != 0 || m.resolved != 0 || m.answered != 0 || m.wait != 0 {
            s.bind(1, b); s.bind(2, m.created); s.bind(3, m.resolved); s.bind(4, m.answered); s.bind(5, m.wait)
            try s.run()
        }
    }

    private func agent(_ old: TallyRow?, _ new: TallyRow?) throws {
        func part(_ r: TallyRow?) -> (Int64, String, Int64, Int64, Int64)? {
            guard let r, let t = r.resolved, let owner = r.owner else { return nil }
            return (t / bucket, owner, r.claimed.map { t - $0 } ?? 0, r.claimed == nil ? 0 : 1, r.firstContact ?? 0)
        }
        let (a, b) = (part(old), part(new))
        if let a, let b, a == b { return }
        let s = try statement(.agent)
        for (p, sign) in [(a, Int64(-1)), (b, 1)] {
            guard let p else { continue }
            s.bind(1, p.0); s.bind(2, p.1); s.bind(3, sign); s.bind(4, sign * p.2); s.bind(5, sign * p.3); s.bind(6, sign * p.4)
            try s.run()
        }
    }

    private func status(_ old: TallyRow?, _ new: TallyRow?) throws {
        func key(_ r: TallyRow) -> (String, String, Int64, String) { (r.status, r.product, r.rank, r.owner ?? "") }
        if let old, let new, key(old) == key(new) { return }
        let s = try statement(.status)
        for (r, sign) in [(old, Int64(-1)), (new, 1)] {
            guard let r else { continue }
            let k = key(r)
            s.bind(1, k.0); s.bind(2, k.1); s.bind(3, k.2); s.bind(4, k.3); s.bind(5, sign)
            try s.run()
        }
    }
}
