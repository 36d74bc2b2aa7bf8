import Foundation

/// The two languages the reply library is written in. The raw value is the word used in
/// template files and in `Customer.language`.
public enum ReplyLanguage: String, CaseIterable, Codable, Sendable, Comparable {
    case zh, en

    /// The customer's language as the directory stores it ("zh", "zh-CN", "en-GB"...); nil when neither.
    public init?(code: String) {
        let c = code.lowercased()
        if c.hasPrefix("zh") { self = .zh } else if c.hasPrefix("en") { self = .en } else { return nil }
    }

    public var other: ReplyLanguage { self == .zh ? .en : .zh }
    public static func < (a: ReplyLanguage, b: ReplyLanguage) -> Bool { a.rawValue < b.rawValue }
}

/// The four elements of the HEAT service standard (domain.md).
public enum HEATElement: String, CaseIterable, Codable, Sendable, Comparable {
    /// Heartwarming: greets by name or honorific, acknowledges the trouble.
    case H
    /// Effortless: a concrete next step; never asks for what the ticket knows; no jargon; short.
    case E
    /// Active: says what the agent already did or will do without being asked.
    case A
    /// Trustworthy: a commitment with a time, and the policy or guarantee that applies.
    case T

    public static func < (a: HEATElement, b: HEATElement) -> Bool { a.rawValue < b.rawValue }
    public static let all: Set<HEATElement> = Set(allCases)
}

/// The product a template is written for; `any` fits every ticket.
public enum TemplateProduct: String, CaseIterable, Codable, Sendable {
    case flight, hotel, car, any

    /// True when a template of this product suits a ticket of `product`.
    public func fits(_ product: Product) -> Bool {
        switch self {
        case .any: return true
        case .flight: return product == .flight
        case .hotel: return product == .hotel
        case .car: return product == .car
        }
    }
}

/// The situations the library covers (issue 4). The raw value is the word used in files and
/// on the command line (`--situation schedule-change`).
public enum Situation: String, CaseIterable, Codable, Sendable {
    case delay
    case cancellation
    case scheduleChange = "schedule-change"
    case refund
    case nonRefundableCancellation = "non-refundable-cancellation"
    case overbooking
    case checkInTrouble = "check-in-trouble"
    case carPickupChange = "car-pickup-change"
    case complaint
    case compensation
    case sosLostDocuments = "sos-lost-documents"
    case sosMedical = "sos-medical"
    case sosStranded = "sos-stranded"
    case supplierRequest = "supplier-request"
    case handover
}

/// Who reads the text: the customer, a supplier's staff (hotel front desk, airline, rental
/// branch), or a colleague of another desk. The checker's customer-facing rules (greeting by
/// the customer's name, the customer's language) apply to customer replies only.
public enum Audience: String, CaseIterable, Codable, Sendable {
    case customer, supplier, colleague
}

/// One reply template of the library: its tags and its parsed body.
public struct Template: Sendable, Equatable {
    /// Unique in the library, e.g. `flight-delay.zh`.
    public var id: String
    /// The key twins share: `flight-delay` for `flight-delay.zh` and `flight-delay.en`.
    public var group: String
    public var title: String
    public var language: ReplyLanguage
    public var product: TemplateProduct
    public var situation: Situation
    public var audience: Audience
    /// The HEAT elements the body carries; the checker must find each of them.
    public var elements: Set<HEATElement>
    /// The body as written, placeholders included.
    public var body: String
    /// The parsed body.
    public var document: TemplateDocument

    public init(id: String, group: String? = nil, title: String, language: ReplyLanguage, product: TemplateProduct,
                situation: Situation, audience: Audience = .customer, elements: Set<HEATElement>,
                body: String, document: TemplateDocument) {
        self.id = id; self.group = group ?? Template.stem(of: id); self.title = title; self.language = language
        self.product = product; self.situation = situation; self.audience = audience; self.elements = elements
        self.body = body; self.document = document
    }

    /// Parses `body`; throws the first syntax error (use `TemplateParser.parse` to see them all).
    public init(id: String, group: String? = nil, title: String, language: ReplyLanguage, product: TemplateProduct,
                situation: Situation, audience: Audience = .customer, elements: Set<HEATElement>, body: String) throws {
        let parsed = TemplateParser.parse(body)
        if let first = parsed.errors.first { throw first }
        self.init(id: id, group: group, title: title, language: language, product: product, situation: situation,
                  audience: audience, elements: elements, body: body, document: parsed.document)
    }

    /// `flight-delay.zh` → `flight-delay`; an id without a language suffix is its own stem.
    public static func stem(of id: String) -> String {
        for lang in ReplyLanguage.allCases where id.hasSuffix("." + lang.rawValue) {
            return String(id.dropLast(lang.rawValue.count + 1))
        }
        return id
    }

    /// `HEAT` letters in the standard's order, e.g. `HEAT`, `EAT`.
    public var elementsLabel: String { HEATElement.allCases.filter(elements.contains).map(\.rawValue).joined() }
}
