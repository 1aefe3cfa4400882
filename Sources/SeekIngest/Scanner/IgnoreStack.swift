/// The ignore files in effect for one directory during a walk: the root's `.git/info/exclude`,
/// then the ignore files of every directory from the root down, shallowest first.
///
/// An entry is ignored when the deepest file with a matching pattern says so; within one file the
/// last matching pattern wins (git's precedence).
struct IgnoreStack: Sendable {
    private struct Level: Sendable {
        /// Scalar count of the directory's path relative to the scan root (0 for the root).
        let directoryLength: Int
        let rules: IgnoreRules
    }

    private var levels: [Level] = []

    /// The stack with `rules` of the directory whose root-relative path has `directoryLength`
    /// scalars added on top (highest precedence).
    func adding(_ rules: IgnoreRules, directoryLength: Int) -> IgnoreStack {
        guard !rules.isEmpty else { return self }
        var copy = self
        copy.levels.append(Level(directoryLength: directoryLength, rules: rules))
        return copy
    }

    /// Whether an entry is ignored.
    /// - Parameters:
    ///   - relativePath: the entry's path relative to the scan root.
    ///   - nameStart: where its last component starts in `relativePath`.
    func isIgnored(relativePath: [Unicode.Scalar], nameStart: Int, isDirectory: Bool) -> Bool {
        let name = relativePath[nameStart...]
        for level in levels.reversed() {
            let start = level.directoryLength == 0 ? 0 : level.directoryLength + 1
            switch level.rules.decision(relativePath: relativePath[start...], name: name, isDirectory: isDirectory) {
            case .ignored: return true
            case .reincluded: return false
            case .unmatched: continue
            }
        }
        return false
    }
}
