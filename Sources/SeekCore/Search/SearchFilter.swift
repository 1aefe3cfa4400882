import Foundation

/// Restricts a search to some files. Every condition that is set must hold; an empty filter
/// keeps everything. Filters are applied inside the scans, so a filtered search still returns k
/// results whenever k matching chunks exist.
public struct SearchFilter: Sendable, Equatable, Codable {
    /// Keep files under this path: the path itself or anything below it, compared by whole path
    /// components ("/a/b" keeps "/a/b/c.md", not "/a/bc.md"). Nil keeps every path.
    public var pathPrefix: String?
    /// Keep files with one of these extensions (case-insensitive, with or without the dot:
    /// "md", ".PDF"). Empty keeps every type.
    public var fileTypes: [String]
    /// Keep files modified at or after this time. Nil: no lower bound.
    public var modifiedAfter: Date?
    /// Keep files modified strictly before this time. Nil: no upper bound.
    public var modifiedBefore: Date?

    public init(pathPrefix: String? = nil, fileTypes: [String] = [], modifiedAfter: Date? = nil, modifiedBefore: Date? = nil) {
        self.pathPrefix = pathPrefix
        self.fileTypes = fileTypes
        self.modifiedAfter = modifiedAfter
        self.modifiedBefore = modifiedBefore
    }

    /// True when no condition is set.
    public var isEmpty: Bool {
        pathPrefix == nil && fileTypes.isEmpty && modifiedAfter == nil && modifiedBefore == nil
    }
}
