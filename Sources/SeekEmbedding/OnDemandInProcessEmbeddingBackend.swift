/// `seek index --in-process` without loading the model up front: the `Embedder` is asked of
/// `load` on every batch, so it is loaded by the run's first batch (`load` keeps what it loaded:
/// the engine's `ModelService.embedder()` loads once and shares it). A run whose every chunk comes
/// from the embedding cache never maps the weights or sets up a GEMM.
///
/// What the pipeline needs before that — the width and the batch sizes — comes from the model's
/// identity and `configuration`, the same values the loaded embedder will have.
public struct OnDemandInProcessEmbeddingBackend: EmbeddingBackend {
    public let dimension: Int
    /// The embedding settings `load` builds the embedder with.
    public let configuration: EmbeddingConfiguration
    private let load: @Sendable () async throws -> Embedder

    /// - Throws: `EmbeddingError.invalidInput` for a `configuration` the embedder would refuse.
    public init(dimension: Int, configuration: EmbeddingConfiguration, load: @escaping @Sendable () async throws -> Embedder) throws {
        self.dimension = dimension
        self.configuration = try configuration.validated()
        self.load = load
    }

    public func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        try await InProcessEmbeddingBackend(embedder: load()).embed(tokenIds: tokenIds)
    }

    public func shutdown() async {}

    public var preferredBatchSequences: Int { InProcessEmbeddingBackend.preferredBatchSequences(configuration) }
    public var maxConcurrentBatches: Int { 2 }
}
