/// How a watcher watches.
public struct WatcherConfiguration: Sendable, Equatable {
    /// Most folders watched at once, below the kernel's own limit
    /// (`/proc/sys/fs/inotify/max_user_watches`); beyond it a root is degraded to periodic
    /// rescans. Nil (the default): only the kernel's limit applies.
    public var maxWatches: Int?

    public init(maxWatches: Int? = nil) {
        self.maxWatches = maxWatches
    }
}
