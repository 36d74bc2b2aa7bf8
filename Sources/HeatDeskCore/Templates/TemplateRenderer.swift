import Foundation

/// Something the agent must fill before a rendered reply can be sent.
public struct MissingValue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// A ticket value the context lacks and the template gave no fallback for.
        case value
        /// A `{{? label}}` blank.
        case blank
    }
    public var kind: Kind
    /// The name (`order.flight.number`) or the blank's label (`new departure time`): the key `--set` takes.
    public var key: String
    /// Where it first appears in the body.
    public var position: SourcePosition

    public init(kind: Kind, key: String, position: SourcePosition) { self.kind = kind; self.key = key; self.position = position }

    public var description: String { kind == .blank ? "? \(key)" : key }

    /// What to show the agent: the blank's label, or the name with what it means.
    public var prompt: String {
        if kind == .blank { return key }
        if let info = TemplateNames.info(key) { return "\(key) (\(info.meaning))" }
        return key
    }
}

/// The outcome of rendering: the text when complete, and in any case the pieces, so a screen
/// can show the draft with its holes marked.
public struct RenderedReply: Equatable, Sendable {
    public enum Segment: Equatable, Sendable {
        case text(String)
        /// A value that came from the ticket, a fallback or an override (already sanitized).
        case value(name: String, text: String)
        /// Something still to fill.
        case hole(MissingValue)
    }
    public var language: ReplyLanguage
    public var segments: [Segment]
    /// What must be filled, each once, in order of first appearance.
    public var missing: [MissingValue]

    public var isComplete: Bool { missing.isEmpty }

    /// The reply to send; nil while something is missing (never raw braces).
    public var text: String? { isComplete ? preview : nil }

    /// The reply with each hole written as `【待填：label】` / `[to fill: label]`.
    public var preview: String {
        var out = ""
        for s in segments {
            switch s {
            case .text(let t), .value(_, let t): out += t
            case .hole(let m): out += RenderedReply.holeMarker(m.key, language)
            }
        }
        return out
    }

    public static func holeMarker(_ label: String, _ language: ReplyLanguage) -> String {
        language == .zh ? "【待填：\(label)】" : "[to fill: \(label)]"
    }
}

/// Fills a parsed template from a context. One pass over the parsed body: the values are
/// never re-read as template text, so data cannot change the template.
public enum TemplateRenderer {
    /// Renders `template` for `context`. `overrides` maps a name or a blank's label (with or
    /// without a leading `?`) to the text to use; overrides win over the ticket's data.
    public static func render(_ template: Template, context: TemplateContext, overrides: [String: String] = [:]) -> RenderedReply {
        render(template.document, language: template.language, context: context, overrides: overrides)
    }

    public static func render(_ document: TemplateDocument, language: ReplyLanguage, context: TemplateContext,
                              overrides: [String: String] = [:]) -> RenderedReply {
        var clean: [String: String] = [:]
        for (k, v) in overrides {
            var key = k.trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("?") { key = String(key.dropFirst()).trimmingCharacters(in: .whitespaces) }
            let value = ValueSanitizer.clean(v)
            if !value.isEmpty { clean[key] = value }
        }
        var r = RenderedReply(language: language, segments: [], missing: [])
        r.segments.reserveCapacity(document.nodes.count)
        var seen = Set<String>()
        emit(document.nodes, language: language, context: context, overrides: clean, into: &r, seen: &seen)
        return r
    }

    private static func emit(_ nodes: [TemplateNode], language: ReplyLanguage, context: TemplateContext,
                             overrides: [String: String], into r: inout RenderedReply, seen: inout Set<String>) {
        for node in nodes {
            switch node {
            case .text(let t):
                r.segments.append(.text(t))
            case .value(let name, let fallback, let at):
                if let v = overrides[name] ?? context.value(name, language) {
                    r.segments.append(.value(name: name, text: v))
                } else if let fallback {
                    if !fallback.isEmpty { r.segments.append(.value(name: name, text: fallback)) }
                } else {
                    let m = MissingValue(kind: .value, key: name, position: at)
                    r.segments.append(.hole(m))
                    if seen.insert("v:" + name).inserted { r.missing.append(m) }
                }
            case .blank(let label, let at):
                if let v = overrides[label] {
                    r.segments.append(.value(name: "?" + label, text: v))
                } else {
                    let m = MissingValue(kind: .blank, key: label, position: at)
                    r.segments.append(.hole(m))
                    if seen.insert("b:" + label).inserted { r.missing.append(m) }
                }
            case .section(let name, let inverted, let children, _):
                let present = overrides[name] != nil || context.isPresent(name)
                if present != inverted {
                    emit(children, language: language, context: context, overrides: overrides, into: &r, seen: &seen)
                }
            }
        }
    }
}
