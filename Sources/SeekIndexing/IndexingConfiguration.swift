import SeekIngest

/// How `seek index` runs. Resolved by SeekEngine from flags, the config file and these defaults.
public struct IndexingConfiguration: Sendable {
    /// What the scanner walks and skips (size limit 50 MiB, hidden entries, symlinks...).
    public var scan: ScanConfiguration
    /// Chunk size and overlap (256 tokens including [CLS]/[SEP], 32 tokens of overlap).
    public var chunking: ChunkingConfiguration
    /// Files read, hashed, parsed and chunked at once. Default 2.
    public var parseWorkers: Int
    /// Parsed files that may wait for embedding before parsing pauses (a bounded queue). Default 32.
    public var queuedFiles: Int
    /// Parse again files that failed before, even when unchanged. Default false: an unchanged
    /// failed file keeps its recorded reason (a poison chunk is not fed to the embedder again).
    public var retryFailed: Bool

    public init(scan: ScanConfiguration = ScanConfiguration(), chunking: ChunkingConfiguration = ChunkingConfiguration(),
                parseWorkers: Int = 2, queuedFiles: Int = 32, retryFailed: Bool = false) {
        self.scan = scan
        self.chunking = chunking
        self.parseWorkers = parseWorkers
        self.queuedFiles = queuedFiles
        self.retryFailed = retryFailed
    }
}
