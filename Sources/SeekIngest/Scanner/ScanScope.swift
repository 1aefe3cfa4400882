import SeekCore

/// The part of a root a scan reports (`Scanner.scan(root:within:...)`): the given paths and
/// everything below them. Folders on the way from the root to them are entered but not reported,
/// so ignore files along the way still apply.
struct ScanScope: Sendable {
    /// Absolute, standardized paths under the root.
    let paths: [String]

    /// True when `path` is one of `paths` or lies below one.
    func contains(_ path: String) -> Bool {
        paths.contains { PathHierarchy.path(path, isUnder: $0) }
    }

    /// True when `path` is a folder on the way to one of `paths` (a proper ancestor).
    func leadsThrough(_ path: String) -> Bool {
        paths.contains { PathHierarchy.path($0, isUnder: path) && $0 != path }
    }

}
