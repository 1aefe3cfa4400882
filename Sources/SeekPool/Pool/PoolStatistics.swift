import SeekCore

/// A snapshot of the pool: its workers, their replacements and the totals.
public struct PoolStatistics: Sendable, Codable, Equatable {
    /// Live worker processes, by slot then pid.
    public var workers: [WorkerStatistics]
    /// Replacements and failed starts, oldest first (the last `historyLimit`).
    public var restartHistory: [WorkerRestart]
    /// Replacements and failed starts since the pool started.
    public var restarts: Int
    /// Sequences reported `.failed` (after every retry).
    public var failures: Int
    /// Batches sent again after a failure (bisection halves included).
    public var retriedBatches: Int
    /// Batches answered.
    public var batches: Int
    /// Token ids embedded.
    public var tokens: Int
    /// Batches waiting for a worker.
    public var queuedBatches: Int
    /// Every worker process the pool ran, ended ones (in the order they ended) then live ones:
    /// the peaks of retired, crashed and stopped workers are kept here.
    public var workerPeaks: [WorkerPeak]

    /// Most restart records kept.
    public static let historyLimit = 1000

    public init(workers: [WorkerStatistics], restartHistory: [WorkerRestart], restarts: Int, failures: Int, retriedBatches: Int,
                batches: Int, tokens: Int, queuedBatches: Int, workerPeaks: [WorkerPeak] = []) {
        self.workers = workers
        self.restartHistory = restartHistory
        self.restarts = restarts
        self.failures = failures
        self.retriedBatches = retriedBatches
        self.batches = batches
        self.tokens = tokens
        self.queuedBatches = queuedBatches
        self.workerPeaks = workerPeaks
    }
}
