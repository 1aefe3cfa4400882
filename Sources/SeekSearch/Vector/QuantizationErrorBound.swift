import SeekKernels
import SeekStore

/// A provable bound on |exact score − approximate Int8 score| for one query, per row.
///
/// Notation: query q (d floats), quantised as q ≈ s_q·c_q with error e_q = q − s_q·c_q; row x
/// quantised as x ≈ s_x·c_x with error e_x = x − s_x·c_x. Symmetric rounding to the nearest code
/// (`VectorCodec.quantize`: s = max|x|/127, c = round(x/s)) gives |e_x[j]| ≤ s_x/2 for every j.
/// The approximate score is a = s_q·s_x·(c_q·c_x), the integer dot product computed exactly.
///
///     q·x − a = q·x − s_x (q − e_q)·c_x = q·(x − s_x c_x) + s_x e_q·c_x = q·e_x + s_x e_q·c_x
///     |q·e_x|       ≤ Σ|q_j|·s_x/2          = s_x · ‖q‖₁/2            (Hölder, ‖e_x‖∞ ≤ s_x/2)
///     |s_x e_q·c_x| ≤ s_x ‖e_q‖₂ ‖c_x‖₂    = ‖e_q‖₂ · (s_x‖c_x‖₂)   (Cauchy–Schwarz)
///
/// so |q·x − a| ≤ b(x) = s_x·H + E·m_x + ε with H = ‖q‖₁/2 and E = ‖e_q‖₂ (query constants,
/// e_q is known exactly), s_x and m_x = s_x‖c_x‖₂ (row constants computed once at load), and
/// ε covering Float32 rounding: the exact kernel's dot product differs from the real q·x by at most
/// γ_d·‖q‖₂‖x‖₂ (γ_d ≈ d·2⁻²⁴), the approximate score's three roundings by a few ulps, so
/// ε = (2d + 16)·2⁻²⁴·‖q‖₂·R with R ≥ ‖x‖₂ for every row (R = max(m_x + s_x·√d/2), since
/// ‖x‖₂ ≤ ‖s_x c_x‖₂ + ‖e_x‖₂).
///
/// Rescoring rule (`VectorIndex.approximate`): let A_k be the k-th best approximate score among
/// the allowed rows, S those k rows and B = max over S of b(x). Each row of S has exact score
/// ≥ a − b ≥ A_k − B, so the k-th best exact score is ≥ A_k − B. A row with a + b < A_k − B has an
/// exact score < A_k − B, strictly below the k-th best: it cannot be in the exact top k (not even
/// by a tie). Rescoring every row with a + b ≥ A_k − B with the exact kernel (bit-identical scores)
/// and ranking them like the exact scan therefore returns exactly the exact top k.
struct QuantizationErrorBound: Sendable {
    /// H = ‖q‖₁/2, the weight of s_x.
    let scaleWeight: Float
    /// E = ‖e_q‖₂, the weight of m_x.
    let codeNormWeight: Float
    /// ε, the rounding allowance.
    let roundingSlack: Float

    /// Query codes and scale, as the scan needs them.
    let queryCodes: [Int8]
    let queryScale: Float

    /// The bound for `query` over rows whose Euclidean norms are at most `rowNormBound`.
    init(query: [Float], rowNormBound: Float) throws(SearchError) {
        let quantized: QuantizedVector
        do {
            quantized = try VectorCodec.quantize(query)
        } catch {
            throw .invalidQuery(reason: "the query embedding cannot be quantised: \(error)")
        }
        var l1 = 0.0, errorSquares = 0.0, squares = 0.0
        for (value, code) in zip(query, quantized.codes) {
            let exact = Double(value)
            l1 += abs(exact)
            squares += exact * exact
            let error = exact - Double(quantized.scale) * Double(code)
            errorSquares += error * error
        }
        // Rounded up by a relative 1e-6 so the Float32 constants never undercut the real ones.
        let up = 1 + 1e-6
        let dimension = Double(query.count)
        scaleWeight = Float(l1 / 2 * up)
        codeNormWeight = Float(errorSquares.squareRoot() * up)
        roundingSlack = Float((2 * dimension + 16) * 0x1p-24 * squares.squareRoot() * Double(rowNormBound) * up + 1e-30)
        queryCodes = quantized.codes
        queryScale = quantized.scale
    }

    /// b(x) for a row of scale `scale` and `scaledCodeNorm` = s_x‖c_x‖₂.
    func bound(scale: Float, scaledCodeNorm: Float) -> Float {
        scaleWeight * scale + codeNormWeight * scaledCodeNorm + roundingSlack
    }
}
