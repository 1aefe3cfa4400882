import AsyncAlgorithms
import Foundation
import Logging
import Metrics
import SeekCore
import SeekEmbedding
import SeekIngest
import SeekStore

/// scan -> parse -> chunk -> embed -> write, with the stages overlapped through bounded queues.
///
/// Every file is committed with its chunks, vectors and full-text rows in one transaction (files
/// that finish close together share it: group commit), and becomes `indexed` only then; a changed
/// file's old chunks go in the same transaction; a deleted file's rows go too. Killing the process
/// at any moment leaves a valid index, and the next run resumes: unchanged files are recognised by
/// size and modification time (and by content hash when only the time changed), so it ends
/// identical to an uninterrupted run.
public final class IndexingPipeline: Sendable {
    /// Where the run reads file states and the embedding cache and writes its outcomes: the SQLite
    /// index, or any other `IndexingStorage` (a PostgreSQL database).
    public let storage: any IndexingStorage
    public let backend: any EmbeddingBackend
    public let configuration: IndexingConfiguration
    let parsers: ParserRegistry
    let chunker: Chunker
    let logger = Logger(label: "seek.indexing")
    /// Where the run's metrics go (`IndexingMetrics`); by default the bootstrapped `MetricsSystem`.
    let metricsFactory: any MetricsFactory

    public init(storage: any IndexingStorage, backend: any EmbeddingBackend, tokenizer: any TextTokenizing,
                parsers: ParserRegistry = .standard, configuration: IndexingConfiguration = IndexingConfiguration(),
                metricsFactory: (any MetricsFactory)? = nil) throws {
        self.metricsFactory = metricsFactory ?? MetricsSystem.factory
        self.storage = storage
        self.backend = backend
        self.parsers = parsers
        self.configuration = configuration
        chunker = try Chunker(tokenizer: tokenizer, configuration: configuration.chunking)
    }

    /// A pipeline into the SQLite index `store`.
    public convenience init(store: IndexStore, backend: any EmbeddingBackend, tokenizer: any TextTokenizing,
                            parsers: ParserRegistry = .standard, configuration: IndexingConfiguration = IndexingConfiguration(),
                            metricsFactory: (any MetricsFactory)? = nil) throws {
        try self.init(storage: store, backend: backend, tokenizer: tokenizer, parsers: parsers, configuration: configuration,
                      metricsFactory: metricsFactory)
    }

    /// Adds `roots` (or, when empty, updates every root of the index) and brings the index in
    /// sync with them: `run(_:)` over the whole of each root. A requested root must exist.
    public func run(roots requested: [URL], progress: (@Sendable (IndexingProgress) -> Void)? = nil,
                    onFile: (@Sendable (IndexedFileChange) -> Void)? = nil) async throws -> IndexingReport {
        let roots = try await resolveRoots(requested)
        for root in roots { try await storage.addRoot(root) }
        return try await run(IndexingPlan(roots: roots.map { IndexingPlan.Root(path: $0) }), progress: progress, onFile: onFile)
    }

    /// Brings the index in sync with the roots of `plan` (each added to the index before, with
    /// `IndexingStorage.addRoot`): whole roots, or only some paths under a root (a watcher's changes).
    ///
    /// - `progress` is called about five times a second while the run goes on, and once at the end.
    /// - `onFile` is called after each file's transaction commits: indexed, failed, skipped, removed
    ///   (unchanged files are not reported).
    /// - A root that is missing or unreadable is a problem of the report, not an error: its files
    ///   are kept (an unmounted disk does not wipe its index) unless `plan.pruneMissingRoots`.
    /// - Files gone from disk are removed at the end of the run, after every new file was
    ///   embedded: a renamed file finds its chunks' vectors in the embedding cache.
    /// - Cancelling the calling task stops the run after the transaction in progress and the
    ///   embedding batches already running (no new batch starts, so a large file does not keep
    ///   the run going: its rows were never written, the next run embeds it); it then throws
    ///   `IndexingError.cancelled` and the index is valid (the next run resumes).
    /// - `onStopped` is called, before the error is thrown, with what a cancelled or failed run
    ///   did until it stopped (its files committed; `seconds` set), for a run log to record it.
    /// - Throws: `IndexingError`, or the store's error when the index cannot be written.
    public func run(_ plan: IndexingPlan, progress: (@Sendable (IndexingProgress) -> Void)? = nil,
                    onFile: (@Sendable (IndexedFileChange) -> Void)? = nil,
                    onStopped: (@Sendable (IndexingReport) -> Void)? = nil) async throws -> IndexingReport {
        let metrics = IndexingMetrics(factory: metricsFactory)
        let counters = IndexingCounters(metrics: metrics, onFile: onFile)
        let previousStates = try await storedStates(of: plan)
        // The scan runs ahead of parsing into an unbounded queue (it only lists and stats files, so
        // a queued file costs a few hundred bytes): the run's total is known early and the progress
        // bar fills. Parsing, which holds file contents, stays bounded by the channels after it.
        let (scanned, scannedInput) = AsyncStream.makeStream(of: FileTask.self)
        let toParse = AsyncChannel<FileTask>()
        let toEmbed = AsyncChannel<ParsedFile>()
        let toWrite = AsyncChannel<WriteItem>()

        let reporter = Task {
            while !Task.isCancelled {
                let snapshot = counters.progress()
                metrics.observe(snapshot)
                progress?(snapshot)
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        defer { reporter.cancel() }

        await withTaskCancellationHandler {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.writeStage(toWrite, counters: counters) }
            // A stage that fails aborts the run: the queues are finished so that no stage waits
            // forever on another, every stage drains, and the error is thrown at the end.
            let abort: @Sendable (Error) -> Void = { error in
                counters.abort(error)
                toParse.finish()
                toEmbed.finish()
            }
            await withTaskGroup(of: Void.self) { producers in
                producers.addTask {
                    defer { scannedInput.finish() }
                    do {
                        try await BlockingWork.run {
                            self.scan(plan, previousStates: previousStates, toParse: scannedInput, toWrite: toWrite, counters: counters)
                        }
                    } catch { abort(error) }
                }
                producers.addTask {
                    defer { toParse.finish() }
                    for await task in scanned where !counters.isAborted {
                        await toParse.send(task)
                    }
                }
                producers.addTask {
                    defer { toEmbed.finish() }
                    await self.parseStage(toParse, toEmbed: toEmbed, toWrite: toWrite, counters: counters)
                }
                producers.addTask {
                    do {
                        try await self.embedStage(toEmbed, toWrite: toWrite, counters: counters)
                    } catch { abort(error) }
                }
            }
            // Last, once every new file is written: files gone from disk.
            let (removals, rootRemovals) = counters.state.withLock { ($0.pendingRemovals, $0.pendingRootRemovals) }
            if !removals.isEmpty, !counters.isAborted { await toWrite.send(.removed(paths: removals)) }
            for root in rootRemovals where !counters.isAborted { await toWrite.send(.removedRoot(path: root)) }
            toWrite.finish()
            await group.waitForAll()
        }
        } onCancel: {
            // Every queue is finished so no stage waits on another; the transaction in progress
            // completes, nothing after it starts.
            counters.abort(IndexingError.cancelled)
            toParse.finish()
            toEmbed.finish()
            toWrite.finish()
        }
        var report = counters.state.withLock { $0.report }
        // Also after a failed or cancelled run: SQLite copies what was committed from the
        // write-ahead log into the database file; PostgreSQL ends the run's remaining claims (a
        // long-running process would otherwise keep other indexers off those files).
        do {
            try await storage.finishRun(wroteFiles: report.filesIndexed + report.filesFailed + report.filesSkipped + report.filesRemoved > 0)
        } catch {
            logger.warning("finishing the run in the store failed; its data is committed", metadata: ["error": "\(error)"])
        }
        report.seconds = Date().timeIntervalSince(counters.started)
        report.tokensPerSecond = report.seconds > 0 ? Double(report.tokens) / report.seconds : 0
        if let error = counters.state.withLock({ $0.abortError }) {
            onStopped?(report)
            throw error
        }
        let final = counters.progress()
        metrics.observe(final)
        progress?(final)
        logger.info("index run finished", metadata: [
            "indexed": "\(report.filesIndexed)", "failed": "\(report.filesFailed)", "unchanged": "\(report.filesUnchanged)",
            "removed": "\(report.filesRemoved)", "chunks": "\(report.chunks)", "seconds": "\(report.seconds)",
        ])
        return report
    }

    /// The roots to index: the requested paths (standardised, must exist) or every stored root.
    /// A root inside another root of the same run is dropped (its files are covered).
    func resolveRoots(_ requested: [URL]) async throws -> [String] {
        var paths: [String]
        if requested.isEmpty {
            paths = try await storage.rootPaths()
        } else {
            paths = []
            for url in requested {
                let path = url.standardizedFileURL.path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw IndexingError.invalidRoot(path: path, reason: "no such file or folder")
                }
                paths.append(path)
            }
        }
        let sorted = Array(Set(paths)).sorted()
        return sorted.filter { path in !sorted.contains { $0 != path && path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } }
    }

    /// What the index remembers of the files of each root of `plan`, read before the scan starts
    /// (the scan runs on a Dispatch thread and decides per file without waiting on the store).
    func storedStates(of plan: IndexingPlan) async throws -> [String: [String: FileState]] {
        var states: [String: [String: FileState]] = [:]
        for root in plan.roots where states[root.path] == nil {
            states[root.path] = try await storage.fileStates(rootPath: root.path)
        }
        return states
    }
}
