/// A snapshot of a running index, reported about five times a second.
public struct IndexingProgress: Sendable, Equatable {
    /// Files the scanner found so far, and whether the scan is complete.
    public var filesFound: Int
    public var scanComplete: Bool
    /// Files finished (written, unchanged, failed or skipped).
    public var filesDone: Int
    public var chunksWritten: Int
    public var tokensEmbedded: Int
    public var elapsedSeconds: Double
    /// Files waiting for parsing / embedding / writing (queue depths).
    public var queuedForParse: Int
    public var queuedForEmbedding: Int
    public var batchesInFlight: Int

    public var tokensPerSecond: Double { elapsedSeconds > 0 ? Double(tokensEmbedded) / elapsedSeconds : 0 }

    /// Seconds left at the current file rate, once the scan is complete.
    public var etaSeconds: Double? {
        guard scanComplete, filesDone > 0, elapsedSeconds > 0 else { return nil }
        return Double(filesFound - filesDone) / (Double(filesDone) / elapsedSeconds)
    }
}
