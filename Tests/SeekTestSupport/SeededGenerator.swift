/// A small deterministic random generator (SplitMix64) for tests: the same seed gives the same
/// values on every run and platform, so a failure reproduces.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The generator state, advanced by every value.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [-1, 1) from the top 53 bits of the next value.
    public mutating func nextSigned() -> Float {
        Float(Double(next() >> 11) / Double(1 << 53)) * 2 - 1
    }

    /// `count` uniform values in [-1, 1).
    public mutating func signedValues(count: Int) -> [Float] {
        (0..<count).map { _ in nextSigned() }
    }

    /// `count` uniform values in [-1, 1) from a fresh generator seeded with `seed`.
    public static func signedValues(count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return generator.signedValues(count: count)
    }
}
