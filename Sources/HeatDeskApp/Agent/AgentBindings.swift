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
    /// Merge a follow-up into its original (from either of them), after a confirmation.
    case merge
    // composer
    case send, toggleVisibility, cancelCompose, discardDraft, findings
    // the filter being typed, and the modals (their own state machines carry these out; the
    // bindings say which keys they take, for the help bar and the `?` screen)
    case endFilter, choose, cancel, yes, no
}

public enum AgentBindings {
    public static let queue: BindingContext = "queues"
    public static let ticket: BindingContext = "ticket"
    public static let composer: BindingContext = "composer"
    /// An earlier contact of the service trail, open read-only over the ticket being worked.
    public static let earlier: BindingContext = "earlier contact"
    /// Typing a filter on the lists (after `/`).
    public static let filter: BindingContext = "filter"
    /// The modals: a picker (templates, colleagues, dispositions…), a template's blank, a
    /// yes/no question, the `?` screen.
    public static let picker: BindingContext = "picker"
    public static let blank: BindingContext = "template blank"
    public static let confirm: BindingContext = "question"
    public static let helpScreen: BindingContext = "help screen"

    /// Where typing goes into text (the editor, the filter, a picker's query, a blank): a
    /// printable key there is text, never a global action.
    public static let textContexts: Set<BindingContext> = [composer, filter, picker, blank]
    /// Modals take every key: none of the global bindings apply while one is open.
    public static let modalContexts: Set<BindingContext> = [picker, blank, confirm, helpScreen]

    /// What applies in `context`, as the help bar shows it: the table without the global keys
    /// that do something else there (printable keys in text, every global key in a modal).
    public static func helpTable(for context: BindingContext) -> KeyBindingTable<AgentAction> {
        var t = KeyBindingTable<AgentAction>()
        for var b in table.bindings {
            if b.context == .global && context != .global {
                if modalContexts.contains(context) { continue }
                if textContexts.contains(context) {
                    b.keys = b.keys.filter { $0.text == nil }
                    if b.keys.isEmpty { continue }
                }
            }
            t.add(b)
        }
        return t
    }

    /// The editor's keys as they apply: its own and the global ones that are not text.
    public static let inComposer = helpTable(for: composer)

    /// The context the keys go to in `s`: a modal first, then the editor, the ticket, the filter, the lists.
    public static func context(of s: AgentState) -> BindingContext {
        switch s.modal {
        case .help?: return helpScreen
        case .picker?: return picker
        case .blanks?: return blank
        case .confirm?: return confirm
        case nil: return s.earlier != nil ? earlier : s.composer != nil ? composer : s.ticket != nil ? ticket : s.filtering ? filter : queue
        }
    }

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
        add(["M"], .merge, "merge", ticket, bar: false, "merge a follow-up (a chase) into its original, from either one, after a confirmation: resolved as duplicate, its conversation kept and shown on the original")
        add(["c"], .claim, "claim", ticket, bar: false, "claim this ticket (when it is queued)")
        add(["v"], .reveal, "reveal", ticket, bar: false, "reveal the customer's contact details (logged)")
        add(["Tab"], .nextView, "pane", ticket, bar: false, "next pane: conversation, orders, service trail, people, the bot's whole hand-over summary")
        add(["S-Tab"], .prevView, "prev pane", ticket, bar: false)
        add(["Enter"], .open, "open earlier", ticket, bar: false,
            "on the service trail pane: open the selected earlier contact read-only (Esc comes back)")

        // An earlier contact, read-only
        add(["Esc", "q"], .back, "back to your ticket", earlier, "back to the ticket you were working, its reply or note as you left it")
        add(["Tab"], .nextView, "pane", earlier, "next pane: conversation, orders, service trail, people, the bot's whole hand-over summary")
        add(["S-Tab"], .prevView, "prev pane", earlier, bar: false)
        add(["Down", "j"], .down, "scroll", earlier, "scroll the conversation, or move in the orders, trail and people panes")
        add(["Up", "k"], .up, "up", earlier, bar: false)

        // Composer
        add(["C-s"], .send, "send", composer, "check with HEAT, then send (a second C-s sends despite findings)")
        add(["C-t"], .template, "template", composer, "insert a HEAT template")
        add(["C-r"], .findings, "findings", composer, "every HEAT finding in full, a page at a time; again for the next page, then back to the text")
        add(["C-o"], .toggleVisibility, "reply/note", composer, "switch between a reply and an internal note")
        add(["Esc"], .cancelCompose, "close", composer, "close the editor, keeping the text as a draft (r or N continues it)")
        add(["C-x"], .discardDraft, "discard", composer, bar: false, "throw the text away, after a question (its kept draft too)")
        // `?` types a question mark in the editor: F1 opens the keys there.
        add(["F1"], .help, "help", composer, "this screen (in the editor `?` is text)")

        // Typing a filter
        add(["Enter"], .endFilter, "done", filter, "stop typing the filter (on no match, look the ticket id up in the whole database)")
        add(["Esc"], .back, "clear", filter, "clear the filter")
        add(["Down"], .down, "down", filter, bar: false, "stop typing and move down the list")
        add(["Up"], .up, "up", filter, bar: false, "stop typing and move up the list")

        // Modals
        add(["Enter"], .choose, "choose", picker, "take the highlighted row (typing filters the rows)")
        add(["Esc"], .cancel, "cancel", picker, "close without choosing")
        add(["Down"], .down, "down", picker, "move down")
        add(["Up"], .up, "up", picker, "move up")
        add(["Enter"], .choose, "next", blank, "take this value and go to the next blank (the last one fills the editor)")
        add(["Esc"], .cancel, "cancel", blank, "apply no template")
        add(["y"], .yes, "yes", confirm, "yes, do it")
        add(["n"], .no, "no", confirm, "no, change nothing")
        add(["Enter"], .choose, "highlighted", confirm, "the highlighted answer (No unless you moved to Yes)")
        add(["Esc"], .cancel, "cancel", confirm, "change nothing")
        add(["Left", "Right"], .down, "switch", confirm, bar: false, "move between the answers")
        add(["Esc"], .cancel, "close", helpScreen, "close this screen (any other key too)")
        add(["Down", "j"], .down, "scroll", helpScreen, "scroll down")
        add(["Up", "k"], .up, "up", helpScreen, bar: false, "scroll up")
        return t
    }()
}
