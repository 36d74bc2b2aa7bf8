import Foundation
import HeatDeskCore

/// What a command prints and how it exits: the CLI writes `stdout` to standard output,
/// `stderr` to standard error, and exits with `exitCode`.
public struct CommandOutput: Equatable, Sendable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32
    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout; self.stderr = stderr; self.exitCode = exitCode
    }
}

/// A bad command-line value, with a message for standard error (exit 2).
public struct TemplateCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The logic behind `heatdesk templates list|lint|render` and `heatdesk check`; the CLI only
/// parses arguments, loads the ticket and calls these.
public enum TemplateCommands {
    // MARK: list

    /// `heatdesk templates list [--product P] [--situation S] [--lang L]`. Filter words are
    /// validated; an unknown word throws with the accepted ones.
    public static func list(_ library: TemplateLibrary, product: String? = nil, situation: String? = nil,
                            language: String? = nil, json: Bool = false) throws(TemplateCommandError) -> CommandOutput {
        let p: TemplateProduct? = try product.map { w throws(TemplateCommandError) in try parse(w, "--product") }
        let s: Situation? = try situation.map { w throws(TemplateCommandError) in try parse(w, "--situation") }
        let l: ReplyLanguage? = try language.map { w throws(TemplateCommandError) in try parse(w, "--lang") }
        let rows = library.filter(product: p, situation: s, language: l)
        if json {
            let items = rows.map { ListItem(id: $0.id, twin: $0.group, title: $0.title, language: $0.language.rawValue, product: $0.product.rawValue,
                                            situation: $0.situation.rawValue, audience: $0.audience.rawValue, heat: $0.elementsLabel) }
            return CommandOutput(stdout: encode(items))
        }
        let idWidth = max(2, rows.map { $0.id.count }.max() ?? 2)
        let sitWidth = max(9, rows.map { $0.situation.rawValue.count }.max() ?? 9)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var out = pad("ID", idWidth) + "  LANG  " + pad("PRODUCT", 7) + "  " + pad("SITUATION", sitWidth) + "  HEAT  TITLE\n"
        for t in rows {
            out += pad(t.id, idWidth) + "  " + pad(t.language.rawValue, 4) + "  " + pad(t.product.rawValue, 7) + "  "
                + pad(t.situation.rawValue, sitWidth) + "  " + pad(t.elementsLabel, 4) + "  " + t.title + "\n"
        }
        out += "\(rows.count) template\(rows.count == 1 ? "" : "s")\n"
        return CommandOutput(stdout: out)
    }

    struct ListItem: Codable { var id, twin, title, language, product, situation, audience, heat: String }

    // MARK: lint

    /// `heatdesk templates lint`: exit 1 when there are errors.
    public static func lint(directory: URL, json: Bool = false) -> CommandOutput {
        let report = TemplateLinter.lint(directory: directory)
        return CommandOutput(stdout: json ? encode(report) : report.text, exitCode: report.exitCode)
    }

    // MARK: render

    /// Parses `--set NAME=VALUE` arguments. The key is a name (`order.flight.number`) or a
    /// blank's label, with or without a leading `?` (`"? new departure time=10:40"`).
    public static func parseSets(_ sets: [String]) throws(TemplateCommandError) -> [String: String] {
        var out: [String: String] = [:]
        for s in sets {
            guard let eq = s.firstIndex(of: "=") else { throw TemplateCommandError("--set \(s): expected NAME=VALUE") }
            var key = s[..<eq].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("?") { key = String(key.dropFirst()).trimmingCharacters(in: .whitespaces) }
            guard !key.isEmpty else { throw TemplateCommandError("--set \(s): the name before '=' is empty") }
            out[key] = String(s[s.index(after: eq)...])
        }
        return out
    }

    /// The outcome of rendering one template for one ticket.
    public struct RenderOutcome: Sendable, Equatable {
        public var template: Template
        public var reply: RenderedReply
        /// The checker's findings when asked for (`--check`) and the reply is complete.
        public var findings: [Finding]?
    }

    /// Renders template `id` for `context` with `--set` overrides; throws on an unknown id or a
    /// `--set` key the template does not use.
    public static func render(_ library: TemplateLibrary, id: String, context: TemplateContext, sets: [String] = [],
                              check: Bool = false) throws(TemplateCommandError) -> RenderOutcome {
        guard let template = library.template(id: id) else {
            var message = "no template '\(id)'"
            let near = library.templates.map(\.id).filter { $0.hasPrefix(Template.stem(of: id)) || id.hasPrefix($0.split(separator: ".").first.map(String.init) ?? "\u{0}") }
            if !near.isEmpty { message += "; similar: \(near.prefix(4).joined(separator: ", "))" }
            message += " (heatdesk templates list shows them all)"
            throw TemplateCommandError(message)
        }
        let overrides = try parseSets(sets)
        let usable = Set(template.document.names + template.document.blanks)
        for key in overrides.keys.sorted() where !usable.contains(key) {
            let blanks = template.document.blanks
            throw TemplateCommandError("--set \(key): template \(id) has no name or blank '\(key)'"
                                       + (blanks.isEmpty ? "" : "; its blanks: \(blanks.joined(separator: ", "))"))
        }
        let reply = TemplateRenderer.render(template, context: context, overrides: overrides)
        var findings: [Finding]? = nil
        if check, let text = reply.text {
            findings = HEATChecker.check(text, context: context, audience: template.audience)
        }
        return RenderOutcome(template: template, reply: reply, findings: findings)
    }

    /// `heatdesk templates render ID --ticket T [--set NAME=VALUE]... [--check]`.
    /// Complete: the reply on stdout (then the findings with `--check`, exit 1 if any).
    /// Incomplete: the list of what to fill on stderr, the preview on stdout, exit 3.
    public static func renderOutput(_ outcome: RenderOutcome, json: Bool = false) -> CommandOutput {
        let reply = outcome.reply
        if json {
            let payload = RenderJSON(id: outcome.template.id, language: reply.language.rawValue, complete: reply.isComplete, text: reply.text,
                                     preview: reply.preview, missing: reply.missing, findings: outcome.findings)
            return CommandOutput(stdout: encode(payload), exitCode: reply.isComplete ? ((outcome.findings?.isEmpty ?? true) ? 0 : 1) : 3)
        }
        guard let text = reply.text else {
            var err = "template \(outcome.template.id) needs \(reply.missing.count) value\(reply.missing.count == 1 ? "" : "s") before it can be sent:\n"
            for m in reply.missing {
                err += "  --set \"\(m.key)=…\"   " + (m.kind == .blank ? "blank: \(m.key)" : "missing from the ticket: \(m.prompt)") + "\n"
            }
            return CommandOutput(stdout: reply.preview.hasSuffix("\n") ? reply.preview : reply.preview + "\n", stderr: err, exitCode: 3)
        }
        var out = text.hasSuffix("\n") ? text : text + "\n"
        var code: Int32 = 0
        if let findings = outcome.findings {
            out += "\n" + findingsText(findings, language: reply.language)
            code = findings.isEmpty ? 0 : 1
        }
        return CommandOutput(stdout: out, exitCode: code)
    }

    struct RenderJSON: Codable {
        var id: String, language: String, complete: Bool, text: String?, preview: String
        var missing: [MissingValue]
        var findings: [Finding]?
    }

    // MARK: check

    /// `heatdesk check --ticket T (--text TEXT | FILE)`: the findings, exit 1 when there are any.
    public static func check(draft: String, context: TemplateContext, audience: Audience = .customer, json: Bool = false) -> CommandOutput {
        let findings = HEATChecker.check(draft, context: context, audience: audience)
        if json { return CommandOutput(stdout: encode(findings), exitCode: findings.isEmpty ? 0 : 1) }
        let lang = findings.first?.language ?? LanguageDetector.detect(draft) ?? context.customerLanguage ?? .en
        return CommandOutput(stdout: findingsText(findings, language: lang), exitCode: findings.isEmpty ? 0 : 1)
    }

    /// One block per finding: `[H] H.greeting: reason` then `    → suggestion`.
    public static func findingsText(_ findings: [Finding], language: ReplyLanguage) -> String {
        if findings.isEmpty { return language == .zh ? "HEAT 检查通过：未发现问题\n" : "HEAT check: no findings\n" }
        var out = language == .zh ? "HEAT 检查：\(findings.count) 个问题\n" : "HEAT check: \(findings.count) finding\(findings.count == 1 ? "" : "s")\n"
        for f in findings {
            out += "[\(f.element.rawValue)] \(f.rule.rawValue): \(f.reason)\n    → \(f.suggestion)\n"
        }
        return out
    }

    // MARK: helpers

    static func parse<E: RawRepresentable & CaseIterable>(_ word: String, _ option: String) throws(TemplateCommandError) -> E where E.RawValue == String {
        guard let e = E(rawValue: word.lowercased()) else {
            throw TemplateCommandError("\(option) \(word): expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return e
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else { return "null\n" }
        return s + "\n"
    }
}
