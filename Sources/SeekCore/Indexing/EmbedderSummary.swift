/// How a run's embeddings were computed (`seek index --json` key `embedder`).
public struct EmbedderSummary: Sendable, Codable, Equatable {
    /// The worker pool or this process.
    public var backend: EmbeddingBackendKind
    /// Worker processes (1 for in-process).
    public var workers: Int
    /// Encoder threads per worker.
    public var threadsPerWorker: Int
    /// Workers replaced during the run (memory, batch count, crash, hang).
    public var restarts: Int
    /// Batches sent again after a worker failed.
    public var retriedBatches: Int
    /// Chunks the embedder could not embed after every retry.
    public var failedChunks: Int
    /// The precision of the run's vectors (fp32, bf16, int8): what the workers' handshake (or the
    /// in-process model) reports, recorded on every file the run embeds. nil when unknown.
    public var precision: String?
    /// Why `precision` is not the one asked for (the CPU lacks the instructions), else nil.
    public var precisionNote: String?
    /// The workers' matrix-product library, core type, threads and known-answer check (their
    /// handshake's `GEMMStatus.summary`); nil in process, where it is this process's own, and
    /// when no worker ran.
    public var gemm: String?
    /// With the pool: whether its workers ran for this run. The pool starts on a run's first
    /// batch, so a run whose every vector came from the embedding cache starts none (false).
    /// Nil in process.
    public var workersStarted: Bool?

    public init(backend: EmbeddingBackendKind, workers: Int, threadsPerWorker: Int, restarts: Int = 0, retriedBatches: Int = 0, failedChunks: Int = 0,
                precision: String? = nil, precisionNote: String? = nil, gemm: String? = nil, workersStarted: Bool? = nil) {
        self.workersStarted = workersStarted
        self.precision = precision
        self.gemm = gemm
        self.precisionNote = precisionNote
        self.backend = backend
        self.workers = workers
        self.threadsPerWorker = threadsPerWorker
        self.restarts = restarts
        self.retriedBatches = retriedBatches
        self.failedChunks = failedChunks
    }

    enum CodingKeys: String, CodingKey {
        case backend, workers, restarts, precision, gemm
        case precisionNote = "precision_note"
        case threadsPerWorker = "threads_per_worker"
        case retriedBatches = "retried_batches"
        case failedChunks = "failed_chunks"
        case workersStarted = "workers_started"
    }
}
