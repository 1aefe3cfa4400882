/// Reproducible pseudo-random unit vectors (SplitMix64, components uniform in [-1, 1) before
/// normalisation) for benchmarks. Hand-written: the standard library's generators cannot be seeded.
public struct SeededUnitVectors: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// Appends one unit vector of `dimension` components to `values`.
    public mutating func append(dimension: Int, to values: inout [Float]) {
        let start = values.count
        var squaredNorm: Float = 0
        for _ in 0..<dimension {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let value = Float(Double(z >> 11) / Double(1 << 53)) * 2 - 1
            values.append(value)
            squaredNorm += value * value
        }
        let inverse = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        for index in start..<values.count { values[index] *= inverse }
    }
}
