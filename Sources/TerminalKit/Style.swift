/// A terminal color: the terminal's default, or an index into the 256-color palette
/// (0–7 the basic colors, 8–15 their bright forms). A struct over `UInt16` so that
/// comparing cells in the diff stays a couple of integer compares.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    public let raw: UInt16
    private init(raw: UInt16) { self.raw = raw }

    public static let `default` = Color(raw: 0xFFFF)
    public static func indexed(_ i: UInt8) -> Color { Color(raw: UInt16(i)) }

    public static let black = indexed(0), red = indexed(1), green = indexed(2), yellow = indexed(3)
    public static let blue = indexed(4), magenta = indexed(5), cyan = indexed(6), white = indexed(7)
    public static let brightBlack = indexed(8), brightRed = indexed(9), brightGreen = indexed(10)
    public static let brightYellow = indexed(11), brightBlue = indexed(12), brightMagenta = indexed(13)
    public static let brightCyan = indexed(14), brightWhite = indexed(15)

    public var isDefault: Bool { raw == 0xFFFF }
    /// The palette index, nil for the terminal default.
    public var index: Int? { isDefault ? nil : Int(raw) }

    public var description: String { isDefault ? "default" : String(raw) }

    /// The nearest color a terminal with `count` colors can show (256 → 16 → 8).
    public func reduced(toPalette count: Int) -> Color {
        guard let i = index else { return self }
        if count >= 256 || i < count { return self }
        var basic: Int
        if i < 16 { basic = i } else if i >= 232 {
            let level = i - 232                         // grayscale ramp
            basic = level < 6 ? 0 : level < 12 ? 8 : level < 20 ? 7 : 15
        } else {
            let c = i - 16
            let r = c / 36, g = (c / 6) % 6, b = c % 6
            let bright = max(r, g, b) >= 4
            basic = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
            if basic == 0 && max(r, g, b) >= 2 { basic = 7; return .indexed(count >= 16 ? 8 : 7) }
            if bright && count >= 16 { basic += 8 }
        }
        if count < 16 && basic >= 8 { basic -= 8 }
        return .indexed(UInt8(basic))
    }
}

/// Text attributes that every curses terminal has.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let reverse = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let dim = Attributes(rawValue: 8)
}

public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    public init(fg: Color = .default, bg: Color = .default, _ attributes: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }
    public static let plain = Style()

    /// `other` laid over this style: its colors win where it sets them, attributes add up.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg.isDefault ? fg : other.fg, bg: other.bg.isDefault ? bg : other.bg,
              attributes.union(other.attributes))
    }

    public var description: String {
        var parts: [String] = []
        if !fg.isDefault { parts.append("fg=\(fg)") }
        if !bg.isDefault { parts.append("bg=\(bg)") }
        if attributes.contains(.bold) { parts.append("bold") }
        if attributes.contains(.dim) { parts.append("dim") }
        if attributes.contains(.underline) { parts.append("underline") }
        if attributes.contains(.reverse) { parts.append("reverse") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
