/// Where a binding applies (neomutt's "maps": index, pager, compose...). `global` bindings
/// apply in every context unless the context binds the same key itself.
public struct BindingContext: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public static let global: BindingContext = "global"
    public var description: String { name }
}

public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
    public var keys: [KeyEvent]
    public var action: Action
    /// Short text for the help bar ("claim"); the `?` screen shows `description` when set.
    public var help: String
    public var description: String?
    public var context: BindingContext
    /// Shown in the one-line help bar (the `?` screen lists every binding).
    public var inHelpBar: Bool

    public init(_ keys: [KeyEvent], _ action: Action, help: String, description: String? = nil,
                context: BindingContext = .global, inHelpBar: Bool = true) {
        self.keys = keys; self.action = action; self.help = help; self.description = description
        self.context = context; self.inHelpBar = inHelpBar
    }
    public init(_ key: KeyEvent, _ action: Action, help: String, description: String? = nil,
                context: BindingContext = .global, inHelpBar: Bool = true) {
        self.init([key], action, help: help, description: description, context: context, inHelpBar: inHelpBar)
    }
}

/// One table of key bindings: the only place a key is tied to an action, so the help bar and
/// the `?` screen are generated from the same data the dispatcher uses and cannot drift.
public struct KeyBindingTable<Action: Hashable & Sendable>: Sendable {
    public private(set) var bindings: [KeyBinding<Action>]
    private var index: [BindingContext: [KeyEvent: Int]] = [:]

    public init(_ bindings: [KeyBinding<Action>] = []) {
        self.bindings = []
        for b in bindings { add(b) }
    }

    /// Adds a binding; a later binding of the same key in the same context replaces the earlier.
    public mutating func add(_ b: KeyBinding<Action>) {
        bindings.append(b)
        for k in b.keys { index[b.context, default: [:]][k] = bindings.count - 1 }
    }

    /// The action for `key` in `context`, falling back to global bindings.
    public func action(for key: KeyEvent, in context: BindingContext) -> Action? {
        if let i = index[context]?[key] { return bindings[i].action }
        if let i = index[.global]?[key] { return bindings[i].action }
        return nil
    }

    /// Bindings that are active in `context`, context first, then the global ones it does not shadow.
    public func active(in context: BindingContext) -> [KeyBinding<Action>] {
        var seen = Set<KeyEvent>()
        var out: [KeyBinding<Action>] = []
        for ctx in context == .global ? [.global] : [context, .global] {
            for (i, b) in bindings.enumerated() where b.context == ctx {
                let live = b.keys.filter { index[ctx]?[$0] == i && !seen.contains($0) }
                guard !live.isEmpty else { continue }
                seen.formUnion(live)
                var copy = b; copy.keys = live
                out.append(copy)
            }
        }
        return out
    }

    /// The `(keys, help)` pairs a help bar shows for `context`.
    public func helpItems(in context: BindingContext) -> [(keys: String, help: String)] {
        active(in: context).filter(\.inHelpBar).map { b in (b.keys.map(\.description).joined(separator: "/"), b.help) }
    }

    /// Every context that has bindings, in first-seen order (the `?` screen's sections).
    public var contexts: [BindingContext] {
        var seen = Set<BindingContext>()
        return bindings.map(\.context).filter { seen.insert($0).inserted }
    }
}
