extension IndexingProgress: Encodable {
    private enum CodingKeys: String, CodingKey {
        case filesFound = "files_found"
        case scanComplete = "scan_complete"
        case filesDone = "files_done"
        case chunksWritten = "chunks_written"
        case tokensEmbedded = "tokens_embedded"
        case elapsedSeconds = "elapsed_s"
        case queuedForParse = "queued_for_parse"
        case queuedForEmbedding = "queued_for_embedding"
        case batchesInFlight = "batches_in_flight"
        case filesParsed = "files_parsed"
        case filesParseFailed = "files_parse_failed"
        case chunksMade = "chunks_made"
        case chunksEmbedded = "chunks_embedded"
        case filesWritten = "files_written"
        case stageSeconds = "stage_seconds"
        case tokensPerSecond = "tokens_per_s"
        case etaSeconds = "eta_s"
    }

    /// Every counter in snake case, plus the derived `tokens_per_s` and `eta_s` (null until known).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(filesFound, forKey: .filesFound)
        try container.encode(scanComplete, forKey: .scanComplete)
        try container.encode(filesDone, forKey: .filesDone)
        try container.encode(chunksWritten, forKey: .chunksWritten)
        try container.encode(tokensEmbedded, forKey: .tokensEmbedded)
        try container.encode(elapsedSeconds, forKey: .elapsedSeconds)
        try container.encode(queuedForParse, forKey: .queuedForParse)
        try container.encode(queuedForEmbedding, forKey: .queuedForEmbedding)
        try container.encode(batchesInFlight, forKey: .batchesInFlight)
        try container.encode(filesParsed, forKey: .filesParsed)
        try container.encode(filesParseFailed, forKey: .filesParseFailed)
        try container.encode(chunksMade, forKey: .chunksMade)
        try container.encode(chunksEmbedded, forKey: .chunksEmbedded)
        try container.encode(filesWritten, forKey: .filesWritten)
        try container.encode(stageSeconds, forKey: .stageSeconds)
        try container.encode(tokensPerSecond, forKey: .tokensPerSecond)
        try container.encode(etaSeconds, forKey: .etaSeconds)
    }
}
