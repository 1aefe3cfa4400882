/// The creation time and write generation of an index (see `SearchReader.contentVersion()`).
public struct IndexContentVersion: Sendable, Equatable {
    /// When the index was created (ISO 8601, from its meta table).
    public var createdAt: String
    /// Incremented by every write transaction.
    public var writeGeneration: Int64

    public init(createdAt: String, writeGeneration: Int64) {
        self.createdAt = createdAt
        self.writeGeneration = writeGeneration
    }

    /// One string for both, as stored in derived files.
    public var key: String { "\(createdAt)#\(writeGeneration)" }
}
