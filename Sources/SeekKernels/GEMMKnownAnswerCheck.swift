import CSeekKernels

/// A few small matrix products with known answers, computed through a candidate sgemm and compared
/// with an exact reference: some OpenBLAS builds compute wrong results on some processors (why
/// machines pin `OPENBLAS_CORETYPE`), and a wrong product would silently give wrong embeddings.
///
/// The inputs are small integers (and the scales powers of two), so every exact result is a
/// multiple of 1/8 below 2²⁴ and Float32 represents it exactly: a correct sgemm, in any summation
/// order, returns exactly the reference, and any real fault shows far above the tolerance. The
/// shapes are odd on purpose (kernel edges and tails), with the encoder's width 384, both the
/// transposed (`linear`) and plain layouts, and an accumulating product.
public enum GEMMKnownAnswerCheck {
    /// One product: C[m×n] = alpha·A[m×k]·op(B) + beta·C, op(B) = Bᵀ with B [n×k] when `transposeB`, else B [k×n].
    public struct Case: Sendable, Equatable, CustomStringConvertible {
        public var transposeB: Bool
        public var m: Int
        public var n: Int
        public var k: Int
        public var alpha: Float
        public var beta: Float

        public init(transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0) {
            self.transposeB = transposeB
            self.m = m
            self.n = n
            self.k = k
            self.alpha = alpha
            self.beta = beta
        }

        public var description: String {
            "\(m)×\(k) · \(transposeB ? "(\(n)×\(k))ᵀ" : "\(k)×\(n)"), alpha \(alpha), beta \(beta)"
        }

        /// Row-major inputs: A [m×k], B ([n×k] or [k×n]), C [m×n].
        var a: [Float] { Self.integers(count: m * k, multiplier: 7, modulus: 17) }
        var b: [Float] { Self.integers(count: n * k, multiplier: 5, modulus: 13) }
        var c: [Float] { Self.integers(count: m * n, multiplier: 3, modulus: 5) }

        private static func integers(count: Int, multiplier: Int, modulus: Int) -> [Float] {
            (0..<count).map { Float(($0 * multiplier + 1) % modulus - modulus / 2) }
        }

        /// The exact result: the integer sums in Int, then the power-of-two scales.
        var expected: [Double] {
            let a = self.a.map { Int($0) }, b = self.b.map { Int($0) }, c = self.c
            var result = [Double](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0
                    if transposeB {
                        for p in 0..<k { sum += a[i * k + p] * b[j * k + p] }
                    } else {
                        for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                    }
                    result[i * n + j] = Double(alpha) * Double(sum) + Double(beta) * Double(c[i * n + j])
                }
            }
            return result
        }
    }

    /// A candidate sgemm: given the case and its inputs A, B, C (row-major, tightly packed), returns C after the product.
    public typealias Product = @Sendable (_ problem: Case, _ a: [Float], _ b: [Float], _ c: [Float]) -> [Float]

    public static let cases: [Case] = [
        Case(transposeB: true, m: 1, n: 1, k: 1),
        Case(transposeB: true, m: 37, n: 45, k: 384),
        Case(transposeB: true, m: 19, n: 64, k: 67, alpha: 0.125, beta: 1),
        Case(transposeB: false, m: 23, n: 64, k: 29),
        Case(transposeB: false, m: 64, n: 33, k: 96),
    ]

    /// The first case `product` gets wrong, described with the element and both values; nil when all are right.
    public static func firstMismatch(using product: Product) -> String? {
        for problem in cases {
            let got = product(problem, problem.a, problem.b, problem.c)
            let expected = problem.expected
            guard got.count == expected.count else {
                return "\(problem): \(got.count) results for \(expected.count)"
            }
            for index in expected.indices where !(abs(Double(got[index]) - expected[index]) <= 1e-3 * max(1, abs(expected[index]))) {
                return "\(problem): element (\(index / problem.n), \(index % problem.n)) is \(got[index]), expected \(expected[index])"
            }
        }
        return nil
    }

    /// The BLAS library's sgemm.
    public static let blas: Product = { problem, a, b, c in
        run(problem, a, b, c) { transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
            GEMM.blasProduct(transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// oneDNN's f32 matmul (a failed call returns NaNs, so it shows as a mismatch).
    public static let oneDNN: Product = { problem, a, b, c in
        run(problem, a, b, c) { transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
            if GEMM.oneDNNProduct(transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                                  beta: beta, c: c, ldc: ldc) != 0 {
                c.update(repeating: .nan, count: m * ldc)
            }
        }
    }

    /// Seek's reference kernel (the fallback).
    public static let reference: Product = { problem, a, b, c in
        run(problem, a, b, c) { transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
            seek_sgemm_reference(transposeB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
    }

    private static func run(
        _ problem: Case, _ a: [Float], _ b: [Float], _ c: [Float],
        _ sgemm: (Bool, Int, Int, Int, Float, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int, Float, UnsafeMutablePointer<Float>, Int) -> Void
    ) -> [Float] {
        precondition(a.count == problem.m * problem.k && b.count == problem.n * problem.k && c.count == problem.m * problem.n,
                     "known-answer check: input sizes do not match \(problem)")
        var output = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                output.withUnsafeMutableBufferPointer { output in
                    sgemm(problem.transposeB, problem.m, problem.n, problem.k, problem.alpha, a.baseAddress!, problem.k,
                          b.baseAddress!, problem.transposeB ? problem.k : problem.n, problem.beta, output.baseAddress!, problem.n)
                }
            }
        }
        return output
    }
}
