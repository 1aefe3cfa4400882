/// One text's model input and its embedding.
public struct EmbeddedText: Sendable, Equatable {
    /// `[CLS]`, the text's tokens (truncated to the model's limit), `[SEP]`.
    public let ids: [Int32]
    /// Unit-length embedding.
    public let vector: [Float]
}
