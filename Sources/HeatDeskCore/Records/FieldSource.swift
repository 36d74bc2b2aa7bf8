import Foundation

/// One record's fields, whether they came from a CSV row or a JSON object, so the same
/// validation names the same field the same way in both formats.
public protocol FieldSource {
    /// The field as text; nil when absent. Empty strings count as absent for optional fields.
    func text(_ name: String) -> String?
    /// A list field: a JSON array, or a CSV cell of `;`-separated values.
    func list(_ name: String) throws(FieldError) -> [String]?
    /// A nested object (JSON only).
    func object(_ name: String) throws(FieldError) -> FieldSource?
    /// A list of nested objects (JSON only).
    func objects(_ name: String) throws(FieldError) -> [FieldSource]?
    /// Field names present in the record, for inferring its kind.
    var names: [String] { get }
    /// Added to every time read (the demo loads with its clock moved to now).
    var timeShiftMillis: Int64 { get }
}

extension FieldSource {
    public var timeShiftMillis: Int64 { 0 }
}

/// A validation failure naming the field (`flight.departure`, `events[2].kind`) and why.
public struct FieldError: Error, Equatable, CustomStringConvertible, Sendable {
    public var field: String
    public var reason: String
    public init(field: String, reason: String) { self.field = field; self.reason = reason }
    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }

    func nested(in parent: String) -> FieldError {
        FieldError(field: field.isEmpty ? parent : "\(parent).\(field)", reason: reason)
    }
}

/// Size limits: generous for real contacts, small enough that one bad row cannot bloat the store.
public enum FieldLimits {
    public static let identifier = 64
    public static let name = 200
    public static let subject = 500
    public static let text = 16_384
}

/// Validating accessors shared by every record decoder.
extension FieldSource {
    func required(_ name: String, limit: Int = FieldLimits.name) throws(FieldError) -> String {
        guard let v = text(name)?.trimmedSpaces, !v.isEmpty else {
            throw FieldError(field: name, reason: "required field is missing or empty")
        }
        try checkLength(v, name, limit)
        return v
    }

    func optional(_ name: String, limit: Int = FieldLimits.name) throws(FieldError) -> String? {
        guard let v = text(name), !v.isEmpty else { return nil }
        try checkLength(v, name, limit)
        return v
    }

    /// Free text (subject, message, summary, body, event detail): `{{time:…}}` placeholders are
    /// filled with the record's time shift (`TimePlaceholders`), the limit checked on the result.
    func freeText(_ name: String, limit: Int) throws(FieldError) -> String? {
        guard let v = text(name), !v.isEmpty else { return nil }
        let filled = try filledPlaceholders(v, name)
        try checkLength(filled, name, limit)
        return filled
    }

    func requiredFreeText(_ name: String, limit: Int) throws(FieldError) -> String {
        let v = try required(name, limit: .max)
        let filled = try filledPlaceholders(v, name)
        try checkLength(filled, name, limit)
        return filled
    }

    private func filledPlaceholders(_ v: String, _ name: String) throws(FieldError) -> String {
        guard TimePlaceholders.mayContain(v) else { return v }
        do { return try TimePlaceholders.resolve(v, shiftMillis: timeShiftMillis) } catch {
            throw FieldError(field: name, reason: error.reason)
        }
    }

    func identifier(_ name: String) throws(FieldError) -> String {
        let v = try required(name, limit: FieldLimits.identifier)
        try checkIdentifier(v, name)
        return v
    }

    func optionalIdentifier(_ name: String) throws(FieldError) -> String? {
        guard let v = try optional(name, limit: FieldLimits.identifier)?.trimmedSpaces, !v.isEmpty else { return nil }
        try checkIdentifier(v, name)
        return v
    }

    func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type, default fallback: E?) throws(FieldError) -> E
    where E.RawValue == String {
        guard let raw = text(name)?.trimmedSpaces, !raw.isEmpty else {
            if let fallback { return fallback }
            throw FieldError(field: name, reason: "required field is missing or empty")
        }
        guard let v = E(rawValue: raw) ?? E(rawValue: raw.lowercased()) else {
            throw FieldError(field: name, reason: "unknown value '\(Self.shown(raw))' (expected one of \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return v
    }

    func date(_ name: String) throws(FieldError) -> Date {
        guard let raw = text(name)?.trimmedSpaces, !raw.isEmpty else {
            throw FieldError(field: name, reason: "required field is missing or empty")
        }
        return try parseDate(raw, name)
    }

    func optionalDate(_ name: String) throws(FieldError) -> Date? {
        guard let raw = text(name)?.trimmedSpaces, !raw.isEmpty else { return nil }
        return try parseDate(raw, name)
    }

    private func parseDate(_ raw: String, _ name: String) throws(FieldError) -> Date {
        do { return Date(millis: try Timestamp.parse(raw).millis + timeShiftMillis) } catch {
            throw FieldError(field: name, reason: "bad date '\(Self.shown(raw))': \(error.reason)")
        }
    }

    func checkLength(_ v: String, _ name: String, _ limit: Int) throws(FieldError) {
        let n = v.utf8.count
        if n > limit { throw FieldError(field: name, reason: "too long: \(n) bytes (limit \(limit))") }
    }

    func checkIdentifier(_ v: String, _ name: String) throws(FieldError) {
        // Fast path: printable ASCII without ';' or '/' (nearly every id).
        if v.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3B && $0 != 0x2F }) { return }
        for s in v.unicodeScalars where s.value < 0x20 || s.value == 0x7F || s == ";" || s == "/" || s.properties.isWhitespace {
            throw FieldError(field: name, reason: "identifier '\(Self.shown(v))' contains a space, control character, ';' or '/'")
        }
    }

    /// Quotes a value in a message so a hostile value cannot reach a terminal raw or flood it.
    public static func shown(_ raw: String) -> String {
        var out = ""
        for s in raw.unicodeScalars.prefix(60) {
            if s.value < 0x20 || (0x7F...0x9F).contains(s.value) { out += "^" + String(UnicodeScalar(UInt8((s.value + 64) & 0x7F))) }
            else if s.properties.generalCategory == .format { out += "<U+\(String(s.value, radix: 16, uppercase: true))>" }
            else { out.unicodeScalars.append(s) }
        }
        return raw.unicodeScalars.count > 60 ? out + "…" : out
    }
}

extension String {
    /// Without leading and trailing spaces and tabs. Foundation's `trimmingCharacters` bridges
    /// through NSString on Linux and was 14% of the import profile.
    public var trimmedSpaces: String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
        return String(self[start..<end])
    }
}
