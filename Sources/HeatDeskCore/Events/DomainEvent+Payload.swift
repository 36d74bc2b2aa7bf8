import Foundation

/// The payload JSON of each event: everything another node needs to apply it. Keys use the
/// import format's names (Docs/import-format.md) so one vocabulary serves files, log and sync.
extension DomainEvent {
    public var payload: String { String(decoding: payloadBytes, as: UTF8.self) }

    private func writeFields(to w: inout JSONWriter) {
        switch self {
        case .customerUpserted(let c): c.write(to: &w)
        case .agentUpserted(let a): a.write(to: &w)
        case .supplierUpserted(let s): s.write(to: &w)
        case .orderImported(let o): o.write(to: &w)
        case .ticketImported(let t, let m):
            t.write(to: &w)
            if let m { w.key("message"); w.beginObject(); m.write(to: &w); w.endObject() }
        case .messageAdded(let k, let m):
            w.field("source", k.source); w.field("ticket_id", k.externalID)
            m.write(to: &w)
        case .ticketChanged(let k, let change, let epoch):
            w.field("source", k.source); w.field("ticket_id", k.externalID); w.field("epoch", epoch)
            change.write(to: &w)
        case .agentStatusChanged(let id, let status):
            w.field("agent_id", id); w.field("status", status.rawValue)
        }
    }

    /// The log's columns for this event, made where there is time for it: an import encodes on
    /// its reading thread so that the writing thread only binds.
    public var encoded: EncodedEvent { EncodedEvent(kind: kind, entity: entity, payload: payloadBytes) }

    /// The payload as UTF-8 bytes, for the store to bind without building a String.
    public var payloadBytes: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        writeFields(to: &w)
        w.endObject()
        return w.bytes
    }
}

/// An event as the log stores it (kind, entity, payload JSON), when it is already at hand: a
/// batch line as its origin wrote it, or encoded ahead on another thread.
public struct EncodedEvent: Sendable, Equatable {
    public var kind: String
    public var entity: String
    public var payload: [UInt8]
    public init(kind: String, entity: String, payload: [UInt8]) { self.kind = kind; self.entity = entity; self.payload = payload }
}

extension Customer {
    func write(to w: inout JSONWriter) {
        w.field("customer_id", id); w.field("name", name); w.field("language", language); w.field("tier", tier.rawValue)
        w.field("phone", phoneMasked); w.field("email", emailMasked)
        if !flags.isEmpty { w.field("flags", strings: flags.sorted().map(\.rawValue)) }
        // Sealed only: the real contact never enters a payload, the log or a batch.
        w.field("contact_sealed", contactSealed)
    }
}

extension Agent {
    func write(to w: inout JSONWriter) {
        w.field("agent_id", id); w.field("name", name); w.field("role", role.rawValue)
        w.field("skills", strings: skills.map(\.rawValue)); w.field("languages", strings: languages)
        w.field("center", center); w.field("supplier_id", supplierID)
    }
}

extension Supplier {
    func write(to w: inout JSONWriter) {
        w.field("supplier_id", id); w.field("name", name); w.field("product", product.rawValue)
        w.field("contact", contact); w.field("languages", strings: languages)
    }
}

extension Order {
    func write(to w: inout JSONWriter) {
        w.field("order_id", id); w.field("customer_id", customerID); w.field("product", product.rawValue)
        w.field("status", status.rawValue); w.field("booked_at", timestamp: bookedAt.millis)
        detail.write(to: &w)
        w.key("events"); w.beginArray()
        for e in events {
            w.beginObject(); w.field("at", timestamp: e.at.millis); w.field("kind", e.kind.rawValue)
            if !e.detail.isEmpty { w.field("detail", e.detail) }
            w.endObject()
        }
        w.endArray()
    }
}

extension OrderDetail {
    /// The product object, under the key named after the product (`flight`, `hotel`, `car`).
    public func write(to w: inout JSONWriter) {
        switch self {
        case .flight(let f):
            w.key("flight"); w.beginObject()
            w.field("carrier", f.carrier); w.field("number", f.number); w.field("origin", f.origin)
            w.field("destination", f.destination); w.field("departure", timestamp: f.departure.millis)
            w.field("arrival", timestamp: f.arrival.millis); w.field("pnr", f.pnr)
            w.endObject()
        case .hotel(let h):
            w.key("hotel"); w.beginObject()
            w.field("name", h.name); w.field("city", h.city); w.field("checkin", timestamp: h.checkIn.millis)
            w.field("checkout", timestamp: h.checkOut.millis); w.field("room", h.room); w.field("supplier_id", h.supplierID)
            w.endObject()
        case .car(let c):
            w.key("car"); w.beginObject()
            w.field("company", c.company); w.field("pickup_place", c.pickupPlace); w.field("pickup_at", timestamp: c.pickupAt.millis)
            w.field("return_place", c.returnPlace); w.field("return_at", timestamp: c.returnAt.millis); w.field("supplier_id", c.supplierID)
            w.endObject()
        case .other(let text):
            w.field("description", text)
        }
    }

    /// The product object alone, as the store keeps it in the order row.
    public var json: String {
        var w = JSONWriter(); w.beginObject(); write(to: &w); w.endObject(); return w.text
    }
}

extension Ticket {
    func write(to w: inout JSONWriter) {
        w.field("source", key.source); w.field("external_id", key.externalID)
        w.field("created_at", timestamp: createdAt.millis); w.field("channel", channel.rawValue)
        w.field("product", product.rawValue); w.field("category", category.rawValue)
        w.field("priority", priority.rawValue); w.field("status", status.rawValue)
        w.field("customer_id", customerID)
        if !orderIDs.isEmpty { w.field("order_ids", strings: orderIDs) }
        if !subject.isEmpty { w.field("subject", subject) }
        if !botSummary.isEmpty { w.field("bot_summary", botSummary) }
        w.field("sla_due_at", timestamp: slaDueAt.millis)
        w.field("agent_id", ownerID)
        w.field("first_response_at", timestamp: firstResponseAt?.millis)
        w.field("resolved_at", timestamp: resolvedAt?.millis)
        w.field("disposition", disposition?.rawValue)
    }
}

extension Message {
    func write(to w: inout JSONWriter) {
        w.field("at", timestamp: at.millis); w.field("author", authorKind.rawValue)
        w.field("author_id", authorID); w.field("visibility", visibility.rawValue); w.field("body", body)
    }
}

extension TicketChange {
    func write(to w: inout JSONWriter) {
        switch self {
        case .claimed(let owner), .reopened(let owner): w.field("agent_id", owner)
        case .transferred(let to): w.field("agent_id", to)
        case .requeued(let reason): w.field("reason", reason)
        case .statusChanged(let status, let waitingFor): w.field("status", status.rawValue); w.field("waiting_for", waitingFor)
        case .priorityChanged(let p): w.field("priority", p.rawValue)
        case .resolved(let d, let fcr): w.field("disposition", d.rawValue); w.field("first_contact", fcr)
        case .participantJoined(let p):
            w.field("member_id", p.memberID); w.field("kind", p.kind.rawValue); w.field("joined_at", timestamp: p.joinedAt.millis)
        case .participantLeft(let id): w.field("member_id", id)
        case .contactRevealed(let field, let customerID): w.field("field", field); w.field("customer_id", customerID)
        case .linked(let parent, let reason):
            w.field("parent_source", parent.source); w.field("parent_id", parent.externalID); w.field("reason", reason.rawValue)
        }
    }
}
