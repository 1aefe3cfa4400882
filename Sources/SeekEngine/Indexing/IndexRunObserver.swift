import Foundation
import SeekCore
import SeekEmbedding
import SeekIndexing
import SeekPool
import Synchronization

/// Turns what one indexing run reports into the engine's events and the live status file:
/// progress snapshots, each file written, and the embedder workers' starts, restarts and failed
/// starts (found by comparing the pool's statistics between two progress snapshots).
final class IndexRunObserver: Sendable {
    private struct Workers {
        /// Live worker pid per slot at the last look.
        var pids: [Int: Int32] = [:]
        /// Restart records already published.
        var restartsSeen = 0
    }

    private let run: IndexRunID
    private let events: EventBroadcaster
    private let live: LiveStatusRecorder
    private let pool: PoolSource?
    private let workers: Mutex<Workers>
    /// The pool's totals when the run started: those of a pool kept from an earlier run (which
    /// counts from its own start), nil when no pool ran yet (one starting during the run counts
    /// from zero).
    private let baseline: PoolStatistics?

    /// The run's worker pool: one made started, or one that starts on the run's first batch.
    private enum PoolSource: Sendable {
        case running(EmbedderPool)
        case onDemand(OnDemandEmbedderPool)

        var configuration: PoolConfiguration {
            switch self {
            case .running(let pool): pool.configuration
            case .onDemand(let pool): pool.configuration
            }
        }

        /// The pool running now, if any.
        var started: EmbedderPool? {
            switch self {
            case .running(let pool): pool
            case .onDemand(let pool): pool.started
            }
        }
    }

    init(run: IndexRunID, events: EventBroadcaster, live: LiveStatusRecorder, backend: any EmbeddingBackend) {
        self.run = run
        self.events = events
        self.live = live
        pool = if let pool = backend as? EmbedderPool { .running(pool) } else if let pool = backend as? OnDemandEmbedderPool { .onDemand(pool) } else { nil }
        // A pool kept from an earlier run: its workers and restarts so far are not news.
        let statistics = pool?.started?.statistics()
        baseline = statistics
        workers = Mutex(Workers(
            pids: Dictionary(statistics?.workers.map { ($0.slot, $0.pid) } ?? [], uniquingKeysWith: { first, _ in first }),
            restartsSeen: statistics?.restarts ?? 0))
    }

    /// Takes a progress snapshot of the pipeline (nil: only look at the workers, at the end).
    func progress(_ snapshot: IndexingProgress?) {
        if let snapshot {
            live.record(snapshot)
            events.publish(.runProgress(run: run, progress: snapshot))
        }
        publishWorkerChanges()
    }

    /// Publishes a file's outcome once its transaction committed.
    func file(_ change: IndexedFileChange) {
        switch change {
        case .indexed(let path, let chunks): events.publish(.fileIndexed(run: run, path: path, chunks: chunks))
        case .failed(let path, let reason): events.publish(.fileFailed(run: run, path: path, reason: reason))
        case .skipped(let path, let reason): events.publish(.fileSkipped(run: run, path: path, reason: reason))
        case .removed(let path): events.publish(.fileRemoved(run: run, path: path))
        }
    }

    /// The embedder of this run for its report: backend, workers, and the restarts, retried
    /// batches and failed chunks of this run alone; the workers' GEMM when they ran (a run that
    /// embedded nothing may have started none).
    func embedderSummary(settings: SeekSettings) -> EmbedderSummary {
        guard let pool else {
            return EmbedderSummary(backend: .inProcess, workers: 1, threadsPerWorker: settings.embedding.threads)
        }
        let configuration = pool.configuration
        guard let started = pool.started else {
            return EmbedderSummary(backend: .pool, workers: configuration.workers, threadsPerWorker: configuration.threadsPerWorker, workersStarted: false)
        }
        let now = started.statistics()
        let gemm = started.handshake.gemm
        return EmbedderSummary(
            backend: .pool, workers: configuration.workers, threadsPerWorker: configuration.threadsPerWorker,
            restarts: now.restarts - (baseline?.restarts ?? 0), retriedBatches: now.retriedBatches - (baseline?.retriedBatches ?? 0),
            failedChunks: now.failures - (baseline?.failures ?? 0), gemm: gemm.isEmpty ? nil : gemm, workersStarted: true)
    }

    private func publishWorkerChanges() {
        guard let statistics = pool?.started?.statistics() else { return }
        let (started, restarted) = workers.withLock { known -> ([WorkerStatistics], ArraySlice<WorkerRestart>) in
            let started = statistics.workers.filter { known.pids[$0.slot] != $0.pid }
            for worker in statistics.workers { known.pids[worker.slot] = worker.pid }
            // The history keeps the last `historyLimit` records: index from its end.
            let fresh = max(0, statistics.restarts - known.restartsSeen)
            known.restartsSeen = statistics.restarts
            return (started, statistics.restartHistory.suffix(min(fresh, statistics.restartHistory.count)))
        }
        for restart in restarted {
            let event = WorkerEvent(slot: restart.slot, pid: restart.pid, reason: restart.reason.rawValue, detail: restart.detail)
            switch restart.reason {
            case .spawnFailure, .spawnTimeout: events.publish(.workerFailed(event))
            default: events.publish(.workerRestarted(event))
            }
        }
        for worker in started {
            events.publish(.workerStarted(WorkerEvent(slot: worker.slot, pid: worker.pid, reason: nil, detail: nil)))
        }
    }
}
