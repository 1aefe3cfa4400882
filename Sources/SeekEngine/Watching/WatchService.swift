import Foundation
import Logging
import SeekCore
import SeekIngest
import SeekWatch

/// Watch mode (`seek watch`): keeps the index in sync with its roots while the process runs.
///
/// Contract of `run(roots:)`:
/// 1. A catch-up run first, as `seek index` does: changes made while nothing was watching
///    (even after a `kill -9` of an earlier watcher) are found.
/// 2. Then file-system events (inotify on Linux, FSEvents on macOS). Ignored, hidden and excluded
///    paths, and the index's own folder, never trigger work. Changed paths are debounced
///    (`WatchSettings.debounceMilliseconds` of quiet, at most `maxDelayMilliseconds` after the
///    first) and coalesced into one index run of just those paths, through the engine's single
///    writer queue (which merges them further while a run is going on).
/// 3. Lost events (`IN_Q_OVERFLOW`) rescan the root whole, with a warning event; a root that
///    cannot be watched whole (the watch limit) is rescanned every `rescanSeconds`, with a warning.
/// 4. `watchReady` is published once watching; file and run events come from the index runs.
/// 5. Cancelling the calling task (or `stop()`) stops watching and returns; an index run in
///    progress is left to the engine's shutdown, which ends it after its current transaction.
public actor WatchService {
    private let settings: SeekSettings
    private let indexing: IndexingService
    private let events: EventBroadcaster
    private let logger = Logger(label: "seek.engine")

    private var watcher: (any FileSystemWatcher)?
    private var pending = Set<String>()
    private var firstPending: ContinuousClock.Instant?
    private var lastPending: ContinuousClock.Instant?
    private var flush: Task<Void, Never>?
    private var rescans: [String: Task<Void, Never>] = [:]
    private var stopRequested: AsyncStream<WatchNotice>.Continuation?
    /// Runs this watcher queued (for tests and the status line).
    public private(set) var queuedRuns: [IndexRunID] = []

    init(settings: SeekSettings, indexing: IndexingService, events: EventBroadcaster) {
        self.settings = settings
        self.indexing = indexing
        self.events = events
    }

    /// Adds `roots` (none: watch every root of the index), runs the catch-up run, then watches
    /// until the calling task is cancelled or `stop()` is called.
    /// - Throws: what the catch-up run throws (`EngineError.invalidRoot`...), or
    ///   `EngineError.failed` when watching cannot start.
    public func run(roots: [String] = [], watcherConfiguration: WatcherConfiguration = WatcherConfiguration()) async throws(EngineError) {
        let noRoots = EngineError.invalidRequest(reason: "the index has no roots to watch; give a folder: `seek watch FOLDER`")
        if roots.isEmpty {
            let stored: [String]
            do {
                stored = try await indexing.storedRoots()
            } catch .noIndex {
                throw noRoots
            }
            guard !stored.isEmpty else { throw noRoots }
        }
        let catchUp = roots.isEmpty ? IndexRequest(scope: .allRoots) : IndexRequest(scope: .roots(roots))
        _ = try await indexing.run(catchUp)
        let rootPaths = try await indexing.storedRoots()

        let (notices, continuation) = AsyncStream.makeStream(of: WatchNotice.self)
        stopRequested = continuation
        // The scan configuration excludes the index's own folder (`SeekSettings.resolve`).
        let filters = rootPaths.map { PathFilter(root: $0, configuration: settings.indexing.scan) }
        let watcher = Self.platformWatcher(watcherConfiguration)
        let directories: Int
        do {
            directories = try watcher.start(filters: filters) { notice in continuation.yield(notice) }
        } catch {
            throw .failed(operation: "watch", underlying: error)
        }
        self.watcher = watcher
        defer { shutDownWatcher() }
        events.publish(.watchReady(WatchReady(roots: rootPaths, directories: directories, degradedRoots: [])))
        logger.info("watching", metadata: ["roots": "\(rootPaths.count)", "folders": "\(directories)"])

        await withTaskCancellationHandler {
            for await notice in notices {
                receive(notice)
            }
        } onCancel: {
            continuation.finish()
        }
    }

    /// Stops a running `run(roots:)`: it returns once the watcher is stopped.
    public func stop() {
        stopRequested?.finish()
    }

    private func shutDownWatcher() {
        watcher?.stop()
        watcher = nil
        flush?.cancel()
        flush = nil
        for task in rescans.values { task.cancel() }
        rescans.removeAll()
        pending.removeAll()
        stopRequested = nil
    }

    private func receive(_ notice: WatchNotice) {
        switch notice {
        case .changed(let paths):
            let now = ContinuousClock.now
            pending.formUnion(paths)
            if firstPending == nil { firstPending = now }
            lastPending = now
            if flush == nil { flush = Task { await flushWhenQuiet() } }
        case .rescan(let root, let reason):
            events.publish(.warning(message: "\(reason); rescanning \(root)"))
            enqueue(IndexRequest(scope: .roots([root])))
        case .degraded(let root, let reason):
            events.publish(.warning(message: "\(reason): changes under \(root) are also found by a rescan every \(settings.watch.rescanSeconds) s"))
            guard rescans[root] == nil else { return }
            let seconds = settings.watch.rescanSeconds
            rescans[root] = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(seconds))
                    guard !Task.isCancelled else { return }
                    await self?.enqueue(IndexRequest(scope: .roots([root])))
                }
            }
        }
    }

    /// Waits until no change came for the debounce time (or the longest delay since the first
    /// pending change passed), then queues one run of every pending path.
    private func flushWhenQuiet() async {
        let debounce = Duration.milliseconds(settings.watch.debounceMilliseconds)
        let maxDelay = Duration.milliseconds(settings.watch.maxDelayMilliseconds)
        while let last = lastPending, let first = firstPending, !Task.isCancelled {
            let deadline = min(last + debounce, first + maxDelay)
            if ContinuousClock.now >= deadline { break }
            try? await Task.sleep(until: deadline, clock: .continuous)
        }
        flush = nil
        guard !Task.isCancelled, !pending.isEmpty else { return }
        let paths = pending.sorted()
        pending.removeAll()
        firstPending = nil
        lastPending = nil
        enqueue(IndexRequest(scope: .changes(paths)))
    }

    private func enqueue(_ request: IndexRequest) {
        Task {
            do {
                let id = try await indexing.enqueue(request)
                record(id)
            } catch {
                events.publish(.warning(message: "cannot queue an index run: \(error)"))
            }
        }
    }

    private func record(_ id: IndexRunID) {
        if queuedRuns.last != id { queuedRuns.append(id) }
    }

    private static func platformWatcher(_ configuration: WatcherConfiguration) -> any FileSystemWatcher {
        #if canImport(CoreServices)
        FSEventsWatcher(configuration: configuration)
        #else
        InotifyWatcher(configuration: configuration)
        #endif
    }
}
