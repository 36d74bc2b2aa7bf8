import Foundation

/// A JSON object as a record. Numbers and booleans read as text, so `"tier": 3` works.
public struct JSONFields: FieldSource {
    public let object: [String: Any]
    public let timeShiftMillis: Int64
    public init(_ object: [String: Any], timeShiftMillis: Int64 = 0) { self.object = object; self.timeShiftMillis = timeShiftMillis }

    public var names: [String] { Array(object.keys) }

    public func text(_ name: String) -> String? {
        switch object[name] {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    public func list(_ name: String) throws(FieldError) -> [String]? {
        switch object[name] {
        case nil, is NSNull: return nil
        case let s as String: return s.split(separator: ";", omittingEmptySubsequences: true).map { String($0).trimmedSpaces }
        case let a as [Any]:
            var out: [String] = []
            for (i, v) in a.enumerated() {
                guard let s = v as? String else { throw FieldError(field: "\(name)[\(i)]", reason: "expected a string") }
                out.append(s)
            }
            return out
        default: throw FieldError(field: name, reason: "expected a list of strings")
        }
    }

    public func object(_ name: String) throws(FieldError) -> FieldSource? {
        switch object[name] {
        case nil, is NSNull: return nil
        case let o as [String: Any]: return JSONFields(o, timeShiftMillis: timeShiftMillis)
        default: throw FieldError(field: name, reason: "expected an object")
        }
    }

    public func objects(_ name: String) throws(FieldError) -> [FieldSource]? {
        switch object[name] {
        case nil, is NSNull: return nil
        case let a as [Any]:
            var out: [FieldSource] = []
            for (i, v) in a.enumerated() {
                guard let o = v as? [String: Any] else { throw FieldError(field: "\(name)[\(i)]", reason: "expected an object") }
                out.append(JSONFields(o, timeShiftMillis: timeShiftMillis))
            }
            return out
        default: throw FieldError(field: name, reason: "expected a list of objects")
        }
    }

    /// Parses one JSON Lines line into a record, naming what is wrong with it.
    public static func parse(line: Data, timeShiftMillis: Int64 = 0) throws(FieldError) -> JSONFields {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed]) } catch {
            throw FieldError(field: "", reason: "not valid JSON (\(Self.describe(error)))")
        }
        guard let object = value as? [String: Any] else { throw FieldError(field: "", reason: "expected a JSON object on the line") }
        return JSONFields(object, timeShiftMillis: timeShiftMillis)
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
        return "\(error)"
    }
}
