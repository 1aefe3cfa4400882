import SeekEmbedding

/// An `embed` call waiting for its outcomes.
struct PendingCall: Sendable {
    let tokenIds: [[Int32]]
    var outcomes: [EmbeddingOutcome?]
    /// Sequences without an outcome yet.
    var remaining: Int
    let continuation: CheckedContinuation<[EmbeddingOutcome], Error>
}
