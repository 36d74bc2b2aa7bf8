import Foundation

/// A traveller. Contact details are kept twice: masked (`+44******0123`, shown freely) and
/// sealed (`contactSealed`: the real phone and email, encrypted with the center's contact key;
/// opened only by an explicit, logged reveal). The real values never sit in this type: they
/// travel from an import row to the sealer as `ContactDetails` (Docs/security.md).
public struct Customer: Equatable, Sendable, Codable {
    public var id: String
    public var name: String
    public var language: String
    public var tier: MemberTier
    public var phoneMasked: String?
    public var emailMasked: String?
    public var flags: Set<CustomerFlag>
    /// The real contact details sealed by the store (`hdc1:<key id>:<base64>`), opaque here.
    public var contactSealed: String?

    public init(id: String, name: String, language: String = "zh", tier: MemberTier = .star1,
                phoneMasked: String? = nil, emailMasked: String? = nil, flags: Set<CustomerFlag> = [],
                contactSealed: String? = nil) {
        self.id = id; self.name = name; self.language = language; self.tier = tier
        self.phoneMasked = phoneMasked; self.emailMasked = emailMasked; self.flags = flags
        self.contactSealed = contactSealed
    }
}

/// A customer's real contact details, in clear: only between an import row and the sealer, and
/// between the opener and the screen that asked for a logged reveal. Never stored, never in an
/// event payload.
public struct ContactDetails: Equatable, Sendable {
    public var phone: String?
    public var email: String?

    public init(phone: String? = nil, email: String? = nil) { self.phone = phone; self.email = email }

    public var isEmpty: Bool { phone == nil && email == nil }

    /// The fields present, for the reveal log: `phone,email`, `phone`, `email`.
    public var fieldNames: String { [phone.map { _ in "phone" }, email.map { _ in "email" }].compactMap { $0 }.joined(separator: ",") }

    /// The plaintext the store seals: version 1, a presence byte, the phone's length (2 bytes, big
    /// endian), the phone's UTF-8, the email's UTF-8. Length-prefixed, so any text round-trips.
    public var sealedForm: [UInt8] {
        let p = Array((phone ?? "").utf8), e = Array((email ?? "").utf8)
        var out: [UInt8] = [1, (phone == nil ? 0 : 1) | (email == nil ? 0 : 2), UInt8(truncatingIfNeeded: p.count >> 8), UInt8(truncatingIfNeeded: p.count)]
        out.reserveCapacity(4 + p.count + e.count)
        out += p; out += e
        return out
    }

    /// `hdc1:<8 hex digits>:<base64>`: the shape a sealed contact has (its seal is checked only
    /// by opening it, with the key).
    public static func isSealedShape(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "hdc1", parts[1].utf8.count == 8,
              parts[1].utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }),
              !parts[2].isEmpty, parts[2].utf8.count % 4 == 0 else { return false }
        return parts[2].utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 47 || $0 == 61 }
    }

    /// The inverse of `sealedForm`; nil for bytes it did not make.
    public init?(sealedForm b: [UInt8]) {
        guard b.count >= 4, b[0] == 1, b[1] & ~3 == 0 else { return nil }
        let n = Int(b[2]) << 8 | Int(b[3])
        guard 4 + n <= b.count else { return nil }
        guard let p = String(validating: b[4..<(4 + n)], as: UTF8.self),
              let e = String(validating: b[(4 + n)...], as: UTF8.self) else { return nil }
        phone = b[1] & 1 != 0 ? p : nil
        email = b[1] & 2 != 0 ? e : nil
        if (phone == nil && !p.isEmpty) || (email == nil && !e.isEmpty) { return nil }
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
