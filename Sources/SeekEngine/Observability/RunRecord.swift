import Foundation
import SeekCore
import SeekKernels

/// One line of `<index dir>/runs.jsonl`: what one `seek index`, `seek eval` or `seek bench` run did.
/// Fields that do not apply to an operation are 0.
public struct RunRecord: Sendable, Codable, Equatable {
    /// Busy seconds per indexing stage (stages overlap, so they can add up to more than `seconds`).
    public struct StageSeconds: Sendable, Codable, Equatable {
        public var scan: Double
        public var parse: Double
        public var chunk: Double
        public var embed: Double
        public var write: Double

        public init(scan: Double = 0, parse: Double = 0, chunk: Double = 0, embed: Double = 0, write: Double = 0) {
            self.scan = scan
            self.parse = parse
            self.chunk = chunk
            self.embed = embed
            self.write = write
        }
    }

    /// When the run ended (written as ISO-8601 UTC, whole seconds).
    public var timestamp: Date
    /// "index", "eval", "bench embed", "bench index", "bench search"...
    public var operation: String
    /// Seek version that ran it.
    public var version: String
    /// Files read this run (indexed, failed or skipped; unchanged files are not counted).
    public var filesProcessed: Int
    /// Files that failed this run.
    public var filesFailed: Int
    /// Chunks written.
    public var chunks: Int
    /// Chunks (or texts) the model embedded.
    public var chunksEmbedded: Int
    /// Chunks whose vectors came from the embedding cache.
    public var cacheHits: Int
    /// Tokens the model read.
    public var tokens: Int
    /// Wall-clock seconds of the run.
    public var seconds: Double
    /// Tokens embedded per wall-clock second.
    public var tokensPerSecond: Double
    public var stageSeconds: StageSeconds
    /// Peak resident memory, in MiB: of this process, plus the peaks of its embedder workers when
    /// `processes` lists them.
    public var peakRSSMB: Double
    /// Per-process peaks behind `peakRSSMB` (this process, then each worker); empty when the
    /// figure is this process's alone.
    public var processes: [ProcessPeak] = []
    /// The BLAS library, core type, threads and known-answer check of the process that ran it
    /// (`GEMMStatus.summary`); nil in records written before Seek logged it and for a run that
    /// embedded nothing.
    public var blas: String?
    /// The precision the run's vectors were made in (fp32, bf16, int8) when it embedded for the
    /// index; nil for other operations and in records written before Seek logged it.
    public var precision: String?
    /// Why an index run ended before its end: "interrupted" (Ctrl-C, SIGTERM, a cancelled
    /// request) or the error that failed it. Its counts are what it committed until then. Nil
    /// for a run that finished.
    public var stoppedBy: String?

    public init(
        timestamp: Date = Date(), operation: String, version: String = SeekVersion.current, filesProcessed: Int = 0,
        filesFailed: Int = 0, chunks: Int = 0, chunksEmbedded: Int = 0, cacheHits: Int = 0, tokens: Int = 0, seconds: Double = 0,
        tokensPerSecond: Double = 0, stageSeconds: StageSeconds = StageSeconds(),
        peakRSSMB: Double = Double(ProcessMemory.peakResidentBytes()) / 1_048_576,
        blas: String? = GEMM.status.summary
    ) {
        self.timestamp = timestamp
        self.operation = operation
        self.version = version
        self.filesProcessed = filesProcessed
        self.filesFailed = filesFailed
        self.chunks = chunks
        self.chunksEmbedded = chunksEmbedded
        self.cacheHits = cacheHits
        self.tokens = tokens
        self.seconds = seconds
        self.tokensPerSecond = tokensPerSecond
        self.stageSeconds = stageSeconds
        self.peakRSSMB = peakRSSMB
        self.blas = blas
    }

    enum CodingKeys: String, CodingKey {
        case timestamp, operation, version, chunks, tokens, seconds
        case filesProcessed = "files_processed"
        case filesFailed = "files_failed"
        case chunksEmbedded = "chunks_embedded"
        case cacheHits = "cache_hits"
        case tokensPerSecond = "tokens_per_s"
        case stageSeconds = "stage_seconds"
        case peakRSSMB = "peak_rss_mb"
        case processes, blas, precision
        case stoppedBy = "stopped_by"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .timestamp)
        guard let timestamp = Self.timestampFormatter().date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: .timestamp, in: container, debugDescription: "'\(text)' is not an ISO-8601 time")
        }
        self.timestamp = timestamp
        operation = try container.decode(String.self, forKey: .operation)
        version = try container.decode(String.self, forKey: .version)
        filesProcessed = try container.decode(Int.self, forKey: .filesProcessed)
        filesFailed = try container.decode(Int.self, forKey: .filesFailed)
        chunks = try container.decode(Int.self, forKey: .chunks)
        chunksEmbedded = try container.decode(Int.self, forKey: .chunksEmbedded)
        cacheHits = try container.decode(Int.self, forKey: .cacheHits)
        tokens = try container.decode(Int.self, forKey: .tokens)
        seconds = try container.decode(Double.self, forKey: .seconds)
        tokensPerSecond = try container.decode(Double.self, forKey: .tokensPerSecond)
        stageSeconds = try container.decode(StageSeconds.self, forKey: .stageSeconds)
        peakRSSMB = try container.decode(Double.self, forKey: .peakRSSMB)
        processes = try container.decodeIfPresent([ProcessPeak].self, forKey: .processes) ?? []
        blas = try container.decodeIfPresent(String.self, forKey: .blas)
        precision = try container.decodeIfPresent(String.self, forKey: .precision)
        stoppedBy = try container.decodeIfPresent(String.self, forKey: .stoppedBy)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.timestampFormatter().string(from: timestamp), forKey: .timestamp)
        try container.encode(operation, forKey: .operation)
        try container.encode(version, forKey: .version)
        try container.encode(filesProcessed, forKey: .filesProcessed)
        try container.encode(filesFailed, forKey: .filesFailed)
        try container.encode(chunks, forKey: .chunks)
        try container.encode(chunksEmbedded, forKey: .chunksEmbedded)
        try container.encode(cacheHits, forKey: .cacheHits)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(tokensPerSecond, forKey: .tokensPerSecond)
        try container.encode(stageSeconds, forKey: .stageSeconds)
        try container.encode(peakRSSMB, forKey: .peakRSSMB)
        if !processes.isEmpty { try container.encode(processes, forKey: .processes) }
        try container.encodeIfPresent(blas, forKey: .blas)
        try container.encodeIfPresent(precision, forKey: .precision)
        try container.encodeIfPresent(stoppedBy, forKey: .stoppedBy)
    }

    /// ISO-8601 in UTC ("2025-05-01T09:30:00Z"); a new formatter per use (it is not Sendable).
    static func timestampFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
