import Foundation

/// The architecture read from a model's `config.json`. Only BERT encoders with absolute position
/// embeddings and GELU are accepted; anything else is a clear error naming the file.
public struct BertConfiguration: Sendable, Equatable, Codable {
    public var modelType: String
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var vocabularySize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float
    public var hiddenActivation: String

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type"
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case vocabularySize = "vocab_size"
        case maxPositions = "max_position_embeddings"
        case typeVocabularySize = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps"
        case hiddenActivation = "hidden_act"
    }

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    public init(contentsOf url: URL) throws {
        let hint = "Seek runs BERT sentence encoders such as sentence-transformers/all-MiniLM-L6-v2; run `seek model fetch --force`."
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EmbeddingError.missingFile(path: url.path, hint: hint)
        }
        // The architecture first, so a config of another model says so instead of naming a missing key.
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let modelType = object["model_type"] as? String ?? "(none)"
            guard modelType == "bert" else {
                throw EmbeddingError.invalidFile(path: url.path, reason: "model_type is \"\(modelType)\", not \"bert\"", hint: hint)
            }
        }
        let decoded: BertConfiguration
        do { decoded = try JSONDecoder().decode(BertConfiguration.self, from: data) } catch {
            throw EmbeddingError.invalidFile(path: url.path, reason: "not a BERT config (\(Self.describe(error)))", hint: hint)
        }
        guard decoded.modelType == "bert" else {
            throw EmbeddingError.invalidFile(path: url.path, reason: "model_type is \"\(decoded.modelType)\", not \"bert\"", hint: hint)
        }
        guard decoded.hiddenActivation == "gelu" else {
            throw EmbeddingError.invalidFile(path: url.path, reason: "hidden_act \"\(decoded.hiddenActivation)\" is not supported (gelu only)", hint: hint)
        }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let positionType = object["position_embedding_type"] as? String, positionType != "absolute" {
            throw EmbeddingError.invalidFile(path: url.path, reason: "position_embedding_type \"\(positionType)\" is not supported", hint: hint)
        }
        guard decoded.hiddenSize > 0, decoded.headCount > 0, decoded.hiddenSize % decoded.headCount == 0,
              decoded.layerCount > 0, decoded.intermediateSize > 0, decoded.vocabularySize > 0, decoded.maxPositions > 0
        else {
            throw EmbeddingError.invalidFile(path: url.path, reason: "inconsistent sizes (hidden \(decoded.hiddenSize), heads \(decoded.headCount))", hint: hint)
        }
        self = decoded
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "missing \"\(key.stringValue)\"" }
        if case DecodingError.dataCorrupted = error { return "invalid JSON" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }
}
