import Foundation

/// A hybrid logical clock (Docs/sync-protocol.md): wall-clock milliseconds in the high bits and
/// a counter in the low 16, so clocks follow real time when machines agree and still order
/// causally when they do not (a node's next event is always after everything it has seen).
public struct HybridClock: Sendable, Equatable {
    /// The largest clock this node has issued or seen.
    public private(set) var last: Int64

    public init(last: Int64 = 0) { self.last = last }

    /// The clock of a new local event at wall time `now`.
    public mutating func tick(now: Date = Date()) -> Int64 {
        let physical = Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) << 16
        last = max(physical, last + 1)
        return last
    }

    /// Takes in a clock from another node, so later local events come after it.
    public mutating func receive(_ remote: Int64) { last = max(last, remote) }

    public static func physicalMillis(_ hlc: Int64) -> Int64 { hlc >> 16 }

    /// `(hlc, node)` as text whose byte order is the clock order: the last-writer-wins key.
    public static func stamp(_ hlc: Int64, node: String) -> String {
        let hex = String(UInt64(bitPattern: hlc), radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex + "@" + node
    }
}
