import Foundation
import SeekEmbedding

/// How the embedder pool runs its worker processes. Every field has a documented default;
/// `validated()` rejects values that cannot work.
public struct PoolConfiguration: Sendable, Equatable {
    /// Worker processes. Default: the number of active processors.
    public var workers: Int
    /// Encoder lanes inside each worker (`--threads`). Default `max(1, cores / workers)`, so
    /// workers × threads never exceeds the cores.
    public var threadsPerWorker: Int
    /// Sequences per request sent to a worker; a caller's batch is sorted by length (longest
    /// first) and cut into requests of this size. Default 32.
    public var batchSize: Int
    /// Upper bound on the token ids of one request (bounds frame size and batch time). Default 8,192.
    public var maxBatchTokens: Int
    /// Requests a worker may hold at once: one being embedded, the rest queued in its pipe, so it
    /// never waits for the pool between batches. Default 2.
    public var pipelineDepth: Int
    /// Seconds a new worker has to send its ready handshake before it is killed and retried. Default 30.
    public var spawnTimeoutSeconds: Double
    /// Base of the batch timeout. A batch may take
    /// `batchTimeoutSeconds + batchTimeoutSecondsPerToken × (token ids in the batch)` from the
    /// moment the worker starts it (the previous answer arrived) until its answer; past that the
    /// worker is considered hung, killed (SIGKILL) and replaced, and the batch is requeued. Default 60.
    public var batchTimeoutSeconds: Double
    /// Per-token allowance added to `batchTimeoutSeconds`. Default 0.01 s (a full 8,192-token
    /// request gets 60 + 82 s, about 20 times what one slow core needs).
    public var batchTimeoutSecondsPerToken: Double
    /// Resident memory a worker may use, in MB. Once a worker's RSS reaches 95 % of it, or would
    /// reach it with one more batch at the growth per batch measured so far, the worker finishes
    /// what it holds and is replaced gracefully; a worker found at or over the limit is killed. Default 1,000.
    public var memoryLimitMB: Int
    /// Batches after which a worker is replaced gracefully, whatever its memory. Default 5,000.
    public var restartAfterBatches: Int
    /// Times a failed batch is attempted again (on a fresh worker) before its sequence is reported
    /// failed; batches of several sequences are bisected after their second failure to isolate
    /// the sequence that kills workers. Also the spawn attempts after the first for a worker slot. Default 3.
    public var maxRetries: Int
    /// Seconds a worker has to exit after its standard input is closed (replacement, shutdown)
    /// before it is killed. Default 5.
    public var exitGraceSeconds: Double
    /// How often deadlines are checked and every worker's RSS is sampled, in seconds. Default 1.
    public var watchIntervalSeconds: Double
    /// The worker program and its arguments. Default: this executable with
    /// `embedder-worker --threads <threadsPerWorker>` (see `workerCommand(executable:threads:modelDirectory:embedding:)`).
    public var workerCommand: [String]
    /// The complete environment of the workers. Default: this process's environment.
    public var environment: [String: String]

    /// Defaults for `workers` processes (see each field).
    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, threadsPerWorker: Int? = nil,
                workerCommand: [String]? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = threadsPerWorker ?? max(1, cores / max(1, workers))
        self.workers = workers
        self.threadsPerWorker = threads
        batchSize = 32
        maxBatchTokens = 8192
        pipelineDepth = 2
        spawnTimeoutSeconds = 30
        batchTimeoutSeconds = 60
        batchTimeoutSecondsPerToken = 0.01
        memoryLimitMB = 1000
        restartAfterBatches = 5000
        maxRetries = 3
        exitGraceSeconds = 5
        watchIntervalSeconds = 1
        self.workerCommand = workerCommand ?? Self.workerCommand(executable: Self.currentExecutable, threads: threads)
        self.environment = environment
    }

    /// `[executable, "embedder-worker", "--threads", N]`, plus `--model-dir` when given, plus
    /// `--precision P --gemm G` from `embedding` when given (a worker without them runs the
    /// defaults: fp32, GEMM auto). Give a concrete precision, not `auto`: every worker must
    /// compute alike, and the index records the precision per file.
    public static func workerCommand(executable: String, threads: Int, modelDirectory: String? = nil,
                                     embedding: EmbeddingConfiguration? = nil) -> [String] {
        var command = [executable, "embedder-worker", "--threads", String(threads)]
        if let modelDirectory { command += ["--model-dir", modelDirectory] }
        if let embedding { command += ["--precision", embedding.precision.rawValue, "--gemm", embedding.gemm.rawValue] }
        return command
    }

    /// The path of the running executable (the `seek` binary when the CLI runs the pool).
    public static var currentExecutable: String {
        Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
    }

    /// The time a batch of `tokens` token ids may take (see `batchTimeoutSeconds`).
    public func batchTimeout(tokens: Int) -> Double {
        batchTimeoutSeconds + batchTimeoutSecondsPerToken * Double(tokens)
    }

    /// RSS in bytes at which a worker is replaced gracefully: 95 % of `memoryLimitMB`.
    public var memoryRestartBytes: Int { memoryLimitMB * 1_048_576 / 100 * 95 }

    /// RSS in bytes at which a worker is killed: `memoryLimitMB`.
    public var memoryLimitBytes: Int { memoryLimitMB * 1_048_576 }

    /// This configuration, or `PoolError.invalidConfiguration` naming the first impossible value.
    public func validated() throws(PoolError) -> PoolConfiguration {
        func check(_ condition: Bool, _ reason: String) throws(PoolError) {
            if !condition { throw .invalidConfiguration(reason: reason) }
        }
        try check(workers >= 1 && workers <= 256, "workers must be 1...256, not \(workers)")
        try check(threadsPerWorker >= 1 && threadsPerWorker <= 256, "threadsPerWorker must be 1...256, not \(threadsPerWorker)")
        try check(batchSize >= 1 && batchSize <= WorkerProtocol.maxSequences, "batchSize must be 1...\(WorkerProtocol.maxSequences), not \(batchSize)")
        try check(maxBatchTokens >= 1, "maxBatchTokens must be at least 1, not \(maxBatchTokens)")
        try check(pipelineDepth >= 1, "pipelineDepth must be at least 1, not \(pipelineDepth)")
        try check(spawnTimeoutSeconds > 0, "spawnTimeoutSeconds must be positive, not \(spawnTimeoutSeconds)")
        try check(batchTimeoutSeconds > 0, "batchTimeoutSeconds must be positive, not \(batchTimeoutSeconds)")
        try check(batchTimeoutSecondsPerToken >= 0, "batchTimeoutSecondsPerToken must not be negative, not \(batchTimeoutSecondsPerToken)")
        try check(memoryLimitMB >= 1, "memoryLimitMB must be at least 1, not \(memoryLimitMB)")
        try check(restartAfterBatches >= 1, "restartAfterBatches must be at least 1, not \(restartAfterBatches)")
        try check(maxRetries >= 0, "maxRetries must not be negative, not \(maxRetries)")
        try check(exitGraceSeconds > 0, "exitGraceSeconds must be positive, not \(exitGraceSeconds)")
        try check(watchIntervalSeconds > 0, "watchIntervalSeconds must be positive, not \(watchIntervalSeconds)")
        try check(!(workerCommand.first ?? "").isEmpty, "workerCommand must name a program")
        return self
    }
}
