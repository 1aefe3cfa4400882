import CSeekKernels
import CSeekOneDNN

/// The known-answer check of oneDNN's bf16 and int8 products, run once per process before a
/// reduced precision is offered (`PrecisionSupport.current`). It reuses the fp32 check's cases
/// whose B is transposed (the layout of every linear layer): their inputs are integers in
/// −8…8, exact in bf16 and in int8, and every sum is an integer far below 2²⁴, so a correct
/// product is exact in any summation order. A precision whose product is wrong is not offered;
/// the request falls back with the mismatch as its reason.
public enum ReducedPrecisionCheck {
    /// The first wrong product of `precision` through oneDNN, described; nil when all are right.
    /// fp32 is `GEMMKnownAnswerCheck`'s business and always passes here.
    public static func firstMismatch(_ precision: ComputePrecision) -> String? {
        guard precision != .fp32 else { return nil }
        for problem in GEMMKnownAnswerCheck.cases where problem.transposeB && problem.alpha == 1 {
            let expected = problem.expected
            let a = problem.a, b = problem.b, c = problem.c
            var output = [Float](repeating: 0, count: problem.m * problem.n)
            let accumulate = problem.beta == 1
            var status: Int32 = 0
            switch precision {
            case .bf16:
                var a16 = [UInt16](repeating: 0, count: a.count), b16 = [UInt16](repeating: 0, count: b.count)
                seek_f32_to_bf16(a, problem.m, problem.k, problem.k, &a16)
                seek_f32_to_bf16(b, problem.n, problem.k, problem.k, &b16)
                if accumulate { output = c }
                status = seek_onednn_matmul(SEEK_ONEDNN_BF16, 1, Int64(problem.m), Int64(problem.n), Int64(problem.k), 1, a16,
                                            Int64(problem.k), b16, Int64(problem.k), &output, Int64(problem.n), accumulate ? 1 : 0)
            case .int8:
                let a8 = a.map { Int8($0) }, b8 = b.map { Int8($0) }
                var results = [Int32](repeating: 0, count: problem.m * problem.n)
                status = seek_onednn_matmul(SEEK_ONEDNN_S8, 1, Int64(problem.m), Int64(problem.n), Int64(problem.k), 1, a8,
                                            Int64(problem.k), b8, Int64(problem.k), &results, Int64(problem.n), 0)
                output = zip(results, accumulate ? c : [Float](repeating: 0, count: results.count)).map { Float($0) + $1 }
            case .fp32:
                return nil
            }
            guard status == 0 else { return "\(problem): oneDNN status \(status)" }
            for index in expected.indices where Double(output[index]) != expected[index] {
                return "\(problem): element (\(index / problem.n), \(index % problem.n)) is \(output[index]), expected \(expected[index])"
            }
        }
        return nil
    }
}
