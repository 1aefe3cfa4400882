/// What one indexing run covers: some roots of the index, each whole or only some paths under it.
public struct IndexingPlan: Sendable, Equatable {
    /// A root (already added to the index) and the part of it to bring in sync.
    public struct Root: Sendable, Equatable {
        /// The root's path, as stored in the index.
        public var path: String
        /// Only these paths under the root (files or folders, existing or gone) and what lies
        /// below them; nil for the whole root.
        public var within: [String]?

        public init(path: String, within: [String]? = nil) {
            self.path = path
            self.within = within
        }
    }

    /// The roots, each scanned once, in this order.
    public var roots: [Root]
    /// Drop a root that is missing or unreadable with all its files. Default false: its files
    /// are kept and the run reports the problem (an unmounted disk does not wipe its index).
    public var pruneMissingRoots: Bool

    public init(roots: [Root], pruneMissingRoots: Bool = false) {
        self.roots = roots
        self.pruneMissingRoots = pruneMissingRoots
    }

}
