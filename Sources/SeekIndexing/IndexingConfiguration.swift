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
    /// The precision the backend's vectors are made in (`ComputePrecision`'s raw value: fp32,
    /// bf16, int8), recorded on every file this run embeds; the embedding cache only lends
    /// vectors of files recorded with it. The caller sets what its backend really runs (the
    /// workers' handshake, the in-process model). Default fp32.
    public var vectorPrecision: String
    /// Embed every indexed file of the run's roots again (`seek index --reembed`), even when
    /// unchanged, without the embedding cache, and record `vectorPrecision` on it. Each file's
    /// rows still commit together, so an interrupted run leaves a valid index whose files are
    /// each wholly old or wholly new. Files recorded as failed or skipped keep their
    /// record (see `retryFailed`). Default false.
    public var reembed: Bool
    /// Most files one write transaction holds (group commit). Default 64.
    public var writeGroupFiles: Int
    /// How long the writer waits, after a file is ready, for more to share its transaction. One
    /// commit per file costs a WAL append, a full-text segment and a dozen statements; a fast
    /// embedder finishes a file every few milliseconds. Default 100 ms: a watcher's change is
    /// searchable that much later.
    public var writeGroupWindow: Duration

    public init(scan: ScanConfiguration = ScanConfiguration(), chunking: ChunkingConfiguration = ChunkingConfiguration(),
                parseWorkers: Int = 2, queuedFiles: Int = 32, retryFailed: Bool = false, vectorPrecision: String = "fp32",
                reembed: Bool = false, writeGroupFiles: Int = 64, writeGroupWindow: Duration = .milliseconds(100)) {
        self.writeGroupFiles = max(1, writeGroupFiles)
        self.writeGroupWindow = writeGroupWindow
        self.vectorPrecision = vectorPrecision
        self.reembed = reembed
        self.scan = scan
        self.chunking = chunking
        self.parseWorkers = parseWorkers
        self.queuedFiles = queuedFiles
        self.retryFailed = retryFailed
    }
}
