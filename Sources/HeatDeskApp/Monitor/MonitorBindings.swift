import TerminalKit

/// Every key of the monitor, in one table: the help bar and the `?` screen come from it.
public enum MonitorAction: Hashable, Sendable {
    case quit, help, pause, refresh, up, down, pageUp, pageDown, home, end, switchPane
    case open, requeue, reassign, raise
}

extension Monitor {
    public static let context: BindingContext = "monitor"

    public static let bindings = KeyBindingTable<MonitorAction>([
        KeyBinding(["q"], .quit, help: "Quit", description: "Quit the monitor", context: context),
        KeyBinding(["p", "Space"], .pause, help: "Pause", description: "Pause or resume the live refresh", context: context),
        KeyBinding(["Tab"], .switchPane, help: "Pane", description: "Switch between the ticket list and the agents", context: context),
        KeyBinding(["Enter"], .open, help: "Open", description: "Open the selected ticket read-only", context: context),
        KeyBinding(["r"], .requeue, help: "Requeue", description: "Put the selected ticket back in the queue (a new claim epoch); on an agent, all the tickets they hold", context: context),
        KeyBinding(["a"], .reassign, help: "Reassign", description: "Hand the selected ticket to another agent", context: context),
        KeyBinding(["+"], .raise, help: "Raise", description: "Raise the selected ticket's priority one step", context: context),
        KeyBinding(["g"], .refresh, help: "Refresh", description: "Read the figures again now", context: context, inHelpBar: false),
        KeyBinding(["Down", "j"], .down, help: "Down", context: context, inHelpBar: false),
        KeyBinding(["Up", "k"], .up, help: "Up", context: context, inHelpBar: false),
        KeyBinding(["PgDn"], .pageDown, help: "Page down", context: context, inHelpBar: false),
        KeyBinding(["PgUp"], .pageUp, help: "Page up", context: context, inHelpBar: false),
        KeyBinding(["Home"], .home, help: "First", context: context, inHelpBar: false),
        KeyBinding(["End"], .end, help: "Last", context: context, inHelpBar: false),
        KeyBinding(["?"], .help, help: "Help", description: "This list of keys", context: context),
    ])
}
