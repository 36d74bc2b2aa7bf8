import ArgumentParser
import Foundation
import HeatDeskApp
import HeatDeskCore
import HeatDeskStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Ticket counts and the supervisor's figures: queues, service level, SLA, agents, trends.",
        discussion: "Every figure is defined in Docs/metrics.md; --json prints the same for scripts and wallboards.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var metrics: MetricsOptions

    @Flag(help: "JSON for scripts and wallboards.")
    var json = false

    func run() throws {
        let db = try store.openExisting()
        let targets = try metrics.serviceTargets()
        let now = try metrics.moment()
        let counts = try db.counts()
        let report = MetricsReport(try db.metricsRecord(now: now, dayStart: MetricsOptions.dayStart(of: now), targets: targets),
                                   targets: targets)
        if json {
            // One object: the counts' keys as before, then the figures.
            Terminal.json(String(counts.json.dropLast()) + "," + String(report.json.dropFirst()))
            return
        }
        var lines = ["Tickets: \(counts.total)   customers: \(counts.customers)   orders: \(counts.orders)   agents: \(counts.agents)   events: \(counts.events)"]
        lines.append("By status:   " + TicketStatus.allCases.map { "\($0.rawValue) \(counts.byStatus[$0] ?? 0)" }.joined(separator: "  "))
        lines.append("By product:  " + Product.allCases.map { "\($0.rawValue) \(counts.byProduct[$0] ?? 0)" }.joined(separator: "  "))
        lines.append("By priority: " + Priority.allCases.map { "\($0.rawValue) \(counts.byPriority[$0] ?? 0)" }.joined(separator: "  "))
        lines.append("")
        lines += StatsText.lines(report)
        Terminal.out(lines.joined(separator: "\n"))
    }
}

/// The figures as plain text, a few readable lines per section.
enum StatsText {
    static func lines(_ r: MetricsReport) -> [String] {
        var out: [String] = []
        out.append("Waiting: \(r.waitingTotal)   longest \(duration(r.longestWait))   "
                   + Priority.allCases.map { "\($0.rawValue) \(r.waitingByPriority[$0] ?? 0)" }.joined(separator: "  "))
        for q in r.queues {
            out.append("  \(Columns.fit(q.product.rawValue, 9)) \(q.total)   longest \(duration(q.longestWait))   "
                       + Priority.allCases.compactMap { p in q.byPriority[p].map { "\(p.rawValue) \($0)" } }.joined(separator: "  "))
        }
        for p in r.pinned {
            out.append("  pinned \(p.ticket.key) \(p.ticket.priority.rawValue) \(p.ticket.category.rawValue)  waiting \(duration(p.wait))  "
                       + Sanitize.line(p.ticket.subject))
        }
        out.append("Service level today: \(share(r.serviceOverall.share)) (\(r.serviceOverall.met) of \(r.serviceOverall.met + r.serviceOverall.missed) judged, \(r.serviceOverall.offered) offered)")
        if !r.serviceByProduct.isEmpty {
            out.append("  by product: " + r.serviceByProduct.map { "\($0.product.rawValue) \(share($0.level.share))" }.joined(separator: "  "))
            out.append("  by channel: " + r.serviceByChannel.map { "\($0.channel.rawValue) \(share($0.level.share)) (goal \(share($0.goal)))" }.joined(separator: "  "))
        }
        out.append("SLA: \(r.pastDue) past, \(r.nearDue) near")
        for risk in r.atRisk.prefix(10) {
            let due = risk.dueIn < 0 ? "overdue \(duration(-risk.dueIn))" : "due in \(duration(risk.dueIn))"
            out.append("  \(risk.ticket.key) \(risk.ticket.priority.rawValue) \(risk.ticket.product.rawValue) \(due)  \(risk.ticket.ownerID ?? "queued")")
        }
        out.append("Agents: " + MetricsReport.Presence.allCases.map { "\($0.rawValue) \(r.presenceCounts[$0] ?? 0)" }.joined(separator: "  ")
                   + "   handled today \(r.handledToday)   AHT \(r.averageHandling.map(duration) ?? "–")   FCR \(share(r.firstContactShare))"
                   + (r.staleClaims > 0 ? "   stale claims \(r.staleClaims)" : ""))
        out.append("Per hour (in/out/wait): " + (0..<r.hours).map { h in
            "\(h):\(r.createdPerHour[h])/\(r.resolvedPerHour[h])/\(r.averageWaitPerHour[h].map(duration) ?? "–")"
        }.joined(separator: " "))
        return out
    }

    static func share(_ v: Double?) -> String { MonitorFormat.share(v) }
    static func duration(_ seconds: Int) -> String { MonitorFormat.duration(seconds) }
}
