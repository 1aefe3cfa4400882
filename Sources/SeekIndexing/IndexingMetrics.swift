import Metrics
import SeekCore
import Synchronization

/// The swift-metrics instruments of an indexing run (label prefix `seek_index_`), ready for a
/// Prometheus exporter (the pool adds its own `seek_embedder_` ones, worker RSS among them):
/// - counters `seek_index_files` (dimension `stage`: scan = found, parse = through the parser,
///   write = rows stored), `seek_index_parse_failures`, `seek_index_chunks` (dimension `stage`:
///   chunk = produced, embed = embedded by the model, write = stored) and `seek_index_tokens`;
/// - timer `seek_index_stage_busy` (dimension `stage`): one record per measured piece of work
///   (a file parsed, a file written, an interval with a batch in flight...);
/// - gauges `seek_index_queue_depth` (dimension `queue`: parse, embed = files waiting),
///   `seek_index_batches_in_flight` and `seek_index_tokens_per_second`.
///
/// Counters advance by the difference between successive progress snapshots (about five a
/// second, and one at the end), so the stages themselves only keep their plain counts.
final class IndexingMetrics: Sendable {
    private struct Totals: Equatable {
        var filesFound = 0, filesParsed = 0, filesParseFailed = 0, filesWritten = 0
        var chunksMade = 0, chunksEmbedded = 0, chunksWritten = 0, tokens = 0
    }

    private let files: [String: Counter]
    private let chunks: [String: Counter]
    private let parseFailures: Counter
    private let tokens: Counter
    private let busy: [IndexingStage: Timer]
    private let parseQueue: Gauge
    private let embedQueue: Gauge
    private let batchesInFlight: Gauge
    private let tokensPerSecond: Gauge
    private let last = Mutex(Totals())

    init(factory: any MetricsFactory) {
        files = Dictionary(uniqueKeysWithValues: ["scan", "parse", "write"].map {
            ($0, Counter(label: "seek_index_files", dimensions: [("stage", $0)], factory: factory))
        })
        chunks = Dictionary(uniqueKeysWithValues: ["chunk", "embed", "write"].map {
            ($0, Counter(label: "seek_index_chunks", dimensions: [("stage", $0)], factory: factory))
        })
        parseFailures = Counter(label: "seek_index_parse_failures", factory: factory)
        tokens = Counter(label: "seek_index_tokens", factory: factory)
        busy = Dictionary(uniqueKeysWithValues: IndexingStage.allCases.map {
            ($0, Timer(label: "seek_index_stage_busy", dimensions: [("stage", $0.rawValue)], factory: factory))
        })
        parseQueue = Gauge(label: "seek_index_queue_depth", dimensions: [("queue", "parse")], factory: factory)
        embedQueue = Gauge(label: "seek_index_queue_depth", dimensions: [("queue", "embed")], factory: factory)
        batchesInFlight = Gauge(label: "seek_index_batches_in_flight", factory: factory)
        tokensPerSecond = Gauge(label: "seek_index_tokens_per_second", factory: factory)
    }

    /// Records `seconds` of busy time of `stage`.
    func recordBusy(_ stage: IndexingStage, seconds: Double) {
        guard seconds > 0 else { return }
        busy[stage]?.recordNanoseconds(Int64(seconds * 1e9))
    }

    /// Advances the counters to `progress` and sets the gauges.
    func observe(_ progress: IndexingProgress) {
        let now = Totals(
            filesFound: progress.filesFound, filesParsed: progress.filesParsed, filesParseFailed: progress.filesParseFailed,
            filesWritten: progress.filesWritten, chunksMade: progress.chunksMade, chunksEmbedded: progress.chunksEmbedded,
            chunksWritten: progress.chunksWritten, tokens: progress.tokensEmbedded)
        let previous = last.withLock { last in
            defer { last = now }
            return last
        }
        func add(_ counter: Counter?, _ delta: Int) { if delta > 0 { counter?.increment(by: delta) } }
        add(files["scan"], now.filesFound - previous.filesFound)
        add(files["parse"], now.filesParsed - previous.filesParsed)
        add(files["write"], now.filesWritten - previous.filesWritten)
        add(parseFailures, now.filesParseFailed - previous.filesParseFailed)
        add(chunks["chunk"], now.chunksMade - previous.chunksMade)
        add(chunks["embed"], now.chunksEmbedded - previous.chunksEmbedded)
        add(chunks["write"], now.chunksWritten - previous.chunksWritten)
        add(tokens, now.tokens - previous.tokens)
        parseQueue.record(progress.queuedForParse)
        embedQueue.record(progress.queuedForEmbedding)
        batchesInFlight.record(progress.batchesInFlight)
        tokensPerSecond.record(progress.tokensPerSecond)
    }
}
