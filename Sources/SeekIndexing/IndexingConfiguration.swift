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
    /// unchanged, without the embedding cache, and record `vectorPrecision` on it. Each file
    /// still commits in its own transaction, so an interrupted run leaves a valid index whose
    /// files are each wholly old or wholly new. Files recorded as failed or skipped keep their
    /// record (see `retryFailed`). Default false.
    public var reembed: Bool

    public init(scan: ScanConfiguration = ScanConfiguration(), chunking: ChunkingConfiguration = ChunkingConfiguration(),
                parseWorkers: Int = 2, queuedFiles: Int = 32, retryFailed: Bool = false, vectorPrecision: String = "fp32",
                reembed: Bool = false) {
        self.vectorPrecision = vectorPrecision
        self.reembed = reembed
        self.scan = scan
        self.chunking = chunking
        self.parseWorkers = parseWorkers
        self.queuedFiles = queuedFiles
        self.retryFailed = retryFailed
    }
}
