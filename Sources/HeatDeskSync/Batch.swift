import Foundation
import HeatDeskCore

/// One event as a batch carries it: its origin seq and clock, and the payload as the log has it.
public struct BatchEvent: Equatable, Sendable {
    public var seq: Int64
    public var hlc: Int64
    public var atMillis: Int64
    public var actor: String
    public var kind: String
    public var entity: String
    /// The payload JSON object's bytes, as written (export side) or as read from the file.
    public var payload: [UInt8]
    /// The decoded event (read side): decoded once, straight from the parsed line.
    public var event: DomainEvent?

    public init(seq: Int64, hlc: Int64, atMillis: Int64, actor: String, kind: String, entity: String, payload: [UInt8],
                event: DomainEvent? = nil) {
        self.seq = seq; self.hlc = hlc; self.atMillis = atMillis; self.actor = actor; self.kind = kind
        self.entity = entity; self.payload = payload; self.event = event
    }
}

/// An immutable file of one node's events (Docs/sync-protocol.md, "Batches"): a header, one
/// line per event, and a trailer with the count and CRC-32C of everything before it.
public struct Batch: Equatable, Sendable {
    public static let format = 1
    public var node: String
    public var prev: Int64
    public var events: [BatchEvent]

    public init(node: String, prev: Int64, events: [BatchEvent]) { self.node = node; self.prev = prev; self.events = events }

    public var from: Int64 { events.first?.seq ?? 0 }
    public var to: Int64 { events.last?.seq ?? 0 }
    public var name: String { SharedDirectory.batchName(from: from, to: to) }

    /// The file's bytes; the same events always give the same bytes.
    public func encoded() -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(events.reduce(128) { $0 + $1.payload.count + 160 })
        var w = JSONWriter(); w.beginObject()
        w.field("format", Self.format); w.field("node", node); w.field("prev", prev); w.field("from", from); w.field("to", to)
        w.endObject()
        out += w.bytes; out.append(10)
        for e in events {
            var w = JSONWriter(); w.beginObject()
            w.field("seq", e.seq); w.field("hlc", e.hlc); w.key("at"); w.timestamp(e.atMillis)
            w.field("actor", e.actor); w.field("kind", e.kind); w.field("entity", e.entity); w.key("payload")
            out += w.bytes; out += e.payload; out.append(UInt8(ascii: "}")); out.append(10)
        }
        let crc = CRC32C.checksum(out)
        var t = JSONWriter(); t.beginObject(); t.field("end", true); t.field("count", events.count); t.field("crc32c", crc.hex); t.endObject()
        out += t.bytes; out.append(10)
        return Data(out)
    }

    /// Reads and checks a batch file's bytes. `node`, `from`, `to` are what its folder and name
    /// say; any mismatch, a torn or truncated file, or a bad checksum is a fault naming `path`.
    public static func decode(_ data: Data, path: String, node: String, from: Int64, to: Int64) throws(SyncFault) -> Batch {
        func fault(_ why: String) -> SyncFault { SyncFault(path: path, reason: why) }
        let bytes = [UInt8](data)
        guard bytes.last == 10 else { throw fault("truncated: the last line is incomplete") }
        // The trailer is the last line.
        var start = bytes.count - 1
        while start > 0 && bytes[start - 1] != 10 { start -= 1 }
        guard start > 0 else { throw fault("truncated: no events and no trailer") }
        guard let trailer = LineJSON.object(bytes[start..<(bytes.count - 1)]),
              trailer["end"] as? Bool == true, let count = trailer["count"] as? Int, let crc = trailer["crc32c"] as? String else {
            throw fault("truncated: no trailer line")
        }
        let actual = CRC32C.checksum(bytes[0..<start]).hex
        guard actual == crc else { throw fault("bad checksum: the trailer says \(crc), the content gives \(actual)") }
        var lines = lineRanges(bytes, end: start - 1)
        guard !lines.isEmpty else { throw fault("no header line") }
        let headerLine = bytes[lines.removeFirst()]
        guard let header = LineJSON.object(headerLine) else { throw fault("line 1: the header is not JSON") }
        guard header["format"] as? Int == format else { throw fault("unknown batch format \(header["format"].map { "\($0)" } ?? "none") (this heatdesk reads \(format))") }
        guard header["node"] as? String == node else { throw fault("the header names node \(header["node"] ?? "none"), the folder \(node)") }
        guard let prev = (header["prev"] as? NSNumber)?.int64Value else { throw fault("line 1: no prev") }
        guard (header["from"] as? NSNumber)?.int64Value == from, (header["to"] as? NSNumber)?.int64Value == to else {
            throw fault("the header's range differs from the file name")
        }
        guard lines.count == count else { throw fault("the trailer counts \(count) events, the file holds \(lines.count)") }
        var events: [BatchEvent] = []
        events.reserveCapacity(count)
        var last = prev
        for (i, range) in lines.enumerated() {
            guard let (o, payloadBytes) = LineJSON.object(bytes[range], keeping: "payload"), let payloadBytes,
                  let seq = (o["seq"] as? NSNumber)?.int64Value, let hlc = (o["hlc"] as? NSNumber)?.int64Value,
                  let at = o["at"] as? String, let actor = o["actor"] as? String, let kind = o["kind"] as? String,
                  let entity = o["entity"] as? String, let payload = o["payload"] as? [String: Any] else {
                throw fault("line \(i + 2): not an event line")
            }
            guard seq > last else { throw fault("line \(i + 2): seq \(seq) is not after \(last)") }
            last = seq
            guard let atMillis = try? Timestamp.parse(at).millis else { throw fault("line \(i + 2): bad time '\(at)'") }
            let event: DomainEvent
            do { event = try DomainEvent.decode(kind: kind, object: payload) } catch {
                throw fault("line \(i + 2), event \(seq): \(error)")
            }
            events.append(BatchEvent(seq: seq, hlc: hlc, atMillis: atMillis, actor: actor, kind: kind, entity: entity,
                                     payload: Array(payloadBytes), event: event))
        }
        guard events.first?.seq == from, events.last?.seq == to else { throw fault("the events' seqs do not span the file name's range") }
        return Batch(node: node, prev: prev, events: events)
    }

    /// The lines of `bytes[0..<end]`, without their newlines; empty lines kept. `memchr` instead
    /// of the generic `split`, which was 8 % of reading a batch.
    private static func lineRanges(_ bytes: [UInt8], end: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var i = 0
            while true {
                guard let nl = memchr(base + i, 10, end - i) else { out.append(i..<end); return }
                let at = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                out.append(i..<at)
                i = at + 1
            }
        }
        return out
    }
}
