import Foundation
import SeekCore
import SeekEmbedding
import SeekSearch

/// The engine core of one index: what every front end (the CLI, the watcher, the HTTP server,
/// the MCP server) talks to, for one command or for the life of a process.
///
/// It owns one open index store (opened on first need, closed by `shutdown()`), the warm model
/// (`model`: loaded once, lazily), the current searcher snapshot (`searching`), the single-writer
/// job queue (`indexing`) and the event stream (`events`). Its services, each with its own
/// documented contract:
///
/// | service | what it does |
/// |---|---|
/// | `indexing` | every write: index runs (coalesced, one writer across processes), dropping roots |
/// | `searching` | searches on the current snapshot, refreshed when the index changes |
/// | `catalog` | status, files, a file's text and chunks, the run log (reads only) |
/// | `diagnostics` | validate, inspect, doctor |
/// | `evaluation` | retrieval quality on a BEIR dataset |
/// | `watching` | watch mode: a catch-up run, then file-system events to index runs |
/// | `memories` | agent memories: Markdown files under `<index>/memories/`, indexed on write |
/// | `graph` | links, backlinks, tags, related documents, gaps, graph export (reads only) |
/// | `model` | the model's files, info, fetch, and embedding texts |
/// | `transfer` | `seek export`: the SQLite index to PostgreSQL and back, vectors included |
/// | `events` | runs, progress, files, workers, searcher refreshes, the watcher |
///
/// Thread-safe. A front end keeps one engine per index; a one-shot command makes one, uses it and
/// calls `shutdown()`.
public final class SeekEngine: Sendable {
    public static var version: String { SeekVersion.current }

    /// The resolved settings (`SeekSettings.resolve`).
    public let settings: SeekSettings
    /// What the engine keeps warm.
    public let role: EngineRole
    public let events: EventBroadcaster
    public let model: ModelService
    public let indexing: IndexingService
    public let searching: SearchService
    public let catalog: CatalogService
    public let diagnostics: DiagnosticsService
    public let evaluation: EvaluationService
    public let watching: WatchService
    public let memories: MemoryService
    public let graph: GraphService
    /// `seek export`: copies between the SQLite index and PostgreSQL.
    public let transfer: IndexTransfer
    let store: StoreHandle
    /// The PostgreSQL store when `settings.store` is one (nil for SQLite).
    let postgres: PostgresHandle?

    /// An engine for the index of `settings`. Nothing is opened or loaded until first needed.
    public convenience init(settings: SeekSettings, role: EngineRole = .oneShot) {
        self.init(settings: settings, role: role, model: ModelService(settings: settings))
    }

    /// An engine sharing `model` with another engine (the evaluation's corpus index); tests may
    /// give the embedding backend its runs use (one that pauses on a signal, say).
    package init(settings: SeekSettings, role: EngineRole, model: ModelService,
                 embeddingBackend: (@Sendable () async throws -> any EmbeddingBackend)? = nil) {
        self.settings = settings
        self.role = role
        self.model = model
        let events = EventBroadcaster()
        self.events = events
        let postgres = settings.store.postgres.map(PostgresHandle.init(configuration:))
        self.postgres = postgres
        let store = StoreHandle(directory: settings.indexDirectory,
                                elsewhere: postgres.map { "in PostgreSQL (\($0.configuration.database) on \($0.configuration.host ?? "a local socket"))" })
        self.store = store
        let searching = SearchService(
            settings: settings, residency: role == .service ? .full : .codesOnly, store: store, model: model, events: events, postgres: postgres)
        self.searching = searching
        let indexing = IndexingService(settings: settings, role: role, store: store, model: model, events: events, searching: searching,
                                       postgres: postgres, backendFactory: embeddingBackend)
        self.indexing = indexing
        let catalog = CatalogService(settings: settings, store: store, postgres: postgres)
        self.catalog = catalog
        diagnostics = DiagnosticsService(settings: settings, store: store, model: model, postgres: postgres)
        evaluation = EvaluationService(settings: settings, model: model, runLog: RunLog(directory: settings.indexDirectory), postgres: postgres)
        watching = WatchService(settings: settings, indexing: indexing, events: events)
        memories = MemoryService(settings: settings, indexing: indexing, catalog: catalog, store: store)
        graph = GraphService(settings: settings, store: store, postgres: postgres)
        transfer = IndexTransfer(settings: settings, store: store)
    }

    /// Stops the watcher and the indexing queue (a run in progress stops after its current
    /// transaction), stops the embedder pool, ends every event subscription and closes the
    /// index. Later calls to the services throw `EngineError.shutDown`.
    public func shutdown() async {
        await watching.stop()
        await indexing.shutdown()
        events.finish()
        store.close()
        await postgres?.close()
    }
}
