import PostgresNIO
import SeekCore

/// The conditions of a `SearchFilter` that a PostgreSQL query checks on the `files` row of each
/// candidate chunk, with the same meaning as the SQLite searcher's (`SearchFilter.matches`):
/// a path and everything below it by whole components, extensions (lowercased, without the
/// dot), a modification-time range, an explicit set of paths.
///
/// Tags and links are resolved into paths by the engine from the link graph, which a
/// PostgreSQL index does not hold: a filter naming them is refused by the searcher, not here.
public struct PostgresFileFilter: Sendable, Equatable {
    /// Keep this path and anything below it (no trailing slash, except the root "/").
    public var pathPrefix: String?
    /// Keep these extensions (lowercased, no dot); empty keeps every type.
    public var fileTypes: [String]
    /// Keep files whose mtime (seconds since 1970) is at least this.
    public var modifiedAfter: Double?
    /// Keep files whose mtime is strictly below this.
    public var modifiedBefore: Double?
    /// Keep only these paths; nil keeps every path.
    public var paths: [String]?

    /// The conditions of a validated filter (`SearchFilter.validated()`); its tag and link
    /// conditions are not carried (see the type's comment).
    public init(_ filter: SearchFilter) {
        pathPrefix = filter.pathPrefix
        fileTypes = filter.fileTypes
        modifiedAfter = filter.modifiedAfter?.timeIntervalSince1970
        modifiedBefore = filter.modifiedBefore?.timeIntervalSince1970
        paths = filter.paths.map { $0.sorted() }
    }

    /// Only `pathPrefix` and what is below it (whole components; trailing slashes dropped), or
    /// every file when nil: the filter of a file listing or a graph read under a folder.
    init(pathPrefix: String?) {
        self.init(SearchFilter())
        if var folder = pathPrefix {
            while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
            self.pathPrefix = folder
        }
    }

    /// True when no condition is set.
    public var isEmpty: Bool {
        pathPrefix == nil && fileTypes.isEmpty && modifiedAfter == nil && modifiedBefore == nil && paths == nil
    }

    /// The extension of `files.path` as `IndexReadAccess.fileExtension` computes it in Swift:
    /// the text after the last dot of the last component, when that dot is not the component's
    /// first character; lowercased; empty when none.
    static let extensionExpression = extensionExpression(of: "f.path")

    /// `extensionExpression` over the column `column` (the same text as the expression index
    /// `files_extension`, so that the planner can use it).
    static func extensionExpression(of column: String) -> String {
        #"lower(coalesce(substring("# + column + #" from '[^/]\.([^./]*)$'), ''))"#
    }
}

extension PostgresQuery.StringInterpolation {
    /// The `vectors` table aliased `v`, joined to its chunk (`c`) and file (`f`) only when
    /// `filter` has a condition to check there (`WHERE \(matching:)` then names `f`).
    mutating func appendInterpolation(vectorsKeptBy filter: PostgresFileFilter) {
        appendLiteral(filter.isEmpty ? "vectors v" : "vectors v JOIN chunks c ON c.id = v.chunk_id JOIN files f ON f.id = c.file_id")
    }

    /// ` JOIN files f ON f.id = <fileIdColumn>` when `filter` has a condition, else nothing: an
    /// unfiltered query reads no `files` row.
    mutating func appendInterpolation(joiningFilesOn fileIdColumn: String, for filter: PostgresFileFilter) {
        if !filter.isEmpty { appendLiteral(" JOIN files f ON f.id = \(fileIdColumn)") }
    }

    /// A boolean SQL condition on the `files` row aliased `f`, each value a bind parameter:
    /// `TRUE` for an empty filter.
    mutating func appendInterpolation(matching filter: PostgresFileFilter) {
        appendLiteral("TRUE")
        if let prefix = filter.pathPrefix {
            // By whole components: the path itself, or one between "<prefix>/" and "<prefix>0" in
            // byte order ("0" is the byte after "/"), a range of the `files_path_bytes` index.
            let folder = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
            appendLiteral(" AND (f.path = ")
            appendInterpolation(prefix)
            appendLiteral(#" OR (f.path COLLATE "C" >= "#)
            appendInterpolation(folder + "/")
            appendLiteral(#" AND f.path COLLATE "C" < "#)
            appendInterpolation(folder + "0")
            appendLiteral("))")
        }
        if !filter.fileTypes.isEmpty {
            appendLiteral(" AND \(PostgresFileFilter.extensionExpression) = ANY(")
            appendInterpolation(filter.fileTypes)
            appendLiteral("::text[])")
        }
        if let after = filter.modifiedAfter {
            appendLiteral(" AND f.mtime >= ")
            appendInterpolation(after)
        }
        if let before = filter.modifiedBefore {
            appendLiteral(" AND f.mtime < ")
            appendInterpolation(before)
        }
        if let paths = filter.paths {
            appendLiteral(" AND f.path = ANY(")
            appendInterpolation(paths)
            appendLiteral("::text[])")
        }
    }
}
