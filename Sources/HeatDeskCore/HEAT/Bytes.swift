import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 bytes with substring search by `memchr` + `memcmp`: the checker runs a few hundred phrase
/// searches per draft, and `String.contains` through Foundation costs microseconds each.
struct Bytes: Equatable, Sendable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Offset of the first `needle` at or after `from`.
    func find(_ needle: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, from >= 0, bytes.count - from >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                guard let base = h.baseAddress, let nb = n.baseAddress else { return nil }
                // memchr for the first byte, memcmp for the rest (memmem is a GNU extension).
                let first = Int32(nb[0])
                var at = from
                let lastStart = h.count - n.count
                while at <= lastStart {
                    guard let hit = memchr(base + at, first, lastStart - at + 1) else { return nil }
                    let pos = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if n.count == 1 || memcmp(base + pos + 1, nb + 1, n.count - 1) == 0 { return pos }
                    at = pos + 1
                }
                return nil
            }
        }
    }

    /// Offset of the last `needle`.
    func findLast(_ needle: [UInt8]) -> Int? {
        var last: Int? = nil
        var from = 0
        while let at = find(needle, from: from) { last = at; from = at + 1 }
        return last
    }

    func has(_ needle: Bytes) -> Bool { find(needle.bytes) != nil }
    func has(_ any: [Bytes]) -> Bool { any.contains { find($0.bytes) != nil } }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix) }
}
