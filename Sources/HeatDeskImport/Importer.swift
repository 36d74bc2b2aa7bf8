import Foundation
import GRDB
import HeatDeskCore
import HeatDeskStore

/// Streams import files into the store: reads, validates, writes in batches of one
/// transaction each, and reports every rejected row with its file, line, field and reason.
///
/// Each batch commits its rows and their events together; a row already present (same
/// source and external id, same order id, ...) is counted, not written again. So a run killed
/// at any point and started again imports every row exactly once.
public final class Importer: @unchecked Sendable {
    // Unchecked: the decoding thread owns `summary`, `batch` and `rejects`; the writer queue
    // touches only its batch and hands results back through `lock`.
    public let database: AppDatabase
    public let options: ImportOptions
    private let sealingKey: ContactKey?
    /// The last sealed contact per customer id (the decoding thread's own, bounded).
    private var sealedMemo: [String: (ContactDetails, String)] = [:]
    private let now: @Sendable () -> Date
    private let progress: ((ImportProgress) -> Void)?

    private var summary = ImportSummary()
    private var rejects: RejectsWriter?
    private var started = Date()
    private var lastProgress = Date.distantPast
    private var batch: [Pending] = []
    /// Dry runs write nothing, so ids accepted earlier in the run are remembered here.
    private var dryRunSeen: DryRunMemory?

    /// One batch is written while the next is decoded: the two halves cost about the same, and
    /// the machine has two cores (Docs/performance.md).
    private let writerQueue = DispatchQueue(label: "heatdesk.import.writer")
    private let inFlight = DispatchSemaphore(value: 1)
    private let lock = NSLock()
    /// Each written batch with its outcomes, in order (the rows are handed back, not copied).
    private var written: [([Pending], [Result<EventApplier.Outcome, FieldError>])] = []
    private var writeError: Error?
    /// Set while a bulk load runs without its indexes: follow-ups are linked in one pass after it.
    private var bulkLoading = false

    struct Pending {
        var file: String
        var line: Int
        var raw: [UInt8]
        var item: Item
        /// The item's event as the log stores it, encoded on the reading thread (nil in dry runs):
        /// the writing thread, the import's bottleneck, only binds it (Docs/performance.md).
        var encoded: EncodedEvent?
    }

    enum Item {
        case customer(Customer), agent(Agent), supplier(Supplier), order(Order)
        case ticket(TicketRecord), message(TicketKey, Message)

        /// The event that imports it.
        var event: DomainEvent {
            switch self {
            case .customer(let c): return .customerUpserted(c)
            case .agent(let a): return .agentUpserted(a)
            case .supplier(let s): return .supplierUpserted(s)
            case .order(let o): return .orderImported(o)
            case .ticket(let r): return .ticketImported(r.ticket, firstMessage: r.firstMessage)
            case .message(let k, let m): return .messageAdded(k, m)
            }
        }

        var kind: RecordKind {
            switch self {
            case .customer: return .customer
            case .agent: return .agent
            case .supplier: return .supplier
            case .order: return .order
            case .ticket: return .ticket
            case .message: return .message
            }
        }

        var id: String {
            switch self {
            case .customer(let c): return c.id
            case .agent(let a): return a.id
            case .supplier(let s): return s.id
            case .order(let o): return o.id
            case .ticket(let t): return t.ticket.key.externalID
            case .message(let k, _): return k.externalID
            }
        }
    }

    public init(database: AppDatabase, options: ImportOptions = ImportOptions(),
                now: @escaping @Sendable () -> Date = Date.init, progress: ((ImportProgress) -> Void)? = nil) {
        self.database = database
        self.options = options
        self.sealingKey = database.contactKey.key
        self.now = now
        self.progress = progress
    }

    /// Imports the files, directory records first, then orders, tickets and messages, so a
    /// reference always points at something already read.
    public func run(paths: [String]) throws -> ImportSummary {
        guard !paths.isEmpty else { throw ImportError.noFiles }
        guard !options.source.isEmpty, options.source.utf8.count <= 64,
              !options.source.contains(where: { $0 == ":" || $0 == "/" || $0.isWhitespace }) else {
            throw ImportError.badSource(options.source)
        }
        if !Self.isUTF8(options.encoding) && Transcoder(from: options.encoding) == nil {
            throw ImportError.unknownEncoding(options.encoding)
        }
        summary = ImportSummary()
        summary.dryRun = options.dryRun
        dryRunSeen = options.dryRun ? DryRunMemory() : nil
        started = Date()
        var plan: [(path: String, format: ImportOptions.Format, kind: RecordKind)] = []
        for path in paths {
            let (format, kind) = try inspect(path)
            plan.append((path, format, kind))
        }
        plan = plan.enumerated().sorted { ($0.element.kind, $0.offset) < ($1.element.kind, $1.offset) }.map(\.element)
        if let path = options.rejectsPath { rejects = try RejectsWriter(path: path) }
        defer { rejects?.close() }
        let readAll = { [self] in
            for file in plan {
                summary.files.append(file.path)
                try read(file.path, format: file.format)
                try flush()
                // The next file may refer to what this one holds: let its writes land first.
                try waitForWrites()
            }
        }
        summary.bulk = try useBulkLoad(plan.filter { $0.kind == .ticket || $0.kind == .message }.map(\.path))
        if summary.bulk {
            var loaded = Date()
            let before = try database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ticket") ?? 0 }
            bulkLoading = true
            defer { bulkLoading = false }
            try database.withDeferredIndexes { try readAll(); loaded = Date() }
            summary.indexSeconds = Date().timeIntervalSince(loaded)
            // Without its indexes the load cannot look for originals row by row: one pass after.
            try database.linkTickets(after: before, at: now(), actor: "\(options.actor):\(options.source)")
        } else {
            try readAll()
        }
        // Rejections in the order of the files as given, then by line. The files' positions are
        // copied out first: a sort closure that reads `summary` while `sort` mutates it is an
        // exclusive-access conflict, which the release build aborts on (issue 13).
        let position = Dictionary(summary.files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        summary.firstRejections.sort { (position[$0.file] ?? 0, $0.line) < (position[$1.file] ?? 0, $1.line) }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Bulk mode pays for rebuilding the indexes of every row already there, so it is chosen
    /// only when the files bring about twice as much as the database holds.
    private func useBulkLoad(_ paths: [String]) throws -> Bool {
        if options.dryRun { return false }
        if let forced = options.bulk { return forced }
        let bytes = paths.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        guard bytes >= ImportOptions.bulkThresholdBytes else { return false }
        let rows = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT coalesce(max(id), 0) FROM ticket) + (SELECT coalesce(max(id), 0) FROM message)") ?? 0
        }
        // About 500 bytes per ticket row in the files; twice what is there, so that re-importing
        // the same file (everything already present) does not rebuild for nothing.
        return bytes / 500 >= 2 * rows
    }

    // MARK: - Reading

    private static func isUTF8(_ e: String) -> Bool { ["utf-8", "utf8"].contains(e.lowercased()) }

    /// Decides a file's format and the kind of its first record, before anything is imported.
    private func inspect(_ path: String) throws -> (ImportOptions.Format, RecordKind) {
        let source: ByteSource
        do { source = try ByteSource(path: path, chunkSize: 64 * 1024) } catch {
            throw ImportError.unreadable(path, "\(error)".replacingOccurrences(of: "\(path): ", with: ""))
        }
        var format = options.format
        if format == nil {
            switch (path as NSString).pathExtension.lowercased() {
            case "csv": format = .csv
            case "jsonl", "ndjson", "json": format = .jsonl
            default: break
            }
        }
        var head: [UInt8] = []
        while head.count < 64 * 1024, try source.next({ head.append(contentsOf: $0) }) {}
        if !Self.isUTF8(options.encoding), let t = Transcoder(from: options.encoding) {
            var converted: [UInt8] = []
            head.withUnsafeBufferPointer { t.convert($0, final: false) { converted.append(contentsOf: $0) } }
            head = converted
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        if format == nil {
            guard let first = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
                throw ImportError.unknownFormat(path)
            }
            format = first == UInt8(ascii: "{") ? .jsonl : .csv
        }
        switch format! {
        case .csv:
            let parser = CSVParser()
            var header: CSVRecord?
            head.withUnsafeBufferPointer { buf in
                parser.feed(buf) { rec in if header == nil { header = rec } }
                if header == nil { parser.finish { rec in if header == nil { header = rec } } }
            }
            guard let header else { throw ImportError.badHeader(path, "the file is empty: a header row is required") }
            let h: CSVHeader
            do throws(CSVHeader.Problem) { h = try CSVHeader(header) } catch { throw ImportError.badHeader(path, error.description) }
            do { return (.csv, try RecordKind.infer(HeaderOnly(names: h.names))) } catch {
                throw ImportError.badHeader(path, "the header has none of the key columns (external_id for tickets, customer_id, agent_id, supplier_id)")
            }
        case .jsonl:
            let firstLine = head.split(separator: 0x0A).first { !$0.allSatisfy { [0x20, 0x09, 0x0D].contains($0) } }
            guard let firstLine else { return (.jsonl, .ticket) }
            // An unparsable first line is reported as that line's rejection later; assume tickets.
            guard let fields = try? JSONFields.parse(line: Data(firstLine)), let kind = try? RecordKind.infer(fields) else {
                if firstLine.first != UInt8(ascii: "{") { throw ImportError.unknownFormat(path) }
                return (.jsonl, .ticket)
            }
            return (.jsonl, kind)
        }
    }

    private func read(_ path: String, format: ImportOptions.Format) throws {
        let source: ByteSource
        do { source = try ByteSource(path: path) } catch { throw ImportError.unreadable(path, "\(error)") }
        let transcoder = Self.isUTF8(options.encoding) ? nil : Transcoder(from: options.encoding)
        func pump(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            while try source.next({ chunk in
                if let transcoder { try transcoder.convert(chunk, final: false, body) } else { try body(chunk) }
            }) {
                try reportProgress(path: path, bytesRead: source.bytesRead, total: source.size)
            }
            if let transcoder { try transcoder.convert(UnsafeBufferPointer(start: nil, count: 0), final: true, body) }
        }
        switch format {
        case .csv:
            let parser = CSVParser()
            var header: CSVHeader?
            var kind: RecordKind?
            let handle: (inout CSVRecord) throws -> Void = { record in
                guard let h = header else {
                    do throws(CSVHeader.Problem) { header = try CSVHeader(record) } catch { throw ImportError.badHeader(path, error.description) }
                    // Every row of a CSV file is of the kind its header names (unless it has a `record` column).
                    if header?.index["record"] == nil { kind = try? RecordKind.infer(HeaderOnly(names: header!.names)) }
                    return
                }
                // An exact-size copy of the row for the rejects file: sharing the parser's buffer
                // would make its next `removeAll(keepingCapacity:)` allocate a new buffer of the
                // grown capacity for every row, and each pending row would hold one.
                let raw = record.raw.withUnsafeBufferPointer { Array($0) }
                try self.take(CSVFields(header: h, record: record, timeShiftMillis: Int64(self.options.timeShift * 1000)), kind: kind, file: path, line: record.line, raw: raw)
            }
            try pump { try parser.feed($0, handle) }
            try parser.finish(handle)
        case .jsonl:
            let splitter = LineSplitter()
            let handle: (inout LineSplitter.Line) throws -> Void = { line in
                try self.takeJSON(line, file: path)
            }
            try pump { try splitter.feed($0, handle) }
            try splitter.finish(handle)
        }
    }

    private func takeJSON(_ line: LineSplitter.Line, file: String) throws {
        summary.total.read += 1
        if line.tooLong {
            return try reject(file: file, line: line.number, kind: nil, id: nil,
                              FieldError(field: "", reason: "line longer than \(LineSplitter.maxLineBytes / 1024) KiB"), raw: line.bytes)
        }
        if let bad = UTF8Validation.firstInvalidOffset(line.bytes) {
            return try reject(file: file, line: line.number, kind: nil, id: nil,
                              FieldError(field: "", reason: "invalid UTF-8 at byte \(bad + 1) of the line (is the file in GB18030? use --encoding gb18030)"),
                              raw: line.bytes)
        }
        do {
            let fields = try JSONFields.parse(line: Data(line.bytes), timeShiftMillis: Int64(options.timeShift * 1000))
            // Exact-size copy, as for CSV rows: the splitter's buffer is reused with its capacity.
            try decode(fields, file: file, line: line.number, raw: line.bytes.withUnsafeBufferPointer { Array($0) })
        } catch let error as FieldError {
            try reject(file: file, line: line.number, kind: nil, id: nil, error, raw: line.bytes)
        }
    }

    private func take(_ fields: CSVFields, kind: RecordKind?, file: String, line: Int, raw: [UInt8]) throws {
        summary.total.read += 1
        if let problem = fields.structuralProblem() {
            // Counted read under its kind, as rejected below: each kind's read = new + present + rejected.
            if let kind { summary.byKind[kind, default: .init()].read += 1 }
            return try reject(file: file, line: line, kind: kind, id: nil, problem, raw: raw)
        }
        try decode(fields, kind: kind, file: file, line: line, raw: raw)
    }

    private func decode(_ fields: FieldSource, kind known: RecordKind? = nil, file: String, line: Int, raw: [UInt8]) throws {
        var kind: RecordKind?
        do {
            let k = try known ?? RecordKind.infer(fields)
            kind = k
            let item: Item
            switch k {
            case .ticket:
                var r = try TicketRecord.decode(fields, source: options.source)
                if let contact = r.contact { r.customer.contactSealed = seal(contact, r.customer.id); r.contact = nil }
                item = .ticket(r)
            case .order: item = .order(try OrderRecord.decode(fields))
            case .customer:
                var (c, contact) = try CustomerRecord.decodeRow(fields)
                if let contact { c.contactSealed = seal(contact, c.id) }
                item = .customer(c)
            case .agent: item = .agent(try AgentRecord.decode(fields))
            case .supplier: item = .supplier(try SupplierRecord.decode(fields))
            case .message:
                let (key, m) = try MessageRecord.decode(fields, source: options.source)
                item = .message(key, m)
            }
            summary.byKind[k, default: .init()].read += 1
            let encoded = options.dryRun ? nil : item.event.encoded
            batch.append(Pending(file: file, line: line, raw: raw, item: item, encoded: encoded))
            if batch.count >= options.batchSize { try flush() }
        } catch let error as FieldError {
            if let kind { summary.byKind[kind, default: .init()].read += 1 }
            let id = fields.text(Self.keyField(kind)).flatMap { $0.isEmpty ? nil : $0 }
            try reject(file: file, line: line, kind: kind, id: id, error, raw: raw)
        }
    }

    /// The real contact a row gave, sealed with the center's contact key on this (the reading)
    /// thread; without a key (a database opened with none) only the masked form is kept. A dry
    /// run writes nothing and seals nothing.
    private func seal(_ contact: ContactDetails, _ customerID: String) -> String? {
        guard !options.dryRun, let key = sealingKey else { return nil }
        // A customer's tickets repeat the same contact: sealing is deterministic, so the text
        // sealed for the customer's last row serves (a seal costs about 5 µs; the memo, one lookup).
        if let (last, sealed) = sealedMemo[customerID], last == contact { return sealed }
        let sealed = key.seal(contact, customerID: customerID)
        if sealedMemo.count >= 65_536 { sealedMemo.removeAll(keepingCapacity: true) }
        sealedMemo[customerID] = (contact, sealed)
        return sealed
    }

    private static func keyField(_ kind: RecordKind?) -> String {
        switch kind {
        case .ticket, nil: return "external_id"
        case .order: return "order_id"
        case .customer: return "customer_id"
        case .agent: return "agent_id"
        case .supplier: return "supplier_id"
        case .message: return "ticket_id"
        }
    }

    private func reject(file: String, line: Int, kind: RecordKind?, id: String?, _ error: FieldError, raw: [UInt8]) throws {
        summary.total.rejected += 1
        if let kind { summary.byKind[kind, default: .init()].rejected += 1 }
        let r = Rejection(file: file, line: line, kind: kind, id: id.map(JSONFields.shown), field: error.field,
                          reason: error.reason, raw: raw)
        if summary.firstRejections.count < 20 { summary.firstRejections.append(r) }
        try rejects?.write(r)
    }

    private func reportProgress(path: String, bytesRead: Int, total: Int) throws {
        guard let progress else { return }
        let t = Date()
        guard t.timeIntervalSince(lastProgress) >= 0.1 else { return }
        lastProgress = t
        progress(ImportProgress(rowsRead: summary.total.read, bytesRead: bytesRead, bytesTotal: total,
                                elapsed: t.timeIntervalSince(started), file: path))
    }

    // MARK: - Writing

    /// Hands the batch to the writer queue, which writes it in one transaction; references are
    /// checked inside it, so a ticket may point at an order imported earlier in the same run.
    private func flush() throws {
        try collectWrites()
        guard !batch.isEmpty else { return }
        let pending = batch
        batch.removeAll(keepingCapacity: true)
        inFlight.wait()
        if let error = lock.withLock({ writeError }) { inFlight.signal(); throw error }
        writerQueue.async { [self] in
            defer { inFlight.signal() }
            do {
                let outcomes = try write(pending)
                lock.withLock { written.append((pending, outcomes)) }
            } catch {
                lock.withLock { writeError = error }
            }
        }
    }

    private func waitForWrites() throws {
        writerQueue.sync {}
        try collectWrites()
    }

    /// Counts what the writer finished; runs on the decoding thread.
    private func collectWrites() throws {
        let (done, error) = lock.withLock { () -> ([([Pending], [Result<EventApplier.Outcome, FieldError>])], Error?) in
            defer { written.removeAll() }
            return (written, writeError)
        }
        if let error { throw error }
        for (pending, outcomes) in done {
            for (p, result) in zip(pending, outcomes) {
                switch result {
                case .success(.applied):
                    summary.total.imported += 1; summary.byKind[p.item.kind, default: .init()].imported += 1
                case .success(.alreadyPresent):
                    summary.total.alreadyPresent += 1; summary.byKind[p.item.kind, default: .init()].alreadyPresent += 1
                case .success(.rejected(let why)):
                    try reject(file: p.file, line: p.line, kind: p.item.kind, id: p.item.id, FieldError(field: "", reason: why), raw: p.raw)
                case .failure(let e):
                    try reject(file: p.file, line: p.line, kind: p.item.kind, id: p.item.id, e, raw: p.raw)
                }
            }
        }
    }

    private func write(_ pending: [Pending]) throws -> [Result<EventApplier.Outcome, FieldError>] {
        let at = now()
        let actor = "\(options.actor):\(options.source)"
        var outcomes: [Result<EventApplier.Outcome, FieldError>] = []
        outcomes.reserveCapacity(pending.count)
        if let memory = dryRunSeen {
            try database.writer.read { db in
                let checker = ReferenceChecker(db: db, memory: memory)
                for p in pending {
                    do {
                        try checker.check(p.item)
                        outcomes.append(.success(try checker.wouldApply(p.item)))
                        memory.remember(p.item)
                    } catch let e as FieldError { outcomes.append(.failure(e)) }
                }
            }
        } else {
            let linkNow = !bulkLoading
            try database.writer.write { db in
                let applier = try EventApplier(db)
                let checker = ReferenceChecker(db: db, memory: nil)
                var arrivals: [AppDatabase.Arrival] = []
                for p in pending {
                    do {
                        try checker.check(p.item)
                        let outcome = try self.apply(p, applier, at: at, actor: actor)
                        outcomes.append(.success(outcome))
                        if linkNow, outcome == .applied, case .ticket(let r) = p.item, r.ticket.status != .resolved {
                            arrivals.append(AppDatabase.Arrival(ticket: r.ticket, firstMessage: r.firstMessage?.body, chases: r.chases))
                        }
                    } catch let e as FieldError { outcomes.append(.failure(e)) }
                }
                // Follow-ups (Docs/import-format.md): decided once the batch's tickets are all in,
                // in the same transaction, so a re-run after a crash links exactly what it imports.
                if !arrivals.isEmpty { try AppDatabase.linkArrivals(db, applier, arrivals, at: at, actor: actor) }
            }
        }
        return outcomes
    }

    private func apply(_ p: Pending, _ applier: EventApplier, at: Date, actor: String) throws -> EventApplier.Outcome {
        let logged = LoggedEvent(at: at, actor: actor, event: p.item.event)
        if case .ticket(let r) = p.item { return try applier.apply(logged, ensuring: r.customer, encoded: p.encoded) }
        return try applier.apply(logged, origin: nil, encoded: p.encoded)
    }
}

/// A header's names, to infer a CSV file's record kind before reading rows.
private struct HeaderOnly: FieldSource {
    let names: [String]
    func text(_ name: String) -> String? { names.contains(name) ? "x" : nil }
    func list(_ name: String) throws(FieldError) -> [String]? { nil }
    func object(_ name: String) throws(FieldError) -> FieldSource? { nil }
    func objects(_ name: String) throws(FieldError) -> [FieldSource]? { nil }
}
