import Foundation
import SeekKernels

/// The BERT forward pass for one batch of token-id sequences, run on the calling thread with
/// single-threaded BLAS. Sequences are packed back to back (no padding, so no attention mask):
/// every projection is one GEMM over all tokens of the batch; attention runs per sequence, fused.
///
/// Not thread-safe: it owns its workspace. `Embedder` hands each encoder to one lane (thread) at a
/// time through its lane pool, which is what makes the `@unchecked Sendable` sound.
public final class BertEncoder: @unchecked Sendable {
    public let weights: BertWeights
    /// Collects per-operation CPU time of the calling thread when non-nil.
    public var profile: EncoderProfile?
    /// Records the int8 projections' input peaks when non-nil (calibration passes, fp32).
    public var peaks: ActivationPeaks?

    private var capacityTokens = 0
    /// [tokens × hidden] the hidden state, updated layer by layer.
    private var hidden = FloatMatrix(rows: 0, columns: 1)
    /// [tokens × 3·hidden] query | key | value projections.
    private var qkv = FloatMatrix(rows: 0, columns: 1)
    /// [tokens × hidden] attention output before its projection.
    private var context = FloatMatrix(rows: 0, columns: 1)
    /// [feedForwardBlockRows × intermediate] feed-forward activations of one row block.
    private var intermediate = FloatMatrix(rows: 0, columns: 1)
    /// Scratch space of the fused attention kernel, sized for the longest sequence.
    private let attentionWorkspace: FloatMatrix
    /// Activations converted for bf16/int8 products.
    private let reduced = ReducedActivations()

    /// Tokens per feed-forward block: large enough for efficient GEMMs, small enough that the
    /// activations (6 MB at 1,024 × 1,536) stay out of the memory budget.
    static let feedForwardBlockRows = 1024

    public init(weights: BertWeights) {
        self.weights = weights
        let config = weights.configuration
        attentionWorkspace = FloatMatrix(
            rows: 1, columns: AttentionKernel.workspaceFloats(length: config.maxPositions, headSize: config.headSize))
        GEMM.useCallingThreadOnly()
    }

    /// Mean-pooled, L2-normalised sentence embeddings ([hidden] each), in input order.
    /// Each sequence must hold 1...maxPositions ids inside the vocabulary.
    public func encode(_ sequences: [[Int32]]) throws -> [[Float]] {
        let starts = try run(sequences, tokenTypes: nil)
        // Mean over each sequence's tokens, then L2 normalisation.
        return timed(.pooling) {
            sequences.indices.map { index in
                var pooled = hidden.meanOfRows(starts[index]..<(starts[index] + sequences[index].count))
                VectorMath.normalize(&pooled)
                return pooled
            }
        }
    }

    /// The last hidden state of each sequence's first token (`[CLS]`), [hidden] each, in input
    /// order: what a BERT classifier's pooler reads. `tokenTypes` gives each token's segment
    /// (0 or 1 for a pair), one list per sequence of the same length.
    /// - Throws: `EmbeddingError.invalidInput` as `encode` does, or for token types that do not
    ///   match their sequence or lie outside the model's type vocabulary.
    public func firstTokenStates(_ sequences: [[Int32]], tokenTypes: [[Int32]]) throws -> [[Float]] {
        let starts = try run(sequences, tokenTypes: tokenTypes)
        return starts.map { hidden.row($0) }
    }

    /// The forward pass: leaves the last hidden states of all sequences, packed, in `hidden`, and
    /// returns the row where each sequence starts.
    private func run(_ sequences: [[Int32]], tokenTypes: [[Int32]]?) throws -> [Int] {
        let config = weights.configuration
        if let tokenTypes {
            guard tokenTypes.count == sequences.count else {
                throw EmbeddingError.invalidInput(reason: "\(tokenTypes.count) token type lists for \(sequences.count) sequences")
            }
            for (index, types) in tokenTypes.enumerated() {
                guard types.count == sequences[index].count else {
                    throw EmbeddingError.invalidInput(reason: "sequence \(index) has \(sequences[index].count) tokens but \(types.count) token types")
                }
                if let bad = types.first(where: { $0 < 0 || Int($0) >= config.typeVocabularySize }) {
                    throw EmbeddingError.invalidInput(reason: "sequence \(index) holds token type \(bad) outside 0..<\(config.typeVocabularySize)")
                }
            }
        }
        var starts: [Int] = []
        starts.reserveCapacity(sequences.count)
        var total = 0
        for (index, sequence) in sequences.enumerated() {
            guard !sequence.isEmpty, sequence.count <= config.maxPositions else {
                throw EmbeddingError.invalidInput(reason: "sequence \(index) has \(sequence.count) tokens (1...\(config.maxPositions) allowed)")
            }
            if let bad = sequence.first(where: { $0 < 0 || Int($0) >= config.vocabularySize }) {
                throw EmbeddingError.invalidInput(reason: "sequence \(index) holds token id \(bad) outside the vocabulary of \(config.vocabularySize)")
            }
            starts.append(total)
            total += sequence.count
        }
        guard total > 0 else { return [] }
        reserve(tokens: total)
        let all = 0..<total
        let d = config.headSize
        let epsilon = config.layerNormEpsilon

        // hidden [T × h] = word[id] + position[p] + type[segment] (0 without token types), then LayerNorm.
        timed(.embeddingLookup) {
            for (index, sequence) in sequences.enumerated() {
                for (position, id) in sequence.enumerated() {
                    let type = tokenTypes.map { Int($0[index][position]) } ?? 0
                    hidden.setRow(starts[index] + position, toSumOf: [
                        (weights.wordEmbeddings, Int(id)), (weights.positionEmbeddings, position), (weights.tokenTypeEmbeddings, type),
                    ])
                }
            }
        }
        timed(.layerNorm) {
            ElementwiseKernels.layerNorm(hidden.block(rows: all), bias: nil,
                                         gamma: weights.embeddingNormGamma, beta: weights.embeddingNormBeta, epsilon: epsilon)
        }

        let scale = 1 / Float(d).squareRoot()
        let bf16Attention = weights.precision != .fp32
        for (layerIndex, layer) in weights.layers.enumerated() {
            peaks?.record(hidden.block(rows: all), layer: layerIndex, site: .qkv)
            // qkv [T × 3h] = hidden · Wqkvᵀ + b
            try timed(.qkvProjection) { try GEMM.linear(hidden.block(rows: all), layer.qkvWeight, into: qkv.block(rows: all), scratch: reduced) }
            timed(.qkvBias) { ElementwiseKernels.addBias(qkv.block(rows: all), layer.qkvBias) }
            // Per sequence: context [L × h] = softmax(Q_h K_hᵀ / √d) V_h for every head h; its products
            // in bf16 in the reduced precisions (measured on the 200 reference texts: the cosines to
            // the fp32 reference move in the sixth decimal, 0.999968 → 0.999970 worst in bf16).
            timed(.attention) {
                for (index, sequence) in sequences.enumerated() {
                    let rows = starts[index]..<(starts[index] + sequence.count)
                    AttentionKernel.selfAttention(qkv: qkv.block(rows: rows), heads: config.headCount, headSize: d, scale: scale,
                                                  into: context.block(rows: rows), workspace: attentionWorkspace,
                                                  bf16: bf16Attention)
                }
            }
            peaks?.record(context.block(rows: all), layer: layerIndex, site: .attentionOutput)
            // hidden = LayerNorm(hidden + context · Woᵀ + bo)
            try timed(.attentionOutput) {
                try GEMM.linear(context.block(rows: all), layer.attentionOutputWeight, into: hidden.block(rows: all), accumulate: true,
                                scratch: reduced)
            }
            timed(.layerNorm) {
                ElementwiseKernels.layerNorm(hidden.block(rows: all), bias: layer.attentionOutputBias,
                                             gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta, epsilon: epsilon)
            }
            // Feed-forward in row blocks (bounded workspace): for rows r,
            // intermediate [r × i] = gelu(hidden[r] · Wiᵀ + bi); hidden[r] = LayerNorm(hidden[r] + intermediate · Wo2ᵀ + bo2).
            for blockStart in stride(from: 0, to: total, by: Self.feedForwardBlockRows) {
                let rows = blockStart..<min(blockStart + Self.feedForwardBlockRows, total)
                let activations = intermediate.block(rows: 0..<rows.count)
                peaks?.record(hidden.block(rows: rows), layer: layerIndex, site: .feedForward)
                try timed(.feedForwardUp) {
                    try GEMM.linear(hidden.block(rows: rows), layer.intermediateWeight, into: activations, scratch: reduced)
                }
                timed(.gelu) { ElementwiseKernels.biasGELU(activations, bias: layer.intermediateBias) }
                peaks?.record(activations, layer: layerIndex, site: .feedForwardDown)
                try timed(.feedForwardDown) {
                    try GEMM.linear(activations, layer.outputWeight, into: hidden.block(rows: rows), accumulate: true, scratch: reduced)
                }
                timed(.layerNorm) {
                    ElementwiseKernels.layerNorm(hidden.block(rows: rows), bias: layer.outputBias,
                                                 gamma: layer.outputNormGamma, beta: layer.outputNormBeta, epsilon: epsilon)
                }
            }
        }

        return starts
    }

    /// Grows the workspace to hold `tokens` rows (never shrinks: lanes reuse it batch after batch).
    private func reserve(tokens: Int) {
        guard tokens > capacityTokens else { return }
        let config = weights.configuration
        let rows = max(tokens, capacityTokens * 5 / 4)
        hidden = FloatMatrix(rows: rows, columns: config.hiddenSize)
        qkv = FloatMatrix(rows: rows, columns: 3 * config.hiddenSize)
        context = FloatMatrix(rows: rows, columns: config.hiddenSize)
        intermediate = FloatMatrix(rows: min(rows, Self.feedForwardBlockRows), columns: config.intermediateSize)
        capacityTokens = rows
    }

    @inline(__always)
    private func timed<T>(_ operation: EncoderOperation, _ body: () throws -> T) rethrows -> T {
        guard profile != nil else { return try body() }
        let start = Self.threadCPUSeconds()
        defer { profile?.add(operation, seconds: Self.threadCPUSeconds() - start) }
        return try body()
    }

    /// CPU time of the calling thread: the profile measures work, not the other processes'
    /// load on a shared machine.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
