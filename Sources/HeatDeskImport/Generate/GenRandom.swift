/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and the same on every platform, so a seed
/// always yields the same bytes. Never the system generator, never the clock. Public for the
/// fuzzer (Sources/Tools/heatdesk-fuzz), whose cases are replayed from their seed the same way.
///
/// Each customer, pair of customers and agent draws from its own stream derived from the seed
/// and its index, so one entity's randomness does not depend on how many numbers the ones
/// before it used: the generator can stream without remembering anything.
public struct GenRandom {
    private var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// An independent stream for (`seed`, `stream`, `index`).
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = GenRandom.mix(seed ^ GenRandom.mix(stream &* 0x9E37_79B9_7F4A_7C15 ^ GenRandom.mix(index &+ 0x632B_E59B_D9B4_E019)))
    }

    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0), by multiply-shift: no division, a bias far below anything visible.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    public mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.upperBound - r.lowerBound + 1) }

    /// True with probability `p` percent.
    public mutating func percent(_ p: Int) -> Bool { below(100) < p }

    public mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }

    /// An index drawn by integer weights.
    public mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var r = below(max(total, 1))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}

/// So tests draw from the same generator with the standard library's `random(in:using:)`.
extension GenRandom: RandomNumberGenerator {}
