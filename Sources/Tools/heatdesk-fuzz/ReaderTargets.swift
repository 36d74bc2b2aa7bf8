import Foundation
import HeatDeskCore
import HeatDeskImport

/// Chunk sizes for feeding a streaming reader, drawn from the input itself so a case replays.
func chunkings(_ bytes: [UInt8]) -> [[Int]] {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes.prefix(4096) { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    var r = GenRandom(state: h ^ UInt64(bytes.count))
    var out: [[Int]] = [[max(1, bytes.count)]]
    var random: [Int] = []
    var total = 0
    while total < bytes.count { let n = r.pick([1, 2, 3, 7, 64, 1000, 65_536]); random.append(n); total += n }
    out.append(random)
    if bytes.count <= 4096 { out.append([Int](repeating: 1, count: bytes.count)) }
    return out
}

func feedChunks(_ bytes: [UInt8], _ sizes: [Int], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    var i = 0
    for n in sizes where i < bytes.count {
        let end = min(bytes.count, i + n)
        bytes[i..<end].withUnsafeBufferPointer(body)
        i = end
    }
}

/// Checks the hand-written UTF-8 validator against the standard library's.
func checkUTF8Validation(_ bytes: [UInt8], _ what: String) throws {
    let ours = UTF8Validation.firstInvalidOffset(bytes)
    let valid = String(validating: bytes, as: UTF8.self) != nil
    try expect((ours == nil) == valid, "\(what): UTF8Validation says \(ours.map { "invalid at \($0)" } ?? "valid"), the standard library \(valid ? "valid" : "invalid")")
    if let at = ours {
        try expect(at < bytes.count && String(validating: bytes[..<at], as: UTF8.self) != nil,
                   "\(what): UTF8Validation's offset \(at) does not end a valid prefix")
    }
}

/// The CSV reader: same records whatever the chunking, every byte accounted for, records
/// without a problem survive an RFC 4180 round trip, and the field checks agree with the
/// standard library's UTF-8 validation.
final class CSVTarget: FuzzTarget {
    let name = "csv"
    let seeds: Seeds
    init(seeds: Seeds) { self.seeds = seeds }

    func generate(_ r: inout GenRandom) -> FuzzInput {
        var b: [UInt8]
        if r.percent(20) {
            b = Array(r.pick(Seeds.handMadeCSV).utf8)
        } else {
            b = seeds.ticketHeader
            let start = r.below(seeds.ticketRows.count)
            for k in 0..<r.int(1...6) { b += seeds.ticketRows[(start + k) % seeds.ticketRows.count] }
        }
        if r.percent(25), let g = iconvFromUTF8(b, to: "GB18030") {
            return FuzzInput(parts: [.init(name: "case.csv", bytes: Mutate.mutate(g, &r))], options: ["encoding": "gb18030"])
        }
        return FuzzInput(Mutate.mutate(b, &r), name: "case.csv")
    }

    /// The transcoder gives the same UTF-8 whatever the chunking (a sequence cut by a chunk
    /// boundary waits for the next chunk; an invalid one becomes 0xFF).
    static func transcode(_ bytes: [UInt8], _ encoding: String) throws -> [UInt8] {
        var results: [[UInt8]] = []
        for w in chunkings(bytes) {
            guard let t = Transcoder(from: encoding) else { throw OracleFailure("iconv does not know \(encoding)") }
            var out: [UInt8] = []
            feedChunks(bytes, w) { t.convert($0, final: false) { out.append(contentsOf: $0) } }
            t.convert(UnsafeBufferPointer(start: nil, count: 0), final: true) { out.append(contentsOf: $0) }
            results.append(out)
        }
        for (i, other) in results.enumerated().dropFirst() where other != results[0] {
            throw OracleFailure("the \(encoding) transcoder gives \(results[0].count) bytes in one chunk, \(other.count) in chunking \(i) (first difference at byte \(firstDifference(results[0], other)))")
        }
        return results[0]
    }

    struct Rec: Equatable { var line: Int; var bytes: [UInt8]; var ends: [Int]; var raw: [UInt8]; var problem: String? }

    static func parse(_ bytes: [UInt8], chunks: [Int]) -> [Rec] {
        let parser = CSVParser()
        var out: [Rec] = []
        let emit: (inout CSVRecord) -> Void = { out.append(Rec(line: $0.line, bytes: $0.bytes, ends: $0.ends, raw: $0.raw, problem: $0.problem)) }
        feedChunks(bytes, chunks) { parser.feed($0, emit) }
        parser.finish(emit)
        return out
    }

    func check(_ input: FuzzInput) throws {
        let bytes = try input.options["encoding"].map { try Self.transcode(input.bytes, $0) } ?? input.bytes
        let ways = chunkings(bytes)
        let records = Self.parse(bytes, chunks: ways[0])
        for w in ways.dropFirst() {
            let other = Self.parse(bytes, chunks: w)
            guard other != records else { continue }
            let i = firstDifference(records, other)
            throw OracleFailure("the records depend on the chunking (\(records.count) vs \(other.count) records; first difference at record \(i + 1))")
        }
        // Every byte is in a record's raw bytes, or is a BOM or a blank line's newline.
        var pos = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lastLine = 0
        for (n, rec) in records.enumerated() {
            try expect(rec.line >= 1 && rec.line >= lastLine, "record \(n + 1): line \(rec.line) after line \(lastLine)")
            lastLine = rec.line
            try expect(!rec.ends.isEmpty && rec.ends.last == rec.bytes.count && zip(rec.ends, rec.ends.dropFirst()).allSatisfy { $0 <= $1 },
                       "record \(n + 1) (line \(rec.line)): field ends \(rec.ends.prefix(8)) do not cut \(rec.bytes.count) bytes")
            while pos < bytes.count, bytes[pos] == 0x0A || bytes[pos] == 0x0D { pos += 1 }
            try expect(pos + rec.raw.count <= bytes.count && bytes[pos..<(pos + rec.raw.count)].elementsEqual(rec.raw),
                       "record \(n + 1) (line \(rec.line)): its raw bytes are not the file's bytes at offset \(pos)")
            pos += rec.raw.count
        }
        while pos < bytes.count, bytes[pos] == 0x0A || bytes[pos] == 0x0D { pos += 1 }
        try expect(pos == bytes.count, "bytes from offset \(pos) of \(bytes.count) are in no record")

        // Round trip of records without a problem.
        let clean = records.filter { $0.problem == nil }
        var encoded: [UInt8] = []
        for rec in clean {
            for i in rec.ends.indices {
                if i > 0 { encoded.append(0x2C) }
                encoded.append(0x22)
                for b in rec.bytes[(i == 0 ? 0 : rec.ends[i - 1])..<rec.ends[i]] { encoded.append(b); if b == 0x22 { encoded.append(0x22) } }
                encoded.append(0x22)
            }
            encoded.append(0x0A)
        }
        let again = Self.parse(encoded, chunks: [max(1, encoded.count)])
        try expect(again.map(\.bytes) == clean.map(\.bytes) && again.map(\.ends) == clean.map(\.ends) && again.allSatisfy { $0.problem == nil || $0.raw.count > CSVParser.maxRecordBytes },
                   "records do not survive quoting and parsing again (\(clean.count) records, \(again.count) back)")

        // Header and fields as the importer reads them.
        let parser = CSVParser()
        var header: CSVHeader?
        var problem: Error?
        let handle: (inout CSVRecord) -> Void = { rec in
            guard problem == nil else { return }
            guard let h = header else { header = try? CSVHeader(rec); return }
            do {
                for i in 0..<rec.count { try checkUTF8Validation(Array(rec.field(i)), "line \(rec.line) field \(i + 1)") }
                let fields = CSVFields(header: h, record: rec)
                if let p = fields.structuralProblem() {
                    try expect(!p.reason.isEmpty, "line \(rec.line): a structural problem without a reason")
                    if rec.problem == nil && rec.count == h.names.count {
                        try expect(h.names.contains(p.field), "line \(rec.line): the invalid UTF-8 is blamed on '\(p.field)', not a column")
                    }
                } else {
                    try expect(rec.count == h.names.count, "line \(rec.line): \(rec.count) fields for \(h.names.count) columns, no problem named")
                    for i in 0..<rec.count {
                        try expect(String(validating: rec.field(i), as: UTF8.self) != nil, "line \(rec.line): field \(h.names[i]) is invalid UTF-8 but the record passed")
                    }
                    for n in h.names { _ = fields.text(n) }
                    if let kind = try? RecordKind.infer(fields) { _ = decodeRecord(fields, kind) }
                }
            } catch { problem = error }
        }
        bytes.withUnsafeBufferPointer { parser.feed($0, handle) }
        parser.finish(handle)
        if let problem { throw problem }
    }
}

/// Decodes a record of `kind` as the importer does; a failure must be a `FieldError` with a reason.
@discardableResult
func decodeRecord(_ fields: FieldSource, _ kind: RecordKind) -> FieldError? {
    do throws(FieldError) {
        switch kind {
        case .ticket: _ = try TicketRecord.decode(fields, source: "main")
        case .order: _ = try OrderRecord.decode(fields)
        case .customer: _ = try CustomerRecord.decode(fields)
        case .agent: _ = try AgentRecord.decode(fields)
        case .supplier: _ = try SupplierRecord.decode(fields)
        case .message: _ = try MessageRecord.decode(fields, source: "main")
        }
        return nil
    } catch { return error }
}

/// The JSON Lines reader: the splitter gives the lines an independent split gives, whatever
/// the chunking; each line parses or is refused with a reason.
final class JSONLTarget: FuzzTarget {
    let name = "jsonl"
    let seeds: Seeds
    init(seeds: Seeds) { self.seeds = seeds }

    func generate(_ r: inout GenRandom) -> FuzzInput {
        let pool = r.pick([seeds.orderLines, seeds.customerLines, seeds.messageLines, seeds.agentLines, seeds.supplierLines])
        var b: [UInt8] = []
        let start = r.below(pool.count)
        for k in 0..<r.int(1...5) { b += pool[(start + k) % pool.count] }
        return FuzzInput(Mutate.mutate(b, &r), name: "case.jsonl")
    }

    struct Line: Equatable { var number: Int; var bytes: [UInt8]; var tooLong: Bool }

    static func split(_ bytes: [UInt8], chunks: [Int]) -> [Line] {
        let s = LineSplitter()
        var out: [Line] = []
        let emit: (inout LineSplitter.Line) -> Void = { out.append(Line(number: $0.number, bytes: $0.bytes, tooLong: $0.tooLong)) }
        feedChunks(bytes, chunks) { s.feed($0, emit) }
        s.finish(emit)
        return out
    }

    /// What the splitter should give, computed another way.
    static func expected(_ bytes: [UInt8]) -> [Line] {
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        var out: [Line] = []
        for (i, p) in pieces.enumerated() {
            let tooLong = p.count > LineSplitter.maxLineBytes
            var b = Array(p.prefix(LineSplitter.maxLineBytes))
            if i == 0, b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
            if b.last == 0x0D { b.removeLast() }
            if tooLong || !b.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { out.append(Line(number: i + 1, bytes: b, tooLong: tooLong)) }
        }
        return out
    }

    func check(_ input: FuzzInput) throws {
        let bytes = input.bytes
        let want = Self.expected(bytes)
        for w in chunkings(bytes) {
            let got = Self.split(bytes, chunks: w)
            guard got != want else { continue }
            let i = firstDifference(got, want)
            throw OracleFailure("the line splitter gives \(got.count) lines, an independent split \(want.count); first difference at line \(i < want.count ? want[i].number : -1)")
        }
        for line in want where !line.tooLong {
            try checkUTF8Validation(line.bytes, "line \(line.number)")
            guard UTF8Validation.firstInvalidOffset(line.bytes) == nil else { continue }
            try checkLineJSON(line.bytes, "line \(line.number)")
            let fields: JSONFields
            do throws(FieldError) { fields = try JSONFields.parse(line: Data(line.bytes)) } catch {
                try expect(!error.reason.isEmpty && !error.reason.contains("Error Domain"), "line \(line.number): unclear rejection '\(shown(error.reason))'")
                continue
            }
            if let kind = try? RecordKind.infer(fields), let e = decodeRecord(fields, kind) {
                try expect(!e.reason.isEmpty, "line \(line.number): a \(kind) rejected without a reason")
            }
        }
    }
}
