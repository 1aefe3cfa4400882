import SeekKernels
import SeekTestSupport
import Testing

/// The fused attention kernel against the scalar reference (`KernelReference.attention`): several
/// sequence lengths, head counts and head sizes, odd ones exercising the vector tails.
struct AttentionKernelTests {
    struct Shape: Sendable, CustomStringConvertible {
        let length: Int
        let heads: Int
        let headSize: Int
        var description: String { "L\(length) h\(heads)×\(headSize)" }
    }

    static let shapes = [
        Shape(length: 1, heads: 1, headSize: 1), Shape(length: 2, heads: 1, headSize: 8), Shape(length: 5, heads: 2, headSize: 3),
        Shape(length: 7, heads: 3, headSize: 9), Shape(length: 17, heads: 2, headSize: 16), Shape(length: 33, heads: 4, headSize: 17),
        // all-MiniLM-L6-v2's own: 12 heads of 32.
        Shape(length: 64, heads: 12, headSize: 32),
    ]

    @Test(arguments: shapes)
    func matchesTheScalarReference(shape: Shape) {
        let width = shape.heads * shape.headSize
        var generator = SeededGenerator(seed: UInt64(shape.length * 1000 + width))
        // Extra columns on both sides: the kernel must honour the blocks' strides.
        let input = KernelReference.matrix(rows: shape.length, columns: 3 * width + 4, spread: 2, generator: &generator)
        let qkv = input.block(rows: 0..<shape.length, columns: 1..<(1 + 3 * width))
        let output = KernelReference.matrix(rows: shape.length, columns: width + 3, spread: 1, generator: &generator)
        let context = output.block(rows: 0..<shape.length, columns: 2..<(2 + width))
        let outsideBefore = (0..<shape.length).map { row in [output[row, 0], output[row, 1], output[row, width + 2]] }
        let workspace = FloatMatrix(rows: 1, columns: AttentionKernel.workspaceFloats(length: shape.length, headSize: shape.headSize))
        let scale = 1 / Float(shape.headSize).squareRoot()

        AttentionKernel.selfAttention(qkv: qkv, heads: shape.heads, headSize: shape.headSize, scale: scale, into: context, workspace: workspace)

        let expected = KernelReference.attention(qkv: KernelReference.values(of: input, rows: qkv.rows, columns: qkv.columns),
                                                 heads: shape.heads, headSize: shape.headSize, scale: Double(scale))
        let actual = KernelReference.values(of: output, rows: context.rows, columns: context.columns)
        #expect(KernelReference.worstError(actual, expected) < 1e-5, "\(shape)")
        #expect((0..<shape.length).map { row in [output[row, 0], output[row, 1], output[row, width + 2]] } == outsideBefore)
    }

    /// bf16 products: within bf16's rounding of the reference (8-bit mantissas, fp32 sums), for
    /// lengths that do and do not fill the 16-key blocks and an odd one (a lone last key pair);
    /// on a CPU without AVX-512 BF16 it is the fp32 kernel, exact to 1e-5.
    @Test(arguments: [Shape(length: 1, heads: 12, headSize: 32), Shape(length: 31, heads: 12, headSize: 32),
                      Shape(length: 64, heads: 12, headSize: 32), Shape(length: 173, heads: 2, headSize: 64)])
    func bf16ProductsStayWithinTheirRounding(shape: Shape) {
        let width = shape.heads * shape.headSize
        var generator = SeededGenerator(seed: UInt64(shape.length * 7 + width))
        let input = KernelReference.matrix(rows: shape.length, columns: 3 * width + 4, spread: 2, generator: &generator)
        let qkv = input.block(rows: 0..<shape.length, columns: 1..<(1 + 3 * width))
        let output = FloatMatrix(rows: shape.length, columns: width)
        let workspace = FloatMatrix(rows: 1, columns: AttentionKernel.workspaceFloats(length: shape.length, headSize: shape.headSize))
        let scale = 1 / Float(shape.headSize).squareRoot()
        AttentionKernel.selfAttention(qkv: qkv, heads: shape.heads, headSize: shape.headSize, scale: scale,
                                      into: output.block(rows: 0..<shape.length), workspace: workspace, bf16: true)
        let expected = KernelReference.attention(qkv: KernelReference.values(of: input, rows: qkv.rows, columns: qkv.columns),
                                                 heads: shape.heads, headSize: shape.headSize, scale: Double(scale))
        let actual = KernelReference.values(of: output, rows: 0..<shape.length, columns: 0..<width)
        let bound = AttentionKernel.runsBF16(headSize: shape.headSize) ? 3e-2 : 1e-5
        let error = KernelReference.worstError(actual, expected)
        #expect(error < bound, "\(shape): worst error \(error)")
        if AttentionKernel.runsBF16(headSize: shape.headSize) { #expect(error > 0, "bf16 rounding leaves no trace: not run?") }
    }

    @Test func oneKeyDominatingGivesItsValue() {
        // A key far more similar to every query than the others: the context is (almost) its value.
        let heads = 2, headSize = 5, length = 6, width = heads * headSize
        var generator = SeededGenerator(seed: 77)
        let input = KernelReference.matrix(rows: length, columns: 3 * width, spread: 0.1, generator: &generator)
        for row in 0..<length {
            for column in 0..<width { input[row, column] = 1 }
        }
        for column in width..<(2 * width) { input[3, column] = 40 }
        let output = FloatMatrix(rows: length, columns: width)
        let workspace = FloatMatrix(rows: 1, columns: AttentionKernel.workspaceFloats(length: length, headSize: headSize))
        AttentionKernel.selfAttention(qkv: input.block(rows: 0..<length), heads: heads, headSize: headSize, scale: 1,
                                      into: output.block(rows: 0..<length), workspace: workspace)
        for row in 0..<length {
            for column in 0..<width { #expect(abs(output[row, column] - input[3, 2 * width + column]) < 1e-5) }
        }
    }
}
