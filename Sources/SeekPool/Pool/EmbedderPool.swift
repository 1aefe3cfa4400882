import Metrics
import SeekEmbedding

/// `seek index`'s default embedding backend: a pool of `seek embedder-worker` processes.
///
/// Each worker maps the model once and embeds batches of token ids sent over a pipe. The pool
/// sends each batch to the least-loaded ready worker (keeping up to `pipelineDepth` batches in
/// each), watches every worker's memory, time and exit, and replaces workers before they fail:
/// gracefully (input closed after their last batch) when their RSS nears `memoryLimitMB` or after
/// `restartAfterBatches`; by SIGKILL when they hang past the batch timeout. A batch whose worker
/// crashed, hung or errored is retried on another worker, then bisected until the one sequence
/// that kills workers is found: only that sequence is reported `.failed`, naming its index and
/// the signal. Writing to a dead worker never kills the parent (SIGPIPE is ignored; EPIPE marks
/// the worker dead) and every worker is reaped.
///
/// Cancelling a task that awaits `embed` does not withdraw its batch.
public final class EmbedderPool: EmbeddingBackend {
    public let configuration: PoolConfiguration
    /// The handshake of the first worker: model id, dimension, token limit.
    public let handshake: WorkerHandshake
    private let supervisor: WorkerSupervisor

    /// Embedding width, as reported by the workers.
    public var dimension: Int { handshake.dimension }

    /// Starts the workers and waits until each is ready or has failed to start `maxRetries + 1` times.
    /// Metrics go to `metricsFactory`, by default the bootstrapped `MetricsSystem`: counters
    /// `seek_embedder_batches`, `seek_embedder_tokens`, `seek_embedder_restarts` (dimension
    /// `reason`), `seek_embedder_failures` (sequences), `seek_embedder_retried_batches`; gauges
    /// `seek_embedder_worker_rss_bytes` (dimension `worker`, the slot) and `seek_embedder_queue_depth`.
    /// - Throws: `PoolError.invalidConfiguration`, or `PoolError.spawnFailed` when no worker starts.
    public init(configuration: PoolConfiguration = PoolConfiguration(),
                metricsFactory: any MetricsFactory = MetricsSystem.factory) async throws {
        self.configuration = try configuration.validated()
        supervisor = WorkerSupervisor(configuration: self.configuration, metricsFactory: metricsFactory)
        handshake = try await supervisor.start()
    }

    /// One outcome per sequence, in input order: a vector, or `.failed` for a sequence that kept
    /// killing workers (or that the embedder rejects).
    /// - Throws: `PoolError.spawnFailed` when no worker can be started, `PoolError.shutDown` after `shutdown()`.
    public func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        try await supervisor.embed(tokenIds)
    }

    /// Sequences per call that make one request (`PoolConfiguration.batchSize`): the pool cuts a
    /// call into requests of that size, and a call of one request completes on its own, so a
    /// worker that finished never waits for another worker's half of a shared call.
    public var preferredBatchSequences: Int { configuration.batchSize }

    /// Token ids per call that make one request (`PoolConfiguration.maxBatchTokens`).
    public var preferredBatchTokens: Int? { configuration.maxBatchTokens }

    /// Calls worth keeping in flight: enough to fill every worker's pipeline
    /// (`workers × pipelineDepth` requests), so each worker always holds its next request.
    public var maxConcurrentBatches: Int { configuration.workers * configuration.pipelineDepth }

    /// Workers, restarts and totals right now.
    public func statistics() -> PoolStatistics {
        supervisor.statistics()
    }

    /// Fails waiting calls with `PoolError.shutDown`, closes every worker's input, waits up to
    /// `exitGraceSeconds` for them to exit, kills the rest and reaps them all. Later calls throw.
    public func shutdown() async {
        await supervisor.shutdown()
    }
}
