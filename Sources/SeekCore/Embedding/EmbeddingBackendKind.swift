/// Where embeddings are computed during indexing.
public enum EmbeddingBackendKind: String, Sendable, Codable, CaseIterable {
    /// A pool of `seek embedder-worker` processes (the default).
    case pool
    /// The indexing process itself (`--in-process`).
    case inProcess = "in-process"
}
