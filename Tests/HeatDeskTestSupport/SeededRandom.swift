import Foundation
import HeatDeskImport

/// SplitMix64, the data-set generator's (`GenRandom`): the same numbers on every platform for a
/// seed, so a randomized test that fails can be run again exactly.
public typealias SplitMix64 = GenRandom

extension GenRandom {
    public init(seed: UInt64) { self.init(state: seed) }

    /// A generator for a randomized test: seeded from `HEATDESK_TEST_SEED` when set (to replay a
    /// failure), otherwise from the clock. The seed is printed, so every run can be replayed.
    public static func forTest(_ name: String = #function) -> GenRandom {
        let env = ProcessInfo.processInfo.environment["HEATDESK_TEST_SEED"].flatMap { UInt64($0) }
        let seed = env ?? UInt64(truncatingIfNeeded: Int64(Date().timeIntervalSince1970 * 1_000_000))
        print("\(name): seed \(seed) (replay with HEATDESK_TEST_SEED=\(seed))")
        return GenRandom(seed: seed)
    }
}
