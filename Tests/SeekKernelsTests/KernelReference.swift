import Foundation
import SeekKernels
import SeekTestSupport

/// Plain scalar references (in Double) for the kernels, and matrices filled from a seeded generator.
enum KernelReference {
    /// Exact GELU: x · Φ(x) = x/2 · (1 + erf(x/√2)).
    static func gelu(_ x: Double) -> Double {
        0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot()))
    }

    static func softmax(_ row: [Double]) -> [Double] {
        let largest = row.max() ?? 0
        let exponentials = row.map { Foundation.exp($0 - largest) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    /// (x − mean) / √(variance + ε) · γ + β, with the population variance.
    static func layerNorm(_ row: [Double], gamma: [Double], beta: [Double], epsilon: Double) -> [Double] {
        let mean = row.reduce(0, +) / Double(row.count)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(row.count)
        let scale = 1 / (variance + epsilon).squareRoot()
        return row.indices.map { (row[$0] - mean) * scale * gamma[$0] + beta[$0] }
    }

    /// context_h = softmax(scale · Q_h K_hᵀ) V_h per head; `qkv` rows are [Q | K | V].
    static func attention(qkv: [[Double]], heads: Int, headSize: Int, scale: Double) -> [[Double]] {
        let width = heads * headSize
        return qkv.indices.map { query in
            var context = [Double](repeating: 0, count: width)
            for head in 0..<heads {
                let q = Array(qkv[query][(head * headSize)..<((head + 1) * headSize)])
                let scores = qkv.map { row -> Double in
                    let k = row[(width + head * headSize)..<(width + (head + 1) * headSize)]
                    return zip(q, k).reduce(0) { $0 + $1.0 * $1.1 } * scale
                }
                let weights = softmax(scores)
                for (key, weight) in weights.enumerated() {
                    for d in 0..<headSize { context[head * headSize + d] += weight * qkv[key][2 * width + head * headSize + d] }
                }
            }
            return context
        }
    }

    /// A `rows × columns` matrix of values in [-spread, spread) from `generator`.
    static func matrix(rows: Int, columns: Int, spread: Float, generator: inout SeededGenerator) -> FloatMatrix {
        let matrix = FloatMatrix(rows: rows, columns: columns)
        for row in 0..<rows {
            for column in 0..<columns { matrix[row, column] = generator.nextSigned() * spread }
        }
        return matrix
    }

    /// The values of `block`, row by row, in Double.
    static func values(of matrix: FloatMatrix, rows: Range<Int>, columns: Range<Int>) -> [[Double]] {
        rows.map { row in columns.map { Double(matrix[row, $0]) } }
    }

    /// Largest |actual − expected| / (1 + |expected|) over all values.
    static func worstError(_ actual: [[Double]], _ expected: [[Double]]) -> Double {
        zip(actual, expected).flatMap { zip($0, $1).map { abs($0 - $1) / (1 + abs($1)) } }.max() ?? 0
    }
}
