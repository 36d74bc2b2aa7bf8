import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "List waiting tickets: SOS and urgent first, then by SLA due time.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Only this product (flight, hotel, car, vacation, other); repeatable.")
    var product: [Product] = []

    @Option(help: "queued (default), open, pending or resolved.")
    var status: TicketStatus = .queued

    @Option(help: "How many tickets.")
    var limit: Int = 50

    @Option(help: "Skip this many (paging).")
    var offset: Int = 0

    @Flag(help: "JSON for scripts.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }

    func run() throws {
        let db = try store.openExisting()
        let items = try db.queue(.init(products: product, status: status, limit: limit, offset: offset))
        let now = Date()
        if json { Terminal.json(QueueItem.json(items, now: now)); return }
        Terminal.out(QueueText.render(items, now: now))
    }
}

extension Product: ExpressibleByArgument {}
extension TicketStatus: ExpressibleByArgument {}

enum QueueText {
    /// `↳HD-000097 ` before a follow-up's subject, `⟲2 ` before a chased original's.
    static func linkMark(_ i: QueueItem) -> String {
        switch i.link {
        case .followUp(let parent, _)?: return "↳\(Sanitize.line(parent.description)) "
        case .chased(let n)?: return "⟲\(n) "
        case nil: return ""
        }
    }

    static func render(_ items: [QueueItem], now: Date) -> String {
        guard !items.isEmpty else { return "No tickets." }
        var lines = ["PRI     ID           WAIT    SLA       CH     TRIP              CUSTOMER              SUBJECT"]
        for i in items {
            let mark = i.slaMark(now: now)
            let sla = if case .due(.breached, _) = mark { "BREACH" } else { mark.cell }
            let customer = Sanitize.line(i.customerName) + " " + i.customerTier.label
            lines.append([
                Columns.fit(i.priority.rawValue.uppercased(), 7),
                Columns.fit(Sanitize.line(i.key.description), 12),
                Columns.fit(Durations.short(now.timeIntervalSince(i.createdAt)), 7),
                Columns.fit(sla, 9),
                Columns.fit(i.channel.rawValue, 6),
                Columns.fit(i.tripProducts.map(\.rawValue).joined(separator: "+"), 17),
                Columns.fit(customer, 21),
                QueueText.linkMark(i) + Sanitize.line(i.subject),
            ].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
