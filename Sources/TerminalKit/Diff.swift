/// One cell a backend must write.
public struct CellChange: Equatable, Sendable {
    public let x: Int
    public let y: Int
    public let cell: Cell
}

extension Buffer {
    /// The cells that differ between the frame on screen (`old`) and the next one, left to right,
    /// top to bottom. Covered halves of wide glyphs are never listed: writing the wide glyph
    /// covers them. When a covered half differs but its glyph does not (a style change on half
    /// a glyph), the glyph is listed so the terminal never keeps a stale half.
    /// A missing or differently sized `old` yields every cell: a full repaint.
    public static func diff(from old: Buffer?, to new: Buffer) -> [CellChange] {
        var out: [CellChange] = []
        let w = new.size.width, h = new.size.height
        guard let old, old.size == new.size else {
            out.reserveCapacity(w * h)
            for y in 0..<h { for x in 0..<w where new.cells[y * w + x].width != 0 { out.append(CellChange(x: x, y: y, cell: new.cells[y * w + x])) } }
            return out
        }
        new.cells.withUnsafeBufferPointer { nc in
            old.cells.withUnsafeBufferPointer { oc in
                for y in 0..<h {
                    let base = y * w
                    var lastEmitted = -1
                    for x in 0..<w {
                        let n = nc[base + x]
                        if n == oc[base + x] { continue }
                        if n.width == 0 {
                            if x > 0 && lastEmitted != x - 1 {
                                out.append(CellChange(x: x - 1, y: y, cell: nc[base + x - 1])); lastEmitted = x - 1
                            }
                            continue
                        }
                        out.append(CellChange(x: x, y: y, cell: n)); lastEmitted = x
                    }
                }
            }
        }
        return out
    }
}
