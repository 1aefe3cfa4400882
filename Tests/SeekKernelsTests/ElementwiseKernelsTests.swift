import Foundation
import SeekKernels
import SeekTestSupport
import Testing

/// GELU, softmax and LayerNorm against the scalar references in `KernelReference`, on random
/// rows of many widths (odd ones exercise the vector tails) inside wider matrices (a block's
/// stride is not its width), checking that nothing outside the block changes.
struct ElementwiseKernelsTests {
    /// Widths around the 8-float AVX2 vector, and the model's own (384, 1536).
    static let widths = [1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 384, 1536]

    /// A `rows × (width + 5)` matrix and the block of columns 2..<2+width inside it.
    private func scenario(rows: Int, width: Int, spread: Float, seed: UInt64) -> (FloatMatrix, MatrixBlock, SeededGenerator) {
        var generator = SeededGenerator(seed: seed)
        let matrix = KernelReference.matrix(rows: rows + 1, columns: width + 5, spread: spread, generator: &generator)
        return (matrix, matrix.block(rows: 0..<rows, columns: 2..<(2 + width)), generator)
    }

    /// Everything outside `block` equals `before`.
    private func expectUntouchedOutside(_ block: MatrixBlock, of matrix: FloatMatrix, before: [[Double]]) {
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns where !(block.rows.contains(row) && block.columns.contains(column)) {
                #expect(Double(matrix[row, column]) == before[row][column], "[\(row), \(column)] changed")
            }
        }
    }

    @Test(arguments: widths)
    func geluWithBiasMatchesTheExactErfForm(width: Int) {
        var (matrix, block, generator) = scenario(rows: 3, width: width, spread: 6, seed: UInt64(width))
        let bias = generator.signedValues(count: width)
        let before = KernelReference.values(of: matrix, rows: 0..<matrix.rows, columns: 0..<matrix.columns)
        ElementwiseKernels.biasGELU(block, bias: WeightMatrix(copying: bias, rows: 1, columns: width))
        let expected = before[0..<3].map { row in (0..<width).map { KernelReference.gelu(row[2 + $0] + Double(bias[$0])) } }
        let actual = KernelReference.values(of: matrix, rows: block.rows, columns: block.columns)
        #expect(KernelReference.worstError(actual, expected) < 2e-6, "width \(width)")
        expectUntouchedOutside(block, of: matrix, before: before)
    }

    @Test func geluWithoutBiasCoversTheTailsOfTheErf() {
        // -10...10 in small steps: where erf saturates and around 0, where x·Φ(x) is smallest.
        let values = stride(from: Float(-10), through: 10, by: 0.01).map { $0 }
        let matrix = FloatMatrix(rows: 1, columns: values.count)
        for (column, value) in values.enumerated() { matrix[0, column] = value }
        ElementwiseKernels.biasGELU(matrix.block(rows: 0..<1), bias: nil)
        let expected = [values.map { KernelReference.gelu(Double($0)) }]
        #expect(KernelReference.worstError(KernelReference.values(of: matrix, rows: 0..<1, columns: 0..<values.count), expected) < 2e-6)
    }

    @Test(arguments: widths)
    func softmaxMatchesTheReference(width: Int) {
        let (matrix, block, _) = scenario(rows: 4, width: width, spread: 20, seed: 100 + UInt64(width))
        let before = KernelReference.values(of: matrix, rows: 0..<matrix.rows, columns: 0..<matrix.columns)
        ElementwiseKernels.softmaxRows(block)
        let expected = before[0..<4].map { KernelReference.softmax(Array($0[2..<(2 + width)])) }
        let actual = KernelReference.values(of: matrix, rows: block.rows, columns: block.columns)
        #expect(KernelReference.worstError(actual, expected) < 1e-6, "width \(width)")
        for row in actual { #expect(abs(row.reduce(0, +) - 1) < 1e-5) }
        expectUntouchedOutside(block, of: matrix, before: before)
    }

    @Test(arguments: widths.filter { $0 > 1 })
    func layerNormWithBiasMatchesTheReference(width: Int) {
        var (matrix, block, generator) = scenario(rows: 3, width: width, spread: 4, seed: 200 + UInt64(width))
        let bias = generator.signedValues(count: width)
        let gamma = generator.signedValues(count: width).map { 1 + $0 / 2 }
        let beta = generator.signedValues(count: width)
        let before = KernelReference.values(of: matrix, rows: 0..<matrix.rows, columns: 0..<matrix.columns)
        ElementwiseKernels.layerNorm(block, bias: WeightMatrix(copying: bias, rows: 1, columns: width),
                                     gamma: WeightMatrix(copying: gamma, rows: 1, columns: width),
                                     beta: WeightMatrix(copying: beta, rows: 1, columns: width), epsilon: 1e-12)
        let expected = before[0..<3].map { row in
            KernelReference.layerNorm((0..<width).map { row[2 + $0] + Double(bias[$0]) }, gamma: gamma.map(Double.init),
                                      beta: beta.map(Double.init), epsilon: 1e-12)
        }
        let actual = KernelReference.values(of: matrix, rows: block.rows, columns: block.columns)
        #expect(KernelReference.worstError(actual, expected) < 2e-5, "width \(width)")
        expectUntouchedOutside(block, of: matrix, before: before)
    }

    @Test func layerNormOfAConstantRowIsBeta() {
        let width = 13
        let matrix = FloatMatrix(rows: 1, columns: width)
        for column in 0..<width { matrix[0, column] = 3.5 }
        let beta = SeededGenerator.signedValues(count: width, seed: 9)
        ElementwiseKernels.layerNorm(matrix.block(rows: 0..<1), bias: nil, gamma: WeightMatrix(copying: [Float](repeating: 2, count: width), rows: 1, columns: width),
                                     beta: WeightMatrix(copying: beta, rows: 1, columns: width), epsilon: 1e-12)
        #expect(matrix.row(0) == beta)
    }

    /// The instruction set benchmarks print is the one the CPU's flags allow (on x86-64 Linux,
    /// where `/proc/cpuinfo` lists them): an AVX-512 machine is not reported as `avx2`.
    @Test func instructionSetFollowsTheCPUFlags() throws {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let flags = Set(line.split(separator: " ").map(String.init))
        let expected = if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) {
            flags.contains("avx512_bf16") ? "avx512_bf16" : "avx512"
        } else if flags.contains("avx2") && flags.contains("fma") {
            "avx2"
        } else {
            "scalar"
        }
        #expect(ElementwiseKernels.instructionSet == expected)
    }
}
