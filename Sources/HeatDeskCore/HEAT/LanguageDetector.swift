import Foundation

/// Tells Chinese from English by the share of CJK characters among the letters of a text.
/// Codes, names and flight numbers in Latin letters sit inside Chinese replies all the time,
/// so a text counts as Chinese from a 30% share on.
public enum LanguageDetector {
    public static let chineseShare = 0.3

    /// CJK characters / (CJK characters + Latin letters); nil when the text has neither.
    public static func cjkShare(_ text: String) -> Double? {
        var cjk = 0, latin = 0
        for u in text.unicodeScalars {
            let v = u.value
            if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0xC0...0x24F).contains(v) {
                latin += 1
            } else if isCJK(v) {
                cjk += 1
            }
        }
        guard cjk + latin > 0 else { return nil }
        return Double(cjk) / Double(cjk + latin)
    }

    /// The text's language; nil when it has no letters at all.
    public static func detect(_ text: String) -> ReplyLanguage? {
        guard let share = cjkShare(text) else { return nil }
        return share >= chineseShare ? .zh : .en
    }

    /// Han ideographs (unified, extensions, compatibility), kana and hangul do not count as Chinese
    /// prose for a Chinese reader but are CJK text all the same; only Han counts here.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2EBEF).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }
}
