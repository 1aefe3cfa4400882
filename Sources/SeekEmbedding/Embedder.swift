import Foundation
import Logging
import SeekKernels

/// The embedding engine: the model's tokenizer and BERT weights (memory-mapped once) and a set of
/// encoder lanes. Thread-safe; keep one per process and reuse it (never reload the model per query).
public final class Embedder: Sendable {
    public let model: EmbeddingModel
    public var weights: BertWeights { model.weights }
    public var tokenizer: WordPieceTokenizer { model.tokenizer }
    public let configuration: EmbeddingConfiguration
    private let lanes: EncoderLanes
    private let logger = Logger(label: "seek.embedding")

    /// Embedding width (384 for all-MiniLM-L6-v2).
    public var dimension: Int { weights.configuration.hiddenSize }

    public init(model: EmbeddingModel, configuration: EmbeddingConfiguration = EmbeddingConfiguration()) throws {
        self.model = model
        self.configuration = try configuration.validated()
        if !GEMM.prefer(self.configuration.gemm) {
            logger.notice("matrix products already run on another backend; --gemm \(self.configuration.gemm.rawValue) ignored",
                          metadata: ["gemm": "\(GEMM.status.backend.rawValue)"])
        }
        lanes = EncoderLanes(weights: model.weights, configuration: self.configuration)
        logger.debug("embedder ready", metadata: [
            "threads": "\(self.configuration.threads)", "batch": "\(self.configuration.batchSize)",
            "avx2": "\(ElementwiseKernels.usesAVX2)", "precision": "\(model.precision.rawValue)",
        ])
        let gemm = GEMM.status
        if gemm.backend == .reference {
            logger.warning("matrix products run on Seek's reference kernel (correct, slower)", metadata: ["blas": "\(gemm.summary)"])
        }
    }

    /// Tokenizes (truncating at the model's limit) and embeds `texts`, in input order.
    public func embed(texts: [String]) throws -> [EmbeddedText] {
        let ids = texts.map { model.tokenizer.encode($0) }
        return zip(ids, try embed(tokenIds: ids)).map { EmbeddedText(ids: $0, vector: $1) }
    }

    /// The embedding of one text (a query).
    public func embed(text: String) throws -> [Float] {
        try embed(tokenIds: [model.tokenizer.encode(text)])[0]
    }

    /// Unit-length embeddings of token-id sequences (each `[CLS] … [SEP]`), in input order.
    public func embed(tokenIds: [[Int32]]) throws -> [[Float]] {
        try lanes.encode(tokenIds, profile: false).vectors
    }

    /// Unit-length embeddings of token-id sequences, suspending (not blocking) while the lanes work.
    public func embed(tokenIds: [[Int32]]) async throws -> [[Float]] {
        try await lanes.encode(tokenIds, profile: false).vectors
    }

    /// Like `embed(tokenIds:)`, also returning the time spent per encoder operation, summed over lanes.
    public func embedProfiled(tokenIds: [[Int32]]) throws -> (vectors: [[Float]], profile: EncoderProfile) {
        let result = try lanes.encode(tokenIds, profile: true)
        return (result.vectors, result.profile ?? EncoderProfile())
    }
}
