/// One scored (query, passage) pair of `seek rerank score`: the model input and the logit.
/// JSON: {"input_ids":[...],"score":-4.67}.
public struct PairScore: Sendable, Codable, Equatable {
    /// `[CLS] query [SEP] passage [SEP]` as token ids, after truncation.
    public var inputIds: [Int32]
    /// The cross-encoder's raw logit; higher is more relevant.
    public var score: Float

    enum CodingKeys: String, CodingKey {
        case inputIds = "input_ids"
        case score
    }

    public init(inputIds: [Int32], score: Float) {
        self.inputIds = inputIds
        self.score = score
    }
}
