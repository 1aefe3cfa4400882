import Foundation

/// A folder (or single file) the user asked Seek to index.
public struct IndexedRoot: Sendable, Equatable {
    /// Row id of the root.
    public var id: RootID
    /// The root path as given to `IndexWriter.addRoot`.
    public var path: String
    /// When the root was first added.
    public var addedAt: Date

    public init(id: RootID, path: String, addedAt: Date) {
        self.id = id
        self.path = path
        self.addedAt = addedAt
    }
}
