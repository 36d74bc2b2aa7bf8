import Foundation
import HeatDeskImport

/// One fuzz case: the files (or the one input) a target reads, and the options it reads them
/// with. Written to disk as a small container so a failure can be replayed exactly.
struct FuzzInput: Equatable {
    struct Part: Equatable {
        var name: String
        var bytes: [UInt8]
    }
    var parts: [Part]
    var options: [String: String] = [:]

    init(parts: [Part], options: [String: String] = [:]) { self.parts = parts; self.options = options }
    init(_ bytes: [UInt8], name: String = "input") { parts = [Part(name: name, bytes: bytes)] }

    /// The single input of a one-input target.
    var bytes: [UInt8] { parts.first?.bytes ?? [] }

    static let magic = Array("heatdesk-fuzz case 1\n".utf8)

    /// `heatdesk-fuzz case 1`, then `option KEY=VALUE` lines, then per part `part LENGTH NAME`,
    /// a newline, the bytes and a newline.
    func serialized() -> [UInt8] {
        var out = Self.magic
        for key in options.keys.sorted() { out += Array("option \(key)=\(options[key]!)\n".utf8) }
        for p in parts {
            out += Array("part \(p.bytes.count) \(p.name)\n".utf8)
            out += p.bytes
            out.append(0x0A)
        }
        return out
    }

    /// A container written by `serialized()`, or any other file as the single input.
    static func parse(_ bytes: [UInt8], defaultName: String) -> FuzzInput {
        guard bytes.starts(with: magic) else { return FuzzInput(bytes, name: defaultName) }
        var input = FuzzInput(parts: [])
        var i = magic.count
        func line() -> String? {
            guard i < bytes.count, let nl = bytes[i...].firstIndex(of: 0x0A) else { return nil }
            defer { i = nl + 1 }
            return String(decoding: bytes[i..<nl], as: UTF8.self)
        }
        while let l = line() {
            if l.hasPrefix("option "), let eq = l.firstIndex(of: "=") {
                input.options[String(l[l.index(l.startIndex, offsetBy: 7)..<eq])] = String(l[l.index(after: eq)...])
            } else if l.hasPrefix("part ") {
                let rest = l.dropFirst(5)
                guard let space = rest.firstIndex(of: " "), let n = Int(rest[..<space]), i + n <= bytes.count else { break }
                input.parts.append(Part(name: String(rest[rest.index(after: space)...]), bytes: Array(bytes[i..<(i + n)])))
                i += n + 1
            }
        }
        return input
    }
}

/// An oracle's verdict: what is wrong with the case.
struct OracleFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) throws {
    if !condition() { throw OracleFailure(message()) }
}

/// A reader of outside input, fuzzed with cases drawn from its own random stream.
protocol FuzzTarget: AnyObject {
    var name: String { get }
    /// The case for one stream position; the same stream always gives the same case.
    func generate(_ r: inout GenRandom) -> FuzzInput
    /// Runs the reader on the case and checks the oracles; throws `OracleFailure`.
    func check(_ input: FuzzInput) throws
}

extension GenRandom {
    mutating func bool() -> Bool { next() & 1 == 1 }
    /// Small counts most of the time: 1 with probability 1/2, 2 with 1/4, ...
    mutating func geometric(max: Int) -> Int {
        var n = 1
        while n < max && bool() { n += 1 }
        return n
    }
}

/// Printable, one line, bounded: for failure messages.
func shown(_ s: String, limit: Int = 160) -> String {
    var out = ""
    for u in s.unicodeScalars {
        if out.count >= limit { out += "…"; break }
        if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
    }
    return out
}

/// The index of the first pair that differs, or the shorter count when one is a prefix.
func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    for i in 0..<min(a.count, b.count) where a[i] != b[i] { return i }
    return min(a.count, b.count)
}
