import Foundation

/// A traveller. Contact details are stored masked; the full value never reaches a screen
/// without an explicit, logged reveal (issue 5).
public struct Customer: Equatable, Sendable, Codable {
    public var id: String
    public var name: String
    public var language: String
    public var tier: MemberTier
    public var phoneMasked: String?
    public var emailMasked: String?
    public var flags: Set<CustomerFlag>

    public init(id: String, name: String, language: String = "zh", tier: MemberTier = .star1,
                phoneMasked: String? = nil, emailMasked: String? = nil, flags: Set<CustomerFlag> = []) {
        self.id = id; self.name = name; self.language = language; self.tier = tier
        self.phoneMasked = phoneMasked; self.emailMasked = emailMasked; self.flags = flags
    }
}

/// Facts an agent must see before the first word (domain.md: expect an upset customer).
public enum CustomerFlag: String, CaseIterable, Codable, Sendable, Comparable {
    case complainedBefore = "complained_before"
    case vip
    case accessibility
    case minor
    case frequentTraveller = "frequent_traveller"

    public static func < (a: CustomerFlag, b: CustomerFlag) -> Bool { a.rawValue < b.rawValue }
}

public enum ContactMask {
    /// `13812345678` → `138****5678`; `li.na@example.com` → `l***@example.com`.
    public static func mask(phone: String) -> String {
        let digits = Array(phone)
        guard digits.count > 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }

    public static func mask(email: String) -> String {
        guard let at = email.firstIndex(of: "@"), at > email.startIndex else { return "***" }
        return String(email[email.startIndex]) + "***" + String(email[at...])
    }

    /// True when the text looks already masked, so importing it again does not mask twice.
    public static func isMasked(_ text: String) -> Bool { text.contains("*") }
}
