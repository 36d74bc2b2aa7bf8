import ArgumentParser
import Foundation
import HeatDeskCore
import HeatDeskStore

/// `heatdesk reveal TICKET --agent ID`: the scriptable twin of `v` in the agent session. Opens
/// the customer's real phone and email with the center's contact key and logs the reveal
/// (`ticket.contact_revealed`: who, when, the ticket and its customer), or says why nothing was
/// revealed (exit 1) and logs nothing (Docs/security.md).
struct RevealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveal",
        abstract: "Show a ticket's customer contact details in clear (logged in the event log).",
        discussion: "Needs the center's contact key (env HEATDESK_CONTACT_KEY, config contact_key, default ~/.config/heatdesk/contact.key). Exit 1 when nothing is revealed, with the reason.")

    @Argument(help: ArgumentHelp("The ticket id (e.g. HD-000042, or SOURCE:ID).", valueName: "ticket"))
    var ticket: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let w = try WorkContext(store: store, actor: actor)
        let key = try w.ticket(ticket)
        let customer = try w.db.ticketDetail(key)?.customer.id ?? ""
        switch try w.perform({ try w.db.revealContact(key, by: w.actor) }) {
        case .revealed(let c):
            w.done(json, "\(key)  customer \(Sanitize.line(customer))  phone \(Sanitize.line(c.phone ?? "-"))  email \(Sanitize.line(c.email ?? "-"))  (reveal logged for \(w.actor.id))",
                   ["ticket": key.description, "customer_id": customer, "phone": c.phone, "email": c.email, "logged": true])
        case .unavailable(let why):
            throw CommandFailure(message: "\(key): not revealed: \(Sanitize.line(why))", code: 1)
        }
    }
}
