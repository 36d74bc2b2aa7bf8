import Foundation

/// The kinds of record import files hold (Docs/import-format.md).
public enum RecordKind: String, CaseIterable, Sendable, Comparable {
    // In dependency order: the directory first, then what refers to it.
    case supplier, agent, customer, order, ticket, message

    public static func < (a: RecordKind, b: RecordKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// A `record` field names the kind; without it, the key field tells.
    public static func infer(_ fields: FieldSource) throws(FieldError) -> RecordKind {
        if let named = fields.text("record"), !named.isEmpty {
            guard let kind = RecordKind(rawValue: named.lowercased()) else {
                throw FieldError(field: "record", reason: "unknown record kind '\(named)' (expected one of \(allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return kind
        }
        let names = Set(fields.names)
        if names.contains("external_id") { return .ticket }
        if names.contains("order_id") { return .order }
        if names.contains("agent_id") { return .agent }
        if names.contains("supplier_id") { return .supplier }
        if names.contains("ticket_id") && names.contains("body") { return .message }
        if names.contains("customer_id") { return .customer }
        throw FieldError(field: "", reason: "cannot tell the record kind: add a \"record\" field or one of external_id, order_id, customer_id, agent_id, supplier_id")
    }
}

/// A ticket row, decoded: the ticket, what it says about its customer, and the first message.
public struct TicketRecord: Sendable, Equatable {
    public var ticket: Ticket
    public var customer: Customer
    public var firstMessage: Message?
    /// The `chases` column: the external id of the open ticket this one follows up (same source).
    public var chases: String?
    /// The customer's real contact details from `customer_phone` / `customer_email`, for the
    /// importer to seal into `customer.contactSealed` (never stored as they are).
    public var contact: ContactDetails?

    public static func decode(_ f: FieldSource, source: String) throws(FieldError) -> TicketRecord {
        let externalID = try f.identifier("external_id")
        let createdAt = try f.date("created_at")
        let channel = try f.choice("channel", Channel.self, default: .chat)
        let product = try f.choice("product", Product.self, default: .other)
        let category = try f.choice("category", TicketCategory.self, default: .other)
        let priority = try f.choice("priority", Priority.self, default: .normal)
        let status = try f.choice("status", TicketStatus.self, default: .queued)
        let customerID = try f.identifier("customer_id")
        let customerName = try f.optional("customer_name") ?? customerID
        let language = try CustomerRecord.language(f, "customer_language")
        let tier = try CustomerRecord.tier(f, "customer_tier")
        var orderIDs: [String] = []
        for (i, id) in (try f.list("order_ids") ?? []).enumerated() {
            let trimmed = id.trimmedSpaces
            guard !trimmed.isEmpty else { continue }
            do { try f.checkLength(trimmed, "order_ids", FieldLimits.identifier); try f.checkIdentifier(trimmed, "order_ids") }
            catch { throw FieldError(field: "order_ids", reason: "entry \(i + 1): \(error.reason)") }
            if !orderIDs.contains(trimmed) { orderIDs.append(trimmed) }
        }
        let subject = try f.freeText("subject", limit: FieldLimits.subject) ?? ""
        let message = try f.freeText("message", limit: FieldLimits.text)
        let botSummary = try f.freeText("bot_summary", limit: FieldLimits.text) ?? ""
        let slaDue = try f.optionalDate("sla_due_at")
        let owner = try f.optionalIdentifier("agent_id")
        let firstResponse = try f.optionalDate("first_response_at")
        let resolvedAt = try f.optionalDate("resolved_at")
        let disposition: Disposition? = f.text("disposition").map { $0.isEmpty } == false
            ? try f.choice("disposition", Disposition.self, default: nil) : nil
        if (status == .open || status == .pending) && owner == nil {
            throw FieldError(field: "agent_id", reason: "a ticket with status \(status.rawValue) needs the agent who holds it")
        }
        if status == .resolved && resolvedAt == nil {
            throw FieldError(field: "resolved_at", reason: "a resolved ticket needs the time it was resolved")
        }
        if let slaDue, slaDue < createdAt { throw FieldError(field: "sla_due_at", reason: "is before created_at") }
        if let resolvedAt, resolvedAt < createdAt { throw FieldError(field: "resolved_at", reason: "is before created_at") }
        let phone = try CustomerRecord.phone(f, "customer_phone"), email = try CustomerRecord.email(f, "customer_email")
        let customer = Customer(
            id: customerID, name: customerName, language: language, tier: tier,
            phoneMasked: phone.masked, emailMasked: email.masked,
            flags: try CustomerRecord.flags(f, "customer_flags"))
        let ticket = Ticket(key: TicketKey(source: source, externalID: externalID), createdAt: createdAt, channel: channel,
                            product: product, category: category, priority: priority, status: status,
                            customerID: customerID, subject: subject, botSummary: botSummary, slaDueAt: slaDue,
                            orderIDs: orderIDs, ownerID: owner, firstResponseAt: firstResponse, resolvedAt: resolvedAt,
                            disposition: disposition)
        let first = message.map { Message(at: createdAt, authorKind: .customer, authorID: customerID, visibility: .public, body: $0) }
        var chases = try f.optionalIdentifier("chases")
        if chases == nil { chases = try f.optionalIdentifier("parent") }
        if chases == externalID { throw FieldError(field: "chases", reason: "a ticket cannot chase itself") }
        let contact = ContactDetails(phone: phone.real, email: email.real)
        return TicketRecord(ticket: ticket, customer: customer, firstMessage: first, chases: chases,
                            contact: contact.isEmpty ? nil : contact)
    }
}

public enum CustomerRecord {
    /// A customer as an event payload or a customers file holds it; real contact details in the
    /// row are masked and dropped here (an import keeps them through `decodeRow`).
    public static func decode(_ f: FieldSource) throws(FieldError) -> Customer { try decodeRow(f).customer }

    /// A customers-file row: the customer (masked contact, a `contact_sealed` passed through) and
    /// the real contact details the row gave, for the importer to seal.
    public static func decodeRow(_ f: FieldSource) throws(FieldError) -> (customer: Customer, contact: ContactDetails?) {
        let id = try f.identifier("customer_id"), name = try f.required("name")
        let language = try language(f, "language"), tier = try tier(f, "tier")
        let phone = try phone(f, "phone"), email = try email(f, "email")
        let customer = Customer(id: id, name: name, language: language, tier: tier,
                                phoneMasked: phone.masked, emailMasked: email.masked,
                                flags: try flags(f, "flags"), contactSealed: try sealed(f, "contact_sealed"))
        let contact = ContactDetails(phone: phone.real, email: email.real)
        return (customer, contact.isEmpty ? nil : contact)
    }

    static func language(_ f: FieldSource, _ name: String) throws(FieldError) -> String {
        guard let raw = f.text(name)?.trimmedSpaces, !raw.isEmpty else { return "zh" }
        if raw == "zh" || raw == "en" { return raw }
        let code = raw.lowercased().replacingOccurrences(of: "_", with: "-")
        let parts = code.split(separator: "-")
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0 >= "a" && $0 <= "z" }),
              code.count <= 16 else {
            throw FieldError(field: name, reason: "'\(FieldSourceShown.shown(raw))' is not a language code (e.g. zh, en, zh-Hant)")
        }
        return String(primary)
    }

    static func tier(_ f: FieldSource, _ name: String) throws(FieldError) -> MemberTier {
        guard let raw = f.text(name)?.trimmedSpaces, !raw.isEmpty else { return .star1 }
        guard let tier = MemberTier(parsing: raw) else {
            throw FieldError(field: name, reason: "unknown tier '\(FieldSourceShown.shown(raw))' (expected 1-5 or black)")
        }
        return tier
    }

    /// A contact field: its masked form (what screens show before a reveal) and, when the row
    /// gave the real value rather than an already masked one, the real value for the sealer.
    /// The store never holds the real value in clear.
    static func phone(_ f: FieldSource, _ name: String) throws(FieldError) -> (masked: String?, real: String?) {
        guard let v = try f.optional(name, limit: 40) else { return (nil, nil) }
        return ContactMask.isMasked(v) ? (v, nil) : (ContactMask.mask(phone: v), v)
    }

    static func email(_ f: FieldSource, _ name: String) throws(FieldError) -> (masked: String?, real: String?) {
        guard let v = try f.optional(name, limit: 254) else { return (nil, nil) }
        return ContactMask.isMasked(v) ? (v, nil) : (ContactMask.mask(email: v), v)
    }

    /// A sealed contact as another workstation of the center made it (an event payload); its
    /// shape is checked here, its seal only when a reveal opens it.
    static func sealed(_ f: FieldSource, _ name: String) throws(FieldError) -> String? {
        guard let v = try f.optional(name, limit: 1024) else { return nil }
        guard ContactDetails.isSealedShape(v) else {
            throw FieldError(field: name, reason: "not a sealed contact (expected hdc1:KEYID:BASE64)")
        }
        return v
    }

    static func flags(_ f: FieldSource, _ name: String) throws(FieldError) -> Set<CustomerFlag> {
        var out = Set<CustomerFlag>()
        for raw in try f.list(name) ?? [] where !raw.isEmpty {
            guard let flag = CustomerFlag(rawValue: raw.lowercased()) else {
                throw FieldError(field: name, reason: "unknown flag '\(FieldSourceShown.shown(raw))' (expected one of \(CustomerFlag.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            out.insert(flag)
        }
        return out
    }
}

/// `shown` for static contexts.
enum FieldSourceShown {
    static func shown(_ raw: String) -> String { JSONFields.shown(raw) }
}

public enum AgentRecord {
    public static func decode(_ f: FieldSource) throws(FieldError) -> Agent {
        let role = try f.choice("role", Role.self, default: .agent)
        var skills: [Product] = []
        for raw in try f.list("skills") ?? [] {
            guard let p = Product(rawValue: raw.lowercased()) else {
                throw FieldError(field: "skills", reason: "unknown product '\(FieldSourceShown.shown(raw))' (expected one of \(Product.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !skills.contains(p) { skills.append(p) }
        }
        let languages = try (f.list("languages") ?? ["zh"]).map { (raw: String) throws(FieldError) -> String in
            try CustomerRecord.language(JSONFields(["l": raw]), "l")
        }
        let supplier = try f.optionalIdentifier("supplier_id")
        if role == .supplier && supplier == nil {
            throw FieldError(field: "supplier_id", reason: "a supplier contact needs the supplier it speaks for")
        }
        return Agent(id: try f.identifier("agent_id"), name: try f.required("name"), role: role, skills: skills,
                     languages: languages, center: try f.optional("center") ?? "", supplierID: supplier)
    }
}

public enum SupplierRecord {
    public static func decode(_ f: FieldSource) throws(FieldError) -> Supplier {
        Supplier(id: try f.identifier("supplier_id"), name: try f.required("name"),
                 product: try f.choice("product", Product.self, default: nil),
                 contact: try f.optional("contact"),
                 languages: try (f.list("languages") ?? ["zh", "en"]).map { (raw: String) throws(FieldError) -> String in
                     try CustomerRecord.language(JSONFields(["l": raw]), "l")
                 })
    }
}

public enum MessageRecord {
    public static func decode(_ f: FieldSource, source defaultSource: String) throws(FieldError) -> (TicketKey, Message) {
        let source = try f.optionalIdentifier("source") ?? defaultSource
        let key = TicketKey(source: source, externalID: try f.identifier("ticket_id"))
        let message = Message(at: try f.date("at"), authorKind: try f.choice("author", AuthorKind.self, default: nil),
                              authorID: try f.optionalIdentifier("author_id"),
                              visibility: try f.choice("visibility", Visibility.self, default: .public),
                              body: try f.requiredFreeText("body", limit: FieldLimits.text))
        return (key, message)
    }
}
