// monitor-bench: the supervisor monitor's refresh on a big database (Tests/Benchmarks/bench.sh).
//   monitor-bench --db PATH [--runs 200]
// Prints the full refresh (SQL aggregates + figures + a 200x50 frame) at p50/p99/max, the
// refresh when nothing changed (the data_version check), and the data's "today".
import Foundation
import GRDB
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import TerminalKit

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data("monitor-bench: \(text)\n".utf8)); exit(2)
}

var dbPath: String?
var runs = 200
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--db": dbPath = args.popFirst()
    case "--runs": runs = args.popFirst().flatMap(Int.init) ?? runs
    default: fail("unknown argument \(a); usage: monitor-bench --db PATH [--runs N]")
    }
}
guard let dbPath, FileManager.default.fileExists(atPath: dbPath) else { fail("--db PATH of an existing database is required") }

let db: AppDatabase
do { db = try AppDatabase.open(path: dbPath) } catch { fail("\(dbPath): \(error)") }

// The data set's own "now": its newest ticket (a generated set is dated in its own past).
let newest = (try? db.writer.read { try Int64.fetchOne($0, sql: "SELECT max(created_at) FROM ticket") }) ?? nil
guard let newest else { fail("no tickets in \(dbPath)") }
let now = Date(millis: newest)
var utc = Calendar(identifier: .gregorian)
utc.timeZone = TimeZone(identifier: "UTC")!
let dayStart = utc.startOfDay(for: now)
let supervisor = Agent(id: "bench-supervisor", name: "Bench", role: .supervisor)
let env = MonitorEnvironment(db: db, supervisor: supervisor, now: { now }, dayStart: { _ in dayStart })

final class Inbox: @unchecked Sendable {
    var items: [MonitorMessage] = []
    func post(_ m: MonitorMessage) { items.append(m) }
}

func millis(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted(); return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded(.up)))]
}
func fmt(_ v: Double) -> String { String(format: v < 1 ? "%.3f" : "%.1f", v) }

let clock = ContinuousClock()
var state = MonitorState(supervisor: supervisor, interval: 2, theme: Theme(mode: .colors256))
var full: [Double] = []
var cells = 0
// One warm-up read (page cache), then measured full refreshes: read, derive, draw.
for i in 0...runs {
    var frame: Buffer?
    let d = clock.measure {
        let inbox = Inbox()
        Monitor.perform(.refresh(force: true, known: nil), env, send: inbox.post)
        for m in inbox.items { _ = Monitor.update(&state, m) }
        frame = Monitor.view(state, Size(width: 200, height: 50))
    }
    if i > 0 { full.append(millis(d)) }
    cells = frame?.size.width ?? 0
}
guard let report = state.report else { fail("no figures were read") }

var unchanged: [Double] = []
var skipped = 0
for _ in 0..<max(1000, runs * 10) {
    let d = clock.measure {
        let inbox = Inbox()
        Monitor.perform(.refresh(force: false, known: state.version), env, send: inbox.post)
        if case .unchanged = inbox.items.first { skipped += 1 }
    }
    unchanged.append(millis(d))
}

print("monitor-bench: today = \(ISO8601DateFormatter().string(from: dayStart)) .. \(ISO8601DateFormatter().string(from: now)); "
      + "\(report.waitingTotal) waiting, \(report.serviceOverall.offered) offered today, \(report.pastDue) past SLA, \(report.agents.count) agents")
print("full refresh (SQL + figures + 200x50 frame), \(runs) runs: p50 \(fmt(percentile(full, 0.5))) ms, p99 \(fmt(percentile(full, 0.99))) ms, max \(fmt(full.max() ?? 0)) ms (target p99 < 30 ms)")
print("unchanged refresh (data_version), \(unchanged.count) runs: p50 \(fmt(percentile(unchanged, 0.5))) ms, p99 \(fmt(percentile(unchanged, 0.99))) ms (target < 1 ms); skipped \(skipped)/\(unchanged.count)")
_ = cells
