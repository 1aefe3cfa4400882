/// What the indexing pipeline embeds through: the in-process `Embedder` or the `EmbedderPool` of
/// worker processes. Per-sequence outcomes let one poisonous chunk fail alone (only its file is
/// marked failed) while every other sequence of the batch still gets its vector.
public protocol EmbeddingBackend: Sendable {
    /// Embedding width.
    var dimension: Int { get }
    /// One outcome per sequence (each `[CLS] … [SEP]`), in input order. Throws only when the
    /// backend cannot embed at all (no model, no worker can start).
    func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome]
    /// Releases workers and threads; later calls throw.
    func shutdown() async
    /// Sequences per `embed` call that keep this backend efficient.
    var preferredBatchSequences: Int { get }
    /// Token ids per `embed` call that keep this backend efficient (nil: no limit but the sequence
    /// count). The pool's is one forward pass of a worker: a call is then one request, and the
    /// last requests of a run are small, so no worker idles long while another finishes.
    var preferredBatchTokens: Int? { get }
    /// `embed` calls worth keeping in flight at once (so no worker or lane waits between calls).
    var maxConcurrentBatches: Int { get }
}

extension EmbeddingBackend {
    public var preferredBatchSequences: Int { 64 }
    public var preferredBatchTokens: Int? { nil }
    public var maxConcurrentBatches: Int { 2 }
}

/// The result for one sequence.
public enum EmbeddingOutcome: Sendable, Equatable {
    /// The unit-length embedding.
    case vector([Float])
    /// The sequence could not be embedded, and why.
    case failed(EmbeddingFailure)
}
