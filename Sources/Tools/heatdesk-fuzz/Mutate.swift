import HeatDeskImport

/// Byte-level and structure-aware mutations. Every choice comes from the case's `GenRandom`,
/// so a seed and a case index give the same bytes on every machine.
enum Mutate {
    /// Bytes that mean something to one of the readers, or to a terminal.
    static let tokens: [[UInt8]] = [
        [0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0x00], [0x5C], [0x7B], [0x7D], [0x5B], [0x5D], [0x3A], [0x09], [0x20],
        [0xEF, 0xBB, 0xBF],                              // BOM
        [0xCD, 0xF5], [0xCC, 0xA8], [0xC0, 0xF6], [0x81, 0x30, 0x81, 0x30], [0x81, 0x20], [0xFE, 0x39, 0xFE, 0x39], // GB18030
        [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xFF], [0xE4, 0xB8], [0xF0, 0x9F], // invalid UTF-8
        [0xCC, 0x81], [0xE2, 0x80, 0x8D], [0xE2, 0x80, 0xAE], [0xE2, 0x80, 0xA8], [0xC2, 0x85], [0xC2, 0x9B], // combining, ZWJ, RLO, LS, NEL, CSI
        Array("\u{1B}[31m".utf8), Array("\u{1B}]0;title\u{07}".utf8), Array("\u{1B}[2J".utf8), [0x07], [0x08], [0x7F],
        Array("\"\"".utf8), Array("\",\"".utf8), Array("\\\"".utf8), Array("\\u0000".utf8), Array("\\ud800".utf8),
        Array("\\udc00\\ud800".utf8), Array("\\uD83D\\uDE00".utf8), Array("\\x".utf8),
        Array("{{".utf8), Array("}}".utf8), Array("{{#".utf8), Array("{{/".utf8), Array("{{^".utf8), Array("{{?".utf8), Array("| \"".utf8),
        Array("1e999".utf8), Array("-0".utf8), Array("99999999999999999999".utf8), Array("-9223372036854775808".utf8),
        Array("0.1e-400".utf8), Array("null".utf8), Array("true".utf8), Array("[]".utf8), Array("{}".utf8), Array("NaN".utf8),
        Array("&a [*a, *a]".utf8), Array("!!binary".utf8), Array("- ".utf8), Array(": ".utf8), Array("# ".utf8), Array("---\n".utf8),
        Array(" = ".utf8), Array("王丽娜".utf8), Array("🧳👨‍👩‍👧".utf8), Array("yesterday".utf8), Array("2026-02-30T25:61:00Z".utf8),
    ]

    static func token(_ r: inout GenRandom) -> [UInt8] { r.pick(tokens) }

    /// One to a few mutations.
    static func mutate(_ input: [UInt8], _ r: inout GenRandom, rounds: Int? = nil) -> [UInt8] {
        var b = input
        for _ in 0..<(rounds ?? r.geometric(max: 6)) { once(&b, &r) }
        return b
    }

    static func once(_ b: inout [UInt8], _ r: inout GenRandom) {
        switch r.weighted([10, 8, 14, 6, 4, 8, 2, 4, 3, 5, 8, 6, 4, 3]) {
        case 0: // flip a bit
            guard !b.isEmpty else { return }
            b[r.below(b.count)] ^= UInt8(1 << r.below(8))
        case 1: // set a byte
            guard !b.isEmpty else { return }
            b[r.below(b.count)] = r.pick([0x00, 0xFF, 0x22, 0x2C, 0x0A, 0x0D, 0x5C, 0x7B, 0x7D, 0x1B, 0x80, 0xC0, 0xCC, 0x20, UInt8(r.below(256))])
        case 2: // insert a token
            b.insert(contentsOf: token(&r), at: r.below(b.count + 1))
        case 3: // delete a short range
            guard !b.isEmpty else { return }
            let at = r.below(b.count)
            b.removeSubrange(at..<min(b.count, at + r.int(1...16)))
        case 4: // copy a range elsewhere
            guard b.count > 1 else { return }
            let at = r.below(b.count), n = r.int(1...min(64, b.count - at))
            let piece = Array(b[at..<(at + n)])
            b.insert(contentsOf: piece, at: r.below(b.count + 1))
        case 5: // truncate at a kind of place
            truncate(&b, &r)
        case 6: // a huge field
            huge(&b, &r)
        case 7: // newlines: all CRLF, all CR, or a mix
            newlines(&b, &r)
        case 8: // BOM at the start (sometimes twice, sometimes half of one)
            b.insert(contentsOf: r.pick([[0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0xFE, 0xFF]]), at: 0)
        case 9: // lines: swap, duplicate, delete one
            lines(&b, &r)
        case 10: // CSV: an extra or a missing column, a broken quote
            csv(&b, &r)
        case 11: // JSON: break the structure or change a value's type
            json(&b, &r)
        case 12: // NUL bytes and controls inside text
            b.insert(contentsOf: r.pick([[0x00], [0x00, 0x00], [0x1B], [0x00, 0x0A], [0x0B, 0x0C]]), at: r.below(b.count + 1))
        default: // deep nesting
            let depth = r.pick([40, 70, 200, 3000])
            let (open, close): (UInt8, UInt8) = r.bool() ? (0x5B, 0x5D) : (0x7B, 0x7D)
            let at = r.below(b.count + 1)
            b.insert(contentsOf: [UInt8](repeating: open, count: depth) + (r.bool() ? [UInt8](repeating: close, count: depth) : []), at: at)
        }
    }

    static func truncate(_ b: inout [UInt8], _ r: inout GenRandom) {
        guard !b.isEmpty else { return }
        if r.percent(3) { b.removeSubrange(min(b.count, r.int(0...4))...); return }   // almost nothing left
        // Places: anywhere, just before/after a newline, inside quotes, after a comma, inside a
        // multi-byte sequence, right after the BOM, just before the last byte.
        let places: [(UInt8) -> Bool] = [{ _ in true }, { $0 == 0x0A }, { $0 == 0x22 }, { $0 == 0x2C }, { $0 >= 0x80 }, { $0 == 0x0D }, { $0 == 0x7D }]
        let want = r.pick(places)
        let candidates = b.indices.filter { want(b[$0]) }
        guard let at = candidates.isEmpty ? nil : candidates[r.below(candidates.count)] else { b.removeLast(); return }
        let cut = min(b.count, at + r.int(0...1))
        b.removeSubrange(cut...)
    }

    static func huge(_ b: inout [UInt8], _ r: inout GenRandom) {
        let n = r.pick([1000, 17_000, 70_000, (1 << 20) - 3, (1 << 20) + 1, (1 << 20) + 70_000])
        let unit: [UInt8] = r.pick([[0x78], Array("台".utf8), [0x22, 0x22], [0x2C], [0x00], [0x0A]])
        var piece: [UInt8] = []
        piece.reserveCapacity(n + 4)
        while piece.count < n { piece += unit }
        b.insert(contentsOf: piece, at: insertionPoint(b, &r))
    }

    /// Mostly inside a line's text rather than at random bytes, so a field grows.
    static func insertionPoint(_ b: [UInt8], _ r: inout GenRandom) -> Int {
        let commas = b.indices.filter { b[$0] == 0x2C || b[$0] == 0x3A }
        if !commas.isEmpty && r.bool() { return commas[r.below(commas.count)] + 1 }
        return r.below(b.count + 1)
    }

    static func newlines(_ b: inout [UInt8], _ r: inout GenRandom) {
        let mode = r.below(3)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 16)
        for x in b {
            if x == 0x0A {
                switch mode {
                case 0: out += [0x0D, 0x0A]
                case 1: out.append(0x0D)
                default: out += r.pick([[0x0A], [0x0D, 0x0A], [0x0D], [0x0A, 0x0D], [0x0D, 0x0D, 0x0A]])
                }
            } else { out.append(x) }
        }
        b = out
    }

    static func lineRanges(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, x) in b.enumerated() where x == 0x0A { out.append(start..<(i + 1)); start = i + 1 }
        if start < b.count { out.append(start..<b.count) }
        return out
    }

    static func lines(_ b: inout [UInt8], _ r: inout GenRandom) {
        let ls = lineRanges(b)
        guard ls.count > 1 else { return }
        let a = ls[r.below(ls.count)], c = ls[r.below(ls.count)]
        switch r.below(4) {
        case 0: // duplicate
            b.insert(contentsOf: Array(b[a]), at: c.lowerBound)
        case 1: // delete
            b.removeSubrange(a)
        case 2: // swap
            guard a != c else { return }
            let (x, y) = a.lowerBound < c.lowerBound ? (a, c) : (c, a)
            let first = Array(b[x]), second = Array(b[y])
            b.replaceSubrange(y, with: first)
            b.replaceSubrange(x, with: second)
        default: // blank lines
            b.insert(contentsOf: r.pick([[0x0A], [0x20, 0x09, 0x0A], [0x0D, 0x0A], [0x2C, 0x2C, 0x0A], [0x22, 0x22, 0x0A]]), at: a.lowerBound)
        }
    }

    static func csv(_ b: inout [UInt8], _ r: inout GenRandom) {
        let ls = lineRanges(b)
        guard !ls.isEmpty else { return }
        let l = ls[r.below(ls.count)]
        let commas = l.filter { b[$0] == 0x2C }
        switch r.below(6) {
        case 0: // extra column(s) at the end of a line
            var end = l.upperBound
            while end > l.lowerBound, b[end - 1] == 0x0A || b[end - 1] == 0x0D { end -= 1 }
            b.insert(contentsOf: r.pick([Array(",x".utf8), Array(",".utf8), Array(",\"a,b\"".utf8), Array(",,,".utf8)]), at: end)
        case 1: // a missing column
            guard let c = commas.isEmpty ? nil : commas[r.below(commas.count)] else { return }
            var e = c + 1
            while e < l.upperBound, b[e] != 0x2C, b[e] != 0x0A { e += 1 }
            b.removeSubrange(c..<e)
        case 2: // open a quote that is never closed
            let at = commas.isEmpty ? l.lowerBound : commas[r.below(commas.count)] + 1
            b.insert(0x22, at: at)
        case 3: // a stray quote inside an unquoted field
            b.insert(0x22, at: r.int(l.lowerBound...max(l.lowerBound, l.upperBound - 1)))
        case 4: // text after a closing quote
            let at = commas.isEmpty ? l.lowerBound : commas[r.below(commas.count)] + 1
            b.insert(contentsOf: Array("\"quoted\"tail".utf8), at: at)
        default: // a quoted field with a newline and a doubled quote inside
            let at = commas.isEmpty ? l.lowerBound : commas[r.below(commas.count)] + 1
            b.insert(contentsOf: r.pick([Array("\"a\nb \"\"c\"\", d\",".utf8), Array("\"\u{301}accent, comma\",".utf8),
                                         [0x22, 0xCC, 0xA8, 0xB1, 0xB1, 0x2C, 0x22, 0x2C]]), at: at)
        }
    }

    static func json(_ b: inout [UInt8], _ r: inout GenRandom) {
        let quotes = b.indices.filter { b[$0] == 0x22 }
        let colons = b.indices.filter { b[$0] == 0x3A }
        switch r.below(6) {
        case 0: // drop a closing brace or bracket
            let closers = b.indices.filter { b[$0] == 0x7D || b[$0] == 0x5D }
            guard !closers.isEmpty else { return }
            b.remove(at: closers[r.below(closers.count)])
        case 1: // replace a value after a colon with another type
            guard !colons.isEmpty else { return }
            let at = colons[r.below(colons.count)] + 1
            var end = at
            var depth = 0, inString = false
            while end < b.count {
                let x = b[end]
                if inString { if x == 0x5C { end += 1 } else if x == 0x22 { inString = false } }
                else if x == 0x22 { inString = true }
                else if x == 0x7B || x == 0x5B { depth += 1 }
                else if x == 0x7D || x == 0x5D { if depth == 0 { break }; depth -= 1 }
                else if x == 0x2C && depth == 0 { break }
                else if x == 0x0A { break }
                end += 1
            }
            b.replaceSubrange(at..<min(end, b.count), with: r.pick([Array("null".utf8), Array("42".utf8), Array("[1,\"a\",{}]".utf8),
                                                                    Array("{\"a\":{\"b\":[]}}".utf8), Array("\"\"".utf8), Array("true".utf8),
                                                                    Array("-1.5e308".utf8), Array("\"\\u0000\\u001b[2J\"".utf8)]))
        case 2: // duplicate a key: copy `"key":value,` right after the opening brace
            guard let open = b.firstIndex(of: 0x7B), let q = quotes.first(where: { $0 > open }), let c = colons.first(where: { $0 > q }) else { return }
            var e = c + 1
            while e < b.count, b[e] != 0x2C, b[e] != 0x7D, b[e] != 0x0A { e += 1 }
            b.insert(contentsOf: Array(b[q..<e]) + [0x2C], at: open + 1)
        case 3: // break a string: remove a quote
            guard !quotes.isEmpty else { return }
            b.remove(at: quotes[r.below(quotes.count)])
        case 4: // an escape inside a string
            guard !quotes.isEmpty else { return }
            b.insert(contentsOf: r.pick([Array("\\u00e9".utf8), Array("\\ud83d".utf8), Array("\\uZZZZ".utf8), Array("\\".utf8),
                                         Array("\\n\\t\\/".utf8), Array("\\u0000".utf8)]), at: quotes[r.below(quotes.count)] + 1)
        default: // trailing garbage after the object
            let ls = lineRanges(b)
            guard let l = ls.isEmpty ? nil : ls[r.below(ls.count)] else { return }
            var end = l.upperBound
            while end > l.lowerBound, b[end - 1] == 0x0A || b[end - 1] == 0x0D { end -= 1 }
            b.insert(contentsOf: r.pick([Array(",".utf8), Array("}".utf8), Array(" {}".utf8), Array(" x".utf8)]), at: end)
        }
    }
}
