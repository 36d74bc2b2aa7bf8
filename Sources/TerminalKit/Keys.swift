/// A key as the application sees it, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    /// A printable grapheme (a Chinese character from an input method arrives as one of these).
    case char(Character)
    case enter, tab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = Modifiers(rawValue: 1)
    public static let alt = Modifiers(rawValue: 2)
    public static let ctrl = Modifiers(rawValue: 4)
}

/// A key with modifiers. Ctrl-A is `.char("a")` with `.ctrl`; Shift-Tab is `.tab` with `.shift`;
/// an upper-case letter is just `.char("A")` (the shift is in the character).
///
/// Written in bindings as strings: `"q"`, `"?"`, `"C-a"`, `"M-x"`, `"S-Tab"`, `"Up"`, `"PgDn"`,
/// `"F5"`, `"Enter"`, `"Esc"`, `"Space"`, `"C-Left"`.
public struct KeyEvent: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) { self.key = key; self.modifiers = modifiers }
    public init(stringLiteral: String) {
        guard let k = KeyEvent(parsing: stringLiteral) else { preconditionFailure("not a key: \(stringLiteral)") }
        self = k
    }

    public static func ctrl(_ c: Character) -> KeyEvent { KeyEvent(.char(Character(c.lowercased())), .ctrl) }
    public static func alt(_ c: Character) -> KeyEvent { KeyEvent(.char(c), .alt) }
    public static func char(_ c: Character) -> KeyEvent { KeyEvent(.char(c)) }

    private static let names: [(String, Key)] = [
        ("Enter", .enter), ("Tab", .tab), ("BS", .backspace), ("Backspace", .backspace), ("Del", .delete),
        ("Delete", .delete), ("Ins", .insert), ("Esc", .escape), ("Up", .up), ("Down", .down), ("Left", .left),
        ("Right", .right), ("Home", .home), ("End", .end), ("PgUp", .pageUp), ("PgDn", .pageDown), ("Space", .char(" ")),
    ]

    /// Parses the binding notation above; nil when it is not one.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var mods: Modifiers = []
        while rest.count > 2, rest.dropFirst().first == "-" {
            switch rest.first {
            case "C": mods.insert(.ctrl)
            case "M", "A": mods.insert(.alt)
            case "S": mods.insert(.shift)
            default: return nil
            }
            rest = rest.dropFirst(2)
        }
        if rest.count == 1, let c = rest.first {
            self.init(.char(mods.contains(.ctrl) ? Character(c.lowercased()) : c), mods); return
        }
        if let (_, k) = KeyEvent.names.first(where: { $0.0.lowercased() == rest.lowercased() }) { self.init(k, mods); return }
        if rest.first == "F", let n = Int(rest.dropFirst()), n >= 1, n <= 63 { self.init(.function(n), mods); return }
        return nil
    }

    /// Short label for help bars: `^A`, `M-x`, `S-Tab`, `↑`, `PgDn`, `F5`.
    public var description: String {
        var base: String
        switch key {
        case .char(" "): base = "Space"
        case .char(let c): base = String(c)
        case .enter: base = "Enter"
        case .tab: base = "Tab"
        case .backspace: base = "BS"
        case .delete: base = "Del"
        case .insert: base = "Ins"
        case .escape: base = "Esc"
        case .up: base = "↑"
        case .down: base = "↓"
        case .left: base = "←"
        case .right: base = "→"
        case .home: base = "Home"
        case .end: base = "End"
        case .pageUp: base = "PgUp"
        case .pageDown: base = "PgDn"
        case .function(let n): base = "F\(n)"
        }
        if modifiers == .ctrl, case .char(let c) = key, c.isASCII, c.isLetter { return "^" + c.uppercased() }
        var prefix = ""
        if modifiers.contains(.ctrl) { prefix += "C-" }
        if modifiers.contains(.alt) { prefix += "M-" }
        if modifiers.contains(.shift) { prefix += "S-" }
        return prefix + base
    }

    /// The printable character, when this is plain typing (what an editor inserts).
    public var text: Character? {
        if case .char(let c) = key, modifiers.isSubset(of: .shift) { return c }
        return nil
    }
}

/// Everything a program reacts to besides its own messages.
public enum Event: Sendable, Equatable {
    case key(KeyEvent)
    /// A run of text that arrived at once (bracketed paste); editors insert it whole.
    case paste(String)
    case resize(Size)
    /// The runtime's timer (see `Program.tickInterval`).
    case tick
    /// SIGINT/SIGTERM/SIGHUP arrived: the runtime stops after this event.
    case terminate(signal: Int32)
}

/// Turns terminal input into key events: UTF-8 bytes or already-decoded Unicode scalars
/// (what ncurses `get_wch` returns), with xterm escape sequences, Alt as an ESC prefix, and
/// C0 controls as Ctrl combinations.
///
/// A lone ESC is ambiguous until the input goes quiet; the caller says so with `flush()`
/// (the backend does after its short escape delay), so Esc never waits a second.
public struct InputDecoder: Sendable {
    private var pending: [Unicode.Scalar] = []
    private var utf8: [UInt8] = []
    private var pasting = false
    private var pasteText = ""
    public init() {}

    /// Inside a bracketed paste: key codes the terminal library decoded from pasted text are dropped.
    public var isPasting: Bool { pasting }
    /// An ESC (or escape sequence) is waiting for the rest or for `flush()`.
    public var hasPending: Bool { !pending.isEmpty }

    /// Feed raw bytes (UTF-8, possibly split mid-character).
    public mutating func feed(bytes: some Sequence<UInt8>) -> [Event] {
        var out: [Event] = []
        for b in bytes {
            utf8.append(b)
            var it = utf8.makeIterator()
            var dec = UTF8()
            switch dec.decode(&it) {
            case .scalarValue(let s):
                if utf8.count == UTF8.width(s) { utf8.removeAll(keepingCapacity: true); out += feed(scalar: s) }
            case .emptyInput: break
            case .error:
                // An incomplete sequence waits for more bytes; an invalid one becomes U+FFFD.
                if !isIncompleteUTF8(utf8) { utf8.removeAll(keepingCapacity: true); out += feed(scalar: "\u{FFFD}") }
            }
        }
        return out
    }

    private func isIncompleteUTF8(_ b: [UInt8]) -> Bool {
        guard let lead = b.first else { return false }
        let need = (0xC2...0xDF).contains(lead) ? 2 : (0xE0...0xEF).contains(lead) ? 3 : (0xF0...0xF4).contains(lead) ? 4 : 0
        guard need > b.count else { return false }
        return b.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// Feed one decoded scalar.
    public mutating func feed(scalar s: Unicode.Scalar) -> [Event] {
        if pasting {
            pasteText.unicodeScalars.append(s)
            if pasteText.hasSuffix("\u{1B}[201~") {
                pasting = false
                // Terminals send line breaks in pastes as CR.
                let text = String(pasteText.dropLast(6)).replacingOccurrences(of: "\r\n", with: "\n")
                    .replacingOccurrences(of: "\r", with: "\n")
                pasteText = ""
                return [.paste(text)]
            }
            return []
        }
        if !pending.isEmpty {
            pending.append(s)
            return resolvePending(final: false)
        }
        if s == "\u{1B}" { pending = [s]; return [] }
        return [.key(Self.plainKey(s))]
    }

    /// The input went quiet: whatever is pending is what it looks like (a lone ESC is Esc).
    public mutating func flush() -> [Event] {
        guard !pending.isEmpty else { return [] }
        return resolvePending(final: true)
    }

    /// A byte or scalar outside escape sequences.
    static func plainKey(_ s: Unicode.Scalar) -> KeyEvent {
        switch s.value {
        case 0x0D, 0x0A: return KeyEvent(.enter)
        case 0x09: return KeyEvent(.tab)
        case 0x7F, 0x08: return KeyEvent(.backspace)
        case 0x1B: return KeyEvent(.escape)
        case 0x00: return KeyEvent(.char(" "), .ctrl)
        case 0x01...0x1A: return KeyEvent(.char(Character(Unicode.Scalar(s.value + 0x60)!)), .ctrl)
        case 0x1C...0x1F: return KeyEvent(.char(Character(Unicode.Scalar(s.value + 0x40)!)), .ctrl)
        default: return KeyEvent(.char(Character(s)))
        }
    }

    private mutating func resolvePending(final: Bool) -> [Event] {
        // pending[0] is ESC.
        if pending.count == 1 { pending = []; return final ? [.key(KeyEvent(.escape))] : [] }
        let second = pending[1]
        if second == "[" || second == "O" {
            // CSI / SS3: parameters, then a final byte in 0x40...0x7E.
            if pending.count == 2 {
                if final { pending = []; return [.key(KeyEvent(.char(Character(second)), .alt))] }
                return []
            }
            let last = pending[pending.count - 1]
            if second == "[" && pending.count >= 3 && (0x20...0x3F).contains(last.value) && !final { return [] }
            let body = String(String.UnicodeScalarView(pending[2...]))
            pending = []
            if body == "200~" { pasting = true; pasteText = ""; return [] }
            if let k = Self.decodeSequence(second: second, body: body) { return [.key(k)] }
            return []   // unknown sequences are dropped, never shown as typing
        }
        pending = []
        if second == "\u{1B}" { return [.key(KeyEvent(.escape, .alt))] }
        var k = Self.plainKey(second)
        k.modifiers.insert(.alt)
        return [.key(k)]
    }

    static func decodeSequence(second: Unicode.Scalar, body: String) -> KeyEvent? {
        guard let final = body.last else { return nil }
        let params = body.dropLast().split(separator: ";").map { Int($0) ?? 1 }
        var mods: Modifiers = []
        if params.count >= 2 {
            let m = params[1] - 1
            if m & 1 != 0 { mods.insert(.shift) }
            if m & 2 != 0 { mods.insert(.alt) }
            if m & 4 != 0 { mods.insert(.ctrl) }
        }
        let key: Key
        switch final {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": return KeyEvent(.tab, .shift)
        case "P": key = .function(1)
        case "Q": key = .function(2)
        case "R": key = .function(3)
        case "S": key = .function(4)
        case "M" where second == "O": key = .enter
        case "~":
            switch params.first ?? 0 {
            case 1, 7: key = .home
            case 2: key = .insert
            case 3: key = .delete
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(params[0] - 10)
            case 17...21: key = .function(params[0] - 11)
            case 23...26: key = .function(params[0] - 12)
            case 28, 29: key = .function(params[0] - 13)
            case 31...34: key = .function(params[0] - 14)
            default: return nil
            }
        default: return nil
        }
        return KeyEvent(key, mods)
    }
}
