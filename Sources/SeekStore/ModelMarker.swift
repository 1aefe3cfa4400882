/// The embedding model an index was built with. An index only answers queries embedded by the
/// same model at the same dimension, so `IndexStore.open` checks it against the index's marker.
public struct ModelMarker: Sendable, Equatable, Hashable {
    /// Model id as published, e.g. "sentence-transformers/all-MiniLM-L6-v2".
    public var id: String
    /// Length of every embedding vector.
    public var dimension: Int

    public init(id: String, dimension: Int) {
        self.id = id
        self.dimension = dimension
    }

    /// all-MiniLM-L6-v2, the model Seek ships with (384 dimensions).
    public static let miniLML6V2 = ModelMarker(id: "sentence-transformers/all-MiniLM-L6-v2", dimension: 384)
}
