import Foundation
import HeatDeskCore

/// Writes rejected rows as CSV: where, why, and the row as it stood, so it can be fixed and
/// imported again. Columns: file, line, kind, id, field, reason, record.
final class RejectsWriter {
    private let handle: FileHandle
    private var buffer = ""

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ImportError.unreadable(path, "cannot create the rejects file")
        }
        guard let h = FileHandle(forWritingAtPath: path) else { throw ImportError.unreadable(path, "cannot write the rejects file") }
        handle = h
        buffer = "file,line,kind,id,field,reason,record\n"
    }

    func write(_ r: Rejection) throws {
        let fields = [r.file, String(r.line), r.kind?.rawValue ?? "", r.id ?? "", r.field, r.reason,
                      r.raw.hasSuffix("\r\n") ? String(r.raw.dropLast(2)) : r.raw.hasSuffix("\n") ? String(r.raw.dropLast()) : r.raw]
        buffer += fields.map(Self.quote).joined(separator: ",") + "\n"
        if buffer.utf8.count > 64 * 1024 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    func close() {
        try? flush()
        try? handle.close()
    }

    static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
