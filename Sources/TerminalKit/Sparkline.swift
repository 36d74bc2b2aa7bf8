/// Small charts from Unicode block characters, for trends a supervisor would rather look at
/// than read (htop's meters). Both are plain widgets: values in, cells out.

/// Columns of `▁▂▃▄▅▆▇█`, one per value (or `columnsPerValue`), scaled to the largest value or
/// `maximum`; `height` rows give 8 × height levels. A nil value (no data) is a blank column,
/// a zero a baseline `▁` only on the bottom row when `markZero` is set. When the values do not
/// fit, the latest ones are shown (a trend's "now" is at the right).
public struct Sparkline: Widget {
    public var values: [Int?]
    public var maximum: Int?
    public var columnsPerValue: Int
    public var role: Role
    public var markZero: Bool

    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(_ values: [Int?], maximum: Int? = nil, columnsPerValue: Int = 1, role: Role = .accent, markZero: Bool = false) {
        self.values = values; self.maximum = maximum; self.columnsPerValue = max(1, columnsPerValue)
        self.role = role; self.markZero = markZero
    }

    /// Eighths of a cell each value fills at `height` rows (0 for nil and zero).
    public func eighths(height: Int) -> [Int] {
        let top = max(1, maximum ?? values.compactMap { $0 }.max() ?? 1)
        let full = 8 * max(1, height)
        return values.map { v in
            guard let v, v > 0 else { return 0 }
            // Round up so that any non-zero value shows at least one eighth.
            return min(full, max(1, (min(v, top) * full + top - 1) / top))
        }
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let style = buffer.theme[role]
        let fit = max(1, area.width / columnsPerValue)
        let shown = Array(zip(values, eighths(height: area.height)).suffix(fit))
        for (i, (value, e)) in shown.enumerated() {
            for row in 0..<area.height {
                // Row 0 is the top; the bottom row holds the first eight eighths.
                let fromBottom = area.height - 1 - row
                let inCell = min(8, max(0, e - fromBottom * 8))
                let glyph: String
                if inCell > 0 { glyph = String(Sparkline.levels[inCell - 1]) }
                else if markZero, fromBottom == 0, value == 0 { glyph = "▁" }
                else { glyph = " " }
                for c in 0..<columnsPerValue {
                    buffer.put(SafeText(glyph), x: area.x + i * columnsPerValue + c, y: area.y + row, style: style, clip: area)
                }
            }
        }
    }
}

/// A horizontal meter `██████▍   ` for a share in 0...1, in eighths of a cell; nil draws an
/// empty track. The caller prints the number beside it.
public struct Meter: Widget {
    public var share: Double?
    public var role: Role
    public var trackRole: Role

    static let partial: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public init(_ share: Double?, role: Role = .accent, trackRole: Role = .muted) {
        self.share = share; self.role = role; self.trackRole = trackRole
    }

    /// The meter's text at `width` columns (filled part, then the track as `·`).
    public func text(width: Int) -> (filled: String, track: String) {
        guard width > 0 else { return ("", "") }
        guard let share, share.isFinite else { return ("", String(repeating: "·", count: width)) }
        let eighths = Int((min(1, max(0, share)) * Double(width * 8)).rounded())
        var filled = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { filled.append(Meter.partial[eighths % 8 - 1]) }
        return (filled, String(repeating: "·", count: width - filled.count))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let (filled, track) = text(width: area.width)
        let x = buffer.put(SafeText(filled), x: area.x, y: area.y, style: buffer.theme[role], clip: area)
        buffer.put(SafeText(track), x: area.x + x, y: area.y, style: buffer.theme[trackRole], clip: area)
    }
}
