import SeekEmbedding
import SeekKernels

/// What `seek model info` reports.
public struct ModelInfo: Sendable, Codable, Equatable {
    public var id: String
    public var dimension: Int
    public var maxTokens: Int
    public var directory: String
    public var source: String
    public var sha256: String
    public var weightsBytes: Int
    public var layers: Int
    public var heads: Int
    public var vocabulary: Int
    public var blas: String
    public var avx2: Bool

    enum CodingKeys: String, CodingKey {
        case id, dimension, directory, source, sha256, layers, heads, vocabulary, blas, avx2
        case maxTokens = "max_tokens"
        case weightsBytes = "weights_bytes"
    }
}

extension SeekEngine {
    /// The verified model (fetched when absent and `allowFetch`) and how Seek runs it.
    public func modelInfo(allowFetch: Bool) async throws -> ModelInfo {
        let files = try await modelFiles(allowFetch: allowFetch)
        let model = try EmbeddingModel(files: files)
        let configuration = model.weights.configuration
        return ModelInfo(
            id: files.identity.id, dimension: configuration.hiddenSize, maxTokens: files.identity.maxTokens,
            directory: files.directory.path, source: files.source.rawValue, sha256: files.weightsSHA256,
            weightsBytes: files.weightsBytes, layers: configuration.layerCount, heads: configuration.headCount,
            vocabulary: model.tokenizer.vocabularySize, blas: GEMM.libraryDescription, avx2: ElementwiseKernels.usesAVX2)
    }
}
