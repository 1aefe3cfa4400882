/// A batch of token-id sequences for a worker to embed.
public struct EmbedRequest: Sendable, Equatable {
    /// Chosen by the pool; the response carries it back.
    public var batchID: UInt64
    /// Token-id sequences, each `[CLS] … [SEP]`.
    public var sequences: [[Int32]]

    public init(batchID: UInt64, sequences: [[Int32]]) {
        self.batchID = batchID
        self.sequences = sequences
    }

    /// Token ids in the batch.
    public var tokenCount: Int { sequences.reduce(0) { $0 + $1.count } }
}
