import Foundation
import SeekStore

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

    /// The filter in canonical form (extensions lowercased without dots, prefix without a trailing
    /// slash); throws `SearchError.invalidQuery` for an empty prefix or type, or a non-finite time.
    public func validated() throws(SearchError) -> SearchFilter {
        var result = self
        if let prefix = pathPrefix {
            var trimmed = prefix
            while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
            guard !trimmed.isEmpty else { throw .invalidQuery(reason: "the path filter is empty") }
            result.pathPrefix = trimmed
        }
        result.fileTypes = try fileTypes.map { type throws(SearchError) in
            var text = type.trimmingCharacters(in: .whitespaces).lowercased()
            while text.hasPrefix(".") { text.removeFirst() }
            guard !text.isEmpty else { throw .invalidQuery(reason: "the file type filter '\(type)' names no extension") }
            return text
        }
        for (name, value) in [("modified-after", modifiedAfter), ("modified-before", modifiedBefore)] {
            if let value, !value.timeIntervalSince1970.isFinite { throw .invalidQuery(reason: "the \(name) time is not a finite date") }
        }
        return result
    }

    /// True when `file` passes every condition. Expects a `validated()` filter.
    public func matches(_ file: ChunkFileMap.File) -> Bool {
        if let prefix = pathPrefix, !Self.path(file.path, isUnder: prefix) { return false }
        if !fileTypes.isEmpty, !fileTypes.contains(file.fileExtension) { return false }
        if let after = modifiedAfter, !(file.mtime >= after.timeIntervalSince1970) { return false }
        if let before = modifiedBefore, !(file.mtime < before.timeIntervalSince1970) { return false }
        return true
    }

    /// True when `path` is `prefix` or lies below it (whole components).
    /// Compared as UTF-8 bytes, like the file system does.
    static func path(_ path: String, isUnder prefix: String) -> Bool {
        let pathBytes = path.utf8, prefixBytes = prefix.utf8
        guard pathBytes.starts(with: prefixBytes) else { return false }
        if pathBytes.count == prefixBytes.count || prefixBytes.last == UInt8(ascii: "/") { return true }
        return pathBytes[pathBytes.index(pathBytes.startIndex, offsetBy: prefixBytes.count)] == UInt8(ascii: "/")
    }
}
