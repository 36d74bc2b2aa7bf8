import TerminalKit

/// Everything a key can ask of the agent session. The binding table below is the only place
/// a key is tied to one of these; the help bar, the `?` screen and Docs/keys.md follow it.
public enum AgentAction: Hashable, Sendable {
    case quit, help, reload, toggleStatus
    // queues
    case up, down, pageUp, pageDown, home, end, nextView, prevView, view(Int)
    case open, claim, claimNext, filter
    // ticket
    case back, reply, note, template, invite, inviteSupplier, leave
    case transfer, priority, pending, resolve, reopen, reveal
    // composer
    case send, toggleVisibility, cancelCompose, findings
}

public enum AgentBindings {
    public static let queue: BindingContext = "queues"
    public static let ticket: BindingContext = "ticket"
    public static let composer: BindingContext = "composer"

    public static let table: KeyBindingTable<AgentAction> = {
        var t = KeyBindingTable<AgentAction>()
        func add(_ keys: [KeyEvent], _ a: AgentAction, _ help: String, _ ctx: BindingContext, bar: Bool = true, _ description: String? = nil) {
            t.add(KeyBinding(keys, a, help: help, description: description, context: ctx, inHelpBar: bar))
        }
        // Everywhere
        add(["?"], .help, "help", .global, "this screen (Esc closes)")
        add(["F5", "C-l"], .reload, "reload", .global, bar: false, "reload the lists and the open ticket")
        add(["a"], .toggleStatus, "away", .global, bar: false, "switch your status: available / away")
        add(["C-c"], .quit, "quit", .global, bar: false, "leave the session (status goes offline)")

        // Queues
        add(["Enter"], .open, "claim/open", queue, "queue view: claim the ticket and open it; other views: open it")
        add(["n"], .claimNext, "next best", queue, "claim the next best ticket for your skills and languages")
        add(["c"], .claim, "claim", queue, bar: false, "claim the selected queued ticket without opening it")
        add(["/"], .filter, "filter", queue, "type to filter the list (customer, subject, ticket, product); Enter on no match finds a ticket id in the whole database")
        add(["Esc"], .back, "clear filter", queue, bar: false, "clear the filter")
        add(["Tab"], .nextView, "view", queue, "next view: queue, mine, pulled in, recently closed")
        add(["S-Tab"], .prevView, "prev view", queue, bar: false)
        add(["1"], .view(0), "queue", queue, bar: false, "the queue of your skills and languages (SOS for everyone)")
        add(["2"], .view(1), "mine", queue, bar: false, "tickets you own")
        add(["3"], .view(2), "pulled in", queue, bar: false, "tickets a colleague pulled you into")
        add(["4"], .view(3), "closed", queue, bar: false, "tickets you resolved recently")
        add(["Down", "j"], .down, "down", queue, bar: false)
        add(["Up", "k"], .up, "up", queue, bar: false)
        add(["PgDn"], .pageDown, "page down", queue, bar: false)
        add(["PgUp"], .pageUp, "page up", queue, bar: false)
        add(["Home", "g"], .home, "first", queue, bar: false)
        add(["End", "G"], .end, "last", queue, bar: false)
        add(["a"], .toggleStatus, "away", queue, "switch your status: available / away")
        add(["q"], .quit, "quit", queue, "leave the session, after a confirmation (status goes offline)")

        // Ticket
        add(["r"], .reply, "reply", ticket, "write a reply to the customer")
        add(["Esc", "q"], .back, "back", ticket, "back to the lists")
        add(["t"], .template, "template", ticket, "reply from a HEAT template (filtered by product, situation, language)")
        add(["N"], .note, "note", ticket, "write an internal note (never sent to the customer)")
        add(["i"], .invite, "invite", ticket, "pull in a colleague (by skill and product, with availability)")
        add(["s"], .inviteSupplier, "supplier", ticket, "pull in a supplier of the ticket's orders (hotel, airline, rental)")
        add(["R"], .resolve, "resolve", ticket, "resolve with a disposition (asks first without a reply to the customer or on an SOS; first-contact resolution needs a reply)")
        add(["l"], .leave, "leave", ticket, bar: false, "a participant leaves (yourself, or one you remove as the owner)")
        add(["T"], .transfer, "transfer", ticket, bar: false, "transfer to another agent or back to the queue")
        add(["p"], .priority, "priority", ticket, bar: false, "change the priority (lowering an SOS asks first)")
        add(["w"], .pending, "pending", ticket, bar: false, "set pending: waiting for the customer or a supplier; again to resume")
        add(["o"], .reopen, "reopen", ticket, bar: false, "reopen a resolved ticket")
        add(["c"], .claim, "claim", ticket, bar: false, "claim this ticket (when it is queued)")
        add(["v"], .reveal, "reveal", ticket, bar: false, "reveal the customer's contact details (logged)")
        add(["Tab"], .nextView, "pane", ticket, bar: false, "next pane: conversation, orders, service trail, people, the bot's whole hand-over summary")
        add(["S-Tab"], .prevView, "prev pane", ticket, bar: false)

        // Composer
        add(["C-s"], .send, "send", composer, "check with HEAT, then send (a second C-s sends despite findings)")
        add(["C-t"], .template, "template", composer, "insert a HEAT template")
        add(["C-r"], .findings, "findings", composer, "every HEAT finding in full, a page at a time; again for the next page, then back to the text")
        add(["C-o"], .toggleVisibility, "reply/note", composer, "switch between a reply and an internal note")
        add(["Esc"], .cancelCompose, "cancel", composer, "close the editor (the draft is dropped)")
        return t
    }()
}
