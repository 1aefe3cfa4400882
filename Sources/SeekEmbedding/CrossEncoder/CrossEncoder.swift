import Foundation
import SeekKernels
import Synchronization

/// A BERT cross-encoder: `BertForSequenceClassification` with one label, the layout of
/// cross-encoder/ms-marco-MiniLM-L-6-v2. It reads a (query, passage) pair as one sequence
/// (`PairEncoding`) and answers one relevance logit per pair: higher is more relevant; the scale
/// is the model's own (no sigmoid).
///
/// The encoder is Seek's `BertEncoder` (with token types); on top of it, for `[CLS]`'s last hidden
/// state c [hidden]: pooled = tanh(W_p · c + b_p) [hidden], score = w_c · pooled + b_c.
/// Tensor names are accepted with and without the `bert.` prefix (`pooler.*` sits under it,
/// `classifier.*` never does). Thread-safe: scoring calls take turns on the one encoder.
public final class CrossEncoder: Sendable {
    public let tokenizer: WordPieceTokenizer
    public let configuration: BertConfiguration
    /// Longest pair input in tokens, specials included: `model_max_length` of
    /// `tokenizer_config.json` when given, never more than `max_position_embeddings`.
    public let maxTokens: Int
    private let encoder: Mutex<BertEncoder>
    /// [hidden × hidden] row-major (PyTorch Linear: out × in), [hidden]
    private let poolerWeight: [Float]
    private let poolerBias: [Float]
    /// [hidden], and the one bias
    private let classifierWeight: [Float]
    private let classifierBias: Float

    /// Loads `config.json`, `model.safetensors`, `tokenizer.json` and (optional)
    /// `tokenizer_config.json` from `directory`. `vocabularyCacheDirectory` keeps the tokenizer's
    /// decoded vocabulary between processes (`TokenizerVocabularyCache`; nil decodes
    /// `tokenizer.json` every time, with the same result).
    /// - Throws: `EmbeddingError.missingFile` / `.invalidFile` naming the file and what is wrong
    ///   (not a BERT classifier with one label, a tensor missing or of the wrong shape).
    public init(modelDirectory directory: URL, vocabularyCacheDirectory: URL? = nil) throws {
        configuration = try BertConfiguration(contentsOf: directory.appendingPathComponent("config.json"))
        let weightsPath = directory.appendingPathComponent("model.safetensors").path
        let file = try SafetensorsFile(path: weightsPath)
        let h = configuration.hiddenSize
        guard file.tensors["classifier.weight"]?.shape == [1, h] else {
            throw EmbeddingError.invalidFile(
                path: weightsPath, reason: "no classifier.weight of shape [1, \(h)]: not a cross-encoder with one label",
                hint: "Give the directory of a BertForSequenceClassification model such as cross-encoder/ms-marco-MiniLM-L-6-v2.")
        }
        let prefix = file.tensors["bert.pooler.dense.weight"] != nil ? "bert." : ""
        encoder = Mutex(BertEncoder(weights: try BertWeights(file: file, configuration: configuration)))
        poolerWeight = try file.matrix(prefix + "pooler.dense.weight", shape: [h, h]).values
        poolerBias = try file.matrix(prefix + "pooler.dense.bias", shape: [h]).values
        classifierWeight = try file.matrix("classifier.weight", shape: [1, h]).values
        classifierBias = try file.matrix("classifier.bias", shape: [1]).values[0]
        maxTokens = min(Self.modelMaxLength(directory.appendingPathComponent("tokenizer_config.json")) ?? configuration.maxPositions,
                        configuration.maxPositions)
        tokenizer = try WordPieceTokenizer(
            contentsOf: directory.appendingPathComponent("tokenizer.json"), maxTokens: maxTokens, vocabularyCacheDirectory: vocabularyCacheDirectory)
    }

    /// The model input of a pair; an empty passage gives the query alone, as transformers does.
    public func encode(query: String, passage: String) -> PairEncoding {
        let queryIds = tokenizer.tokenSpans(query).map(\.id)
        guard !passage.isEmpty else {
            return PairEncoding(query: queryIds, cls: tokenizer.clsTokenId, sep: tokenizer.sepTokenId, maxTokens: maxTokens)
        }
        return PairEncoding(query: queryIds, passage: tokenizer.tokenSpans(passage).map(\.id),
                            cls: tokenizer.clsTokenId, sep: tokenizer.sepTokenId, maxTokens: maxTokens)
    }

    /// One logit per encoded pair, in order, all pairs in one packed batch.
    /// - Throws: `EmbeddingError.invalidInput` for an encoding the model cannot read.
    public func scores(_ pairs: [PairEncoding]) throws -> [Float] {
        guard !pairs.isEmpty else { return [] }
        let states = try encoder.withLock { encoder in
            try encoder.firstTokenStates(pairs.map(\.ids), tokenTypes: pairs.map(\.tokenTypes))
        }
        return states.map(score(firstTokenState:))
    }

    /// pooled = tanh(W_p · c + b_p); score = w_c · pooled + b_c (plain loops: h² per pair).
    private func score(firstTokenState c: [Float]) -> Float {
        let h = configuration.hiddenSize
        var score = classifierBias
        for row in 0..<h {
            var sum = poolerBias[row]
            for column in 0..<h { sum += poolerWeight[row * h + column] * c[column] }
            score += classifierWeight[row] * tanh(sum)
        }
        return score
    }

    /// `model_max_length` of a tokenizer_config.json, when the file has a sensible one.
    private static func modelMaxLength(_ url: URL) -> Int? {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let length = object["model_max_length"] as? Int, length > 3, length < 1_000_000 else { return nil }
        return length
    }
}
