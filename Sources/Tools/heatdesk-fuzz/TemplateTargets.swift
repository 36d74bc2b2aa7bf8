import Foundation
import HeatDeskCore
import HeatDeskImport
import HeatDeskTemplates

/// The placeholder parser: errors point inside the body; a body without errors renders and
/// passes the HEAT checker without trouble, and its text holds no tag.
final class TemplateTarget: FuzzTarget {
    let name = "template"
    let seeds: Seeds
    init(seeds: Seeds) { self.seeds = seeds }

    func generate(_ r: inout GenRandom) -> FuzzInput {
        FuzzInput(Mutate.mutate(Array(r.pick(seeds.templateBodies).utf8), &r), name: "body.txt")
    }

    func check(_ input: FuzzInput) throws {
        let body = String(decoding: input.bytes, as: UTF8.self)
        let result = TemplateParser.parse(body)
        let scalars = Array(body.unicodeScalars)
        let lineCount = scalars.filter { $0 == "\n" }.count + 1
        for e in result.errors {
            try expect(!e.message.isEmpty, "an error without a message at \(e.position)")
            try expect(e.position.line >= 1 && e.position.line <= lineCount && e.position.column >= 1,
                       "error '\(shown(e.message))' at \(e.position), outside the body's \(lineCount) lines")
        }
        guard result.errors.isEmpty else { return }
        func hasTag(_ nodes: [TemplateNode]) -> Bool {
            nodes.contains { n in
                switch n {
                case .text(let t): return t.contains("{{")
                case .section(_, _, let children, _): return hasTag(children)
                default: return false
                }
            }
        }
        let textHasTag = hasTag(result.document.nodes)
        try expect(!textHasTag, "a body without errors keeps '{{' in its text")
        for language in [ReplyLanguage.zh, .en] {
            let reply = TemplateRenderer.render(result.document, language: language, context: TemplateSample.context(language))
            _ = HEATChecker.check(reply.preview, context: TemplateSample.context(language))
        }
    }
}

/// The YAML library loader: every issue names the file and a position in it; what loads
/// parses without errors.
final class LibraryTarget: FuzzTarget {
    let name = "library"
    let seeds: Seeds
    let root: String
    init(seeds: Seeds, root: String) { self.seeds = seeds; self.root = root }

    func generate(_ r: inout GenRandom) -> FuzzInput {
        let (name, bytes) = r.pick(seeds.templateFiles)
        return FuzzInput(Mutate.mutate(bytes, &r), name: name)
    }

    func check(_ input: FuzzInput) throws {
        let dir = (root as NSString).appendingPathComponent("library")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let name = "t.yaml"
        _ = FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent(name), contents: Data(input.bytes))
        let (library, issues) = TemplateLibrary.read(directory: URL(fileURLWithPath: dir))
        let lines = yamlLineCount(input.bytes)
        for i in issues {
            try expect(i.file == name, "issue '\(shown(i.message))' names '\(shown(i.file))', not the file")
            try expect(!i.message.isEmpty, "an issue without a message")
            try expect(i.line >= 0 && i.line <= lines + 1 && i.column >= 0, "issue '\(shown(i.message))' at \(i.line):\(i.column), outside the file's \(lines) lines")
        }
        for t in library.templates {
            try expect(TemplateParser.parse(t.body).errors.isEmpty, "template \(t.id) loaded with placeholder errors")
        }
    }
}

/// The workstation config reader: refusals name the file and a line of it; what is accepted
/// holds only known keys and clean values, and reads back the same when written out.
final class ConfigTarget: FuzzTarget {
    let name = "config"

    func generate(_ r: inout GenRandom) -> FuzzInput {
        FuzzInput(Mutate.mutate(Array(r.pick(Seeds.handMadeConfigs).utf8), &r), name: "config")
    }

    func check(_ input: FuzzInput) throws {
        // The executable reads the file as UTF-8 text and refuses it otherwise.
        guard let text = String(validating: input.bytes, as: UTF8.self) else { return }
        let file = "/etc/heatdesk/config"
        let config: WorkstationConfig
        do throws(WorkstationConfig.ParseError) { config = try WorkstationConfig.parse(text, file: file) } catch {
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            try expect(error.file == file, "the error names '\(shown(error.file))'")
            try expect(error.line >= 1 && error.line <= lines, "the error names line \(error.line) of \(lines)")
            try expect(!error.reason.isEmpty, "an error without a reason")
            return
        }
        for (k, v) in config.values {
            try expect(WorkstationConfig.keys.contains(k), "accepted the unknown key '\(shown(k))'")
            try expect(!v.isEmpty && !v.unicodeScalars.contains { $0.properties.generalCategory == .control }, "accepted the value '\(shown(v))' for \(k)")
        }
        let written = config.values.keys.sorted().map { "\($0) = \"\(config.values[$0]!)\"" }.joined(separator: "\n") + "\n"
        let again: WorkstationConfig
        do throws(WorkstationConfig.ParseError) { again = try WorkstationConfig.parse(written, file: file) } catch {
            throw OracleFailure("the accepted config, written out, is refused: \(error.reason)")
        }
        try expect(again == config, "the accepted config, written out, reads back different")
    }
}

/// Lines as libyaml counts them: LF, CR, CRLF, NEL, LS and PS each end one.
func yamlLineCount(_ b: [UInt8]) -> Int {
    var n = 1, i = 0
    while i < b.count {
        if b[i] == 0x0A { n += 1 }
        else if b[i] == 0x0D { n += 1; if i + 1 < b.count && b[i + 1] == 0x0A { i += 1 } }
        else if b[i] == 0xC2, i + 1 < b.count, b[i + 1] == 0x85 { n += 1; i += 1 }
        else if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { n += 1; i += 2 }
        i += 1
    }
    return n
}
