import Foundation

/// Reading an event back from its kind and payload (the `event` table, sync batches). The
/// payload's keys are the import format's names, so the directory and order records reuse the
/// import decoders; tickets, messages and work changes are read here without the import's
/// length limits, because what a workstation wrote must always read back.
extension DomainEvent {
    public struct DecodingError: Error, Equatable, CustomStringConvertible, Sendable {
        public var kind: String
        public var reason: String
        public init(kind: String, reason: String) { self.kind = kind; self.reason = reason }
        public var description: String { "\(kind): \(reason)" }
    }

    /// Decodes the payload bytes (a JSON object) of an event of `kind`.
    public static func decode(kind: String, payload: Data) throws(DecodingError) -> DomainEvent {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: payload) } catch {
            throw DecodingError(kind: kind, reason: "payload is not JSON")
        }
        guard let dict = object as? [String: Any] else { throw DecodingError(kind: kind, reason: "payload is not an object") }
        return try decode(kind: kind, object: dict)
    }

    public static func decode(kind: String, object o: [String: Any]) throws(DecodingError) -> DomainEvent {
        let p = PayloadReader(object: o, kind: kind)
        do {
            switch kind {
            case "customer.upserted": return .customerUpserted(try CustomerRecord.decode(JSONFields(o)))
            case "agent.upserted": return .agentUpserted(try AgentRecord.decode(JSONFields(o)))
            case "supplier.upserted": return .supplierUpserted(try SupplierRecord.decode(JSONFields(o)))
            case "order.imported": return .orderImported(try OrderRecord.decode(JSONFields(o)))
            case "ticket.imported":
                let t = try p.ticket()
                let m = try (o["message"] as? [String: Any]).map { sub throws(DecodingError) in
                    try PayloadReader(object: sub, kind: kind).message()
                }
                return .ticketImported(t, firstMessage: m)
            case "message.added": return .messageAdded(try p.key(), try p.message())
            case "agent.status_changed":
                return .agentStatusChanged(agentID: try p.string("agent_id"), try p.choice("status", AgentStatus.self))
            default:
                guard kind.hasPrefix("ticket.") else { throw DecodingError(kind: kind, reason: "unknown event kind") }
                return .ticketChanged(try p.key(), try p.change(String(kind.dropFirst("ticket.".count))), epoch: try p.int("epoch"))
            }
        } catch let e as FieldError {
            throw DecodingError(kind: kind, reason: e.description)
        } catch let e as DecodingError {
            throw e
        } catch {
            throw DecodingError(kind: kind, reason: "\(error)")
        }
    }
}

/// Typed reads from a payload object, naming the missing or wrong field.
private struct PayloadReader {
    let object: [String: Any]
    let kind: String

    func fail(_ field: String, _ why: String) -> DomainEvent.DecodingError {
        DomainEvent.DecodingError(kind: kind, reason: "\(field): \(why)")
    }

    func optionalString(_ k: String) throws(DomainEvent.DecodingError) -> String? {
        switch object[k] {
        case nil, is NSNull: return nil
        case let s as String: return s
        default: throw fail(k, "expected a string")
        }
    }

    func string(_ k: String) throws(DomainEvent.DecodingError) -> String {
        guard let s = try optionalString(k) else { throw fail(k, "missing") }
        return s
    }

    func int(_ k: String) throws(DomainEvent.DecodingError) -> Int {
        guard let n = object[k] as? NSNumber else { throw fail(k, "expected a number") }
        return n.intValue
    }

    func bool(_ k: String) throws(DomainEvent.DecodingError) -> Bool {
        guard let n = object[k] as? NSNumber else { throw fail(k, "expected true or false") }
        return n.boolValue
    }

    func date(_ k: String) throws(DomainEvent.DecodingError) -> Date {
        guard let d = try optionalDate(k) else { throw fail(k, "missing") }
        return d
    }

    func optionalDate(_ k: String) throws(DomainEvent.DecodingError) -> Date? {
        guard let s = try optionalString(k) else { return nil }
        do { return try Timestamp.parse(s) } catch { throw fail(k, "not an ISO 8601 time") }
    }

    func choice<T: RawRepresentable>(_ k: String, _: T.Type) throws(DomainEvent.DecodingError) -> T where T.RawValue == String {
        let s = try string(k)
        guard let v = T(rawValue: s) else { throw fail(k, "unknown value '\(s)'") }
        return v
    }

    func strings(_ k: String) throws(DomainEvent.DecodingError) -> [String] {
        switch object[k] {
        case nil, is NSNull: return []
        case let a as [String]: return a
        default: throw fail(k, "expected a list of strings")
        }
    }

    func key() throws(DomainEvent.DecodingError) -> TicketKey {
        TicketKey(source: try string("source"), externalID: try string("ticket_id"))
    }

    func ticket() throws(DomainEvent.DecodingError) -> Ticket {
        Ticket(key: TicketKey(source: try string("source"), externalID: try string("external_id")),
               createdAt: try date("created_at"), channel: try choice("channel", Channel.self),
               product: try choice("product", Product.self), category: try choice("category", TicketCategory.self),
               priority: try choice("priority", Priority.self), status: try choice("status", TicketStatus.self),
               customerID: try string("customer_id"), subject: try optionalString("subject") ?? "",
               botSummary: try optionalString("bot_summary") ?? "", slaDueAt: try date("sla_due_at"),
               orderIDs: try strings("order_ids"), ownerID: try optionalString("agent_id"),
               firstResponseAt: try optionalDate("first_response_at"), resolvedAt: try optionalDate("resolved_at"),
               disposition: try optionalString("disposition").map { (s: String) throws(DomainEvent.DecodingError) -> Disposition in
                   guard let d = Disposition(rawValue: s) else { throw fail("disposition", "unknown value '\(s)'") }
                   return d
               })
    }

    func message() throws(DomainEvent.DecodingError) -> Message {
        Message(at: try date("at"), authorKind: try choice("author", AuthorKind.self), authorID: try optionalString("author_id"),
                visibility: try choice("visibility", Visibility.self), body: try string("body"))
    }

    func change(_ name: String) throws(DomainEvent.DecodingError) -> TicketChange {
        switch name {
        case "claimed": return .claimed(owner: try string("agent_id"))
        case "transferred": return .transferred(to: try string("agent_id"))
        case "requeued": return .requeued(reason: try optionalString("reason") ?? "")
        case "reopened": return .reopened(owner: try string("agent_id"))
        case "status_changed": return .statusChanged(try choice("status", TicketStatus.self), waitingFor: try optionalString("waiting_for"))
        case "priority_changed": return .priorityChanged(try choice("priority", Priority.self))
        case "resolved": return .resolved(try choice("disposition", Disposition.self), firstContact: try bool("first_contact"))
        case "participant_joined":
            return .participantJoined(Participant(memberID: try string("member_id"), kind: try choice("kind", Participant.Kind.self),
                                                  joinedAt: try date("joined_at")))
        case "participant_left": return .participantLeft(memberID: try string("member_id"))
        case "contact_revealed": return .contactRevealed(field: try string("field"), customerID: try optionalString("customer_id"))
        case "linked":
            // A reason this build does not know (a newer workstation's) reads as `matched`: the link stands.
            return .linked(parent: TicketKey(source: try string("parent_source"), externalID: try string("parent_id")),
                           reason: LinkReason(rawValue: try optionalString("reason") ?? "") ?? .matched)
        default: throw DomainEvent.DecodingError(kind: kind, reason: "unknown event kind")
        }
    }
}
