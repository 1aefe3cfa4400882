/// Errors of the embedding engine: model files, tokenizer, weights and inference.
/// Every case names the file or stage and, where there is one, what the user can do.
public enum EmbeddingError: Error, CustomStringConvertible, Equatable {
    /// A model file is absent.
    case missingFile(path: String, hint: String)
    /// A model file exists but cannot be used (truncated, corrupt, wrong hash, wrong architecture).
    case invalidFile(path: String, reason: String, hint: String)
    /// The model could not be fetched by any source; `attempts` lists each source and why it failed.
    case fetchFailed(attempts: [String])
    /// Inference was asked for something impossible (empty batch of ids, id out of vocabulary...).
    case invalidInput(reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path, let hint):
            "missing model file \(path). \(hint)"
        case .invalidFile(let path, let reason, let hint):
            "invalid model file \(path): \(reason). \(hint)"
        case .fetchFailed(let attempts):
            "could not fetch the model:\n" + attempts.map { "  - \($0)" }.joined(separator: "\n")
        case .invalidInput(let reason):
            "invalid embedding input: \(reason)"
        }
    }
}
