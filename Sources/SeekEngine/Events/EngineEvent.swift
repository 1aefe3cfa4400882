import Foundation
import SeekCore

/// Something that happened in the engine, as its event stream publishes it
/// (`SeekEngine.events`): runs and their progress, files, embedder workers, searcher snapshots,
/// the watcher. JSON: one object with an `"event"` name and the event's fields, e.g.
/// `{"event":"indexed","run":3,"path":"/notes/a.md","chunks":4}`.
public enum EngineEvent: Sendable, Equatable {
    /// The run waits for another process that holds the index's writer lock.
    case waitingForWriter(run: IndexRunID, pid: Int32?)
    /// A run started (after it got the writer lock).
    case runStarted(IndexRunStart)
    /// A run's progress, about five times a second.
    case runProgress(run: IndexRunID, progress: IndexingProgress)
    /// A run finished; its report has the counts.
    case runFinished(run: IndexRunID, report: IndexingReport)
    /// A run stopped with an error (the index stays valid).
    case runFailed(run: IndexRunID, message: String)
    /// A file's chunks were (re)written.
    case fileIndexed(run: IndexRunID, path: String, chunks: Int)
    /// A file could not be indexed.
    case fileFailed(run: IndexRunID, path: String, reason: String)
    /// A file was left out on purpose.
    case fileSkipped(run: IndexRunID, path: String, reason: String)
    /// A file (or a dropped root) left the index.
    case fileRemoved(run: IndexRunID, path: String)
    /// An embedder worker process started.
    case workerStarted(WorkerEvent)
    /// An embedder worker was replaced (crash, memory, batch limit, timeout...).
    case workerRestarted(WorkerEvent)
    /// An embedder worker could not be started.
    case workerFailed(WorkerEvent)
    /// Searches now run on a new snapshot of the index.
    case searcherRefreshed(SearcherRefresh)
    /// The watcher caught up and watches the roots.
    case watchReady(WatchReady)
    /// Something the user should know that stops nothing (a watcher overflow, a rescan...).
    case warning(message: String)

    /// The name in the event's JSON (`"event"`), also the SSE event name.
    public var name: String {
        switch self {
        case .waitingForWriter: "waiting"
        case .runStarted: "run_started"
        case .runProgress: "progress"
        case .runFinished: "run"
        case .runFailed: "run_failed"
        case .fileIndexed: "indexed"
        case .fileFailed: "failed"
        case .fileSkipped: "skipped"
        case .fileRemoved: "removed"
        case .workerStarted: "worker_started"
        case .workerRestarted: "worker_restarted"
        case .workerFailed: "worker_failed"
        case .searcherRefreshed: "searcher_refreshed"
        case .watchReady: "ready"
        case .warning: "warning"
        }
    }

    /// True for progress events, the only ones a slow subscriber may lose.
    public var isProgress: Bool {
        if case .runProgress = self { return true }
        return false
    }
}

/// The start of an indexing run.
public struct IndexRunStart: Sendable, Equatable, Codable {
    public var run: IndexRunID
    /// Roots indexed whole.
    public var roots: [String]
    /// Paths under roots brought in sync alone (a watcher's changes).
    public var changedPaths: [String]
    public var startedAt: Date

    public init(run: IndexRunID, roots: [String], changedPaths: [String], startedAt: Date) {
        self.run = run
        self.roots = roots
        self.changedPaths = changedPaths
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case run, roots
        case changedPaths = "changed_paths"
        case startedAt = "started_at"
    }
}

/// An embedder worker's start, replacement or failure.
public struct WorkerEvent: Sendable, Equatable, Codable {
    /// The worker slot (0..<workers).
    public var slot: Int
    /// The process: the new one for a start, the replaced one for a restart.
    public var pid: Int32
    /// Why it was replaced or failed ("crash", "memory", "batch-limit", "timeout"...); nil for a start.
    public var reason: String?
    /// What happened ("SIGKILL", "RSS 940 MB ≥ 950 MB"...); nil for a start.
    public var detail: String?

    public init(slot: Int, pid: Int32, reason: String? = nil, detail: String? = nil) {
        self.slot = slot
        self.pid = pid
        self.reason = reason
        self.detail = detail
    }
}

/// A new searcher snapshot.
public struct SearcherRefresh: Sendable, Equatable, Codable {
    /// The index's write generation the snapshot reflects.
    public var writeGeneration: Int64
    /// Chunks in the snapshot.
    public var chunks: Int
    /// Time to build it.
    public var milliseconds: Double

    public init(writeGeneration: Int64, chunks: Int, milliseconds: Double) {
        self.writeGeneration = writeGeneration
        self.chunks = chunks
        self.milliseconds = milliseconds
    }

    enum CodingKeys: String, CodingKey {
        case chunks, milliseconds
        case writeGeneration = "write_generation"
    }
}

/// The watcher is watching.
public struct WatchReady: Sendable, Equatable, Codable {
    public var roots: [String]
    /// Folders under watch.
    public var directories: Int
    /// Roots that could not be watched completely (watch limit reached): rescanned periodically.
    public var degradedRoots: [String]

    public init(roots: [String], directories: Int, degradedRoots: [String]) {
        self.roots = roots
        self.directories = directories
        self.degradedRoots = degradedRoots
    }

    enum CodingKeys: String, CodingKey {
        case roots, directories
        case degradedRoots = "degraded_roots"
    }
}
