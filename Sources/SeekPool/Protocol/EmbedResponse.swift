/// A worker's answer to an `EmbedRequest`: one vector per sequence, in request order.
public struct EmbedResponse: Sendable, Equatable {
    /// The request's `batchID`.
    public var batchID: UInt64
    /// Tokens the worker embedded for each sequence (the pool checks them against the request).
    public var tokenCounts: [Int]
    /// Unit-length embeddings, all of the same width.
    public var vectors: [[Float]]

    public init(batchID: UInt64, tokenCounts: [Int], vectors: [[Float]]) {
        self.batchID = batchID
        self.tokenCounts = tokenCounts
        self.vectors = vectors
    }
}
