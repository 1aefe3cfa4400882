import Foundation
import SeekKernels
import Testing

/// Reduced-precision linear layers against fp32 on random data: bf16 keeps 8 mantissa bits
/// (relative error per element ~2⁻⁹, so a 384-long dot product stays within ~1% of its scale),
/// int8 per-row/per-token keeps ~7 bits. A product within those bounds and with the right
/// accumulate semantics is right; a layout or scale mistake is off by orders of magnitude.
struct LinearWeightsTests {
    struct Case {
        let input: FloatMatrix
        let weight: WeightMatrix
        let m: Int, n: Int, k: Int
    }

    /// Input [m × k] and weight [n × k] with values in −1…1 (one input column 30× larger, as
    /// BERT's outlier channels are).
    func randomCase(m: Int, n: Int, k: Int, seed: UInt64) -> Case {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2_000_001) / 1_000_000 - 1
        }
        let input = FloatMatrix(rows: m, columns: k)
        for row in 0..<m {
            for column in 0..<k { input[row, column] = next() * (column == 7 ? 30 : 1) }
        }
        let weight = WeightMatrix(copying: (0..<(n * k)).map { _ in next() }, rows: n, columns: k)
        return Case(input: input, weight: weight, m: m, n: n, k: k)
    }

    func product(_ test: Case, _ weights: LinearWeights, accumulateOnto start: Float? = nil) throws -> FloatMatrix {
        let output = FloatMatrix(rows: test.m, columns: test.n)
        if let start {
            for row in 0..<test.m { for column in 0..<test.n { output[row, column] = start } }
        }
        try GEMM.linear(test.input.block(rows: 0..<test.m), weights, into: output.block(rows: 0..<test.m),
                        accumulate: start != nil, scratch: ReducedActivations())
        return output
    }

    /// Largest |a − b| over the largest |b|.
    func relativeError(_ a: FloatMatrix, _ b: FloatMatrix, rows: Int, columns: Int) -> Float {
        var worst: Float = 0, scale: Float = 0
        for row in 0..<rows {
            for column in 0..<columns {
                worst = max(worst, abs(a[row, column] - b[row, column]))
                scale = max(scale, abs(b[row, column]))
            }
        }
        return worst / scale
    }

    @Test(.enabled(if: PrecisionSupport.current.supports(.bf16), "needs oneDNN and a CPU with AVX-512 BF16 or AMX"))
    func bf16StaysWithinItsRoundingOfFP32() throws {
        let test = randomCase(m: 37, n: 96, k: 384, seed: 1)
        let exact = try product(test, LinearWeights(test.weight, precision: .fp32))
        let reduced = try product(test, LinearWeights(test.weight, precision: .bf16))
        #expect(relativeError(reduced, exact, rows: test.m, columns: test.n) < 0.01)
        // Accumulating adds onto what is there.
        let accumulated = try product(test, LinearWeights(test.weight, precision: .bf16), accumulateOnto: 100)
        #expect(abs(accumulated[3, 5] - (reduced[3, 5] + 100)) < 1e-3)
    }

    @Test(.enabled(if: PrecisionSupport.current.supports(.int8), "needs oneDNN and a CPU with VNNI"))
    func int8StaysWithinItsQuantisationOfFP32AndSmoothingHelps() throws {
        let test = randomCase(m: 45, n: 64, k: 384, seed: 2)
        let exact = try product(test, LinearWeights(test.weight, precision: .fp32))
        let plain = try product(test, LinearWeights(test.weight, precision: .int8))
        let plainError = relativeError(plain, exact, rows: test.m, columns: test.n)
        #expect(plainError < 0.1)
        // Smoothing the outlier column (SmoothQuant, α = 0.5) lowers the error.
        var smoothing = [Float](repeating: 1, count: test.k)
        smoothing[7] = Float(30).squareRoot()
        let smoothed = try product(test, LinearWeights(test.weight, precision: .int8, inputSmoothing: smoothing))
        let smoothedError = relativeError(smoothed, exact, rows: test.m, columns: test.n)
        #expect(smoothedError < plainError, "smoothed \(smoothedError) vs plain \(plainError)")
        let accumulated = try product(test, LinearWeights(test.weight, precision: .int8), accumulateOnto: -2)
        #expect(abs(accumulated[44, 63] - (plain[44, 63] - 2)) < 1e-3)
    }

    @Test func residentBytesFollowThePrecision() {
        let weight = WeightMatrix(copying: [Float](repeating: 0.5, count: 8 * 16), rows: 8, columns: 16)
        #expect(LinearWeights(weight, precision: .fp32).residentBytes == 512)
        #expect(LinearWeights(weight, precision: .bf16).residentBytes == 256)
        #expect(LinearWeights(weight, precision: .int8).residentBytes == 128 + 32)
    }
}
