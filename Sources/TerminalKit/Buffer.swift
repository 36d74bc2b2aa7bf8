import Foundation

/// One terminal cell: a grapheme cluster and its style, or the right half of a wide glyph.
///
/// A cell is plain data (no references): its cluster is the first scalar, plus an id into a
/// process-wide pool when the cluster has more scalars. Copying, filling and diffing a
/// 200x60 screen then costs no reference counting, which is what keeps a frame under 1 ms.
public struct Cell: Equatable, Sendable {
    @usableFromInline var scalar: Unicode.Scalar
    /// 0 for a single-scalar cluster, else an id in `ClusterPool.shared`.
    @usableFromInline var clusterID: UInt32
    /// 1 or 2 for a glyph; 0 for the cell covered by the wide glyph to its left.
    public internal(set) var width: UInt8
    public var style: Style

    @usableFromInline
    init(scalar: Unicode.Scalar, cluster: String?, width: UInt8, style: Style) {
        self.scalar = scalar
        self.clusterID = cluster.map { ClusterPool.shared.id(for: $0) } ?? 0
        self.width = width; self.style = style
    }

    public static let blank = Cell(scalar: " ", cluster: nil, width: 1, style: .plain)
    public static func blank(_ style: Style) -> Cell { Cell(scalar: " ", cluster: nil, width: 1, style: style) }

    @usableFromInline
    static func continuation(_ style: Style) -> Cell { Cell(scalar: "\0", cluster: nil, width: 0, style: style) }

    /// What the cell shows; empty for the covered half of a wide glyph.
    public var symbol: String {
        if width == 0 { return "" }
        if clusterID != 0 { return ClusterPool.shared.string(clusterID) }
        return String(scalar)
    }
    public var isContinuation: Bool { width == 0 }
    /// The cluster's scalars (what a backend hands to the terminal).
    public var scalars: [Unicode.Scalar] {
        if width == 0 { return [] }
        if clusterID != 0 { return Array(ClusterPool.shared.string(clusterID).unicodeScalars) }
        return [scalar]
    }
}

/// Multi-scalar clusters (emoji sequences, accented letters) interned once per process, so
/// cells can refer to them by number. Bounded: past `limit` distinct clusters (only hostile
/// input gets there) a new cluster is shown by its first scalar alone.
final class ClusterPool: @unchecked Sendable {
    static let shared = ClusterPool()
    static let limit = 1 << 16
    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var strings: [String] = [""]

    func id(for s: String) -> UInt32 {
        lock.lock(); defer { lock.unlock() }
        if let id = ids[s] { return id }
        guard strings.count < ClusterPool.limit else { return 0 }
        let id = UInt32(strings.count)
        strings.append(s)
        ids[s] = id
        return id
    }

    func string(_ id: UInt32) -> String {
        lock.lock(); defer { lock.unlock() }
        return Int(id) < strings.count ? strings[Int(id)] : ""
    }
}

/// An in-memory screen: what a view returns and what a backend paints.
///
/// Text gets in only as `SafeText` (or a `String` that the call sanitizes), so no widget can
/// put a terminal command on the screen. Wide glyphs keep the invariant that a width-2 cell
/// is followed by its covered cell on the same row; overwriting either half clears the other.
public struct Buffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// The theme views draw with; not compared by the diff.
    public var theme: Theme
    /// Where the terminal cursor should be shown (an editor's caret), nil to hide it.
    public var cursor: Point?

    public init(size: Size, theme: Theme = .monochrome, style: Style = .plain) {
        self.size = size
        self.theme = theme
        self.cells = [Cell](repeating: .blank(style), count: size.width * size.height)
    }

    public var area: Rect { Rect(size) }

    public static func == (a: Buffer, b: Buffer) -> Bool { a.size == b.size && a.cells == b.cells && a.cursor == b.cursor }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    // MARK: writing

    /// Blank every cell of `rect` with `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            fixWideEdges(y: y, from: r.x, to: r.maxX)
            let base = y * size.width
            for x in r.x..<r.maxX { cells[base + x] = .blank(style) }
        }
    }

    /// Blank `rect` with a theme role's style.
    public mutating func fill(_ rect: Rect, role: Role) { fill(rect, style: theme[role]) }

    /// Replace the style of every cell in `rect`, keeping the text.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * size.width + x].style = style } }
        syncContinuationStyles(r)
    }

    /// Lay `style` over the cells of `rect` (see `Style.patched`).
    public mutating func patchStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * size.width + x].style = cells[y * size.width + x].style.patched(with: style) } }
        syncContinuationStyles(r)
    }

    /// Writes one row of text at (x, y), clipped to `clip` (default: the whole buffer).
    /// A wide glyph that would straddle the clip edge is replaced by a space.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: SafeText, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        putLine(text.singleLine, x: x, y: y, style: style, clip: clip ?? area)
    }

    /// Sanitizes `text`, then writes it as `put(_: SafeText, ...)` does. For text built in a frame;
    /// data shown every frame is better sanitized once into a `SafeText`.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        put(SafeText(text), x: x, y: y, style: style, clip: clip)
    }

    /// Writes `text` into row `row` of `rect`, aligned and truncated with an ellipsis to fit.
    @discardableResult
    public mutating func put(_ text: SafeText, in rect: Rect, row: Int = 0, align: Alignment = .left, style: Style = .plain) -> Int {
        guard row >= 0, row < rect.height, rect.width > 0 else { return 0 }
        let line = text.singleLine
        var x = rect.x
        if align != .left {
            let w = Glyphs.width(line, limit: rect.width)
            if w < rect.width { x = align == .right ? rect.maxX - w : rect.x + (rect.width - w) / 2 }
        }
        return putLine(line, x: x, y: rect.y + row, style: style, clip: rect, ellipsis: true)
    }

    /// Writes one row of sanitized text (callers inside the module pass text that came from a
    /// `SafeText` or literals of their own). With `ellipsis`, text that does not fit ends in
    /// "…" within the clip; without, it is cut, and a wide glyph straddling the edge becomes a space.
    @usableFromInline @discardableResult
    mutating func putLine(_ line: String, x startX: Int, y: Int, style: Style, clip: Rect, ellipsis: Bool = false) -> Int {
        let c = clip.intersection(area)
        guard y >= c.y, y < c.maxY, !c.isEmpty else { return 0 }
        var x = startX
        var lastFit = max(startX, c.x)        // end of the text that leaves room for the ellipsis
        let maxX = c.maxX
        var overflowed = false
        Glyphs.forEach(line) { first, cluster, w in
            if w == 0 { return true }
            if x < c.x {                          // scrolled off the left edge
                x += w
                if x > c.x { set(x: c.x, y: y, cell: .blank(style)) }
                lastFit = max(lastFit, x)
                return true
            }
            if x + w > maxX { overflowed = true; return false }
            set(x: x, y: y, cell: Cell(scalar: first, cluster: cluster, width: UInt8(w), style: style))
            x += w
            if x <= maxX - 1 { lastFit = x }
            return true
        }
        guard overflowed else { return max(0, x - max(startX, c.x)) }
        if !ellipsis {
            if x < maxX { set(x: x, y: y, cell: .blank(style)); x += 1 }
            return max(0, x - max(startX, c.x))
        }
        // Replace what follows the last glyph that leaves one column with the ellipsis.
        for bx in lastFit..<maxX { set(x: bx, y: y, cell: .blank(style)) }
        set(x: lastFit, y: y, cell: Cell(scalar: "…", cluster: nil, width: 1, style: style))
        return lastFit + 1 - max(startX, c.x)
    }

    /// Places one cell and keeps wide glyphs whole: a glyph half that gets overwritten
    /// takes its other half with it (as a terminal would).
    @usableFromInline
    mutating func set(x: Int, y: Int, cell: Cell) {
        let w = size.width
        guard x >= 0, x < w, y >= 0, y < size.height else { return }
        let i = y * w + x
        if cell.width == 2 && x + 1 >= w { cells[i] = .blank(cell.style); return }
        let old = cells[i]
        if old.width == 0 && x > 0 { cells[i - 1] = .blank(cells[i - 1].style) }
        if old.width == 2 && x + 1 < w { cells[i + 1] = .blank(cells[i + 1].style) }
        cells[i] = cell
        if cell.width == 2 {
            let next = cells[i + 1]
            if next.width == 2 && x + 2 < w { cells[i + 2] = .blank(cells[i + 2].style) }
            cells[i + 1] = .continuation(cell.style)
        }
    }

    /// Before blanking [from, to) on row y, clear wide glyphs cut by its edges.
    private mutating func fixWideEdges(y: Int, from: Int, to: Int) {
        let base = y * size.width
        if from > 0 && from < size.width && cells[base + from].width == 0 { cells[base + from - 1] = .blank(cells[base + from - 1].style) }
        if to < size.width && to > 0 && cells[base + to].width == 0 { cells[base + to] = .blank(cells[base + to].style) }
    }

    private mutating func syncContinuationStyles(_ r: Rect) {
        for y in r.y..<r.maxY {
            let base = y * size.width
            for x in max(r.x, 1)..<min(r.maxX + 1, size.width) where cells[base + x].width == 0 {
                cells[base + x].style = cells[base + x - 1].style
            }
        }
    }

    // MARK: reading

    /// The text of row `y` as a terminal would show it (covered halves skipped).
    public func rowText(_ y: Int) -> String {
        var s = ""
        let base = y * size.width
        for x in 0..<size.width {
            let c = cells[base + x]
            if c.width == 0 { continue }
            if c.clusterID != 0 { s += ClusterPool.shared.string(c.clusterID) } else { s.unicodeScalars.append(c.scalar) }
        }
        return s
    }

    public var textLines: [String] { (0..<size.height).map(rowText) }
}
