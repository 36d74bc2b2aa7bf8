import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a ticket with its customer, conversation, order trail and service trail.")

    @Argument(help: ArgumentHelp("The ticket id (e.g. HD-000042, or SOURCE:ID).", valueName: "ticket"))
    var ticket: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try store.openExisting()
        let key: TicketKey?
        do { key = try db.resolveTicket(ticket) } catch let e as AppDatabase.LookupError {
            throw CommandFailure(message: e.description, code: 2)
        }
        guard let key, let detail = try db.ticketDetail(key) else {
            throw CommandFailure(message: "no ticket '\(Sanitize.line(ticket))'", code: 2)
        }
        let now = Date()
        if json { Terminal.json(detail.json(now: now)) } else { Terminal.out(TicketText.render(detail, now: now)) }
    }
}

enum TicketText {
    static func render(_ d: TicketDetail, now: Date) -> String {
        let t = d.ticket, c = d.customer
        var out: [String] = []
        let mark = t.slaMark(now: now)
        let sla = switch mark {
        case .met(_, let at), .missed(_, let at): mark.words + " at " + Timestamp.formatLocal(at)
        case .due: mark.words
        }
        out.append("\(t.key)  [\(t.priority.rawValue.uppercased())] \(t.status.rawValue)  \(t.channel.rawValue)  \(t.product.rawValue)/\(t.category.rawValue)")
        out.append("Subject:  \(Sanitize.line(t.subject))")
        out.append("Created:  \(Timestamp.formatLocal(t.createdAt))   SLA due: \(Timestamp.formatLocal(t.slaDueAt)) (\(sla))"
                   + (t.ownerID.map { "   Owner: \(Sanitize.line($0))" } ?? ""))
        if let r = t.resolvedAt { out.append("Resolved: \(Timestamp.formatLocal(r))  \(t.disposition?.rawValue ?? "")") }
        out += linkLines(d)
        out.append("")
        var flags = c.flags.sorted().map(\.rawValue)
        if c.flags.contains(.complainedBefore) { flags = ["⚠ COMPLAINED BEFORE"] + flags.filter { $0 != "complained_before" } }
        out.append("Customer: \(Sanitize.line(c.name))  \(c.tier.label)  lang \(c.language)  \(c.phoneMasked ?? "")  \(c.emailMasked ?? "")  \(flags.joined(separator: " "))")
        if !t.botSummary.isEmpty {
            out.append("")
            out.append("Bot hand-over summary:")
            out += Sanitize.block(t.botSummary).map { "  " + $0 }
        }
        out.append("")
        // A follow-up's messages are shown in its original's conversation, at their time, marked.
        let entries = (d.messages.map { (m: $0, from: TicketKey?.none) } + d.links.followUpMessages.map { (m: $0.message, from: Optional($0.from)) })
            .enumerated().sorted { ($0.element.m.at, $0.offset) < ($1.element.m.at, $1.offset) }.map(\.element)
        out.append("Conversation (\(d.messages.count)" + (d.links.followUpMessages.isEmpty ? "" : " + \(d.links.followUpMessages.count) from follow-ups") + "):")
        for (m, from) in entries {
            let who = m.authorKind.rawValue + (m.authorID.map { " \(Sanitize.line($0))" } ?? "")
            let note = m.visibility == .internal ? " [internal note]" : ""
            let origin = from.map { " [from \(Sanitize.line($0.description))]" } ?? ""
            out.append("  \(Timestamp.formatLocal(m.at))  \(who)\(note)\(origin):")
            out += Sanitize.block(m.body).map { "    " + $0 }
        }
        if !d.participants.isEmpty {
            out.append("")
            out.append("Participants: " + d.participants.map { "\(Sanitize.line($0.memberID)) (\($0.kind.rawValue)\($0.leftAt == nil ? "" : ", left"))" }.joined(separator: ", "))
        }
        out.append("")
        out.append("Order trail (\(d.orders.count)):")
        for o in d.orders {
            let linked = t.orderIDs.contains(o.id) ? "*" : " "
            out.append(" \(linked)\(o.product.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(Sanitize.line(o.id))  \(Sanitize.line(o.title))  [\(o.status.rawValue)]")
            for e in o.events {
                out.append("      \(Timestamp.formatLocal(e.at))  \(e.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(Sanitize.line(e.detail))")
            }
        }
        out.append("")
        out.append("Service trail (\(d.serviceTrail.count) earlier contacts):")
        for e in d.serviceTrail {
            out.append("  \(Timestamp.formatLocal(e.createdAt))  \(e.key)  \(e.channel.rawValue)  \(e.category.rawValue)  \(e.status.rawValue)\(e.disposition.map { "/\($0.rawValue)" } ?? "")  \(Sanitize.line(e.subject))")
        }
        return out.joined(separator: "\n")
    }

    /// `Follow-up of: HD-000097 (queued)  Subject` / `Merged into: …`; `Chased 2×: HD-000098 (queued), …`.
    static func linkLines(_ d: TicketDetail) -> [String] {
        var out: [String] = []
        func state(_ l: LinkedTicket) -> String {
            l.merged ? "merged" : l.status.rawValue + (l.ownerID.map { ", \(Sanitize.line($0))" } ?? "")
        }
        if let p = d.links.parent {
            let merged = d.ticket.status == .resolved && d.ticket.disposition == .duplicate
            out.append("\(merged ? "Merged into:" : "Follow-up of:") \(Sanitize.line(p.key.description)) (\(state(p)); \(p.reason.rawValue))  \(Sanitize.line(p.subject))")
        }
        if !d.links.followUps.isEmpty {
            out.append("Chased \(d.links.followUps.count)×: " + d.links.followUps.map { "\(Sanitize.line($0.key.description)) (\(state($0)))" }.joined(separator: ", "))
        }
        return out
    }
}
