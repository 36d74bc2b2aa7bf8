import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): the same numbers on every platform for a seed, so a
/// randomized test that fails can be run again exactly.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for a randomized test: seeded from `HEATDESK_TEST_SEED` when set (to replay a
    /// failure), otherwise from the clock. The seed is printed, so every run can be replayed.
    public static func forTest(_ name: String = #function) -> SplitMix64 {
        let env = ProcessInfo.processInfo.environment["HEATDESK_TEST_SEED"].flatMap { UInt64($0) }
        let seed = env ?? UInt64(truncatingIfNeeded: Int64(Date().timeIntervalSince1970 * 1_000_000))
        print("\(name): seed \(seed) (replay with HEATDESK_TEST_SEED=\(seed))")
        return SplitMix64(seed: seed)
    }
}
