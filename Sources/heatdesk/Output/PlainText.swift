import Foundation

/// Plain-text output for the scriptable verbs: untrusted text made harmless, columns measured
/// in terminal cells so Chinese names line up.
enum Sanitize {
    /// One line of untrusted text: controls and bidi overrides shown, never executed.
    static func line(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: out += " "
            case 0x09: out += "    "
            case 0x00..<0x20, 0x7F: out += "^" + String(UnicodeScalar(UInt8((scalar.value + 64) & 0x7F)))
            case 0x80...0x9F: out += "<U+\(String(scalar.value, radix: 16, uppercase: true))>"
            default:
                if scalar.properties.generalCategory == .format && scalar.value != 0x200D {
                    out += "<U+\(String(scalar.value, radix: 16, uppercase: true))>"
                } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Multi-line untrusted text: each line sanitized, line breaks kept.
    static func block(_ s: String) -> [String] {
        s.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
    }
}

enum Columns {
    /// Terminal cells a string takes: East Asian wide and fullwidth characters take two.
    static func width(_ s: String) -> Int {
        var w = 0
        for ch in s { w += width(ch) }
        return w
    }

    static func width(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        if first.properties.isEmojiPresentation || ch.unicodeScalars.count > 1 && ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return first.properties.generalCategory == .nonspacingMark ? 0 : 1
        }
    }

    /// Cuts to `cells`, ending with `…` when cut; never splits a wide character.
    static func fit(_ s: String, _ cells: Int) -> String {
        if width(s) <= cells { return s + String(repeating: " ", count: cells - width(s)) }
        var out = "", w = 0
        for ch in s {
            let cw = width(ch)
            if w + cw > cells - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…" + String(repeating: " ", count: max(0, cells - w - 1))
    }
}
