import Foundation

/// Times the fp32 backends that passed their known-answer check on the encoder's own products,
/// so `GEMMPreference.auto` takes the faster one on this machine: MiniLM's four linear layers
/// (QKV, attention output, feed-forward up and down) over 1,024 packed tokens, the size of the
/// passes the encoder runs (up to `max_batch_tokens`, 2,048): 3.6 GFLOP per pass. The best of three
/// passes per backend, after a warm-up, to shrug off a noisy neighbour: ~0.2 s per backend, once
/// per machine (`GEMMCalibrationCache`).
///
/// Small products do not tell the libraries apart: on a 2-core AVX2 EPYC, OpenBLAS 0.3.21 (core
/// Zen) and oneDNN 2.6.3 timed 70.3 and 72.0 GFLOP/s at 256 tokens, 74.2 and 80.6 at 2,048, and
/// the whole encoder ran 12% faster through oneDNN, which 256-token timings had ranked second.
public enum GEMMCalibration {
    /// What the timings measure; part of the cache key, so a machine timed another way is timed again.
    static let method = "4 layers x 1024 tokens"

    /// (m, n, k) of the timed products.
    static let shapes: [(m: Int, n: Int, k: Int)] = [(1024, 1152, 384), (1024, 384, 384), (1024, 1536, 384), (1024, 384, 1536)]

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
