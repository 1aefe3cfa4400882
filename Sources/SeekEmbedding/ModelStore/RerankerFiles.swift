import Foundation

/// An installed reranker and the record made when it was fetched (`seek-reranker.json`).
/// JSON: {"name","directory","sha256","bytes","modification_time","fetched_at"}.
public struct RerankerFiles: Sendable, Codable, Equatable {
    /// Hub repository id.
    public var name: String
    /// Folder holding config.json, model.safetensors and tokenizer.json.
    public var directory: String
    /// SHA-256 of model.safetensors at fetch time.
    public var sha256: String
    public var bytes: Int
    /// Modification time of the weights (seconds since 1970) when the digest was taken.
    public var modificationTime: Double
    /// ISO 8601.
    public var fetchedAt: String

    enum CodingKeys: String, CodingKey {
        case name, directory, sha256, bytes
        case modificationTime = "modification_time"
        case fetchedAt = "fetched_at"
    }

    /// The record with `directory` set to where it was found (the cache may have moved).
    func located(at folder: URL) -> RerankerFiles {
        var copy = self
        copy.directory = folder.path
        return copy
    }
}
