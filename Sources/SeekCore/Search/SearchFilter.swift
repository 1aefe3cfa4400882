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
    /// Keep files carrying this tag (or one nested below it). The engine resolves it into `paths`.
    public var tag: String?
    /// Keep files the file at this path links to. The engine resolves it into `paths`.
    public var linkedFrom: String?
    /// Keep only these files (absolute paths). Nil keeps every path.
    public var paths: Set<String>?

    public init(pathPrefix: String? = nil, fileTypes: [String] = [], modifiedAfter: Date? = nil, modifiedBefore: Date? = nil,
                tag: String? = nil, linkedFrom: String? = nil, paths: Set<String>? = nil) {
        self.pathPrefix = pathPrefix
        self.fileTypes = fileTypes
        self.modifiedAfter = modifiedAfter
        self.modifiedBefore = modifiedBefore
        self.tag = tag
        self.linkedFrom = linkedFrom
        self.paths = paths
    }

    /// True when no condition is set.
    public var isEmpty: Bool {
        pathPrefix == nil && fileTypes.isEmpty && modifiedAfter == nil && modifiedBefore == nil && tag == nil && linkedFrom == nil && paths == nil
    }
}
