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
    /// Busy seconds per stage so far.
    public var stageSeconds: [IndexingStage: Double] = [:]

    public init(filesFound: Int = 0, scanComplete: Bool = false, filesDone: Int = 0, chunksWritten: Int = 0, tokensEmbedded: Int = 0,
                elapsedSeconds: Double = 0, queuedForParse: Int = 0, queuedForEmbedding: Int = 0, batchesInFlight: Int = 0,
                filesParsed: Int = 0, filesParseFailed: Int = 0, chunksMade: Int = 0, chunksEmbedded: Int = 0, filesWritten: Int = 0,
                stageSeconds: [IndexingStage: Double] = [:]) {
        self.filesFound = filesFound
        self.scanComplete = scanComplete
        self.filesDone = filesDone
        self.chunksWritten = chunksWritten
        self.tokensEmbedded = tokensEmbedded
        self.elapsedSeconds = elapsedSeconds
        self.queuedForParse = queuedForParse
        self.queuedForEmbedding = queuedForEmbedding
        self.batchesInFlight = batchesInFlight
        self.filesParsed = filesParsed
        self.filesParseFailed = filesParseFailed
        self.chunksMade = chunksMade
        self.chunksEmbedded = chunksEmbedded
        self.filesWritten = filesWritten
        self.stageSeconds = stageSeconds
    }

    public var tokensPerSecond: Double { elapsedSeconds > 0 ? Double(tokensEmbedded) / elapsedSeconds : 0 }

    /// Seconds left at the current file rate, once the scan is complete.
    public var etaSeconds: Double? {
        guard scanComplete, filesDone > 0, elapsedSeconds > 0 else { return nil }
        return Double(filesFound - filesDone) / (Double(filesDone) / elapsedSeconds)
    }
}
