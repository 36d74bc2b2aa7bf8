import Foundation
import GRDB
import HeatDeskCore
import HeatDeskImport
import HeatDeskStore
#if canImport(Glibc)
import Glibc
#endif

/// UTF-8 to another encoding with iconv (the import reads GB18030 with `--encoding`).
func iconvFromUTF8(_ bytes: [UInt8], to encoding: String) -> [UInt8]? {
    let cd = iconv_open(encoding, "UTF-8")
    guard cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
    let ok = input.withUnsafeMutableBufferPointer { inBuf -> Int? in
        output.withUnsafeMutableBufferPointer { outBuf -> Int? in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count
            guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return nil }
            return outBuf.count - outLeft
        }
    }
    guard let n = ok else { return nil }
    return Array(output[..<n])
}

/// Import cases: a few files cut from the demo (tickets with their orders, customers and
/// messages), several rows made bad on purpose, then mutated. Shared by the in-process target
/// and the release binary's runs.
enum ImportCases {
    static func generate(_ seeds: Seeds, _ r: inout GenRandom) -> FuzzInput {
        var chosen: [Int] = []
        let k = r.int(1...8)
        let start = r.below(seeds.ticketRows.count)
        for j in 0..<k { chosen.append(r.percent(70) ? (start + j) % seeds.ticketRows.count : r.below(seeds.ticketRows.count)) }
        let spoil = r.percent(50)   // several bad rows on purpose
        var tickets = seeds.ticketHeader
        var orders: [UInt8] = [], customers: [UInt8] = [], messages: [UInt8] = []
        var seenOrders = Set<String>(), seenCustomers = Set<String>()
        for i in chosen {
            var row = seeds.ticketRows[i]
            if spoil && r.percent(50) { row = spoilCSV(row, &r) }
            tickets += row
            let ref = seeds.ticketRefs[i]
            for o in ref.orders where seenOrders.insert(o).inserted && r.percent(90) {
                if var line = seeds.orders[o] {
                    if spoil && r.percent(30) { line = spoilJSON(line, &r) }
                    orders += line
                }
            }
            if seenCustomers.insert(ref.customer).inserted, let c = seeds.customers[ref.customer], r.percent(40) { customers += c }
            for m in (seeds.messagesByTicket[ref.id] ?? []).prefix(4) where r.percent(60) {
                messages += spoil && r.percent(30) ? spoilJSON(m, &r) : m
            }
        }
        var parts: [FuzzInput.Part] = [.init(name: "tickets.csv", bytes: tickets)]
        if !orders.isEmpty { parts.append(.init(name: "orders.jsonl", bytes: orders)) }
        if !customers.isEmpty && r.percent(60) { parts.append(.init(name: "customers.jsonl", bytes: customers)) }
        if !messages.isEmpty && r.percent(60) { parts.append(.init(name: "messages.jsonl", bytes: messages)) }
        if r.percent(15) { parts.append(.init(name: "agents.jsonl", bytes: seeds.agentLines.prefix(r.int(1...4)).flatMap { $0 })) }
        if r.percent(10) { parts.append(.init(name: "suppliers.jsonl", bytes: seeds.supplierLines.prefix(r.int(1...3)).flatMap { $0 })) }
        if r.percent(10) { parts.append(.init(name: "extra.csv", bytes: Array(r.pick(Seeds.handMadeCSV).utf8))) }
        var options: [String: String] = ["batch": String(r.pick([1, 2, 3, 5000]))]
        if r.percent(10) {
            options["encoding"] = "gb18030"
            for i in parts.indices { if let g = iconvFromUTF8(parts[i].bytes, to: "GB18030") { parts[i].bytes = g } }
        }
        // Mutate one or more of the files.
        let touched = r.geometric(max: parts.count)
        for _ in 0..<touched {
            let i = r.below(parts.count)
            parts[i].bytes = Mutate.mutate(parts[i].bytes, &r)
        }
        // Odd names, no extension (the first byte tells), a forced format.
        if r.percent(10) { let i = r.below(parts.count); parts[i].name = "台 北, \"q\" " + parts[i].name }
        if r.percent(5) { let i = r.below(parts.count); parts[i].name = (parts[i].name as NSString).deletingPathExtension }
        if r.percent(4) { options["format"] = r.pick(["csv", "jsonl"]) }
        // Named in any order: the importer reads directory records first.
        for i in stride(from: parts.count - 1, to: 0, by: -1) { parts.swapAt(i, r.below(i + 1)) }
        return FuzzInput(parts: parts, options: options)
    }

    /// Makes a ticket row invalid while keeping the CSV shape: a bad time, channel or priority.
    static func spoilCSV(_ row: [UInt8], _ r: inout GenRandom) -> [UInt8] {
        let commas = row.indices.filter { row[$0] == 0x2C }
        guard commas.count > 6 else { return row }
        let column = r.pick([1, 2, 5])   // created_at, channel, priority
        let from = commas[column - 1] + 1, to = commas[column]
        return Array(row[..<from]) + Array(r.pick(["yesterday", "fax", "", "sos!"]).utf8) + Array(row[to...])
    }

    /// Makes a JSON line invalid for its kind: a required field emptied or retyped.
    static func spoilJSON(_ line: [UInt8], _ r: inout GenRandom) -> [UInt8] {
        let key = Array(r.pick(["\"booked_at\":", "\"at\":", "\"product\":", "\"ticket_id\":", "\"customer_id\":"]).utf8)
        guard let at = find(key, in: line) else { return line }
        var end = at + key.count
        guard end < line.count, line[end] == 0x22 else { return line }
        end += 1
        while end < line.count, line[end] != 0x22 { end += line[end] == 0x5C ? 2 : 1 }
        guard end < line.count else { return line }
        return Array(line[..<(at + key.count)]) + Array(r.pick(["\"\"", "42", "\"soon\"", "null", "[]"]).utf8) + Array(line[(end + 1)...])
    }

    /// Knuth-Morris-Pratt: linear, where a naive search is quadratic on a field of one repeated byte.
    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        var fail = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<max(1, needle.count) {
            while k > 0 && needle[i] != needle[k] { k = fail[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            fail[i] = k
        }
        k = 0
        for (i, b) in hay.enumerated() {
            while k > 0 && b != needle[k] { k = fail[k - 1] }
            if b == needle[k] { k += 1 }
            if k == needle.count { return i - k + 1 }
        }
        return nil
    }

    /// Writes the parts into `dir`; returns their paths in the case's order.
    static func write(_ input: FuzzInput, into dir: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var paths: [String] = []
        for (i, p) in input.parts.enumerated() {
            // Two parts may share a name: keep them apart by folder.
            let folder = (dir as NSString).appendingPathComponent("f\(i)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = (folder as NSString).appendingPathComponent(p.name)
            guard FileManager.default.createFile(atPath: path, contents: Data(p.bytes)) else { throw OracleFailure("cannot write \(path)") }
            paths.append(path)
        }
        return paths
    }

    /// The rejects file: well-formed CSV (the import's parser and an independent count of
    /// records), the header, one record of seven fields per rejection, naming a file of the
    /// run and a line, with a reason, and the record's bytes as they stand in the file.
    static func checkRejects(_ path: String, files: [String], sources: [String: [UInt8]]?, rejected: Int) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw OracleFailure("the rejects file was not written") }
        let bytes = [UInt8](data)
        let header = Array("file,line,kind,id,field,reason,record\n".utf8)
        try expect(bytes.starts(with: header), "the rejects file does not start with its header")
        let parser = CSVParser()
        var records: [CSVRecord] = []
        let emit: (inout CSVRecord) -> Void = { records.append($0) }
        bytes.withUnsafeBufferPointer { parser.feed($0, emit) }
        parser.finish(emit)
        try expect(records.count == rejected + 1, "the rejects file holds \(records.count - 1) records for \(rejected) rejections")
        for rec in records.dropFirst() {
            // A rejected row over the import's record limit stays over it in the rejects file.
            try expect(rec.problem == nil || rec.raw.count > CSVParser.maxRecordBytes, "rejects file line \(rec.line): \(rec.problem ?? "")")
            try expect(rec.count == 7, "rejects file line \(rec.line): \(rec.count) fields, not 7")
            let file = String(decoding: rec.field(0), as: UTF8.self)
            try expect(files.contains(file), "rejects file line \(rec.line): names '\(shown(file))', not a file of the run")
            try expect((Int(String(decoding: rec.field(1), as: UTF8.self)) ?? 0) >= 1, "rejects file line \(rec.line): no line number")
            try expect(!rec.field(5).isEmpty, "rejects file line \(rec.line): no reason")
            if let source = sources?[file] {
                let row = Array(rec.field(6))
                try expect(row.isEmpty || find(row, in: source) != nil,
                           "rejects file line \(rec.line): the record column (\(row.count) bytes) is not the row as it stands in \(shown((file as NSString).lastPathComponent))")
            }
        }
        // An independent count: quotes balance per record, records end at newlines outside quotes.
        var inQuotes = false, count = 0
        for b in bytes { if b == 0x22 { inQuotes.toggle() } else if b == 0x0A && !inQuotes { count += 1 } }
        try expect(!inQuotes && count == rejected + 1, "the rejects file's quoting is unbalanced (\(count) lines outside quotes for \(rejected + 1) records)")
    }
}

/// The whole import in process: fresh database files, `--rejects` on, each case run for real
/// and as a dry run, which must agree.
final class ImportTarget: FuzzTarget {
    let name = "import"
    let seeds: Seeds
    let root: String
    init(seeds: Seeds, root: String) { self.seeds = seeds; self.root = root }

    func generate(_ r: inout GenRandom) -> FuzzInput { ImportCases.generate(seeds, &r) }

    struct Outcome {
        var summary: ImportSummary?
        var error: String?
    }

    func check(_ input: FuzzInput) throws {
        let dir = (root as NSString).appendingPathComponent("import")
        try? FileManager.default.removeItem(atPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try ImportCases.write(input, into: (dir as NSString).appendingPathComponent("in"))
        let real = try run(input, paths, dir: dir, dryRun: false)
        let dry = try run(input, paths, dir: dir, dryRun: true)
        switch (real.summary, dry.summary) {
        case (let a?, let b?):
            // Known and left to its own issue: the dry run counts a customer, agent, supplier or
            // message that is already there unchanged as "would be imported" (ReferenceChecker.
            // wouldApply decides "already present" for tickets and orders only), so new and
            // present are compared for tickets and orders, and only their sum in total.
            try expect(a.total.read == b.total.read && a.total.rejected == b.total.rejected
                       && a.total.imported + a.total.alreadyPresent == b.total.imported + b.total.alreadyPresent,
                       "the dry run counts \(counts(b)), the import \(counts(a))")
            for kind in [RecordKind.ticket, .order] where a.byKind[kind]?.imported != b.byKind[kind]?.imported {
                throw OracleFailure("\(kind): the dry run would import \(b.byKind[kind]?.imported ?? 0), the import imports \(a.byKind[kind]?.imported ?? 0)")
            }
            let ra = a.firstRejections.map { "\($0.file):\($0.line): \($0.field): \($0.reason)" }
            let rb = b.firstRejections.map { "\($0.file):\($0.line): \($0.field): \($0.reason)" }
            if ra != rb, case let i = firstDifference(ra, rb), i < min(ra.count, rb.count) {
                throw OracleFailure("the dry run rejects '\(shown(rb[i]))', the import '\(shown(ra[i]))'")
            }
        case (nil, nil):
            try expect(real.error == dry.error, "the dry run stops with '\(shown(dry.error ?? ""))', the import with '\(shown(real.error ?? ""))'")
        default:
            throw OracleFailure("the dry run \(dry.error.map { "stops: " + shown($0) } ?? "reads"), the import \(real.error.map { "stops: " + shown($0) } ?? "reads")")
        }
    }

    func counts(_ s: ImportSummary) -> String {
        "\(s.total.read) read, \(s.total.imported) imported, \(s.total.alreadyPresent) present, \(s.total.rejected) rejected"
    }

    func run(_ input: FuzzInput, _ paths: [String], dir: String, dryRun: Bool) throws -> Outcome {
        let dbPath = (dir as NSString).appendingPathComponent(dryRun ? "dry.sqlite" : "real.sqlite")
        let rejects = (dir as NSString).appendingPathComponent(dryRun ? "rejects-dry.csv" : "rejects.csv")
        var options = ImportOptions()
        options.dryRun = dryRun
        options.rejectsPath = rejects
        options.batchSize = Int(input.options["batch"] ?? "") ?? 5000
        if let e = input.options["encoding"] { options.encoding = e }
        if let f = input.options["format"] { options.format = ImportOptions.Format(rawValue: f) }
        let db = try AppDatabase.open(path: dbPath)
        let summary: ImportSummary
        do {
            summary = try Importer(database: db, options: options, now: { Date(timeIntervalSince1970: 1_795_000_000) }).run(paths: paths)
        } catch let e as ImportError {
            let text = e.description
            try expect(paths.contains { text.contains($0) }, "the import stops with '\(shown(text))', naming none of its files")
            return Outcome(summary: nil, error: text)
        } catch {
            throw OracleFailure("the import fails with an unexpected error: \(shown("\(error)"))")
        }
        let t = summary.total
        try expect(t.read == t.imported + t.alreadyPresent + t.rejected, "rows read \(t.read) ≠ imported \(t.imported) + present \(t.alreadyPresent) + rejected \(t.rejected)")
        for (kind, c) in summary.byKind {
            try expect(c.read == c.imported + c.alreadyPresent + c.rejected,
                       "\(kind): rows read \(c.read) ≠ imported \(c.imported) + present \(c.alreadyPresent) + rejected \(c.rejected)")
        }
        let sums = summary.byKind.values.reduce(into: ImportSummary.Counts()) { $0.read += $1.read; $0.rejected += $1.rejected; $0.imported += $1.imported }
        try expect(sums.imported == t.imported, "the kinds' imported rows add up to \(sums.imported), the total says \(t.imported)")
        try expect(summary.firstRejections.count == min(20, t.rejected), "\(summary.firstRejections.count) rejections listed for \(t.rejected)")
        var last: (Int, Int) = (-1, 0)
        for r in summary.firstRejections {
            guard let f = paths.firstIndex(of: r.file) else { throw OracleFailure("a rejection names '\(shown(r.file))', not a file of the run") }
            try expect(r.line >= 1 && !r.reason.isEmpty, "\(shown(r.description)): no line or no reason")
            let base = (r.file as NSString).lastPathComponent
            try expect(r.description.hasPrefix("\(base):\(r.line):"), "the rejection reads '\(shown(r.description))', not naming \(base):\(r.line)")
            try expect(!r.reason.contains("Error Domain"), "unclear reason '\(shown(r.reason))'")
            let order = summary.files.firstIndex(of: r.file) ?? f
            try expect((order, r.line) >= last, "the rejections are not in file and line order")
            last = (order, r.line)
        }
        let utf8 = options.encoding == "utf-8"
        var sources: [String: [UInt8]] = [:]
        for (p, part) in zip(paths, input.parts) { sources[p] = part.bytes }
        try ImportCases.checkRejects(rejects, files: paths, sources: utf8 ? sources : nil, rejected: t.rejected)
        // JSON Lines files only: rows read = non-blank lines, counted independently.
        if utf8, options.format == nil, input.parts.allSatisfy({ $0.name.hasSuffix(".jsonl") }) {
            let lines = input.parts.reduce(0) { $0 + JSONLTarget.expected($1.bytes).count }
            try expect(t.read == lines, "read \(t.read) rows from JSON Lines files holding \(lines) non-blank lines")
        }
        if !dryRun {
            let (tickets, orders) = try db.writer.read { d in
                (try Int.fetchOne(d, sql: "SELECT count(*) FROM ticket") ?? -1, try Int.fetchOne(d, sql: "SELECT count(*) FROM travel_order") ?? -1)
            }
            try expect(tickets == summary.byKind[.ticket]?.imported ?? 0, "\(tickets) tickets in the database, \(summary.byKind[.ticket]?.imported ?? 0) imported")
            try expect(orders == summary.byKind[.order]?.imported ?? 0, "\(orders) orders in the database, \(summary.byKind[.order]?.imported ?? 0) imported")
        } else {
            let events = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") ?? -1 }
            try expect(events == 0, "the dry run wrote \(events) events")
        }
        return Outcome(summary: summary, error: nil)
    }
}
