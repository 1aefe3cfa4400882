/// Why one sequence could not be embedded.
public struct EmbeddingFailure: Sendable, Equatable {
    /// What happened to the sequence.
    public enum Kind: String, Sendable {
        /// The process embedding it died or hung, every time it was tried.
        case crashed
        /// The embedder answered with an error (an invalid token id...).
        case failed
    }

    public var kind: Kind
    /// The signal ("SIGKILL"), the timeout or the embedder's message.
    public var detail: String

    public init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The reason recorded for a file: "embedder crashed on chunk 3: SIGKILL", where `chunk`
    /// identifies the sequence for the reader (a chunk ordinal in its file, or a batch position).
    public func reason(chunk: Int) -> String {
        "embedder \(kind.rawValue) on chunk \(chunk): \(detail)"
    }
}
