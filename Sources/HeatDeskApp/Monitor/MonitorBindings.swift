import TerminalKit

/// Every key of the monitor, in one table: the help bar and the `?` screen come from it.
public enum MonitorAction: Hashable, Sendable {
    case quit, help, pause, refresh, up, down, pageUp, pageDown, home, end, switchPane
    case open, requeue, reassign, raise, back
    /// The modals' keys (their own state machines carry them out; the bindings are for the hints).
    case choose, cancel, yes, no
}

extension Monitor {
    public static let context: BindingContext = "monitor"
    /// A ticket opened read-only (the agent session's ticket screen).
    public static let ticketContext: BindingContext = "monitor ticket"
    /// The modals: the reassign picker, a yes/no question, the `?` screen.
    public static let pickerContext: BindingContext = "monitor picker"
    public static let questionContext: BindingContext = "monitor question"
    public static let helpContext: BindingContext = "monitor help"

    /// Where the keys go in `s`: a modal first, then the open ticket, then the board.
    public static func bindingContext(of s: MonitorState) -> BindingContext {
        switch s.modal {
        case .help?: return helpContext
        case .reassign?: return pickerContext
        case .confirmRequeue?, .confirmRequeueHeld?, .confirmAssign?: return questionContext
        case nil: return s.ticket == nil ? context : ticketContext
        }
    }

    public static let bindings = KeyBindingTable<MonitorAction>([
        // `? Help` right after `q Quit`, and one key per hint, so the bar fits 80 columns whole.
        KeyBinding(["q"], .quit, help: "Quit", description: "Quit the monitor", context: context),
        KeyBinding(["?"], .help, help: "Help", description: "This list of keys", context: context),
        KeyBinding(["p"], .pause, help: "Pause", description: "Pause or resume the live refresh", context: context),
        KeyBinding(["Space"], .pause, help: "Pause", description: "Pause or resume the live refresh (as p)", context: context, inHelpBar: false),
        KeyBinding(["Tab"], .switchPane, help: "Pane", description: "Switch between the ticket list and the agents", context: context),
        KeyBinding(["Enter"], .open, help: "Open", description: "Open the selected ticket read-only", context: context),
        KeyBinding(["r"], .requeue, help: "Requeue", description: "Put the selected ticket back in the queue (a new claim epoch); on an agent, all the tickets they hold", context: context),
        KeyBinding(["a"], .reassign, help: "Reassign",
                   description: "Hand the selected ticket to an agent: a waiting one is claimed for them, a worked one transferred", context: context),
        KeyBinding(["+"], .raise, help: "Raise", description: "Raise the selected ticket's priority one step", context: context),
        KeyBinding(["g"], .refresh, help: "Refresh", description: "Read the figures again now", context: context, inHelpBar: false),
        KeyBinding(["Down", "j"], .down, help: "Down", context: context, inHelpBar: false),
        KeyBinding(["Up", "k"], .up, help: "Up", context: context, inHelpBar: false),
        KeyBinding(["PgDn"], .pageDown, help: "Page down", context: context, inHelpBar: false),
        KeyBinding(["PgUp"], .pageUp, help: "Page up", context: context, inHelpBar: false),
        KeyBinding(["Home"], .home, help: "First", context: context, inHelpBar: false),
        KeyBinding(["End"], .end, help: "Last", context: context, inHelpBar: false),
        KeyBinding(["Esc", "q"], .back, help: "Board", description: "Close the ticket, back to the board", context: ticketContext),
        KeyBinding(["Tab", "S-Tab"], .switchPane, help: "Pane", description: "Next or previous pane: conversation, orders, service trail, people, the bot's whole summary",
                   context: ticketContext),
        KeyBinding(["Down", "j"], .down, help: "Scroll",
                   description: "Scroll the conversation down, or move down in the orders, trail and people panes", context: ticketContext),
        KeyBinding(["Up", "k"], .up, help: "Up", description: "Scroll up, or move up", context: ticketContext, inHelpBar: false),
        KeyBinding(["PgDn", "Space"], .pageDown, help: "Page down", context: ticketContext, inHelpBar: false),
        KeyBinding(["PgUp", "b"], .pageUp, help: "Page up", context: ticketContext, inHelpBar: false),
        KeyBinding(["r"], .requeue, help: "Requeue", description: "Put this ticket back in the queue (a new claim epoch)", context: ticketContext),
        KeyBinding(["a"], .reassign, help: "Reassign",
                   description: "Hand this ticket to an agent: a waiting one is claimed for them, a worked one transferred", context: ticketContext),
        KeyBinding(["+"], .raise, help: "Raise", description: "Raise this ticket's priority one step", context: ticketContext),
        KeyBinding(["g"], .refresh, help: "Refresh", description: "Read the ticket and the figures again now", context: ticketContext,
                   inHelpBar: false),
        KeyBinding(["?"], .help, help: "Help", description: "This list of keys", context: ticketContext),
        KeyBinding(["Enter"], .choose, help: "Choose", description: "Hand the ticket to the highlighted agent; asks first when they are offline or lack its language or product (typing filters)",
                   context: pickerContext),
        KeyBinding(["Esc"], .cancel, help: "Cancel", description: "Close without choosing", context: pickerContext),
        KeyBinding(["Down"], .down, help: "Down", context: pickerContext),
        KeyBinding(["Up"], .up, help: "Up", context: pickerContext),
        KeyBinding(["y"], .yes, help: "Yes", description: "Yes, do it", context: questionContext),
        KeyBinding(["n"], .no, help: "No", description: "No, change nothing", context: questionContext),
        KeyBinding(["Enter"], .choose, help: "Highlighted", description: "The highlighted answer (No unless you moved to Yes)", context: questionContext),
        KeyBinding(["Esc"], .cancel, help: "Cancel", description: "Change nothing", context: questionContext),
        KeyBinding(["Esc", "q"], .cancel, help: "Close", description: "Close this list", context: helpContext),
        KeyBinding(["Down", "j"], .down, help: "Scroll", description: "Scroll down", context: helpContext),
    ])
}
