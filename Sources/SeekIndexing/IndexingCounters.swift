import Foundation
import SeekCore
import Synchronization

/// Counters of a run, shared by the stages (updated under a lock), and the per-stage busy time.
final class IndexingCounters: Sendable {
    struct State {
        var report = IndexingReport()
        var filesFound = 0
        var scanComplete = false
        var filesDone = 0
        var queuedForParse = 0
        var queuedForEmbedding = 0
        var batchesInFlight = 0
        var filesParsed = 0
        var filesParseFailed = 0
        var chunksMade = 0
        var embedBusySince: Double?
        var abortError: Error?
        /// Files gone from disk, removed once every new file is written.
        var pendingRemovals: [String] = []
        /// Missing roots dropped at the end (`IndexingPlan.pruneMissingRoots`).
        var pendingRootRemovals: [String] = []
    }

    let state = Mutex(State())
    let started = Date()
    /// The run's swift-metrics instruments (busy times are recorded as they are measured).
    let metrics: IndexingMetrics?
    /// Told of each file once its transaction committed.
    let onFile: (@Sendable (IndexedFileChange) -> Void)?

    init(metrics: IndexingMetrics? = nil, onFile: (@Sendable (IndexedFileChange) -> Void)? = nil) {
        self.metrics = metrics
        self.onFile = onFile
    }

    func update(_ change: (inout State) -> Void) { state.withLock { change(&$0) } }

    /// Adds `seconds` of busy time to `stage`.
    func addTime(_ stage: IndexingStage, _ seconds: Double) {
        state.withLock { $0.report.stageSeconds[stage, default: 0] += seconds }
        metrics?.recordBusy(stage, seconds: seconds)
    }

    /// Times `body` as busy time of `stage`.
    func timed<T>(_ stage: IndexingStage, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        defer { addTime(stage, Date().timeIntervalSince(start)) }
        return try body()
    }

    /// Embedding is busy while at least one batch is in flight (the union of batch intervals).
    func batchStarted() {
        let now = Date().timeIntervalSince(started)
        state.withLock { state in
            if state.batchesInFlight == 0 { state.embedBusySince = now }
            state.batchesInFlight += 1
        }
    }

    func batchFinished() {
        let now = Date().timeIntervalSince(started)
        state.withLock { state in
            state.batchesInFlight -= 1
            if state.batchesInFlight == 0, let since = state.embedBusySince {
                state.report.stageSeconds[.embed, default: 0] += now - since
                metrics?.recordBusy(.embed, seconds: now - since)
                state.embedBusySince = nil
            }
        }
    }

    var isAborted: Bool { state.withLock { $0.abortError != nil } }

    func abort(_ error: Error) { state.withLock { $0.abortError = $0.abortError ?? error } }

    func progress() -> IndexingProgress {
        state.withLock { state in
            IndexingProgress(
                filesFound: state.filesFound, scanComplete: state.scanComplete, filesDone: state.filesDone,
                chunksWritten: state.report.chunks, tokensEmbedded: state.report.tokens,
                elapsedSeconds: Date().timeIntervalSince(started), queuedForParse: state.queuedForParse,
                queuedForEmbedding: state.queuedForEmbedding, batchesInFlight: state.batchesInFlight,
                filesParsed: state.filesParsed, filesParseFailed: state.filesParseFailed, chunksMade: state.chunksMade,
                chunksEmbedded: state.report.chunksEmbedded,
                filesWritten: state.report.filesIndexed + state.report.filesFailed + state.report.filesSkipped,
                stageSeconds: state.report.stageSeconds)
        }
    }

    func recordFailure(path: String, reason: String) {
        state.withLock { state in
            if state.report.failures.count < 100 { state.report.failures.append(.init(path: path, reason: reason)) }
        }
    }
}
