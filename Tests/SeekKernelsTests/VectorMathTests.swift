import SeekKernels
import Testing

struct VectorMathTests {
    @Test func dotMatchesScalarLoopForAllTailLengths() {
        for n in [0, 1, 15, 16, 31, 32, 33, 384, 385] {
            let a = (0..<n).map { Float(($0 * 7) % 13) - 6 }
            let b = (0..<n).map { Float(($0 * 5) % 11) - 5 }
            let expected = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(VectorMath.dot(a, b) == expected, "n = \(n)")
        }
    }

    @Test func normalizeGivesUnitLength() {
        var v: [Float] = [3, 4]
        VectorMath.normalize(&v)
        #expect(v == [0.6, 0.8])
        var zero: [Float] = [0, 0, 0]
        VectorMath.normalize(&zero)
        #expect(zero == [0, 0, 0])
        #expect(abs(VectorMath.cosine([1, 0], [1, 1]) - 0.70710678) < 1e-6)
    }
}
