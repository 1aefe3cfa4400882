import Foundation
import SeekCore
import SeekStore

extension SearchFilter {
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
        if let prefix = pathPrefix, !PathHierarchy.path(file.path, isUnder: prefix) { return false }
        if let paths, !paths.contains(file.path) { return false }
        if !fileTypes.isEmpty, !fileTypes.contains(file.fileExtension) { return false }
        if let after = modifiedAfter, !(file.mtime >= after.timeIntervalSince1970) { return false }
        if let before = modifiedBefore, !(file.mtime < before.timeIntervalSince1970) { return false }
        return true
    }
}
