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
    /// Files through the parse stage (parsed, same contents, or failed), and those that failed there.
    public var filesParsed = 0
    public var filesParseFailed = 0
    /// Chunks the chunker produced.
    public var chunksMade = 0
    /// Chunks the model embedded (embedding-cache hits excluded).
    public var chunksEmbedded = 0
    /// Files whose rows the writer stored this run: indexed, failed or skipped.
    public var filesWritten = 0
    /// Busy seconds per stage so far (`IndexingStage` raw values).
    public var stageSeconds: [String: Double] = [:]

    public var tokensPerSecond: Double { elapsedSeconds > 0 ? Double(tokensEmbedded) / elapsedSeconds : 0 }

    /// Seconds left at the current file rate, once the scan is complete.
    public var etaSeconds: Double? {
        guard scanComplete, filesDone > 0, elapsedSeconds > 0 else { return nil }
        return Double(filesFound - filesDone) / (Double(filesDone) / elapsedSeconds)
    }
}
