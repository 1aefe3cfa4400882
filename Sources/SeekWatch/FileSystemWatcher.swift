import SeekIngest

/// Watches roots for changes: inotify on Linux (`InotifyWatcher`), FSEvents on macOS
/// (`FSEventsWatcher`). A watcher reports paths, never indexes: its owner debounces the
/// notices and turns them into index runs.
public protocol FileSystemWatcher: Sendable {
    /// Starts watching `filters`' roots (each filter says what under its root matters: ignored,
    /// hidden and excluded paths never produce a notice). Notices arrive on a thread of the
    /// watcher's own, in order.
    /// - Returns: the number of folders watched.
    /// - Throws: `WatchError` when watching cannot start at all.
    func start(filters: [PathFilter], onNotice: @escaping @Sendable (WatchNotice) -> Void) throws(WatchError) -> Int

    /// Stops watching and joins the watcher's thread; no notice arrives after it returns.
    func stop()
}
