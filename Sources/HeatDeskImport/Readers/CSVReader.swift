/// A streaming RFC 4180 reader over bytes: header row, quoted fields with commas, quotes and
/// newlines, CRLF or LF, an optional UTF-8 BOM. Written here rather than taken from SwiftCSV
/// (which loads the whole file) or CSV.swift (several times slower on our benchmark): the
/// import must stream a million rows and say on which line each one started (Docs/import-format.md).
public struct CSVRecord {
    /// The physical line the record starts on (1 is the header).
    public var line: Int
    /// Unescaped field contents, back to back; `ends[i]` is where field i ends.
    public var bytes: [UInt8] = []
    public var ends: [Int] = []
    /// The record exactly as it stood in the file, for the rejects file.
    public var raw: [UInt8] = []
    /// A structural problem the parser found (stray quote, oversized record).
    public var problem: String?

    public var count: Int { ends.count }

    public func field(_ i: Int) -> ArraySlice<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1]
        return bytes[start..<ends[i]]
    }
}

public final class CSVParser {
    public static let maxRecordBytes = 1 << 20

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }
    private var state: State = .fieldStart
    private var record = CSVRecord(line: 1)
    private var line = 1
    private var sawBOMCheck = false
    private var bomBytes = 0
    private var fieldHasContent = false

    public init() {}

    /// Feeds a chunk; calls `emit` for each completed record.
    public func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (inout CSVRecord) throws -> Void) rethrows {
        var i = 0
        let n = chunk.count
        if !sawBOMCheck {
            // Skip a UTF-8 BOM, even when it is split across the first chunks.
            while i < n && bomBytes < 3 {
                let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
                if chunk[i] == expected[bomBytes] { bomBytes += 1; i += 1 } else { break }
            }
            if bomBytes == 3 || (i < n) {
                if bomBytes > 0 && bomBytes < 3 {
                    // Not a BOM after all: keep the bytes we swallowed.
                    for b in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(bomBytes) { consume(b) }
                }
                sawBOMCheck = true
            } else { return }
        }
        // Work on locals: class properties cost an exclusivity check per byte.
        var record = self.record
        self.record = CSVRecord(line: 0)
        var state = self.state
        var line = self.line
        var fieldHasContent = self.fieldHasContent
        defer { self.record = record; self.state = state; self.line = line; self.fieldHasContent = fieldHasContent }
        func endField() { record.ends.append(record.bytes.count); fieldHasContent = false }
        func endRecord() throws {
            if !(record.ends.count == 1 && record.ends[0] == 0 && record.problem == nil && !record.raw.contains(0x22)) {
                try emit(&record)
            }
            record.bytes.removeAll(keepingCapacity: true)
            record.ends.removeAll(keepingCapacity: true)
            record.raw.removeAll(keepingCapacity: true)
            record.problem = nil
            record.line = line
        }
        while i < n {
            let b = chunk[i]
            i += 1
            switch state {
            case .fieldStart:
                record.raw.append(b)
                switch b {
                case 0x22: state = .quoted; fieldHasContent = true
                case 0x2C: endField()
                case 0x0A: line += 1; endField(); try endRecord()
                case 0x0D: state = .afterCR
                default: record.bytes.append(b); state = .unquoted
                }
            case .unquoted:
                record.raw.append(b)
                switch b {
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: line += 1; endField(); try endRecord(); state = .fieldStart
                case 0x0D: state = .afterCR
                case 0x22:
                    if record.problem == nil { record.problem = "stray quote inside an unquoted field \(record.ends.count + 1) (quote the whole field and double the quote)" }
                    record.bytes.append(b)
                default: record.bytes.append(b)
                }
            case .quoted:
                record.raw.append(b)
                if b == 0x22 { state = .quoteInQuoted }
                else {
                    if b == 0x0A { line += 1 }
                    record.bytes.append(b)
                }
            case .quoteInQuoted:
                record.raw.append(b)
                switch b {
                case 0x22: record.bytes.append(0x22); state = .quoted
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: line += 1; endField(); try endRecord(); state = .fieldStart
                case 0x0D: state = .afterCR
                default:
                    if record.problem == nil { record.problem = "text after the closing quote of field \(record.ends.count + 1)" }
                    record.bytes.append(b); state = .unquoted
                }
            case .afterCR:
                if b == 0x0A {
                    record.raw.append(b)
                    line += 1; endField(); try endRecord(); state = .fieldStart
                } else {
                    // A lone CR ends the record too (old Mac files); the byte starts the next one.
                    line += 1; endField(); try endRecord(); state = .fieldStart
                    i -= 1
                }
            }
            if record.raw.count > CSVParser.maxRecordBytes && record.problem == nil {
                record.problem = "record longer than \(CSVParser.maxRecordBytes / 1024) KiB (an unclosed quote?)"
            }
        }
    }

    private func consume(_ b: UInt8) {
        record.raw.append(b); record.bytes.append(b); state = .unquoted
    }

    /// Ends the input; emits the last record if the file did not end with a newline.
    public func finish(_ emit: (inout CSVRecord) throws -> Void) rethrows {
        if !sawBOMCheck {
            // The input ended inside what could have been a BOM (a file of "\xEF\xBB"): those
            // bytes are the record's, not dropped (found by heatdesk-fuzz).
            for b in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(bomBytes) { consume(b) }
            sawBOMCheck = true
        }
        switch state {
        case .quoted:
            if record.problem == nil { record.problem = "unterminated quoted field \(record.ends.count + 1): the file ends inside quotes" }
            endField(); try endRecord(emit)
        case .fieldStart:
            if !record.ends.isEmpty || fieldHasContent { endField(); try endRecord(emit) }
        case .unquoted, .quoteInQuoted, .afterCR:
            endField(); try endRecord(emit)
        }
        state = .fieldStart
    }

    private func endField() {
        record.ends.append(record.bytes.count)
        fieldHasContent = false
    }

    private func endRecord(_ emit: (inout CSVRecord) throws -> Void) rethrows {
        // Blank lines are not records.
        if !(record.ends.count == 1 && record.ends[0] == 0 && record.problem == nil && !record.raw.contains(0x22)) {
            try emit(&record)
        }
        record.bytes.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        record.raw.removeAll(keepingCapacity: true)
        record.problem = nil
        record.line = line
    }
}
