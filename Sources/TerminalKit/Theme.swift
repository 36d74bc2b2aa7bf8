/// What the terminal can show. Chosen once at start from the terminal's color count and the
/// environment; views never test for colors themselves, they ask the theme for a role.
public enum ColorMode: String, Sendable, CaseIterable {
    case colors256, colors16, colors8, monochrome

    /// `NO_COLOR` (any non-empty value, https://no-color.org) wins over what the terminal can do;
    /// `HEATDESK_COLORS` (256, 16, 8, mono) overrides for testing and odd terminals.
    public static func detect(terminalColors: Int, environment: [String: String]) -> ColorMode {
        if let v = environment["NO_COLOR"], !v.isEmpty { return .monochrome }
        switch environment["HEATDESK_COLORS"] {
        case "256": return .colors256
        case "16": return .colors16
        case "8": return .colors8
        case "mono", "0", "monochrome": return .monochrome
        default: break
        }
        if terminalColors >= 256 { return .colors256 }
        if terminalColors >= 16 { return .colors16 }
        if terminalColors >= 8 { return .colors8 }
        return .monochrome
    }

    public var paletteSize: Int {
        switch self { case .colors256: 256; case .colors16: 16; case .colors8: 8; case .monochrome: 0 }
    }
}

/// Semantic roles: screens say what a thing *is*, the theme says how it looks in each mode.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case normal, header, title, border, muted, accent
    case selection, selectionInactive
    case warning, breach, sos, success, error, info
    case statusBar, helpKey, helpText
    case tabActive, tabInactive
    case dialog, dialogTitle, input, cursor, scrollbar
}

public struct Theme: Sendable, Equatable {
    public let mode: ColorMode
    private var styles: [Role: Style]

    public init(mode: ColorMode) {
        self.mode = mode
        self.styles = Theme.defaults(for: mode)
    }

    public static let monochrome = Theme(mode: .monochrome)
    public static let color256 = Theme(mode: .colors256)

    public func style(_ role: Role) -> Style { styles[role] ?? .plain }
    public subscript(role: Role) -> Style { style(role) }

    /// Adjust one role (e.g. a site's own breach color); colors are reduced to the mode's palette,
    /// and dropped entirely in monochrome so `NO_COLOR` stays honoured.
    public mutating func set(_ role: Role, _ style: Style) {
        styles[role] = Theme.fit(style, to: mode)
    }

    static func fit(_ s: Style, to mode: ColorMode) -> Style {
        if mode == .monochrome { return Style(s.attributes) }
        return Style(fg: s.fg.reduced(toPalette: mode.paletteSize), bg: s.bg.reduced(toPalette: mode.paletteSize), s.attributes)
    }

    private static func defaults(for mode: ColorMode) -> [Role: Style] {
        switch mode {
        case .monochrome:
            // Without color, meaning rides on attributes alone: reverse for "you are here",
            // bold for "look", underline for "urgent", dim for "background".
            return [
                .normal: .plain, .header: Style(.bold), .title: Style(.bold), .border: .plain,
                .muted: Style(.dim), .accent: Style(.bold),
                .selection: Style(.reverse), .selectionInactive: Style(.underline),
                .warning: Style(.bold), .breach: Style([.bold, .underline]), .sos: Style([.bold, .reverse]),
                .success: .plain, .error: Style(.bold), .info: .plain,
                .statusBar: Style(.reverse), .helpKey: Style(.bold), .helpText: .plain,
                .tabActive: Style([.bold, .reverse]), .tabInactive: .plain,
                .dialog: .plain, .dialogTitle: Style(.bold), .input: Style(.underline), .cursor: Style(.reverse),
                .scrollbar: Style(.reverse),
            ]
        case .colors256:
            return [
                .normal: .plain, .header: Style(fg: .indexed(255), bg: .indexed(24), .bold), .title: Style(fg: .indexed(81), .bold),
                .border: Style(fg: .indexed(244)), .muted: Style(fg: .indexed(245)), .accent: Style(fg: .indexed(81)),
                .selection: Style(fg: .indexed(231), bg: .indexed(25), .bold), .selectionInactive: Style(fg: .indexed(252), bg: .indexed(238)),
                .warning: Style(fg: .indexed(214), .bold), .breach: Style(fg: .indexed(231), bg: .indexed(160), .bold),
                .sos: Style(fg: .indexed(231), bg: .indexed(129), .bold), .success: Style(fg: .indexed(78)),
                .error: Style(fg: .indexed(203), .bold), .info: Style(fg: .indexed(117)),
                .statusBar: Style(fg: .indexed(252), bg: .indexed(236)), .helpKey: Style(fg: .indexed(222), bg: .indexed(236), .bold),
                .helpText: Style(fg: .indexed(250), bg: .indexed(236)),
                .tabActive: Style(fg: .indexed(231), bg: .indexed(24), .bold), .tabInactive: Style(fg: .indexed(248), bg: .indexed(236)),
                .dialog: Style(fg: .indexed(252), bg: .indexed(237)), .dialogTitle: Style(fg: .indexed(81), bg: .indexed(237), .bold),
                .input: Style(fg: .indexed(231), bg: .indexed(239)), .cursor: Style(.reverse), .scrollbar: Style(fg: .indexed(244)),
            ]
        case .colors16, .colors8:
            let bright = mode == .colors16
            return [
                .normal: .plain, .header: Style(fg: bright ? .brightWhite : .white, bg: .blue, .bold), .title: Style(fg: .cyan, .bold),
                .border: Style(fg: bright ? .brightBlack : .white), .muted: bright ? Style(fg: .brightBlack) : Style(.dim),
                .accent: Style(fg: .cyan),
                .selection: Style(fg: bright ? .brightWhite : .white, bg: .blue, .bold), .selectionInactive: Style(fg: .black, bg: .white),
                .warning: Style(fg: .yellow, .bold), .breach: Style(fg: bright ? .brightWhite : .white, bg: .red, .bold),
                .sos: Style(fg: bright ? .brightWhite : .white, bg: .magenta, .bold), .success: Style(fg: .green),
                .error: Style(fg: .red, .bold), .info: Style(fg: .cyan),
                .statusBar: Style(fg: .black, bg: .white), .helpKey: Style(fg: .yellow, bg: .black, .bold), .helpText: Style(fg: .white, bg: .black),
                .tabActive: Style(fg: bright ? .brightWhite : .white, bg: .blue, .bold), .tabInactive: Style(fg: .black, bg: .white),
                .dialog: Style(fg: .white, bg: .black), .dialogTitle: Style(fg: .cyan, bg: .black, .bold),
                .input: Style(fg: .black, bg: .white), .cursor: Style(.reverse), .scrollbar: Style(fg: .white),
            ]
        }
    }
}
