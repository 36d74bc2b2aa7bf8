import TerminalKit

/// Plain-text output for the scriptable verbs, through the terminal toolkit: untrusted text made
/// harmless by its sanitizer, columns measured in terminal cells so Chinese names line up.
enum Sanitize {
    /// One line of untrusted text: controls and bidi overrides shown, never executed.
    static func line(_ s: String) -> String { Sanitizer.singleLine(s) }

    /// Multi-line untrusted text: each line sanitized, line breaks kept.
    static func block(_ s: String) -> [String] { Sanitizer.lines(s) }
}

enum Columns {
    /// Pads or cuts to `cells` columns, with an ellipsis when cut; never splits a wide character.
    static func fit(_ s: String, _ cells: Int) -> String { TextLayout.fit(s, to: cells) }
}
