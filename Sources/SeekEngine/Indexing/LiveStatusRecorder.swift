import Foundation
import Logging
import SeekCore
import SeekEmbedding
import SeekPool
import Synchronization

/// Keeps `<index>/status.json` current during one `seek index` run: written at the start, then
/// at most about once a second from the progress snapshots, and removed at the end (success or
/// error). Writing is best effort: a failure is logged and the run goes on.
final class LiveStatusRecorder: Sendable {
    private struct State {
        var backend: (any EmbeddingBackend)?
        var lastWrite: ContinuousClock.Instant?
        var lastProgress: IndexingProgress?
        var finished = false
    }

    let file: LiveStatusFile
    /// Least time between two writes.
    let intervalSeconds: Double
    private let startedAt = Date()
    private let state = Mutex(State())
    private let logger = Logger(label: "seek.engine")

    init(file: LiveStatusFile, intervalSeconds: Double = 1) {
        self.file = file
        self.intervalSeconds = intervalSeconds
    }

    /// The embedder whose workers the status reports.
    func attach(_ backend: any EmbeddingBackend) {
        state.withLock { $0.backend = backend }
    }

    /// Writes the status now with `phase` and the last progress seen.
    func mark(phase: IndexingPhase) {
        let (backend, progress, finished) = state.withLock { ($0.backend, $0.lastProgress, $0.finished) }
        guard !finished else { return }
        write(phase: phase, progress: progress, backend: backend)
    }

    /// Takes a progress snapshot; writes when the last write is at least `intervalSeconds` old.
    func record(_ progress: IndexingProgress) {
        let now = ContinuousClock.now
        let due: (any EmbeddingBackend)?? = state.withLock { state in
            state.lastProgress = progress
            guard !state.finished else { return nil }
            if let last = state.lastWrite, (now - last).seconds < intervalSeconds { return nil }
            state.lastWrite = now
            return .some(state.backend)
        }
        guard let backend = due else { return }
        write(phase: progress.scanComplete ? .indexing : .scanning, progress: progress, backend: backend)
    }

    /// Removes the file; later snapshots write nothing.
    func finish() {
        state.withLock { $0.finished = true }
        file.remove()
    }

    private func write(phase: IndexingPhase, progress: IndexingProgress?, backend: (any EmbeddingBackend)?) {
        let progress = progress
        let status = LiveStatus(
            pid: getpid(), startedAt: startedAt.formatted(.iso8601), updatedAt: Date().formatted(.iso8601), phase: phase,
            stages: .init(
                scan: .init(files: progress?.filesFound ?? 0),
                parse: .init(files: progress?.filesParsed ?? 0, failed: progress?.filesParseFailed ?? 0),
                chunk: .init(chunks: progress?.chunksMade ?? 0),
                embed: .init(chunks: progress?.chunksEmbedded ?? 0, tokens: progress?.tokensEmbedded ?? 0,
                             queueDepth: progress?.queuedForEmbedding ?? 0),
                write: .init(files: progress?.filesWritten ?? 0)),
            tokensPerSecond: progress?.tokensPerSecond ?? 0, elapsedSeconds: Date().timeIntervalSince(startedAt),
            embedder: backend.map(Self.embedder))
        // An index in PostgreSQL may have no index directory here: then there is no live file.
        guard FileManager.default.fileExists(atPath: file.url.deletingLastPathComponent().path) else { return }
        do {
            try file.write(status)
        } catch {
            logger.warning("cannot write the live status file", metadata: ["path": "\(file.url.path)", "error": "\(error)"])
        }
    }

    static func embedder(_ backend: any EmbeddingBackend) -> LiveStatus.Embedder {
        if let pool = backend as? OnDemandEmbedderPool {
            // Not started yet (nothing to embed so far): a pool without workers.
            let statistics = pool.statistics()
            return .init(backend: .pool, workers: statistics?.workers ?? [], restarts: statistics?.restarts ?? 0,
                         failures: statistics?.failures ?? 0, retriedBatches: statistics?.retriedBatches ?? 0)
        }
        if let pool = backend as? EmbedderPool {
            let statistics = pool.statistics()
            return .init(backend: .pool, workers: statistics.workers, restarts: statistics.restarts, failures: statistics.failures,
                         retriedBatches: statistics.retriedBatches)
        }
        let megabytes = ByteCount.megabytes((try? ProcessMemory.residentBytes()) ?? 0)
        let peak = ByteCount.megabytes(ProcessMemory.peakResidentBytes())
        let this = WorkerStatistics(slot: 0, pid: getpid(), state: .ready, rssMB: megabytes, peakRSSMB: peak, batches: 0, tokens: 0,
                                    inFlightBatches: 0, restarts: 0, failures: 0)
        return .init(backend: .inProcess, workers: [this], restarts: 0, failures: 0, retriedBatches: 0)
    }
}
