import Dispatch

/// `seek index --in-process`: embeds in this process with the `Embedder`'s lanes. The blocking
/// BLAS work runs on a Dispatch queue, never on the Swift concurrency pool, so pipeline tasks keep
/// running while a batch is encoded.
public struct InProcessEmbeddingBackend: EmbeddingBackend {
    public let embedder: Embedder

    public init(embedder: Embedder) {
        self.embedder = embedder
    }

    public var dimension: Int { embedder.dimension }

    public func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        let embedder = self.embedder
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    continuation.resume(returning: try embedder.embed(tokenIds: tokenIds).map(EmbeddingOutcome.vector))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    public func shutdown() async {}
}
