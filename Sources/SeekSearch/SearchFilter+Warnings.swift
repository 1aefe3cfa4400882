import Foundation
import SeekCore
import SeekStore

extension SearchFilter {
    /// Conditions of this (validated) filter that no file can meet, said plainly: an extension no
    /// indexed file has, a path outside every root, a date range that is empty. A search with
    /// such a filter returns no results; the warnings say why instead of leaving the user guessing.
    public func warnings(files: ChunkFileMap, roots: [String]) -> [String] {
        warnings(fileExtensions: Set(files.files.map(\.fileExtension)), roots: roots)
    }

    /// `warnings(files:roots:)` given the extensions of the indexed files (lowercased, no dot).
    public func warnings(fileExtensions present: Set<String>, roots: [String]) -> [String] {
        var warnings: [String] = []
        if !fileTypes.isEmpty {
            for type in fileTypes where !present.contains(type) {
                let known = present.filter { !$0.isEmpty }.sorted().prefix(12).joined(separator: ", ")
                warnings.append("no indexed file has the type '\(type)'" + (known.isEmpty ? "" : " (types in the index: \(known))"))
            }
        }
        if let prefix = pathPrefix,
           !roots.contains(where: { PathHierarchy.path(prefix, isUnder: $0) || PathHierarchy.path($0, isUnder: prefix) }) {
            warnings.append("\(prefix) is not inside any indexed root (\(roots.joined(separator: ", ")))")
        }
        if let after = modifiedAfter, let before = modifiedBefore, after >= before {
            warnings.append("--after \(after.formatted(.iso8601)) is not before --before \(before.formatted(.iso8601)): no file can match")
        }
        return warnings
    }
}
