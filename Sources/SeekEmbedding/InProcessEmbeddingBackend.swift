/// `seek index --in-process`: embeds in this process with the `Embedder`'s lanes (long-lived
/// threads), so pipeline tasks keep running while batches are encoded and concurrent requests
/// share the same lanes.
public struct InProcessEmbeddingBackend: EmbeddingBackend {
    public let embedder: Embedder

    public init(embedder: Embedder) {
        self.embedder = embedder
    }

    public var dimension: Int { embedder.dimension }

    public func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        try await embedder.embed(tokenIds: tokenIds).map(EmbeddingOutcome.vector)
    }

    public func shutdown() async {}

    public var preferredBatchSequences: Int { Self.preferredBatchSequences(embedder.configuration) }

    /// A full batch for every lane, twice over: lanes refill from the queue without waiting.
    static func preferredBatchSequences(_ configuration: EmbeddingConfiguration) -> Int {
        configuration.batchSize * configuration.threads * 2
    }
    public var maxConcurrentBatches: Int { 2 }
}
