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
    /// The precision the linear layers compute in here (`embedding.precision` resolved on this CPU).
    public var precision: String
    /// Why `precision` is not the one asked for (the CPU lacks the instructions), else nil.
    public var precisionNote: String?

    enum CodingKeys: String, CodingKey {
        case id, dimension, directory, source, sha256, layers, heads, vocabulary, blas, avx2, precision
        case precisionNote = "precision_note"
        case maxTokens = "max_tokens"
        case weightsBytes = "weights_bytes"
    }
}
