/// One request to bring the index in sync (`IndexingService.run` / `enqueue`). Requests that
/// arrive while a run is going on are coalesced into the next run when their options agree.
public struct IndexRequest: Sendable, Equatable {
    /// What the run covers.
    public enum Scope: Sendable, Equatable {
        /// Every root of the index.
        case allRoots
        /// These folders or files, whole: each is checked (it must exist and be a folder or a
        /// regular file) and added as a root when new.
        case roots([String])
        /// These paths under existing roots (files or folders, existing or gone) and what lies
        /// below them: a watcher's changes. Paths under no root are ignored.
        case changes([String])
    }

    public var scope: Scope
    /// Parse again files that failed before, even when unchanged. Default false.
    public var retryFailed: Bool
    /// Drop missing or unreadable roots with all their files. Default false (they are kept and
    /// reported in the run's problems).
    public var pruneMissingRoots: Bool
    /// Wait while another process writes the index. Default true; false fails at once with
    /// `EngineError.writerBusy`.
    public var waitsForWriter: Bool
    /// Embed every indexed file of the scope again in the engine's precision (`seek index
    /// --reembed`), even when unchanged, bypassing the embedding cache. Default false: a file
    /// embedded in another precision keeps its vectors and the run reports it in its notices.
    public var reembed: Bool

    public init(scope: Scope = .allRoots, retryFailed: Bool = false, pruneMissingRoots: Bool = false, waitsForWriter: Bool = true,
                reembed: Bool = false) {
        self.reembed = reembed
        self.scope = scope
        self.retryFailed = retryFailed
        self.pruneMissingRoots = pruneMissingRoots
        self.waitsForWriter = waitsForWriter
    }
}
