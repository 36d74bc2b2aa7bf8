import Foundation
import GRDB
import HeatDeskCore
import HeatDeskStore
import HeatDeskSync

/// `make bench`'s sync figures, each beside its anchor (Tests/Benchmarks/bench.sh):
///   sync-bench apply [--tickets N]            remote events applied per second, beside bare SQLite inserts
///   sync-bench day [--tickets N]              the same for a working day's mix of events
///   sync-bench idle --db P --shared DIR       an exchange with nothing new, over the directory's history
///   sync-bench tallies [--tickets N]          the monitor's tallies kept by triggers or by Swift (issue 15)
let args = CommandLine.arguments.dropFirst()
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), args.index(after: i) < args.endIndex else { return nil }
    return args[args.index(after: i)]
}
func fail(_ text: String) -> Never { FileHandle.standardError.write(Data("sync-bench: \(text)\n".utf8)); exit(2) }
/// Anchor for applying: the same number of rows of the same payload sizes, bare inserts into a
/// plain table in one transaction; rows per second.
func bareInsertRate(_ source: AppDatabase, dir: String) throws -> Double {
    let payloads = try source.writer.read { try String.fetchAll($0, sql: "SELECT payload FROM event ORDER BY seq") }
    let anchorDB = try DatabaseQueue(path: dir + "/anchor.sqlite")
    try anchorDB.write { try $0.execute(sql: "CREATE TABLE e(seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)") }
    let start = Date()
    try anchorDB.write { db in
        let stmt = try db.makeStatement(sql: "INSERT INTO e(payload) VALUES (?)")
        for p in payloads { try stmt.execute(arguments: [p]) }
    }
    return Double(payloads.count) / Date().timeIntervalSince(start)
}
func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
/// CPU seconds this thread has used. Applying runs on the calling thread (the writer; reading
/// ahead is on another), and its CPU time per event varies far less than wall time on a shared
/// two-core machine: compare changes with it.
func threadCPU() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
func printWriterCPU(_ seconds: Double, events: Int) {
    print(String(format: "  writer thread CPU %.2f s = %.1f µs per event", seconds, seconds / Double(events) * 1e6))
}

switch args.first {
case "apply":
    let tickets = Int(option("--tickets") ?? "") ?? 50_000
    let dir = NSTemporaryDirectory() + "sync-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/shared", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let source = try AppDatabase.open(path: dir + "/source.sqlite")
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    let tLocal = Date()
    try source.writer.write { db in
        let a = try EventApplier(db)
        for i in 0..<tickets {
            let c = Customer(id: "C-\(i)", name: "客户 \(i)", language: i % 2 == 0 ? "zh" : "en")
            let t = Ticket(key: TicketKey(source: "main", externalID: "HD-\(i)"), createdAt: at, channel: .chat, product: .flight,
                           category: .delay, customerID: c.id, subject: "航班延误 flight delayed \(i)")
            _ = try a.apply(LoggedEvent(at: at, actor: "import", event: .ticketImported(t, firstMessage: Message(at: at, authorKind: .customer, body: "我的航班延误了，酒店怎么办？ \(i)"))), ensuring: c)
        }
    }
    let localTime = Date().timeIntervalSince(tLocal)
    let exporter = try SyncEngine(db: source, shared: dir + "/shared")
    let t0 = Date()
    let exported = try exporter.exchange().exported
    let exportTime = Date().timeIntervalSince(t0)
    // Reading and checking the files alone, to show where the time goes.
    let logDir = dir + "/shared/log/" + (try source.nodeID())
    let tRead = Date()
    var decoded = 0
    for f in try FileManager.default.contentsOfDirectory(atPath: logDir) {
        guard let r = SharedDirectory.parseBatchName(f) else { continue }
        let data = try Data(contentsOf: URL(fileURLWithPath: logDir + "/" + f))
        decoded += try Batch.decode(data, path: f, node: try source.nodeID(), from: r.from, to: r.to).events.count
    }
    let readTime = Date().timeIntervalSince(tRead)
    let target = try AppDatabase.open(path: dir + "/target.sqlite")
    let importer = try SyncEngine(db: target, shared: dir + "/shared")
    let (t1, cpu1) = (Date(), threadCPU())
    let report = try importer.exchange()
    let (applyTime, writerCPU) = (Date().timeIntervalSince(t1), threadCPU() - cpu1)
    guard report.applied == exported, report.faults.isEmpty else { fail("applied \(report.applied) of \(exported): \(report.faults)") }
    let rate = Double(exported) / applyTime, anchorRate = try bareInsertRate(source, dir: dir)
    print(String(format: "sync apply:          %d events in %.2f s = %.0f events/s (read, checked, decoded, merged, logged)", exported, applyTime, rate))
    print(String(format: "  anchor bare SQLite insert of the same payloads: %.0f rows/s  (apply = %.2fx the anchor; target <= 2x)", anchorRate, anchorRate / rate))
    printWriterCPU(writerCPU, events: exported)
    print(String(format: "  reading, checking and decoding the batch files alone: %.2f s (%.0f events/s; overlapped with applying)", readTime, Double(decoded) / readTime))
    print(String(format: "  the same tickets written locally by the applier (no files, no decoding): %.2f s (%.0f events/s)", localTime, Double(exported) / localTime))
    print(String(format: "sync export:         %d events in %.2f s = %.0f events/s (%d batch files)", exported, exportTime, Double(exported) / exportTime, report.appliedFiles.count))
case "day":
    // A working day's log, made through the same calls the screens make, as another workstation
    // receives it: each ticket imported (a third of the customers new), claimed through the
    // shared directory, the customer's message, two public replies, an internal note on one in
    // eight, a supplier pulled in on one in four, a priority raised on one in ten, resolved.
    let tickets = Int(option("--tickets") ?? "") ?? 20_000
    let dir = NSTemporaryDirectory() + "sync-bench-day-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/shared", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let source = try AppDatabase.open(path: dir + "/source.sqlite")
    let shared = dir + "/shared"
    let authority = SharedClaimAuthority(directory: SharedDirectory(root: shared, node: try source.nodeID()))
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let agents = (1...20).map { Agent(id: String(format: "AG-%03d", $0), name: "坐席 \($0)", skills: [.flight, .hotel, .car], languages: ["zh", "en"]) }
    let supplier = Supplier(id: "SU-01", name: "东方航空 China Eastern", product: .flight, contact: "ops@example.com")
    try source.writer.write { db in
        let a = try EventApplier(db)
        for agent in agents { _ = try a.apply(LoggedEvent(at: start, actor: "bench", event: .agentUpserted(agent))) }
        _ = try a.apply(LoggedEvent(at: start, actor: "bench", event: .supplierUpserted(supplier)))
    }
    let tSetup = Date()
    for i in 0..<tickets {
        let at = start.addingTimeInterval(Double(i) * 2)
        let key = TicketKey(source: "main", externalID: "HD-\(i)")
        let c = Customer(id: "C-\(i * 2 / 3)", name: "客户 \(i * 2 / 3)", language: i % 2 == 0 ? "zh" : "en")
        let agent = agents[i % agents.count]
        try source.writer.write { db in
            let a = try EventApplier(db)
            let t = Ticket(key: key, createdAt: at, channel: .chat, product: .flight, category: .delay, customerID: c.id,
                           subject: "航班延误 flight delayed \(i)", botSummary: "客户航班延误三小时，酒店入住和租车取车受影响，要求人工协助改签。")
            _ = try a.apply(LoggedEvent(at: at, actor: "import", event: .ticketImported(t, firstMessage: Message(at: at, authorKind: .customer, authorID: c.id, body: "我的航班延误了，酒店怎么办？ \(i)"))), ensuring: c)
        }
        _ = try source.claim(key, by: agent, authority: authority, at: at.addingTimeInterval(30))
        try source.addMessage(key, by: agent, body: "您好，我已看到您的航班延误，正在为您联系酒店保留房间。", visibility: .public, at: at.addingTimeInterval(60))
        try source.writer.write { db in
            _ = try EventApplier(db).apply(LoggedEvent(at: at.addingTimeInterval(90), actor: c.id, event: .messageAdded(key, Message(
                at: at.addingTimeInterval(90), authorKind: .customer, authorID: c.id, body: "好的，谢谢。租车也要改到明天早上。"))))
        }
        if i % 4 == 0 { _ = try source.invite(key, member: supplier.id, by: agent, at: at.addingTimeInterval(100)) }
        if i % 8 == 0 { try source.addMessage(key, by: agent, body: "已致电酒店前台，保留到次日。", visibility: .internal, at: at.addingTimeInterval(110)) }
        if i % 10 == 0 { try source.setPriority(key, .urgent, by: agent, at: at.addingTimeInterval(115)) }
        try source.addMessage(key, by: agent, body: "酒店已为您保留房间，租车已改到明天 9:00 取车。", visibility: .public, at: at.addingTimeInterval(120))
        _ = try source.resolve(key, .rebooked, by: agent, at: at.addingTimeInterval(130))
    }
    let setupTime = Date().timeIntervalSince(tSetup)
    let exporter = try SyncEngine(db: source, shared: shared)
    let exported = try exporter.exchange().exported
    let kinds = try source.writer.read { try Row.fetchAll($0, sql: "SELECT kind, count(*) FROM event GROUP BY kind ORDER BY 2 DESC") }
        .map { "\($0[0] as String) \($0[1] as Int)" }.joined(separator: ", ")
    let target = try AppDatabase.open(path: dir + "/target.sqlite")
    let importer = try SyncEngine(db: target, shared: shared)
    let (t1, cpu1) = (Date(), threadCPU())
    let report = try importer.exchange()
    let (applyTime, writerCPU) = (Date().timeIntervalSince(t1), threadCPU() - cpu1)
    guard report.applied == exported, report.faults.isEmpty, report.rejected.isEmpty else {
        fail("applied \(report.applied) of \(exported): \(report.faults) \(report.rejected.prefix(3))")
    }
    let (a, b) = (try SyncEngine.digest(source), try SyncEngine.digest(target))
    guard a == b else { fail("the two workstations differ after the day: \(a) vs \(b)") }
    let rate = Double(exported) / applyTime, anchorRate = try bareInsertRate(source, dir: dir)
    print(String(format: "sync apply, a working day: %d events of %d tickets in %.2f s = %.0f events/s", exported, tickets, applyTime, rate))
    printWriterCPU(writerCPU, events: exported)
    print("  events: \(kinds)")
    print(String(format: "  anchor bare SQLite insert of the same payloads: %.0f rows/s  (apply = %.2fx the anchor; target <= 2x)", anchorRate, anchorRate / rate))
    print(String(format: "  (the day was made on the source through the screens' calls, one transaction per action: %.1f s)", setupTime))
case "tallies":
    // Issue 15's choice, measured: the monitor's tallies kept by EventApplier in Swift
    // (TallyKeeper: the row before from its state read, after from RETURNING, upserts of what
    // moved), or by SQLite triggers on `ticket` doing the same arithmetic, or not kept (anchor).
    // The same events in each: a claim, a first public answer and a resolution per ticket,
    // applied through EventApplier in one transaction; writer CPU per event.
    let tickets = Int(option("--tickets") ?? "") ?? 20_000
    let dir = NSTemporaryDirectory() + "sync-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    var results: [String: Double] = [:]
    for (run, mode) in ["none", "triggers", "swift", "swift", "triggers", "none"].enumerated() {
        let db = try AppDatabase.open(path: dir + "/\(mode)-\(run).sqlite")
        try db.writer.write { d in
            let a = try EventApplier(d)
            for i in 0..<tickets {
                let c = Customer(id: "C-\(i % 5000)", name: "客户", language: "zh")
                let t = Ticket(key: TicketKey(source: "main", externalID: "HD-\(i)"), createdAt: at.addingTimeInterval(Double(i * 7)),
                               channel: [.chat, .phone, .email][i % 3], product: [.flight, .hotel, .car][i % 3], category: .delay,
                               priority: [.normal, .high, .urgent, .low][i % 4], customerID: c.id, subject: "航班延误 \(i)")
                _ = try a.apply(LoggedEvent(at: at, actor: "import", event: .ticketImported(t, firstMessage: nil)), ensuring: c)
            }
            if mode != "swift" { try d.execute(sql: "INSERT INTO meta(key, value) VALUES (?, '1')", arguments: [AppDatabase.talliesDeferredKey]) }
            if mode == "triggers" { for (_, sql) in tallyTriggers { try d.execute(sql: sql) } }
        }
        let cpu0 = threadCPU()
        try db.writer.write { d in
            let a = try EventApplier(d)
            for i in 0..<tickets {
                let k = TicketKey(source: "main", externalID: "HD-\(i)"), agent = "AG-\(i % 40)"
                let t = at.addingTimeInterval(Double(i * 7))
                _ = try a.apply(LoggedEvent(at: t.addingTimeInterval(30), actor: agent, event: .ticketChanged(k, .claimed(owner: agent), epoch: 1)))
                _ = try a.apply(LoggedEvent(at: t.addingTimeInterval(45), actor: agent, event: .messageAdded(k, Message(
                    at: t.addingTimeInterval(45), authorKind: .agent, authorID: agent, body: "您好，正在为您处理"))))
                _ = try a.apply(LoggedEvent(at: t.addingTimeInterval(600), actor: agent, event: .ticketChanged(k, .resolved(.solved, firstContact: true), epoch: 1)))
            }
        }
        results[mode, default: 0] += (threadCPU() - cpu0) / 2
        if mode != "none" {
            // Both ways must leave the tallies equal to their definition.
            try db.writer.read { d in
                for table in AppDatabase.tallyTables {
                    let kept = try Row.fetchAll(d, sql: AppDatabase.nonZeroTallySQL(table)).map(\.description)
                    let fresh = try Row.fetchAll(d, sql: AppDatabase.tallyRecomputeSQL[table]!).map(\.description)
                    if Set(kept) != Set(fresh) { fail("\(mode): \(table) differs from its definition") }
                }
            }
        }
    }
    let per = { (m: String) in results[m]! / Double(tickets * 3) * 1e6 }
    print(String(format: "tallies (issue 15), %d tickets × claim, first answer, resolve through EventApplier; writer CPU per event, mean of 2 runs:", tickets))
    print(String(format: "  kept in Swift (TallyKeeper) %.2f µs, kept by SQLite triggers %.2f µs; anchor not kept %.2f µs",
                 per("swift"), per("triggers"), per("none")))
case "idle":
    guard let path = option("--db"), let shared = option("--shared") else { fail("idle needs --db P --shared DIR") }
    let polls = Int(option("--polls") ?? "") ?? 50
    let db = try AppDatabase.open(path: path)
    let engine = try SyncEngine(db: db, shared: shared)
    engine.heartbeatInterval = .infinity
    // Folders modified within 2 s are re-listed (coarse file-system clocks); age them as an idle share is.
    let logRoot = shared + "/log"
    for node in (try? FileManager.default.contentsOfDirectory(atPath: logRoot)) ?? [] {
        try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: logRoot + "/" + node)
    }
    let warm = try engine.exchange()
    guard warm.faults.isEmpty else { fail("\(warm.faults)") }
    var times: [Double] = []
    for _ in 0..<polls {
        let t = Date()
        let r = try engine.exchange()
        times.append(Date().timeIntervalSince(t))
        if r.news || r.exported > 0 { fail("the directory is not idle") }
    }
    times.sort()
    let history = (try? FileManager.default.contentsOfDirectory(atPath: logRoot))?.reduce(0) { n, node in
        n + ((try? FileManager.default.contentsOfDirectory(atPath: logRoot + "/" + node)) ?? []).reduce(0) { $0 + Int(SharedDirectory.parseBatchName($1).map { $0.to - $0.from + 1 } ?? 0) }
    } ?? 0
    print("sync idle poll:      median \(ms(times[times.count / 2])), p99 \(ms(times[min(times.count - 1, times.count * 99 / 100)])) over a history of about \(history) events (target < 5 ms)")
    // Anchor: one stat of the log folder, the least any poll must do.
    let t = Date()
    for _ in 0..<polls { var st = stat(); _ = stat(logRoot, &st) }
    print("  anchor one stat(): \(ms(Date().timeIntervalSince(t) / Double(polls)))")
case "propagate":
    // 10 workstations polling every second (random phases); one of them writes a probe message
    // and publishes at once, as the verbs and screens do; each other records when it sees it.
    let nodes = Int(option("--nodes") ?? "") ?? 10
    let probes = Int(option("--probes") ?? "") ?? 40
    let interval = Double(option("--interval") ?? "") ?? 1
    let dir = NSTemporaryDirectory() + "sync-bench-prop-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/shared", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let at = Date()
    let writer = try AppDatabase.open(path: dir + "/ws0.sqlite")
    let boss = Agent(id: "SV-1", name: "Supervisor", role: .supervisor, languages: ["zh", "en"])
    let key = TicketKey(source: "main", externalID: "PROBE")
    try writer.writer.write { db in
        let a = try EventApplier(db)
        _ = try a.apply(LoggedEvent(at: at, actor: "bench", event: .agentUpserted(boss)))
        _ = try a.apply(LoggedEvent(at: at, actor: "bench", event: .ticketImported(
            Ticket(key: key, createdAt: at, channel: .chat, product: .flight, category: .delay, customerID: "C-1"), firstMessage: nil)),
            ensuring: Customer(id: "C-1", name: "Probe"))
    }
    let writerEngine = try SyncEngine(db: writer, shared: dir + "/shared")
    try writerEngine.exchange()
    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var times: [Double] = []
        var stop = false
    }
    let seen = Seen()
    let commits = UnsafeMutableBufferPointer<Double>.allocate(capacity: probes)
    commits.initialize(repeating: 0)
    let commitsBox = UnsafeSendable(commits)
    var threads: [Thread] = []
    for i in 1..<nodes {
        let db = try AppDatabase.open(path: dir + "/ws\(i).sqlite")
        let engine = try SyncEngine(db: db, shared: dir + "/shared")
        try engine.exchange()
        let t = Thread {
            var known = 0
            Thread.sleep(forTimeInterval: Double.random(in: 0..<interval))
            while true {
                seen.lock.lock(); let stop = seen.stop; seen.lock.unlock()
                if stop { return }
                _ = try? engine.exchange()
                let now = Date().timeIntervalSince1970
                let count = (try? db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message WHERE body LIKE 'probe %'") ?? 0 }) ?? 0
                if count > known {
                    seen.lock.lock()
                    for p in known..<count where commitsBox.value[p] > 0 { seen.times.append(now - commitsBox.value[p]) }
                    seen.lock.unlock()
                    known = count
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        t.start(); threads.append(t)
    }
    for p in 0..<probes {
        Thread.sleep(forTimeInterval: Double.random(in: 0.1...0.4))
        try writer.addMessage(key, by: boss, body: "probe \(p)", visibility: .internal)
        commits[p] = Date().timeIntervalSince1970
        try writerEngine.exchange()
    }
    Thread.sleep(forTimeInterval: interval * 2 + 1)
    seen.lock.lock(); seen.stop = true; let times = seen.times.sorted(); seen.lock.unlock()
    guard !times.isEmpty else { fail("no probe arrived") }
    let p99 = times[min(times.count - 1, times.count * 99 / 100)]
    print("sync propagation:    \(nodes) workstations polling every \(interval) s, \(times.count) deliveries: median \(ms(times[times.count / 2])), p99 \(ms(p99)) (target p99 < 2 s)")
    print("  anchor: the poll interval itself, \(ms(interval)) (a delivery waits on average half of it)")
default:
    fail("usage: sync-bench apply [--tickets N] | day [--tickets N] | idle --db P --shared DIR [--polls N] | propagate [--nodes 10] [--probes 40] | tallies [--tickets N]")
}

/// Hands a buffer to poller threads; the writer fills each slot before publishing it.
struct UnsafeSendable<T>: @unchecked Sendable { let value: T; init(_ v: T) { value = v } }

/// The tallies as SQLite triggers on `ticket` (the alternative `tallies` measures; not installed
/// by the store): each subtracts the old row's contribution and adds the new one's. These
/// statements add row `r`'s contribution times `s` (+1 or -1) to each tally.
func tallyContributionSQL(_ r: String, _ s: Int) -> (arrival: String, flow: String, agent: String, status: String) {
    let b = AppDatabase.tallyBucketMillis
    let arrival = """
        INSERT INTO tally_arrival(bucket, product, channel, priority_rank, delay_s, n)
        VALUES (\(r).created_at / \(b), \(r).product, \(r).channel, \(r).priority_rank, \(AppDatabase.delaySQL(r)), \(s))
        ON CONFLICT (product, channel, priority_rank, bucket, delay_s) DO UPDATE SET n = n + excluded.n;
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
        ON CONFLICT (owner_id, bucket) DO UPDATE SET resolved = resolved + excluded.resolved,
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
var tallyTriggers: [(name: String, sql: String)] {
    let old = tallyContributionSQL("old", -1), new = tallyContributionSQL("new", 1)
    func update(_ name: String, of columns: String, when changed: String, _ body: String) -> (String, String) {
        (name, "CREATE TRIGGER IF NOT EXISTS \(name) AFTER UPDATE OF \(columns) ON ticket WHEN \(changed) BEGIN\n\(body)\nEND")
    }
    let b = AppDatabase.tallyBucketMillis
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
               when: "(old.created_at / \(b), old.product, old.channel, old.priority_rank, \(AppDatabase.delaySQL("old"))) IS NOT "
                   + "(new.created_at / \(b), new.product, new.channel, new.priority_rank, \(AppDatabase.delaySQL("new")))",
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
