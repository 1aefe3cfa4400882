/// One text of `seek embed`: its token ids (`[CLS] … [SEP]`, truncated at the model's limit) and
/// its unit-length embedding.
public struct TextEmbedding: Sendable, Codable, Equatable {
    public var ids: [Int32]
    public var embedding: [Float]

    public init(ids: [Int32], embedding: [Float]) {
        self.ids = ids
        self.embedding = embedding
    }
}
