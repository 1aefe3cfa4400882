import Foundation
import Logging
import SeekCore
import SeekPostgres
import SeekSearch
import SeekStore
import Synchronization

/// Answers searches from the current searcher snapshot of the index.
///
/// A snapshot (`Searcher`) holds the index's vectors as they were when it was loaded; keyword
/// search and hydration read the index as it is, each file's rows changing in one transaction,
/// so no search ever sees a half-written file. The service keeps one snapshot and replaces it
/// atomically when the index's content version changes:
///
/// - after each write of this engine (`refresh()`, awaited by the indexing service before it
///   reports a run as finished, so a finished run is searchable);
/// - when a search notices that another process wrote (the version is checked at most every
///   `versionCheckInterval`), the new snapshot is built in the background while searches go on
///   with the old one.
///
/// Searches in flight always finish on the snapshot they started with. The model is loaded once,
/// on the first search that needs it (vector and hybrid modes); keyword searches never load it.
public final class SearchService: Sendable {
    private struct Snapshot: Sendable {
        let searcher: Searcher
        let version: IndexContentVersion
    }

    private struct State {
        var snapshot: Snapshot?
        var building: Task<Snapshot, any Error>?
        var lastVersionCheck: ContinuousClock.Instant?
        var refreshes = 0
    }

    /// How often a search may read the index's version to notice another process's writes.
    public static let versionCheckInterval = Duration.milliseconds(250)

    let settings: SeekSettings
    private let residency: VectorIndex.Residency
    let store: StoreHandle
    /// The PostgreSQL store when the index lives there: searches go to `PostgresSearcher` (no
    /// snapshot to keep: each search reads the committed data of the moment).
    let postgres: PostgresHandle?
    private let model: ModelService
    private let events: EventBroadcaster
    private let state = Mutex(State())
    private let logger = Logger(label: "seek.engine")

    init(settings: SeekSettings, residency: VectorIndex.Residency, store: StoreHandle, model: ModelService, events: EventBroadcaster,
         postgres: PostgresHandle? = nil) {
        self.postgres = postgres
        self.settings = settings
        self.residency = residency
        self.store = store
        self.model = model
        self.events = events
    }

    /// Snapshots built so far (the first one included).
    public var refreshCount: Int { state.withLock { $0.refreshes } }

    /// The best `request.k` files for `request`, each with its best chunk, from the current
    /// snapshot. `took_ms` counts the whole call (a first call includes loading the vectors and,
    /// for vector and hybrid modes, the model).
    /// - Throws: `EngineError.invalidRequest` for an empty query, a k out of range or a bad
    ///   filter; `EngineError.noIndex` when there is no index yet; `EngineError.failed` when the
    ///   index or the model cannot be read.
    public func search(_ request: SearchRequest) async throws(EngineError) -> SearchResponse {
        let started = ContinuousClock.now
        return try await EngineError.wrapping("search", directory: settings.indexDirectory) {
            try Self.check(request, configuration: settings.search)
            if let postgres {
                async let queryVector: [Float]? = request.mode == .keyword ? nil : model.embedQuery(request.query)
                let reranker = settings.search.rerank == .crossEncoder ? try model.reranker() : nil
                let searcher = PostgresSearcher(store: try await postgres.open(), configuration: settings.search, reranker: reranker)
                var response = try await searcher.search(try await graphResolved(request), queryVector: try await queryVector)
                response.tookMilliseconds = (ContinuousClock.now - started).milliseconds
                return response
            }
            async let queryVector: [Float]? = request.mode == .keyword ? nil : model.embedQuery(request.query)
            let searcher = try await current()
            let resolved = try await graphResolved(request)
            // Hybrid: the keyword query runs here while the query is embedded in the child task.
            let keywordRound = request.mode == .hybrid ? try searcher.firstKeywordRound(resolved) : nil
            var response = try searcher.search(resolved, queryVector: try await queryVector, firstKeywordRound: keywordRound)
            response.tookMilliseconds = (ContinuousClock.now - started).milliseconds
            return response
        }
    }

    /// The current snapshot, built on first use. When the index changed since it was loaded
    /// (checked at most every `versionCheckInterval`), a new one is built in the background and
    /// this call still returns the current one.
    package func current() async throws -> Searcher {
        if let snapshot = state.withLock({ $0.snapshot }) {
            if isVersionCheckDue(), let version = try? store.existing().searchReader.contentVersion(), version != snapshot.version {
                _ = startBuild()
            }
            return snapshot.searcher
        }
        return try await startBuild().value.searcher
    }

    /// Builds a new snapshot when the index changed since the current one, and waits for it.
    /// Does nothing before the first search (there is no snapshot to keep current).
    public func refresh() async {
        guard let snapshot = state.withLock({ $0.snapshot }) else { return }
        guard let version = try? store.existing().searchReader.contentVersion(), version != snapshot.version else { return }
        do {
            _ = try await startBuild(after: version).value
        } catch {
            logger.warning("cannot refresh the searcher", metadata: ["error": "\(error)"])
        }
    }

    /// Rejects a request the searcher would reject, before anything is loaded.
    private static func check(_ request: SearchRequest, configuration: SearchConfiguration) throws(SearchError) {
        guard !request.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidQuery(reason: "the query is empty")
        }
        guard request.k >= 1, request.k <= configuration.maxResults else {
            throw .invalidQuery(reason: "k must be between 1 and \(configuration.maxResults), not \(request.k)")
        }
        _ = try request.filter.validated()
    }

    private func isVersionCheckDue() -> Bool {
        let now = ContinuousClock.now
        return state.withLock { state in
            if let last = state.lastVersionCheck, now - last < Self.versionCheckInterval { return false }
            state.lastVersionCheck = now
            return true
        }
    }

    /// The build in progress, or a new one. With `version`, a build that started before that
    /// version was committed is not enough: a new one follows it.
    private func startBuild(after version: IndexContentVersion? = nil) -> Task<Snapshot, any Error> {
        state.withLock { current in
            if let building = current.building, version == nil { return building }
            let previous = current.building
            let task = Task<Snapshot, any Error> { [self] in
                _ = try? await previous?.value
                let snapshot = try build()
                install(snapshot)
                return snapshot
            }
            current.building = task
            Task { [self] in
                _ = try? await task.value
                state.withLock { state in
                    if state.building == task { state.building = nil }
                }
            }
            return task
        }
    }

    /// Makes `snapshot` current unless a newer one is (an index re-created counts as newer).
    private func install(_ snapshot: Snapshot) {
        state.withLock { state in
            if state.snapshot.map({ $0.version.writeGeneration <= snapshot.version.writeGeneration
                || $0.version.createdAt != snapshot.version.createdAt }) ?? true {
                state.snapshot = snapshot
            }
            state.refreshes += 1
        }
    }

    /// Loads the vectors of the index as it is now into a new searcher.
    private func build() throws -> Snapshot {
        let started = ContinuousClock.now
        let reader = try store.existing().searchReader
        let cache = residency == .codesOnly ? VectorCacheFile(indexDirectory: settings.indexDirectory) : nil
        let createdAt = try reader.contentVersion().createdAt
        let vectors = try VectorIndex.load(from: reader, residency: residency, cache: cache)
        // The generation the vectors were read at (one transaction): a later write shows as newer.
        let version = IndexContentVersion(createdAt: createdAt, writeGeneration: vectors.writeGeneration ?? 0)
        // Cross-encoder reranking: the reranker is loaded with the first snapshot and kept.
        let reranker = settings.search.rerank == .crossEncoder ? try model.reranker() : nil
        let searcher = Searcher(reader: reader, vectorIndex: vectors, configuration: settings.search, reranker: reranker)
        let milliseconds = (ContinuousClock.now - started).milliseconds
        logger.debug("searcher ready", metadata: [
            "ms": "\(milliseconds)", "chunks": "\(vectors.count)", "residency": "\(residency.rawValue)",
            "generation": "\(version.writeGeneration)"])
        events.publish(.searcherRefreshed(SearcherRefresh(
            writeGeneration: version.writeGeneration, chunks: vectors.count, milliseconds: milliseconds)))
        return Snapshot(searcher: searcher, version: version)
    }
}
