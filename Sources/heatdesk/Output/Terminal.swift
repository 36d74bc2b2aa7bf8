import Foundation
import TerminalKit

/// The one way the executable writes text: every byte any command sends to stdout or stderr
/// goes through here, so a path, an id or a message holding ESC, BEL, a bidi override or a
/// zero-width character is shown (`^[`, `<U+202E>`) and never executed, exactly as the screens
/// show ticket text (TerminalKit's `Sanitizer`, Docs/terminal-toolkit.md).
///
/// Plain text is sanitized line by line (line breaks kept). JSON for scripts keeps its data
/// whole: what the sanitizer would replace is written as a `\uXXXX` escape instead, which a
/// JSON reader turns back into the same character and a terminal cannot execute.
enum Terminal {
    /// Lines for stdout (a newline is added, as `print` does).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((plain(text) + "\n").utf8))
    }

    /// JSON for stdout (a newline is added).
    static func json(_ text: String) {
        FileHandle.standardOutput.write(Data((jsonSafe(text) + "\n").utf8))
    }

    /// A message for stderr, as given (add the newline yourself).
    static func err(_ text: String) {
        FileHandle.standardError.write(Data(plain(text).utf8))
    }

    /// Text with every line passed through the sanitizer; line breaks are kept.
    static func plain(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return text }
        return Sanitizer.lines(text).joined(separator: "\n")
    }

    /// JSON text whose invisible and executable characters are escaped, losslessly.
    static func jsonSafe(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\n" || Sanitizer.visible(s) == nil { out.append(s); continue }
            // Only inside strings can such a character occur in valid JSON, where an escape
            // means the same; characters beyond the BMP take a surrogate pair.
            for unit in String(s).utf16 {
                let hex = String(unit, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(out)
    }
}
