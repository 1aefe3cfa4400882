import Foundation

/// Times the fp32 backends that passed their known-answer check on the encoder's own shapes
/// (MiniLM's feed-forward up and down projections over 256 tokens: 2 × 0.3 GFLOP per pass), so
/// `GEMMPreference.auto` takes the faster one on this machine. Takes a few milliseconds; the best
/// of three passes per backend, after a warm-up, to shrug off a noisy neighbour.
public enum GEMMCalibration {
    /// (m, n, k) of the timed products.
    static let shapes: [(m: Int, n: Int, k: Int)] = [(256, 1536, 384), (256, 384, 1536)]

    /// GFLOP/s per backend (keyed by `GEMMStatus.Backend.rawValue`), best of three passes.
    static func measure(_ backends: [GEMMStatus.Backend]) -> [String: Double] {
        let inputs = shapes.map { shape in
            (shape, FloatMatrix(rows: shape.m, columns: shape.k), FloatMatrix(rows: shape.n, columns: shape.k),
             FloatMatrix(rows: shape.m, columns: shape.n))
        }
        for (_, a, b, _) in inputs {
            for index in 0..<(a.rows * a.columns) { a.base[index] = Float(index % 7) * 0.125 }
            for index in 0..<(b.rows * b.columns) { b.base[index] = Float(index % 5) * 0.25 }
        }
        GEMM.useCallingThreadOnly()
        let flops = shapes.reduce(0.0) { $0 + 2 * Double($1.m * $1.n * $1.k) }
        var result: [String: Double] = [:]
        for backend in backends {
            func pass() -> Double {
                let start = ContinuousClock.now
                for (shape, a, b, c) in inputs {
                    switch backend {
                    case .blas:
                        GEMM.blasProduct(transposeB: true, m: shape.m, n: shape.n, k: shape.k, alpha: 1, a: a.base, lda: shape.k,
                                         b: b.base, ldb: shape.k, beta: 0, c: c.base, ldc: shape.n)
                    case .onednn:
                        _ = GEMM.oneDNNProduct(transposeB: true, m: shape.m, n: shape.n, k: shape.k, alpha: 1, a: a.base, lda: shape.k,
                                               b: b.base, ldb: shape.k, beta: 0, c: c.base, ldc: shape.n)
                    case .reference:
                        return .infinity
                    }
                }
                let elapsed = ContinuousClock.now - start
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            }
            _ = pass()
            let best = (0..<3).map { _ in pass() }.min() ?? .infinity
            result[backend.rawValue] = best > 0 && best.isFinite ? (flops / best / 1e9 * 10).rounded() / 10 : 0
        }
        return result
    }
}
