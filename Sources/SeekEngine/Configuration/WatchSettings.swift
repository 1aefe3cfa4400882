/// How `seek watch` turns file-system events into index runs.
public struct WatchSettings: Sendable, Equatable {
    /// Quiet time after the last change before a run starts (`--debounce-ms`, config
    /// `watch.debounce_ms`). Default 500.
    public var debounceMilliseconds: Int
    /// Longest wait after the first pending change, however busy the folder (config
    /// `watch.max_delay_ms`). Default 5,000.
    public var maxDelayMilliseconds: Int
    /// Period of the rescans of a root that cannot be watched whole (config
    /// `watch.rescan_seconds`). Default 60.
    public var rescanSeconds: Int

    public init(debounceMilliseconds: Int = 500, maxDelayMilliseconds: Int = 5_000, rescanSeconds: Int = 60) {
        self.debounceMilliseconds = debounceMilliseconds
        self.maxDelayMilliseconds = maxDelayMilliseconds
        self.rescanSeconds = rescanSeconds
    }
}
