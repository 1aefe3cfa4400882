import Foundation
import Synchronization
import Logging
import SeekCore
import SeekEmbedding
import SeekIndexing
import SeekIngest
import SeekPool
import SeekPostgres
import SeekSearch
import SeekStore

/// The index's single writer: every change to the index (index runs from the CLI, the watcher,
/// the server or an agent; dropping a root) goes through this one queue.
///
/// Contract:
/// - **One writer.** Jobs run one at a time in arrival order. Across processes, a run holds the
///   index's writer lock (`IndexWriterLock`) from start to end; a run that finds it held waits
///   (publishing `waitingForWriter` once) or, when the request says so, fails at once with
///   `EngineError.writerBusy`. Readers never wait.
/// - **Coalescing.** A request that arrives while a run is going on joins the queued run when
///   their options agree (scopes merge: any `allRoots` makes the run cover every root), so a
///   burst of requests costs one more run, not one per request. Everyone who asked gets that
///   run's result.
/// - **Nothing bad is saved.** New roots are checked when requested: a missing path or a FIFO
///   throws `EngineError.invalidRoot` at once and is never stored.
/// - **Visible when done.** A run's result is returned only after the engine's searcher reflects
///   it (`SearchService.refresh()`), and after its snapshot and run-log line were written.
/// - **Events.** Each run publishes `runStarted`, `runProgress` (about five a second), one event
///   per file written, worker starts and restarts, then `runFinished` or `runFailed`.
/// - **Cancellation.** `cancelRunning()` (or cancelling a waiting caller's task does not: the run
///   goes on for the others) stops the current run after the transaction in progress; the index
///   stays valid and the next run resumes.
public actor IndexingService {
    /// What a queued job does.
    private enum Work {
        case index(PendingIndexWork)
        case removeRoot(String)
        case rebuild(roots: [String])
    }

    /// A job's result.
    private enum Outcome: Sendable {
        case report(IndexingReport)
        case removed(RemovedCounts)
    }

    private typealias Waiter = CheckedContinuation<Result<Outcome, EngineError>, Never>

    private struct Job {
        let id: IndexRunID
        var work: Work
        var waiters: [Waiter]
    }

    private let settings: SeekSettings
    private let role: EngineRole
    private let store: StoreHandle
    private let model: ModelService
    private let events: EventBroadcaster
    private let searching: SearchService
    /// The PostgreSQL store, when the index lives there (`--store postgres://`): runs write to it
    /// instead of the SQLite file, without the SQLite writer lock (PostgreSQL serialises the
    /// writers of each file path itself, so indexers on several hosts may run at once).
    private let postgres: PostgresHandle?
    /// Makes the embedding backend instead of the pool or the in-process lanes (tests).
    private let backendFactory: (@Sendable () async throws -> any EmbeddingBackend)?
    private let logger = Logger(label: "seek.engine")

    private var queue: [Job] = []
    private var draining = false
    private var nextRun = 1
    private var running: (id: IndexRunID, task: Task<Outcome, any Error>)?
    private var backend: (any EmbeddingBackend)?
    private var backendIdleStop: Task<Void, Never>?
    private var isShutDown = false

    init(settings: SeekSettings, role: EngineRole, store: StoreHandle, model: ModelService, events: EventBroadcaster, searching: SearchService,
         postgres: PostgresHandle? = nil, backendFactory: (@Sendable () async throws -> any EmbeddingBackend)? = nil) {
        self.backendFactory = backendFactory
        self.postgres = postgres
        self.settings = settings
        self.role = role
        self.store = store
        self.model = model
        self.events = events
        self.searching = searching
    }

    // MARK: - Requests

    /// Queues `request` and waits for the run that covers it.
    /// - Throws: `EngineError.invalidRoot` for a path that cannot be a root (nothing is saved),
    ///   `EngineError.writerBusy` when another process writes and the request does not wait,
    ///   `EngineError.cancelled`, `EngineError.shutDown`, or `EngineError.failed` when the index
    ///   or the embedder fails as a whole (one bad file never does: it is in the report).
    public func run(_ request: IndexRequest) async throws(EngineError) -> IndexRunResult {
        let (id, outcome) = try await submit(.index(try PendingIndexWork(request, settings: settings)))
        guard case .report(let report) = outcome else { throw .failed(operation: "index", underlying: IndexingError.cancelled) }
        return IndexRunResult(run: id, report: report)
    }

    /// Queues `request` and returns at once with the id of the run that will cover it (a server
    /// answers 202 with it; `runFinished` with that id follows on the event stream).
    /// - Throws: `EngineError.invalidRoot` (nothing queued) or `EngineError.shutDown`.
    public func enqueue(_ request: IndexRequest) throws(EngineError) -> IndexRunID {
        guard !isShutDown else { throw .shutDown }
        return place(.index(try PendingIndexWork(request, settings: settings)), waiter: nil)
    }

    /// Drops the root `path` (made absolute) and every row under it, through the queue.
    /// - Throws: `EngineError.notARoot` when it is not a root.
    public func removeRoot(_ path: String) async throws(EngineError) -> RemovedCounts {
        let (_, outcome) = try await submit(.removeRoot(CatalogService.absolutePath(path)))
        guard case .removed(let counts) = outcome else { throw .failed(operation: "remove", underlying: IndexingError.cancelled) }
        return counts
    }

    /// Re-indexes every root into a fresh database and replaces the old one only when done
    /// (`seek index --rebuild`, the repair of a damaged index). Roots and configuration are kept:
    /// the roots are read from the old index, or given as `roots` when it is too damaged to say.
    /// Nothing is taken from the old database but its roots (its vectors cannot be trusted).
    /// Stop other processes that keep the index open (`seek serve`, `seek watch`) first: they
    /// would go on reading the old file.
    /// - Throws: `EngineError.invalidRequest` when the roots cannot be read and none are given,
    ///   `EngineError.invalidRoot`, or what indexing throws (the old database is then untouched).
    public func rebuild(roots: [String] = []) async throws(EngineError) -> IndexRunResult {
        for root in roots { try PendingIndexWork.checkRoot(CatalogService.absolutePath(root), settings: settings) }
        let (id, outcome) = try await submit(.rebuild(roots: roots.map(CatalogService.absolutePath)))
        guard case .report(let report) = outcome else { throw .failed(operation: "rebuild", underlying: IndexingError.cancelled) }
        return IndexRunResult(run: id, report: report)
    }

    /// Stops the run going on, if any, after its transaction in progress (its callers get
    /// `EngineError.cancelled`); queued runs still run.
    public func cancelRunning() {
        running?.task.cancel()
    }

    /// The roots of the index now, sorted (on PostgreSQL, those of this process's namespace).
    func storedRoots() async throws(EngineError) -> [String] {
        if let postgres {
            let database = try await postgres.open()
            return try await EngineError.wrapping("roots", directory: settings.indexDirectory) { try await database.rootPaths() }
        }
        return try EngineError.wrapping("roots", directory: settings.indexDirectory) {
            try store.existing().indexingReader.roots().map(\.path)
        }
    }

    /// Ids of the run going on and of the queued runs.
    public var activeRuns: (running: IndexRunID?, queued: [IndexRunID]) {
        (running?.id, queue.map(\.id))
    }

    /// Fails queued jobs with `EngineError.shutDown`, cancels the running one and waits for it,
    /// stops the embedder pool. Later requests throw `EngineError.shutDown`.
    func shutdown() async {
        isShutDown = true
        let abandoned = queue
        queue.removeAll()
        for job in abandoned { for waiter in job.waiters { waiter.resume(returning: .failure(.shutDown)) } }
        if let running {
            running.task.cancel()
            _ = try? await running.task.value
        }
        backendIdleStop?.cancel()
        if let backend {
            self.backend = nil
            await backend.shutdown()
        }
    }

    // MARK: - Queue

    private func submit(_ work: Work) async throws(EngineError) -> (IndexRunID, Outcome) {
        guard !isShutDown else { throw .shutDown }
        var id = IndexRunID(0)
        let result = await withCheckedContinuation { (waiter: Waiter) in
            id = place(work, waiter: waiter)
        }
        return (id, try result.get())
    }

    /// Adds `work` to the last queued job when both are index runs with the same options, else
    /// queues a new job; starts draining the queue. Returns the job's run id.
    private func place(_ work: Work, waiter: Waiter?) -> IndexRunID {
        if case .index(let incoming) = work, let last = queue.indices.last, case .index(var queued) = queue[last].work,
           queued.options == incoming.options {
            queued.merge(incoming)
            queue[last].work = .index(queued)
            if let waiter { queue[last].waiters.append(waiter) }
            return queue[last].id
        }
        let id = IndexRunID(nextRun)
        nextRun += 1
        queue.append(Job(id: id, work: work, waiters: waiter.map { [$0] } ?? []))
        if !draining {
            draining = true
            Task { await drain() }
        }
        return id
    }

    private func drain() async {
        while !queue.isEmpty, !isShutDown {
            let job = queue.removeFirst()
            let task = Task { [self] () async throws -> Outcome in
                switch job.work {
                case .index(let work): .report(try await runIndex(work, id: job.id))
                case .removeRoot(let path): .removed(try await runRemoval(of: path, id: job.id))
                case .rebuild(let roots): .report(try await runRebuild(roots: roots, id: job.id))
                }
            }
            running = (job.id, task)
            let result: Result<Outcome, EngineError>
            do {
                result = .success(try await task.value)
            } catch {
                result = .failure(EngineError.from(error, operation: "index", directory: settings.indexDirectory))
            }
            running = nil
            for waiter in job.waiters { waiter.resume(returning: result) }
        }
        draining = false
    }

    // MARK: - Runs

    private func runIndex(_ work: PendingIndexWork, id: IndexRunID) async throws -> IndexingReport {
        if let postgres {
            let storage = try await postgres.open()
            let plan = try await makePlan(work, storage: storage)
            return try await run(plan, into: storage, id: id, retryFailed: work.options.retryFailed, reembed: work.options.reembed)
        }
        // The writer lock before the database: two processes creating a new index at once would
        // otherwise race on SQLite's WAL switch and the schema migrations.
        if let reason = self.store.writeBlocker() { throw EngineError.readOnlyIndex(directory: settings.indexDirectory.path, reason: reason) }
        let lock = try await acquireWriterLock(run: id, waits: work.options.waitsForWriter)
        defer { withExtendedLifetime(lock) {} }
        let store = try self.store.forWriting()
        let plan: IndexingPlan
        do {
            plan = try await makePlan(work, storage: store)
        } catch StoreError.damaged(let reason) {
            throw EngineError.damagedIndex(directory: settings.indexDirectory.path, reason: reason)
        }
        return try await run(plan, into: store, id: id, retryFailed: work.options.retryFailed, reembed: work.options.reembed)
    }

    /// One run of `plan` into `storage`: events, the live status file, the embedder, the pipeline,
    /// then (SQLite) the run's snapshot and log line, and a refreshed searcher.
    private func run(_ plan: IndexingPlan, into storage: any IndexingStorage, id: IndexRunID, retryFailed: Bool,
                     reembed: Bool = false) async throws -> IndexingReport {
        events.publish(.runStarted(IndexRunStart(
            run: id, roots: plan.roots.filter { $0.within == nil }.map(\.path),
            changedPaths: plan.roots.flatMap { $0.within ?? [] }, startedAt: Date())))
        let live = LiveStatusRecorder(file: LiveStatusFile(indexDirectory: settings.indexDirectory))
        live.mark(phase: .starting)
        defer { live.finish() }
        /// What a run that stops early did, and its backend (for the run log's worker peaks).
        let stopped = Mutex<IndexingReport?>(nil)
        var startedBackend: (any EmbeddingBackend)?
        var runObserver: IndexRunObserver?
        do {
            let backend = try await embeddingBackend()
            startedBackend = backend
            let observer = IndexRunObserver(run: id, events: events, live: live, backend: backend)
            runObserver = observer
            live.attach(backend)
            // This process tokenizes; the weights are loaded (in the workers, or here in process)
            // by the run's first batch, so a run with nothing to embed never loads them.
            let tokenizer: any TextTokenizing = try await model.tokenizer()
            var configuration = settings.indexing
            configuration.retryFailed = retryFailed
            configuration.reembed = reembed
            configuration.vectorPrecision = vectorPrecision(of: backend)
            let parsers = ParserRegistry(ocrConfiguration: settings.ocr, maxDecompressedBytes: Int(clamping: settings.indexing.scan.maxFileBytes))
            let pipeline = try IndexingPipeline(storage: storage, backend: backend, tokenizer: tokenizer, parsers: parsers, configuration: configuration)
            var report = try await pipeline.run(plan, progress: { observer.progress($0) }, onFile: { observer.file($0) },
                                                onStopped: { partial in stopped.withLock { $0 = partial } })
            observer.progress(nil)
            report.embedder = observer.embedderSummary(settings: settings)
            report.embedder?.precision = configuration.vectorPrecision
            report.embedder?.precisionNote = model.precisionNote
            let sqlite = storage as? IndexStore
            if let sqlite { notePrecisionMismatch(in: &report, plan: plan, store: sqlite, precision: configuration.vectorPrecision) }
            let workerPeaks = Self.workerPeaks(of: backend)
            live.mark(phase: .finishing)
            await releaseEmbeddingBackend()
            if let sqlite { try finish(report, workers: workerPeaks, store: sqlite) }
            await searching.refresh()
            events.publish(.runFinished(run: id, report: report))
            return report
        } catch {
            let workerPeaks = startedBackend.map(Self.workerPeaks(of:)) ?? []
            // Read before the backend is released: the pool's GEMM as its workers said it.
            var partial = stopped.withLock { $0 }
            partial?.embedder = runObserver?.embedderSummary(settings: settings)
            partial?.embedder?.precision = startedBackend.map(vectorPrecision(of:))
            await releaseEmbeddingBackend()
            let engineError = EngineError.from(error, operation: "index", directory: settings.indexDirectory)
            if let partial, storage is IndexStore { logStoppedRun(partial, workers: workerPeaks, reason: engineError) }
            events.publish(.runFailed(run: id, message: engineError.description))
            throw engineError
        }
    }

    /// A run-log line for a run that stopped before its end (interrupted or failed), with what
    /// it committed: the next run's line covers the rest. Logged, not thrown, when it cannot be
    /// written (the run's own error is what the caller needs).
    private func logStoppedRun(_ partial: IndexingReport, workers: [WorkerPeak], reason: EngineError) {
        var record = RunRecord(report: partial)
        record.addWorkers(workers)
        if case .cancelled = reason { record.stoppedBy = "interrupted" } else { record.stoppedBy = reason.description }
        do { try RunLog(directory: settings.indexDirectory).append(record) } catch {
            logger.warning("could not append to the run log", metadata: ["error": "\(error)"])
        }
    }

    private func runRebuild(roots given: [String], id: IndexRunID) async throws -> IndexingReport {
        if postgres != nil {
            throw EngineError.invalidRequest(reason: "--rebuild rebuilds the SQLite file; a PostgreSQL index is repaired by re-indexing (`seek index --reembed`)")
        }
        if let reason = store.writeBlocker() { throw EngineError.readOnlyIndex(directory: settings.indexDirectory.path, reason: reason) }
        let lock = try await acquireWriterLock(run: id, waits: true)
        defer { withExtendedLifetime(lock) {} }
        var roots = given
        if roots.isEmpty {
            do {
                roots = try store.existing().indexingReader.roots().map(\.path)
            } catch {
                throw EngineError.invalidRequest(reason: "cannot read the roots of the index (\(error)); give them: `seek index --rebuild FOLDER...`")
            }
        }
        guard !roots.isEmpty else { throw EngineError.invalidRequest(reason: "the index has no roots to rebuild from; give them: `seek index --rebuild FOLDER...`") }
        let fresh = try IndexRebuild(indexDirectory: settings.indexDirectory)
        let newStore = try fresh.open()
        let report: IndexingReport
        do {
            for root in roots { try newStore.writer.addRoot(root) }
            report = try await run(IndexingPlan(roots: roots.sorted().map { IndexingPlan.Root(path: $0) }), into: newStore, id: id, retryFailed: true)
        } catch {
            fresh.discard(newStore)
            throw error
        }
        store.reopen()
        try fresh.replaceIndex(with: newStore)
        await searching.refresh()
        return report
    }

    private func runRemoval(of path: String, id: IndexRunID) async throws -> RemovedCounts {
        if let postgres {
            let removed: RemovedCounts
            do { removed = try await postgres.open().removeRoot(path) } catch PostgresStoreError.rootNotFound {
                throw EngineError.notARoot(path: path)
            }
            events.publish(.fileRemoved(run: id, path: path))
            return removed
        }
        let store = try self.store.existing()
        if let reason = self.store.writeBlocker() ?? (store.isReadOnly ? "opened read-only" : nil) {
            throw EngineError.readOnlyIndex(directory: settings.indexDirectory.path, reason: reason)
        }
        let lock = try await acquireWriterLock(run: id, waits: true)
        defer { withExtendedLifetime(lock) {} }
        let removed = try store.writer.removeRoot(path)
        events.publish(.fileRemoved(run: id, path: path))
        await searching.refresh()
        return removed
    }

    /// The writer lock of the index, waiting (polling, cancellable) while another process holds it.
    private func acquireWriterLock(run: IndexRunID, waits: Bool) async throws -> IndexWriterLock {
        let directory = settings.indexDirectory
        var announced = false
        while true {
            if let lock = try IndexWriterLock.tryAcquire(directory: directory) { return lock }
            let pid = IndexWriterLock.holderPid(directory: directory)
            guard waits else { throw EngineError.writerBusy(directory: directory.path, pid: pid) }
            if !announced {
                announced = true
                events.publish(.waitingForWriter(run: run, pid: pid))
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The roots and paths one run covers: new roots added first; changed paths grouped under
    /// the root holding them, dropped when a whole root of the run covers them.
    private func makePlan(_ work: PendingIndexWork, storage: any IndexingStorage) async throws -> IndexingPlan {
        var stored = try await storage.rootPaths()
        for root in work.roots where !stored.contains(root) {
            try await storage.addRoot(root)
            stored.append(root)
        }
        let requested = work.allRoots ? stored : work.roots
        // A root inside another root of the run is covered by it.
        let whole = requested.filter { root in !requested.contains { $0 != root && PathHierarchy.path(root, isUnder: $0) } }.sorted()
        var changes: [String: [String]] = [:]
        for path in work.changes.sorted() where !whole.contains(where: { PathHierarchy.path(path, isUnder: $0) }) {
            guard let root = stored.filter({ PathHierarchy.path(path, isUnder: $0) }).max(by: { $0.utf8.count < $1.utf8.count }) else {
                logger.debug("change outside every root ignored", metadata: ["path": "\(path)"])
                continue
            }
            changes[root, default: []].append(path)
        }
        let roots = whole.map { IndexingPlan.Root(path: $0) } + changes.keys.sorted().map { IndexingPlan.Root(path: $0, within: changes[$0]) }
        return IndexingPlan(roots: roots, pruneMissingRoots: work.options.pruneMissingRoots)
    }

    /// After a run: a snapshot of the counts and a run-log line (for a run that changed something,
    /// or any one-shot run), then the vector cache file for cold searches. The index is committed
    /// already, so a failure here is logged, not thrown, unless it shows the index is damaged
    /// (reading every vector for the cache reaches every page of them).
    private func finish(_ report: IndexingReport, workers: [WorkerPeak], store: IndexStore) throws {
        let changed = report.filesIndexed + report.filesFailed + report.filesSkipped + report.filesRemoved > 0
        if changed || role == .oneShot {
            do { try store.writer.recordSnapshot() } catch {
                logger.warning("could not record the index snapshot", metadata: ["error": "\(error)"])
            }
            var record = RunRecord(report: report)
            record.addWorkers(workers)
            do { try RunLog(directory: settings.indexDirectory).append(record) } catch {
                logger.warning("could not append to the run log", metadata: ["error": "\(error)"])
            }
        }
        // Last: nothing may write after the cache is tagged with the index's version. A service
        // in the middle of a burst leaves it to the last run (a stale cache is only slower).
        guard role == .oneShot || queue.isEmpty else { return }
        let cache = VectorCacheFile(indexDirectory: settings.indexDirectory)
        do {
            if cache.storedVersion() == (try store.searchReader.contentVersion()).key { return }
            _ = try VectorIndex.load(from: store.searchReader, residency: .codesOnly, cache: cache)
        } catch StoreError.damaged(let reason), SearchError.store(.damaged(let reason)) {
            throw EngineError.damagedIndex(directory: settings.indexDirectory.path, reason: reason)
        } catch {
            logger.warning("cannot refresh the vector cache", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Precision

    /// The precision `backend` really computes in: the one the workers are started in (their
    /// handshake must say it), a running pool's handshake, a loaded in-process model's, else the
    /// engine's resolved precision (what a model loaded in process on the first batch resolves to:
    /// `ModelService.loadModel` resolves the same setting on the same CPU).
    private func vectorPrecision(of backend: any EmbeddingBackend) -> String {
        if let pool = backend as? OnDemandEmbedderPool { return pool.precision }
        if let pool = backend as? EmbedderPool { return pool.handshake.precision }
        if let lanes = backend as? InProcessEmbeddingBackend { return lanes.embedder.model.precision.rawValue }
        return model.computePrecision.rawValue
    }

    /// Sets the report's `filesInOtherPrecisions` and, when some, one notice naming the recorded
    /// and the current precision and `seek index --reembed` (also logged). Only whole roots of
    /// the run count (a watcher's changed paths do not repeat it for the whole root). The run is
    /// committed already: a failed read is logged, not thrown.
    private func notePrecisionMismatch(in report: inout IndexingReport, plan: IndexingPlan, store: IndexStore, precision: String) {
        let roots = plan.roots.filter { $0.within == nil }.map(\.path)
        guard !roots.isEmpty else { return }
        let counts: [String: Int]
        do { counts = try store.indexingReader.vectorPrecisionCounts(rootPaths: roots) } catch {
            logger.warning("cannot count the vector precisions of the index", metadata: ["error": "\(error)"])
            return
        }
        let others = counts.filter { $0.key != precision }
        guard !others.isEmpty else { return }
        report.filesInOtherPrecisions = others
        let kept = others.sorted { $0.key < $1.key }.map { "\($0.value) in \($0.key)" }.joined(separator: ", ")
        let total = others.values.reduce(0, +)
        let notice = "\(total) unchanged file\(total == 1 ? "" : "s") keep vectors made in another precision (\(kept)); this run embeds in "
            + "\(precision). Search works across both; `seek index --reembed` embeds every file again in \(precision)."
        report.notices.append(notice)
        logger.notice("files keep vectors of another precision", metadata: ["recorded": "\(kept)", "current": "\(precision)"])
    }

    // MARK: - Embedding backend

    /// Every worker process `backend` ran, with its peak memory; none in process or when no
    /// worker started.
    private static func workerPeaks(of backend: any EmbeddingBackend) -> [WorkerPeak] {
        if let pool = backend as? OnDemandEmbedderPool { return pool.statistics()?.workerPeaks ?? [] }
        return (backend as? EmbedderPool)?.statistics().workerPeaks ?? []
    }

    /// Makes the embedding backend of runs now and, for the worker pool, starts its workers and
    /// waits until they are ready: what a run would otherwise do on its first batch. For a
    /// benchmark that times indexing, not start-up, and a service that wants its first run warm.
    /// A one-shot engine keeps it for its next run; a service stops it after `poolIdleSeconds`
    /// without one.
    package func startEmbeddingBackend() async throws {
        guard !isShutDown else { throw EngineError.shutDown }
        if let pool = try await embeddingBackend() as? OnDemandEmbedderPool { try await pool.start() }
        if role == .service, running == nil { await releaseEmbeddingBackend() }
    }

    /// The embedding backend of runs: the pool of `seek embedder-worker` processes, started on
    /// the run's first batch (a run that embeds nothing starts no worker), or with `--in-process`
    /// the lanes of the model loaded here by the first batch. A service keeps it between runs.
    private func embeddingBackend() async throws -> any EmbeddingBackend {
        backendIdleStop?.cancel()
        backendIdleStop = nil
        if let backend { return backend }
        let created: any EmbeddingBackend
        if let backendFactory {
            created = try await backendFactory()
        } else if settings.inProcessEmbedding {
            created = try OnDemandInProcessEmbeddingBackend(dimension: try await model.files().identity.dimension, configuration: settings.embedding,
                                                            load: { [model] in try await model.embedder() })
        } else {
            // One resolution (a stamp read) for both the workers' command line and the dimension.
            let files = try await model.files()
            created = try OnDemandEmbedderPool(configuration: try await model.poolConfiguration(files: files), dimension: files.identity.dimension,
                                               precision: model.computePrecision.rawValue)
        }
        backend = created
        return created
    }

    /// A one-shot engine stops the backend now; a service after `poolIdleSeconds` without a run.
    private func releaseEmbeddingBackend() async {
        guard let backend else { return }
        if role == .oneShot {
            self.backend = nil
            await backend.shutdown()
            return
        }
        let idleSeconds = settings.poolIdleSeconds
        backendIdleStop = Task { [weak self] in
            try? await Task.sleep(for: .seconds(idleSeconds))
            guard !Task.isCancelled else { return }
            await self?.stopIdleBackend()
        }
    }

    private func stopIdleBackend() async {
        guard running == nil, let backend else { return }
        self.backend = nil
        await backend.shutdown()
    }
}
