import Foundation
import HeatDeskCore

/// What `heatdesk templates lint` prints and how it exits.
public struct LintReport: Sendable, Codable {
    public var issues: [LintIssue]
    public var templateCount: Int
    public var errorCount: Int { issues.filter { $0.severity == .error }.count }
    public var warningCount: Int { issues.filter { $0.severity == .warning }.count }
    /// Non-zero when there are errors.
    public var exitCode: Int32 { errorCount > 0 ? 1 : 0 }

    /// One line per issue (`file:line:column: error: message [id]`), then a summary line.
    public var text: String {
        var out = issues.map(\.description)
        out.append(errorCount == 0 && warningCount == 0
                   ? "\(templateCount) templates: all lint clean"
                   : "\(templateCount) templates: \(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")")
        return out.joined(separator: "\n") + "\n"
    }
}

/// The library's lint: file syntax, placeholder syntax and names (while reading), then
/// duplicate ids, twins and the HEAT elements each template declares.
public enum TemplateLinter {
    public static func lint(directory: URL) -> LintReport {
        let (library, readIssues) = TemplateLibrary.read(directory: directory)
        let issues = readIssues + lint(library)
        return LintReport(issues: sorted(issues), templateCount: library.templates.count)
    }

    /// Twin and HEAT checks of templates already read.
    public static func lint(_ library: TemplateLibrary) -> [LintIssue] {
        var issues: [LintIssue] = []
        func at(_ t: Template) -> TemplateSource { library.sources[t.id] ?? TemplateSource(file: "?", line: 0, column: 0) }
        func add(_ severity: LintIssue.Severity, _ code: LintIssue.Code, _ t: Template, _ message: String) {
            let s = at(t)
            issues.append(LintIssue(severity, code, file: s.file, line: s.line, column: s.column, templateID: t.id, message: message))
        }
        var groups: [String: [Template]] = [:]
        for t in library.templates { groups[t.group, default: []].append(t) }
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) {
            for lang in ReplyLanguage.allCases {
                let same = members.filter { $0.language == lang }
                if same.count > 1 {
                    for t in same.dropFirst() { add(.error, .missingTwin, t, "group '\(group)' has more than one \(lang.rawValue) template (\(same.map(\.id).joined(separator: ", ")))") }
                }
            }
            if let only = members.first, !members.contains(where: { $0.language != only.language }),
               !library.unreadIDs.contains(where: { Template.stem(of: $0) == group }) {
                add(.error, .missingTwin, only, "no \(only.language.other.rawValue) twin: add a template with id '\(group).\(only.language.other.rawValue)' (or twin: \(group))")
            }
            if let zh = members.first(where: { $0.language == .zh }), let en = members.first(where: { $0.language == .en }) {
                if zh.product != en.product || zh.situation != en.situation || zh.audience != en.audience {
                    add(.warning, .twinMismatch, en, "twins differ in product, situation or audience (\(zh.id): \(zh.product.rawValue)/\(zh.situation.rawValue)/\(zh.audience.rawValue), \(en.id): \(en.product.rawValue)/\(en.situation.rawValue)/\(en.audience.rawValue))")
                }
                if zh.elements != en.elements {
                    add(.warning, .twinMismatch, en, "twins declare different HEAT elements (\(zh.id): \(zh.elementsLabel), \(en.id): \(en.elementsLabel))")
                }
            }
        }
        for t in library.templates {
            for f in heatFindings(t) {
                add(.error, .heat, t, "declares \(f.element.rawValue) but the checker finds: \(f.rule.rawValue): \(f.reason)")
            }
        }
        return issues
    }

    /// The checker's findings on `template` rendered for the sample ticket (`TemplateSample`,
    /// flight + hotel + car, the customer speaking the template's language), blanks filled with
    /// their labels, limited to the elements the template declares. Without a `context`, it is
    /// rendered twice: with every record fact (`RecordFact`) and with none, so the sentences shown
    /// only on a fact and those shown without it are both checked; a finding of the second render
    /// says so.
    public static func heatFindings(_ template: Template, context: TemplateContext? = nil) -> [Finding] {
        if let context { return heatFindings(template, in: context) }
        var out = heatFindings(template, in: TemplateSample.context(template.language, facts: true))
        for var f in heatFindings(template, in: TemplateSample.context(template.language, facts: false)) where !out.contains(f) {
            f.reason += template.language == .zh ? "（记录中没有 \(factNames) 时）" : " (for a record without \(factNames))"
            out.append(f)
        }
        return out
    }

    static let factNames = RecordFact.allCases.map(\.rawValue).joined(separator: ", ")

    static func heatFindings(_ template: Template, in ctx: TemplateContext) -> [Finding] {
        let reply = TemplateRenderer.render(template, context: ctx, overrides: sampleFill(template))
        guard let text = reply.text else {
            return [Finding(element: .general, rule: .placeholder, reason: "values missing: \(reply.missing.map(\.key).joined(separator: ", "))",
                            suggestion: "add a fallback", language: template.language)]
        }
        return HEATChecker.check(text, context: ctx, audience: template.audience, elements: template.elements)
    }

    /// Every blank filled with its own label: what an agent types is not the template's merit.
    public static func sampleFill(_ template: Template) -> [String: String] {
        Dictionary(uniqueKeysWithValues: template.document.blanks.map { ($0, $0) })
    }

    static func sorted(_ issues: [LintIssue]) -> [LintIssue] {
        // By place; issues at one place keep the order they were found in (H, E, A, T).
        issues.enumerated().sorted { ($0.element.file, $0.element.line, $0.element.column, $0.offset) < ($1.element.file, $1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
    }
}
