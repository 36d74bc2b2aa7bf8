import Foundation
import HeatDeskCore
import Yams

/// Where a template was read from: the file (relative to the library folder) and the line of its `id`.
public struct TemplateSource: Equatable, Sendable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
}

/// A problem with the library: a syntax error, an unknown name, a missing twin, a declared HEAT
/// element the checker does not find, a duplicate id. `file:line:column: error: message`.
public struct LintIssue: Equatable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public enum Code: String, Sendable, Codable {
        case yaml = "yaml-syntax"
        case schema
        case syntax = "placeholder-syntax"
        case unknownName = "unknown-name"
        case duplicateID = "duplicate-id"
        case missingTwin = "missing-twin"
        case twinMismatch = "twin-mismatch"
        case heat = "heat"
        case io
    }
    public var severity: Severity
    public var code: Code
    public var file: String
    public var line: Int
    public var column: Int
    public var templateID: String?
    public var message: String

    public init(_ severity: Severity, _ code: Code, file: String, line: Int, column: Int, templateID: String? = nil, message: String) {
        self.severity = severity; self.code = code; self.file = file; self.line = line; self.column = column
        self.templateID = templateID; self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)" + (templateID.map { " [\($0)]" } ?? "")
    }
}

/// Thrown by `TemplateLibrary.load` when the files have errors; each names file, line and column.
public struct TemplateLibraryError: Error, CustomStringConvertible, Sendable {
    public var issues: [LintIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// The reply templates of `Data/templates/`: YAML files, each a list of entries (one file per
/// pair of twins by convention). Docs/templates.md describes the format.
public struct TemplateLibrary: Sendable {
    /// Every template, sorted by id.
    public private(set) var templates: [Template]
    /// Where each template id was read from.
    public private(set) var sources: [String: TemplateSource]
    private var byID: [String: Int]
    /// Ids of entries that were found but could not be read (their errors are reported); the
    /// linter does not call their twins orphans.
    public internal(set) var unreadIDs: Set<String> = []

    public init(templates: [Template], sources: [String: TemplateSource] = [:]) {
        self.templates = templates.sorted { $0.id < $1.id }
        self.sources = sources
        var index: [String: Int] = [:]
        for (i, t) in self.templates.enumerated() where index[t.id] == nil { index[t.id] = i }
        byID = index
    }

    /// Reads every `*.yaml` / `*.yml` file under `directory`. Throws `TemplateLibraryError` listing
    /// every error (file, line, column) when any file does not read cleanly; HEAT and twin
    /// problems are the linter's business and do not stop loading.
    public static func load(directory: URL) throws -> TemplateLibrary {
        let (library, issues) = read(directory: directory)
        let errors = issues.filter { $0.severity == .error }
        if !errors.isEmpty { throw TemplateLibraryError(issues: errors) }
        return library
    }

    /// Reads what can be read, and reports the rest instead of throwing (the linter's entry).
    public static func read(directory: URL) -> (TemplateLibrary, [LintIssue]) {
        var issues: [LintIssue] = []
        var templates: [Template] = []
        var sources: [String: TemplateSource] = [:]
        let files: [URL]
        do {
            files = try yamlFiles(in: directory)
        } catch {
            return (TemplateLibrary(templates: []), [LintIssue(.error, .io, file: directory.path, line: 0, column: 0,
                                                               message: "cannot read the template folder: \(error.localizedDescription)")])
        }
        var firstSeen: [String: TemplateSource] = [:]
        var unread = Set<String>()
        for url in files {
            let name = relativePath(url, to: directory)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                issues.append(LintIssue(.error, .io, file: name, line: 0, column: 0, message: "cannot read the file as UTF-8 text"))
                continue
            }
            let (found, fileIssues) = parseFile(text, file: name)
            issues += fileIssues
            for i in fileIssues { if let id = i.templateID { unread.insert(id) } }
            for (template, source) in found {
                if let first = firstSeen[template.id] {
                    issues.append(LintIssue(.error, .duplicateID, file: source.file, line: source.line, column: source.column, templateID: template.id,
                                            message: "duplicate id '\(template.id)' (first defined at \(first.file):\(first.line))"))
                    continue
                }
                firstSeen[template.id] = source
                templates.append(template)
                sources[template.id] = source
            }
        }
        var library = TemplateLibrary(templates: templates, sources: sources)
        library.unreadIDs = unread.subtracting(templates.map(\.id))
        return (library, issues)
    }

    static func yamlFiles(in directory: URL) throws -> [URL] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory.path])
        }
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        var out: [URL] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension.lowercased()) { out.append(url) }
        return out.sorted { $0.path < $1.path }
    }

    static func relativePath(_ url: URL, to base: URL) -> String {
        let b = base.standardizedFileURL.path, p = url.standardizedFileURL.path
        if p.hasPrefix(b + "/") { return String(p.dropFirst(b.count + 1)) }
        return p
    }

    // MARK: Lookup

    public func template(id: String) -> Template? { byID[id].map { templates[$0] } }

    /// The other-language template of the same group.
    public func twin(of template: Template) -> Template? {
        templates.first { $0.group == template.group && $0.language != template.language }
    }

    /// Templates matching every filter given (nil = any). `product: .flight` also lists `any` templates.
    public func filter(product: TemplateProduct? = nil, situation: Situation? = nil, language: ReplyLanguage? = nil) -> [Template] {
        templates.filter { t in
            (product == nil || t.product == product || t.product == .any)
                && (situation == nil || t.situation == situation)
                && (language == nil || t.language == language)
        }
    }

    /// Templates that suit a ticket: its product (or `any`), in `language`, best matches of the
    /// ticket's category first. What the agent screen's picker shows.
    public func suggestions(for ticket: Ticket, language: ReplyLanguage) -> [Template] {
        let preferred = TemplateLibrary.situations(for: ticket.category)
        return templates.filter { $0.language == language && $0.product.fits(ticket.product) && $0.audience == .customer }
            .sorted { a, b in
                let ra = preferred.firstIndex(of: a.situation) ?? preferred.count
                let rb = preferred.firstIndex(of: b.situation) ?? preferred.count
                return ra != rb ? ra < rb : a.id < b.id
            }
    }

    static func situations(for category: TicketCategory) -> [Situation] {
        switch category {
        case .delay: return [.delay, .scheduleChange, .compensation]
        case .change: return [.scheduleChange, .carPickupChange, .checkInTrouble]
        case .refund: return [.refund, .nonRefundableCancellation, .compensation]
        case .cancel: return [.cancellation, .nonRefundableCancellation, .refund]
        case .complaint: return [.complaint, .compensation, .overbooking]
        case .sos: return [.sosStranded, .sosLostDocuments, .sosMedical]
        case .info, .other: return []
        }
    }

    // MARK: Reading one file

    static let keys: Set<String> = ["id", "twin", "title", "language", "product", "situation", "audience", "heat", "body"]

    static func parseFile(_ text: String, file: String) -> ([(Template, TemplateSource)], [LintIssue]) {
        var issues: [LintIssue] = []
        func issue(_ code: LintIssue.Code, _ mark: Mark?, _ id: String?, _ message: String) {
            issues.append(LintIssue(.error, code, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, templateID: id, message: message))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (mark, message) = describe(error)
            issue(.yaml, mark, nil, message)
            return ([], issues)
        } catch {
            issue(.yaml, nil, nil, "\(error)")
            return ([], issues)
        }
        guard let root else { return ([], []) } // an empty file holds no template
        let entries: [Node]
        if let seq = root.sequence {
            entries = Array(seq)
        } else if let map = root.mapping, let list = map["templates"], let seq = list.sequence {
            entries = Array(seq)
        } else {
            issue(.schema, root.mark, nil, "a template file is a list of entries (each starting with '- id:')")
            return ([], issues)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [(Template, TemplateSource)] = []
        for entry in entries {
            guard let map = entry.mapping else {
                issue(.schema, entry.mark, nil, "each entry is a mapping with id, title, language, product, situation, heat and body")
                continue
            }
            let idNode = map["id"]
            let id = idNode?.string
            var ok = true
            func fail(_ node: Node?, _ message: String) { issue(.schema, node?.mark ?? entry.mark, id, message); ok = false }
            for key in map.keys where !keys.contains(key.string ?? "") {
                let k = key.string ?? "?"
                issue(.schema, key.mark, id, "unknown key '\(k)' (keys: \(keys.sorted().joined(separator: ", ")))")
                ok = false
            }
            func string(_ key: String) -> String? {
                guard let node = map[key] else { fail(entry, "missing '\(key)'"); return nil }
                guard let s = node.scalar?.string, !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    fail(node, "'\(key)' must be a non-empty text"); return nil
                }
                return s
            }
            func word<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, default value: E? = nil) -> E? where E.RawValue == String {
                guard map[key] != nil || value == nil else { return value }
                guard let s = string(key) else { return nil }
                guard let e = E(rawValue: s.trimmingCharacters(in: .whitespaces)) else {
                    fail(map[key], "'\(key)' is '\(s)'; expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
                    return nil
                }
                return e
            }
            let idText = string("id")
            if let idText, idText.contains(where: { $0.isWhitespace }) { fail(idNode, "an id has no spaces") }
            let title = string("title")
            let language = word("language", ReplyLanguage.self)
            let product = word("product", TemplateProduct.self)
            let situation = word("situation", Situation.self)
            let audience = word("audience", Audience.self, default: .customer)
            var elements = Set<HEATElement>()
            if let heat = map["heat"] {
                let items: [Node]
                if let seq = heat.sequence { items = Array(seq) } else if let s = heat.string { items = s.map { Node(String($0)) } } else { items = [] }
                for item in items {
                    guard let s = item.string, let e = HEATElement(rawValue: s.uppercased()) else {
                        fail(item.mark == nil ? heat : item, "'heat' lists elements among H, E, A, T (e.g. [H, E, A, T])"); continue
                    }
                    elements.insert(e)
                }
                if items.isEmpty { fail(heat, "'heat' lists the HEAT elements the body carries, e.g. [H, E, A, T]") }
            } else {
                fail(entry, "missing 'heat' (the HEAT elements the body carries, e.g. [H, E, A, T])")
            }
            let twin = map["twin"]?.string
            guard let bodyNode = map["body"] else { fail(entry, "missing 'body'"); continue }
            guard let body = bodyNode.scalar?.string, !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                fail(bodyNode, "'body' must be a non-empty text"); continue
            }
            let parsed = TemplateParser.parse(body)
            for e in parsed.errors {
                let at = filePosition(of: e.position, body: bodyNode, lines: lines)
                issues.append(LintIssue(.error, e.kind == .unknownName ? .unknownName : .syntax, file: file, line: at.line, column: at.column,
                                        templateID: id, message: e.message))
                ok = false
            }
            guard ok, let idText, let title, let language, let product, let situation, let audience else { continue }
            let template = Template(id: idText, group: twin, title: title, language: language, product: product, situation: situation,
                                    audience: audience, elements: elements, body: body, document: parsed.document)
            let mark = idNode?.mark ?? entry.mark
            out.append((template, TemplateSource(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)))
        }
        return (out, issues)
    }

    /// Maps a position inside a body onto the file. Block scalars (`body: |`) start on the line
    /// after the indicator, at the block's indentation; quoted and plain ones after their mark.
    static func filePosition(of p: SourcePosition, body: Node, lines: [String]) -> SourcePosition {
        guard let scalar = body.scalar, let mark = scalar.mark else { return p }
        switch scalar.style {
        case .literal, .folded:
            // The block's indentation: that of its first non-blank line.
            var indent = 0
            var l = mark.line // 0-based index of the line after the indicator
            while l < lines.count {
                let line = lines[l]
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { indent = line.prefix(while: { $0 == " " }).count; break }
                l += 1
            }
            return SourcePosition(line: mark.line + p.line, column: indent + p.column)
        case .singleQuoted, .doubleQuoted:
            return p.line == 1 ? SourcePosition(line: mark.line, column: mark.column + p.column) : SourcePosition(line: mark.line + p.line - 1, column: p.column)
        default:
            return p.line == 1 ? SourcePosition(line: mark.line, column: mark.column + p.column - 1) : SourcePosition(line: mark.line + p.line - 1, column: p.column)
        }
    }

    static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            var message = "YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return (mark, message)
        case .reader(let problem, _, _, _):
            return (nil, "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark, "YAML: duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "YAML: \(error)")
        }
    }
}
