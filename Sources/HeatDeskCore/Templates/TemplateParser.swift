import Foundation

/// A position in a template body: line and column from 1, columns counted in Unicode scalars
/// (the way libyaml counts them, so a body position maps onto its file position).
public struct SourcePosition: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}

/// One piece of a parsed template body.
public indirect enum TemplateNode: Equatable, Sendable {
    /// Literal text, copied as written.
    case text(String)
    /// `{{name}}` or `{{name | "fallback"}}`: a value from the ticket's data.
    case value(name: String, fallback: String?, at: SourcePosition)
    /// `{{? label}}`: something only the agent knows, filled when applying.
    case blank(label: String, at: SourcePosition)
    /// `{{#name}}…{{/name}}` (shown when the value is there) or `{{^name}}…{{/name}}` (when it is not).
    case section(name: String, inverted: Bool, children: [TemplateNode], at: SourcePosition)
}

/// A parsed template body.
public struct TemplateDocument: Equatable, Sendable {
    public var nodes: [TemplateNode]
    public init(nodes: [TemplateNode]) { self.nodes = nodes }

    /// Every data name the body uses (values and sections), in order of first use.
    public var names: [String] {
        var seen = Set<String>(), out: [String] = []
        walk { node in
            switch node {
            case .value(let n, _, _), .section(let n, _, _, _): if seen.insert(n).inserted { out.append(n) }
            default: break
            }
        }
        return out
    }

    /// The labels of the body's blanks, in order of first use.
    public var blanks: [String] {
        var seen = Set<String>(), out: [String] = []
        walk { if case .blank(let l, _) = $0, seen.insert(l).inserted { out.append(l) } }
        return out
    }

    func walk(_ visit: (TemplateNode) -> Void) {
        func go(_ nodes: [TemplateNode]) {
            for n in nodes {
                visit(n)
                if case .section(_, _, let children, _) = n { go(children) }
            }
        }
        go(nodes)
    }
}

/// A mistake in a template body, with its position in the body.
public struct TemplateSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// Malformed tag, unclosed or mismatched section, stray braces.
        case syntax
        /// A name that is not in the closed list (`TemplateNames`).
        case unknownName = "unknown-name"
    }
    public var kind: Kind
    public var position: SourcePosition
    public var message: String

    public init(kind: Kind, position: SourcePosition, message: String) {
        self.kind = kind; self.position = position; self.message = message
    }
    public var description: String { "\(position): \(message)" }
}

/// The placeholder language's parser (Docs/templates.md). Hand-written rather than Mustache:
/// unknown names must be errors with a line and column, blanks and quoted fallbacks are not
/// Mustache, and a renderer that never re-reads its output cannot be steered by the data.
public enum TemplateParser {
    public struct Result: Sendable {
        public var document: TemplateDocument
        /// Every error found, in body order; the document is usable only when this is empty.
        public var errors: [TemplateSyntaxError]
    }

    public static func parse(_ body: String) -> Result {
        var p = Parser(Array(body.unicodeScalars))
        let nodes = p.run()
        return Result(document: TemplateDocument(nodes: nodes), errors: p.errors)
    }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        var errors: [TemplateSyntaxError] = []

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func pos(_ index: Int) -> SourcePosition {
            // Column of `index` on the current line (callers ask only about the current line).
            SourcePosition(line: line, column: index - lineStart + 1)
        }

        mutating func fail(_ at: SourcePosition, _ message: String) { fail(.syntax, at, message) }

        mutating func fail(_ kind: TemplateSyntaxError.Kind, _ at: SourcePosition, _ message: String) {
            errors.append(TemplateSyntaxError(kind: kind, position: at, message: message))
        }

        struct Frame { var name: String; var inverted: Bool; var at: SourcePosition; var nodes: [TemplateNode] }

        mutating func run() -> [TemplateNode] {
            var stack: [Frame] = [Frame(name: "", inverted: false, at: SourcePosition(line: 1, column: 1), nodes: [])]
            var text = String.UnicodeScalarView()

            func flush(_ text: inout String.UnicodeScalarView, into stack: inout [Frame]) {
                if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(String(text))); text = String.UnicodeScalarView() }
            }

            while i < s.count {
                let c = s[i]
                if c == "{", i + 1 < s.count, s[i + 1] == "{" {
                    let open = i
                    let at = pos(open)
                    if i + 2 < s.count, s[i + 2] == "{" {
                        fail(at, "'{{{' is not part of the placeholder language; write {{name}}")
                    }
                    // Find the closing braces on the same line.
                    var j = i + 2
                    var close = -1
                    while j + 1 < s.count, s[j] != "\n" {
                        if s[j] == "}" && s[j + 1] == "}" { close = j; break }
                        j += 1
                    }
                    guard close >= 0 else {
                        fail(at, "unclosed tag: '{{' without '}}' on the same line")
                        // Keep going after the braces so later errors are still reported.
                        i += 2
                        continue
                    }
                    let inner = String(String.UnicodeScalarView(s[(open + 2)..<close]))
                    let trimmed = inner.trimmingCharacters(in: .whitespaces)
                    let innerColumn = at.column + 2 + (inner.unicodeScalars.count - inner.drop(while: { $0 == " " || $0 == "\t" }).unicodeScalars.count)
                    let innerAt = SourcePosition(line: at.line, column: innerColumn)
                    var end = close + 2
                    let first = trimmed.unicodeScalars.first
                    let isStructural = first == "#" || first == "^" || first == "/" || first == "!"
                    if isStructural, standalone(open: open, end: end) {
                        // A section or comment tag alone on its line takes the line with it.
                        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
                        while end < s.count, s[end] == " " || s[end] == "\t" || s[end] == "\r" { end += 1 }
                        if end < s.count, s[end] == "\n" { end += 1; i = end; line += 1; lineStart = end } else { i = end }
                    } else {
                        i = end
                    }
                    switch first {
                    case nil:
                        fail(at, "empty tag '{{}}': write a name, e.g. {{customer.name}}")
                    case "!":
                        break
                    case "?":
                        let label = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
                        if label.isEmpty {
                            fail(at, "a blank needs a label saying what to fill, e.g. {{? new departure time}}")
                        } else if label.contains("{") || label.contains("}") {
                            fail(at, "a blank's label cannot contain braces")
                        } else {
                            flush(&text, into: &stack)
                            stack[stack.count - 1].nodes.append(.blank(label: label, at: at))
                        }
                    case "#", "^":
                        let name = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
                        if checkName(name, at: innerAt, section: true) {
                            flush(&text, into: &stack)
                            stack.append(Frame(name: name, inverted: first == "^", at: at, nodes: []))
                        }
                    case "/":
                        let name = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
                        if stack.count == 1 {
                            fail(at, "'{{/\(name)}}' closes a section that was never opened")
                        } else if stack[stack.count - 1].name != name {
                            let openName = stack[stack.count - 1].name
                            fail(at, "'{{/\(name)}}' does not match the open section '\(openName)' (opened at \(stack[stack.count - 1].at)); close it with {{/\(openName)}}")
                        } else {
                            flush(&text, into: &stack)
                            let frame = stack.removeLast()
                            stack[stack.count - 1].nodes.append(.section(name: frame.name, inverted: frame.inverted, children: frame.nodes, at: frame.at))
                        }
                    default:
                        if let (name, fallback) = parseValue(trimmed, at: innerAt), checkName(name, at: innerAt, section: false) {
                            flush(&text, into: &stack)
                            stack[stack.count - 1].nodes.append(.value(name: name, fallback: fallback, at: at))
                        }
                    }
                    continue
                }
                if c == "}", i + 1 < s.count, s[i + 1] == "}" {
                    fail(pos(i), "stray '}}' outside a tag")
                    i += 2
                    continue
                }
                text.append(c)
                i += 1
                if c == "\n" { line += 1; lineStart = i }
            }
            flush(&text, into: &stack)
            while stack.count > 1 {
                let frame = stack.removeLast()
                fail(frame.at, "section '\(frame.name)' is never closed; add {{/\(frame.name)}}")
                // Keep its content so later checks still see it.
                stack[stack.count - 1].nodes.append(.section(name: frame.name, inverted: frame.inverted, children: frame.nodes, at: frame.at))
            }
            return stack[0].nodes
        }

        /// True when only blanks stand between the start of the line and `open`, and between `end` and the line's end.
        func standalone(open: Int, end: Int) -> Bool {
            var k = open - 1
            while k >= 0, s[k] != "\n" {
                if s[k] != " " && s[k] != "\t" { return false }
                k -= 1
            }
            var m = end
            while m < s.count, s[m] != "\n" {
                if s[m] != " " && s[m] != "\t" && s[m] != "\r" { return false }
                m += 1
            }
            return true
        }

        /// `name` or `name | "fallback"`.
        mutating func parseValue(_ text: String, at: SourcePosition) -> (String, String?)? {
            guard let bar = text.firstIndex(of: "|") else { return (text, nil) }
            let name = text[..<bar].trimmingCharacters(in: .whitespaces)
            let rest = text[text.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            let barColumn = at.column + text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: bar.samePosition(in: text.unicodeScalars) ?? text.unicodeScalars.startIndex)
            let afterBar = text[text.index(after: bar)...]
            let lead = afterBar.unicodeScalars.prefix(while: { $0 == " " || $0 == "\t" }).count
            let restAt = SourcePosition(line: at.line, column: barColumn + 1 + lead)
            guard rest.first == "\"" else {
                fail(restAt, "a fallback is a quoted text after '|', e.g. {{\(name) | \"there\"}}")
                return nil
            }
            var out = ""
            var escaped = false
            var closed = false
            var tail = ""
            for ch in rest.dropFirst() {
                if closed { tail.append(ch); continue }
                if escaped { out.append(ch); escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                if ch == "\"" { closed = true; continue }
                out.append(ch)
            }
            guard closed else { fail(restAt, "the fallback's quote is never closed"); return nil }
            guard tail.trimmingCharacters(in: .whitespaces).isEmpty else {
                fail(restAt, "unexpected text after the fallback: '\(tail.trimmingCharacters(in: .whitespaces))'")
                return nil
            }
            if out.contains("{") || out.contains("}") { fail(restAt, "a fallback cannot contain braces"); return nil }
            return (name, out)
        }

        /// Reports a malformed or unknown name; true when the name is usable here.
        mutating func checkName(_ name: String, at: SourcePosition, section: Bool) -> Bool {
            guard TemplateNames.isWellFormed(name) else {
                fail(at, "'\(name)' is not a name: names are lower-case words joined by dots, e.g. order.flight.number")
                return false
            }
            guard let info = TemplateNames.info(name) else {
                var message = "unknown name '\(name)'"
                if let near = TemplateNames.nearest(to: name) { message += "; did you mean '\(near)'?" }
                message += " (the names are listed in Docs/templates.md)"
                fail(.unknownName, at, message)
                return false
            }
            if !section, info.kind == .flag {
                fail(at, "'\(name)' is a condition, not a value: use it as a section {{#\(name)}}…{{/\(name)}}")
                return false
            }
            return true
        }
    }
}
