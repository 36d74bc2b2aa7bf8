import HeatDeskCore

/// A CSV record seen through its header, as a `FieldSource`. Text is decoded lazily per field
/// so invalid UTF-8 is reported with the field's name.
public struct CSVFields: FieldSource {
    public let header: CSVHeader
    public let record: CSVRecord
    public var timeShiftMillis: Int64 = 0

    public init(header: CSVHeader, record: CSVRecord, timeShiftMillis: Int64 = 0) {
        self.header = header; self.record = record; self.timeShiftMillis = timeShiftMillis
    }

    public var names: [String] { header.names }

    public func text(_ name: String) -> String? {
        guard let i = header.index[name], i < record.count else { return nil }
        let bytes = record.field(i)
        if bytes.isEmpty { return "" }
        // `structuralProblem()` validated the record's UTF-8 once; decoding cannot repair anything here.
        return String(decoding: bytes, as: UTF8.self)
    }

    public func list(_ name: String) throws(FieldError) -> [String]? {
        guard let t = text(name), !t.isEmpty else { return nil }
        return t.split(separator: ";").map { String($0) }
    }

    public func object(_ name: String) throws(FieldError) -> FieldSource? {
        if let t = text(name), !t.isEmpty { throw FieldError(field: name, reason: "nested objects need JSON Lines, not CSV") }
        return nil
    }

    public func objects(_ name: String) throws(FieldError) -> [FieldSource]? { try object(name).map { [$0] } }

    /// Checks what the parser and the header can tell before any field is read.
    public func structuralProblem() -> FieldError? {
        if let p = record.problem { return FieldError(field: "", reason: p) }
        if record.count != header.names.count {
            return FieldError(field: "", reason: "has \(record.count) fields, the header has \(header.names.count)")
        }
        // One pass over the whole record; fields are cut at ASCII commas, so a valid record has
        // valid fields unless a field starts with a continuation byte, which is checked too.
        if record.bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        var valid = String(validating: record.bytes, as: UTF8.self) != nil
        if valid {
            for i in 0..<record.count {
                let f = record.field(i)
                if let first = f.first, first & 0xC0 == 0x80 { valid = false; break }
            }
        }
        if valid { return nil }
        for (i, name) in header.names.enumerated() where String(validating: record.field(i), as: UTF8.self) == nil {
            let bytes = Array(record.field(i))
            let at = UTF8Validation.firstInvalidOffset(bytes) ?? 0
            return FieldError(field: name, reason: "invalid UTF-8 at byte \(at + 1) of the field (is the file in GB18030? use --encoding gb18030)")
        }
        return nil
    }
}

public struct CSVHeader: Sendable {
    public let names: [String]
    public let index: [String: Int]

    public enum Problem: Error, CustomStringConvertible {
        case empty, duplicate(String), invalid(String)
        public var description: String {
            switch self {
            case .empty: return "the header row is empty"
            case .duplicate(let n): return "the header names column '\(n)' twice"
            case .invalid(let why): return why
            }
        }
    }

    public init(_ record: CSVRecord) throws(Problem) {
        var names: [String] = []
        for i in 0..<record.count {
            guard let s = String(validating: record.field(i), as: UTF8.self) else { throw .invalid("the header row is not valid UTF-8") }
            names.append(s.trimmingCharacters(in: .whitespaces).lowercased())
        }
        guard !names.allSatisfy(\.isEmpty) else { throw .empty }
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            if index[n] != nil { throw .duplicate(n) }
            index[n] = i
        }
        self.names = names
        self.index = index
    }
}

public enum UTF8Validation {
    /// Where the first invalid sequence starts, or nil when the bytes are valid UTF-8.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            if b < 0x80 { len = 1 } else if b & 0xE0 == 0xC0 && b >= 0xC2 { len = 2 }
            else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0 && b <= 0xF4 { len = 4 } else { return i }
            if i + len > bytes.count { return i }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return i }
            if String(validating: bytes[i..<(i + len)], as: UTF8.self) == nil { return i }
            i += len
        }
        return nil
    }
}
