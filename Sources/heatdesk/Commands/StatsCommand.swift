import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count tickets by status, product and priority.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "JSON for scripts and wallboards.")
    var json = false

    func run() throws {
        let counts = try store.openExisting().counts()
        if json { print(counts.json); return }
        var lines = ["Tickets: \(counts.total)   customers: \(counts.customers)   orders: \(counts.orders)   agents: \(counts.agents)   events: \(counts.events)"]
        lines.append("By status:   " + TicketStatus.allCases.map { "\($0.rawValue) \(counts.byStatus[$0] ?? 0)" }.joined(separator: "  "))
        lines.append("By product:  " + Product.allCases.map { "\($0.rawValue) \(counts.byProduct[$0] ?? 0)" }.joined(separator: "  "))
        lines.append("By priority: " + Priority.allCases.map { "\($0.rawValue) \(counts.byPriority[$0] ?? 0)" }.joined(separator: "  "))
        print(lines.joined(separator: "\n"))
    }
}
