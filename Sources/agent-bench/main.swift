// agent-bench: what an agent waits for in `heatdesk agent` on a big database — the first painted
// queue, claim-next, opening a ticket with its trails, and a key press to its repainted frame
// (headless: update and view, as the ncurses loop runs them). Each figure beside an anchor from
// the same run and the same database.
//
//   swift build -c release && .build/release/agent-bench --db bench-out/bench.sqlite [--agent ID] [--keys N]
import Foundation
import GRDB
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTemplates
import TerminalKit

let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
guard let path = option("--db") else {
    FileHandle.standardError.write(Data("usage: agent-bench --db PATH [--agent ID] [--keys N] [--templates DIR]\n".utf8)); exit(2)
}
let keyPresses = option("--keys").flatMap(Int.init) ?? 2000
let templatesDir = option("--templates").map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/templates")

@inline(never) func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ ns: UInt64) -> String { String(format: "%.2f ms", Double(ns) / 1e6) }
func percentile(_ xs: [UInt64], _ p: Double) -> UInt64 {
    let s = xs.sorted(); return s[min(s.count - 1, Int(Double(s.count - 1) * p))]
}
func peakMB() -> Int {
    var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u); return u.ru_maxrss / 1024
}
final class Box: @unchecked Sendable { var items: [AgentMessage] = [] }

/// Runs effects through the runtime and their answers through the update, as the loop does.
func drive(_ s: inout AgentState, _ runtime: AgentRuntime, _ effects: [AgentEffect]) {
    var queue = effects
    while !queue.isEmpty {
        let box = Box()
        runtime.execute(queue.removeFirst()) { box.items.append($0) }
        for m in box.items { queue += agentUpdate(&s, m) }
    }
}

do {
    // 1. Start to first painted queue: open, who am I, the library, the lists, one frame.
    let t0 = now()
    let db = try AppDatabase.open(path: path)
    let me: Agent
    if let id = option("--agent") {
        guard let a = try db.agent(id: id) else { FileHandle.standardError.write(Data("agent-bench: no agent \(id)\n".utf8)); exit(2) }
        me = a
    } else {
        guard let id = try db.writer.read({ try String.fetchOne($0, sql: "SELECT id FROM agent WHERE role = 'agent' ORDER BY length(skills) DESC, id LIMIT 1") }),
              let a = try db.agent(id: id) else { FileHandle.standardError.write(Data("agent-bench: no agent in \(path)\n".utf8)); exit(2) }
        me = a
    }
    let library = try TemplateLibrary.load(directory: templatesDir)
    let runtime = AgentRuntime(db: db, me: me)
    let size = Size(width: 160, height: 48)
    var state = AgentState(me: me, library: library, theme: .color256, size: size)
    drive(&state, runtime, AgentRuntime.initialEffects)
    var frame = agentView(state, size)
    let start = now() - t0
    let total = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ticket") ?? 0 }
    print("agent-bench: \(total) tickets, agent \(me.id) (\(me.skills.map(\.rawValue).joined(separator: ",")); \(me.languages.joined(separator: ","))), frame \(size)")

    // Anchor: the same first queue page as one bare statement on an open connection.
    var anchorQueue: [UInt64] = []
    let placeholders = me.queueProducts.map { _ in "?" }.joined(separator: ",")
    let langs = me.languages.map { _ in "?" }.joined(separator: ",")
    let sql = """
        SELECT t.external_id, c.name FROM ticket t JOIN customer c ON c.id = t.customer_id
        WHERE t.status = 'queued' AND (t.product IN (\(placeholders)) OR t.priority_rank = 0) AND c.language IN (\(langs))
        ORDER BY t.priority_rank, t.sla_due_at, t.id LIMIT 200
        """
    let sqlArgs = StatementArguments(me.queueProducts.map(\.rawValue) + me.languages)
    for _ in 0..<5 {
        let a = now()
        _ = try db.writer.read { try Row.fetchAll($0, sql: sql, arguments: sqlArgs) }
        anchorQueue.append(now() - a)
    }
    var warm: [UInt64] = []
    for _ in 0..<5 {
        let a = now()
        drive(&state, runtime, [.loadLists])
        frame = agentView(state, size)
        warm.append(now() - a)
    }
    print("start to first painted queue:  \(ms(start)) cold (open, directory, templates, 4 lists + counts, one frame); "
          + "reload + frame warm \(ms(percentile(warm, 0.5))); anchor bare queue page \(ms(percentile(anchorQueue, 0.5))) (target < 300 ms)")

    // 2. claim-next, beside one bare write transaction (the commit floor).
    var claims: [UInt64] = [], anchorWrite: [UInt64] = []
    var claimed: [TicketKey] = []
    for _ in 0..<20 {
        let a = now()
        let outcome = try db.claimNext(by: me)
        claims.append(now() - a)
        if case .claimed(let k, _)? = outcome { claimed.append(k) }
        let w = now()
        try db.writer.write { try $0.execute(sql: "UPDATE meta SET value = value WHERE key = 'node_id'") }
        anchorWrite.append(now() - w)
    }
    print("claim-next:                    median \(ms(percentile(claims, 0.5))), max \(ms(claims.max() ?? 0)) over \(claims.count) claims; "
          + "anchor one bare write transaction \(ms(percentile(anchorWrite, 0.5))) (target < 20 ms)")

    // 3. Opening a ticket with its trails (read, sanitize, lay out, one frame), beside the ticket row alone.
    var opens: [UInt64] = [], anchorRow: [UInt64] = []
    for key in claimed {
        let a = now()
        drive(&state, runtime, [.openTicket(key)])
        frame = agentView(state, size)
        opens.append(now() - a)
        let r = now()
        _ = try db.writer.read { try Row.fetchOne($0, sql: "SELECT * FROM ticket WHERE source = ? AND external_id = ?", arguments: [key.source, key.externalID]) }
        anchorRow.append(now() - r)
    }
    if !opens.isEmpty {
        let orders = state.ticket?.detail.orders.count ?? 0, trail = state.ticket?.detail.serviceTrail.count ?? 0
        print("open ticket with trails:       median \(ms(percentile(opens, 0.5))), max \(ms(opens.max() ?? 0)) over \(opens.count) tickets (last: \(orders) orders, \(trail) earlier tickets); "
              + "anchor the ticket row alone \(ms(percentile(anchorRow, 0.5))) (target < 30 ms)")
    }

    // 4. Key press to repainted frame, headless: update + view + diff, on the ticket and the queue.
    var keys: [UInt64] = [], anchorFrame: [UInt64] = []
    let script: [KeyEvent] = ["j", "j", "Tab", "j", "k", "Tab", "PgDn", "Tab", "Tab"]
    var previous = frame
    for i in 0..<keyPresses {
        if i == keyPresses / 2 { state.ticket = nil }   // second half on the queue list
        let k: KeyEvent = state.ticket == nil ? (i % 3 == 2 ? "k" : "j") : script[i % script.count]
        let a = now()
        _ = agentUpdate(&state, .key(k))
        let f = agentView(state, size)
        _ = Buffer.diff(from: previous, to: f)
        keys.append(now() - a)
        previous = f
        let b = now()
        let blank = Buffer(size: size, theme: .color256)
        _ = Buffer.diff(from: previous, to: blank)
        anchorFrame.append(now() - b)
    }
    print("key press to frame (headless): p50 \(ms(percentile(keys, 0.5))), p99 \(ms(percentile(keys, 0.99))) over \(keys.count) keys at \(size); "
          + "anchor blank frame + diff p99 \(ms(percentile(anchorFrame, 0.99))) (target p99 < 10 ms)")
    print("peak memory:                   \(peakMB()) MB (target < 150 MB)")
} catch {
    FileHandle.standardError.write(Data("agent-bench: \(error)\n".utf8)); exit(1)
}
