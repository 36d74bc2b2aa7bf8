import Foundation
import HeatDeskCore
import HeatDeskImport
import HeatDeskSync

/// The line, shown escaped and cut, for a failure message.
func excerpt(_ line: [UInt8]) -> String {
    var out = ""
    for b in line.prefix(300) {
        if b >= 0x20 && b < 0x7F { out.append(Character(Unicode.Scalar(b))) } else { out += "\\x" + String(b, radix: 16) }
    }
    return out + (line.count > 300 ? "…" : "")
}

/// `LineJSON` must give what `JSONSerialization` gives, for any line (Docs/architecture.md).
func checkLineJSON(_ line: [UInt8], _ what: String) throws {
    // JSONSerialization also reads a BOM and detects UTF-16 and UTF-32 (NUL bytes among the
    // first four); batch lines are UTF-8 without a BOM, and LineJSON refuses those on purpose.
    if line.starts(with: [0xEF, 0xBB, 0xBF]) || line.prefix(4).contains(0) { return }
    let ours = LineJSON.object(line[...])
    let foundation = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    switch (ours, foundation) {
    case (nil, nil): return
    case (let o?, let f?):
        guard NSDictionary(dictionary: o) != NSDictionary(dictionary: f) else { return }
        let key = Set(o.keys).union(f.keys).sorted().first { k in
            guard let a = o[k], let b = f[k] else { return true }
            return NSArray(array: [a]) != NSArray(array: [b])
        }
        throw OracleFailure("\(what): LineJSON and JSONSerialization read different values"
            + (key.map { " for '\(shown($0))': \(shown(String(describing: o[$0] ?? "nothing"), limit: 80)) vs \(shown(String(describing: f[$0] ?? "nothing"), limit: 80))" } ?? ""))
    case (nil, _?):
        // Foundation's reader also takes a trailing comma before `}` or `]`, which RFC 8259 (and
        // LineJSON, on purpose) does not.
        if hasTrailingComma(line) { return }
        throw OracleFailure("\(what): JSONSerialization reads an object, LineJSON refuses the line: \(excerpt(line))")
    case (_?, nil): throw OracleFailure("\(what): LineJSON reads an object, JSONSerialization refuses the line: \(excerpt(line))")
    }
}

/// The sync batch decoder: mutated batches, most of them sealed again with a valid CRC-32C
/// trailer so the decoder behind the checksum is reached. A batch is read whole or refused
/// with a fault naming its path; what is read encodes and reads back the same.
final class SyncTarget: FuzzTarget {
    let name = "sync"
    static let node = "0f5c2a8e-3b1d-4c7a-9e2f-6a1b2c3d4e5f"
    let pool: [DomainEvent]

    init(seeds: Seeds) {
        var events: [DomainEvent] = []
        func fields(_ line: [UInt8]) -> JSONFields? { try? JSONFields.parse(line: Data(line)) }
        for l in seeds.customerLines.prefix(6) { if let f = fields(l), let c = try? CustomerRecord.decode(f) { events.append(.customerUpserted(c)) } }
        for l in seeds.agentLines.prefix(4) { if let f = fields(l), let a = try? AgentRecord.decode(f) { events.append(.agentUpserted(a)) } }
        for l in seeds.supplierLines.prefix(3) { if let f = fields(l), let s = try? SupplierRecord.decode(f) { events.append(.supplierUpserted(s)) } }
        for l in seeds.orderLines.prefix(8) { if let f = fields(l), let o = try? OrderRecord.decode(f) { events.append(.orderImported(o)) } }
        var header: CSVHeader?
        let parser = CSVParser()
        let handle: (inout CSVRecord) -> Void = { rec in
            guard let h = header else { header = try? CSVHeader(rec); return }
            if events.count < 40, let t = try? TicketRecord.decode(CSVFields(header: h, record: rec), source: "main") {
                events.append(.ticketImported(t.ticket, firstMessage: t.firstMessage))
            }
        }
        (seeds.ticketHeader + seeds.ticketRows.prefix(8).flatMap { $0 }).withUnsafeBufferPointer { parser.feed($0, handle) }
        parser.finish(handle)
        for l in seeds.messageLines.prefix(6) { if let f = fields(l), let (k, m) = try? MessageRecord.decode(f, source: "main") { events.append(.messageAdded(k, m)) } }
        let key = TicketKey(source: "main", externalID: "HD-000001")
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        events += [
            .ticketChanged(key, .claimed(owner: "AG-002"), epoch: 1),
            .ticketChanged(key, .statusChanged(.pending, waitingFor: "customer"), epoch: 1),
            .ticketChanged(key, .priorityChanged(.urgent), epoch: 1),
            .ticketChanged(key, .participantJoined(Participant(memberID: "AG-009", kind: .colleague, joinedAt: at)), epoch: 1),
            .ticketChanged(key, .participantLeft(memberID: "AG-009"), epoch: 1),
            .ticketChanged(key, .contactRevealed(field: "phone"), epoch: 1),
            .ticketChanged(key, .transferred(to: "AG-009"), epoch: 2),
            .ticketChanged(key, .requeued(reason: "shift over \u{1B}[2J"), epoch: 3),
            .ticketChanged(key, .reopened(owner: "AG-002"), epoch: 4),
            .ticketChanged(key, .resolved(.rebooked, firstContact: false), epoch: 4),
            .agentStatusChanged(agentID: "AG-002", .away),
        ]
        pool = events
    }

    func generate(_ r: inout GenRandom) -> FuzzInput {
        let prev = Int64(r.int(0...5))
        var events: [BatchEvent] = []
        let start = r.below(pool.count)
        for k in 0..<r.int(1...6) {
            let e = pool[(start + k) % pool.count]
            let enc = e.encoded
            events.append(BatchEvent(seq: prev + 1 + Int64(k), hlc: 1_795_000_000_000 << 16 + Int64(k), atMillis: 1_795_000_000_000 + Int64(k) * 1000,
                                     actor: r.pick(["AG-002", "import:main", "sync"]), kind: enc.kind, entity: enc.entity, payload: enc.payload))
        }
        let batch = Batch(node: Self.node, prev: prev, events: events)
        var bytes = [UInt8](batch.encoded())
        var options = ["node": Self.node, "from": String(batch.from), "to": String(batch.to)]
        if r.percent(5) { options["from"] = String(batch.from + 1) }
        switch r.below(10) {
        case 0, 1, 2: // the whole file, trailer included
            bytes = Mutate.mutate(bytes, &r)
        case 3: // the trailer only
            let trailerStart = (bytes.dropLast().lastIndex(of: 0x0A) ?? -1) + 1
            bytes = Array(bytes[..<trailerStart]) + Mutate.mutate(Array(bytes[trailerStart...]), &r, rounds: 1)
        default: // the content, sealed again with a valid checksum
            let trailerStart = (bytes.dropLast().lastIndex(of: 0x0A) ?? -1) + 1
            var body = Mutate.mutate(Array(bytes[..<trailerStart]), &r)
            if body.last != 0x0A && r.percent(90) { body.append(0x0A) }
            let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).count - 1
            let count = r.percent(85) ? max(0, lines - 1) : events.count
            var t = JSONWriter(); t.beginObject(); t.field("end", true); t.field("count", count)
            t.field("crc32c", CRC32C.checksum(body).hex); t.endObject()
            bytes = body + t.bytes + [0x0A]
        }
        return FuzzInput(parts: [.init(name: SharedDirectory.batchName(from: batch.from, to: batch.to), bytes: bytes)], options: options)
    }

    func check(_ input: FuzzInput) throws {
        let path = "log/\(input.options["node"] ?? Self.node)/\(input.parts.first?.name ?? "batch.jsonl")"
        let node = input.options["node"] ?? Self.node
        let from = Int64(input.options["from"] ?? "") ?? 1, to = Int64(input.options["to"] ?? "") ?? 1
        let bytes = input.bytes
        for (i, line) in bytes.split(separator: 0x0A).prefix(64).enumerated() where line.count < 1 << 16 {
            try checkLineJSON(Array(line), "line \(i + 1)")
        }
        let batch: Batch
        do throws(SyncFault) {
            batch = try Batch.decode(Data(bytes), path: path, node: node, from: from, to: to)
        } catch {
            try expect(error.path == path, "the fault names '\(shown(error.path))', not the batch's path")
            try expect(!error.reason.isEmpty, "a fault without a reason")
            return
        }
        try expect(!batch.events.isEmpty && batch.from == from && batch.to == to, "read a batch of \(batch.events.count) events \(batch.from)-\(batch.to) for a file named \(from)-\(to)")
        try expect(zip(batch.events, batch.events.dropFirst()).allSatisfy { $0.seq < $1.seq } && batch.events.allSatisfy { $0.seq > batch.prev },
                   "read events whose seqs do not increase")
        try expect(batch.events.allSatisfy { $0.event != nil }, "read an event it did not decode")
        for e in batch.events {
            try expect(LineJSON.object(e.payload[...]) != nil, "event \(e.seq): the kept payload is not a JSON object")
        }
        // What was read encodes to a batch that reads back the same.
        let again: Batch
        do throws(SyncFault) { again = try Batch.decode(batch.encoded(), path: path, node: node, from: from, to: to) } catch {
            throw OracleFailure("a batch it read, encoded again, is refused: \(error.reason)")
        }
        try expect(again == batch, "a batch it read, encoded again, reads back different")
    }
}

/// A `,` followed (after white space) by `}` or `]`, outside strings.
func hasTrailingComma(_ line: [UInt8]) -> Bool {
    var inString = false, escaped = false, afterComma = false
    for b in line {
        if inString {
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            continue
        }
        switch b {
        case UInt8(ascii: "\""): inString = true; afterComma = false
        case UInt8(ascii: ","): afterComma = true
        case UInt8(ascii: "}"), UInt8(ascii: "]"): if afterComma { return true }
        case 0x20, 0x09, 0x0A, 0x0D: break
        default: afterComma = false
        }
    }
    return false
}
