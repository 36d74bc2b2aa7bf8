public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    public var description: String { "\(width)x\(height)" }
    /// True when both sides are at least those of `other`.
    public func fits(_ other: Size) -> Bool { width >= other.width && height >= other.height }
}

public struct Point: Hashable, Sendable {
    public var x: Int, y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// A rectangle of cells. Widgets render into one and never outside it.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public init(_ size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var size: Size { Size(width: width, height: height) }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    public func intersection(_ o: Rect) -> Rect {
        let nx = max(x, o.x), ny = max(y, o.y)
        return Rect(x: nx, y: ny, width: min(maxX, o.maxX) - nx, height: min(maxY, o.maxY) - ny)
    }

    /// Shrunk by `n` cells on every side (a border or a margin).
    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// A `w`×`h` rectangle centred in this one (clamped to it): dialogs and pickers.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Row `i` of this rectangle as a one-row rectangle.
    public func row(_ i: Int) -> Rect { Rect(x: x, y: y + i, width: width, height: i < height && i >= 0 ? 1 : 0) }

    public func split(_ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        Layout.split(self, direction, constraints)
    }
}

public enum Direction: Sendable { case horizontal, vertical }

/// How much of a split a part takes. Fixed and percentage parts are served first (in order,
/// as long as space lasts); fills share what is left by weight, the last fill taking the rounding.
public enum Constraint: Hashable, Sendable {
    case fixed(Int)
    case percent(Int)
    case fill(Int = 1)
}

public enum Layout {
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? rect.width : rect.height
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = total
        for (i, c) in constraints.enumerated() {
            switch c {
            case .fixed(let n): sizes[i] = min(max(0, n), remaining)
            case .percent(let p): sizes[i] = min(total * max(0, min(100, p)) / 100, remaining)
            case .fill: continue
            }
            remaining -= sizes[i]
        }
        let weights = constraints.map { if case .fill(let w) = $0 { max(0, w) } else { 0 } }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 {
            let pool = remaining
            var given = 0
            let lastFill = weights.lastIndex { $0 > 0 }!
            for i in weights.indices where weights[i] > 0 {
                sizes[i] = i == lastFill ? pool - given : pool * weights[i] / weightSum
                given += sizes[i]
            }
        }
        var out: [Rect] = []
        var offset = 0
        for s in sizes {
            switch direction {
            case .horizontal: out.append(Rect(x: rect.x + offset, y: rect.y, width: s, height: rect.height))
            case .vertical: out.append(Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: s))
            }
            offset += s
        }
        return out
    }
}
