import Foundation
import SeekEmbedding

/// `seek rerank score`: a cross-encoder (a `BertForSequenceClassification` model directory, such
/// as cross-encoder/ms-marco-MiniLM-L-6-v2) scoring (query, passage) pairs, for users and for
/// checking the engine against transformers' scores.
public final class CrossEncoderScorer: Sendable {
    /// Pairs scored in one packed batch.
    public static let batchSize = 32
    private let model: CrossEncoder

    /// Loads the model in `modelDirectory`.
    /// - Throws: `EngineError.failed` naming the file that is missing or not a cross-encoder.
    public init(modelDirectory: String) throws(EngineError) {
        let directory = URL(fileURLWithPath: modelDirectory)
        model = try EngineError.wrapping("load the cross-encoder", directory: directory) {
            try CrossEncoder(modelDirectory: directory)
        }
    }

    /// The longest pair input in tokens (longer pairs are truncated, longest segment first).
    public var maxTokens: Int { model.maxTokens }

    /// Each pair's input ids and score, in order.
    /// - Throws: `EngineError.failed` when the model cannot run an input.
    public func score(_ pairs: [(query: String, passage: String)]) throws(EngineError) -> [PairScore] {
        try EngineError.wrapping("rerank score", directory: URL(fileURLWithPath: "/")) {
            var scored: [PairScore] = []
            scored.reserveCapacity(pairs.count)
            for start in stride(from: 0, to: pairs.count, by: Self.batchSize) {
                let encodings = pairs[start..<min(start + Self.batchSize, pairs.count)].map { model.encode(query: $0.query, passage: $0.passage) }
                let scores = try model.scores(encodings)
                scored.append(contentsOf: zip(encodings, scores).map { PairScore(inputIds: $0.ids, score: $1) })
            }
            return scored
        }
    }
}
