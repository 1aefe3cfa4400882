/// What a file-system watcher tells its owner.
public enum WatchNotice: Sendable, Equatable {
    /// These paths (files or folders, existing or gone) changed: bring them in sync.
    case changed(Set<String>)
    /// Events were lost (the kernel's queue overflowed, a root was replaced): the root must be
    /// scanned whole. `reason` says why.
    case rescan(root: String, reason: String)
    /// Part of the root cannot be watched (the watch limit is reached, a folder cannot be read):
    /// changes there are only found by periodic rescans.
    case degraded(root: String, reason: String)
}
