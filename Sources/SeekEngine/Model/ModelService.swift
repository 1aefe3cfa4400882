import Foundation
import Logging
import SeekEmbedding
import SeekKernels
import SeekPool
import Synchronization

/// The embedding model of an engine: its verified files, the warm `Embedder` (loaded once, on
/// first need, and kept for the engine's life: never per query), and its tokenizer alone for a
/// process that only tokenizes (indexing through the worker pool keeps the weights in the workers).
public final class ModelService: Sendable {
    private struct State {
        var embedder: Task<Embedder, any Error>?
        var tokenizer: Task<WordPieceTokenizer, any Error>?
        var reranker: CrossEncoder?
        var loads = 0
    }

    private let settings: SeekSettings
    private let state = Mutex(State())
    private let logger = Logger(label: "seek.engine")

    package init(settings: SeekSettings) {
        self.settings = settings
        Self.useGEMMCalibrationCache(settings)
    }

    /// `--gemm auto` times OpenBLAS against oneDNN once per machine, not once per process: the
    /// timings are kept in `gemm-calibration.json` under the model cache root. Every process that
    /// reports or uses the GEMM choice calls this first (an engine does it when it starts).
    public static func useGEMMCalibrationCache(_ settings: SeekSettings) {
        GEMM.useCalibrationCache(settings.modelStore.cacheRoot.appendingPathComponent("gemm-calibration.json"))
    }

    /// Where the model files come from and go to.
    public var modelStore: ModelStore { ModelStore(configuration: settings.modelStore) }

    /// Times this engine loaded the model's weights (1 at most, whatever the number of searches).
    public var loadCount: Int { state.withLock { $0.loads } }

    /// The verified model and how Seek runs it (`seek model info`); fetched into the cache first
    /// when absent and `allowFetch`.
    public func info(allowFetch: Bool) async throws(EngineError) -> ModelInfo {
        try await EngineError.wrapping("model", directory: settings.indexDirectory) {
            let files = try await modelStore.resolve(allowFetch: allowFetch)
            let model = try loadModel(files)
            let configuration = model.weights.configuration
            return ModelInfo(
                id: files.identity.id, dimension: configuration.hiddenSize, maxTokens: files.identity.maxTokens,
                directory: files.directory.path, source: files.source.rawValue, sha256: files.weightsSHA256,
                weightsBytes: files.weightsBytes, layers: configuration.layerCount, heads: configuration.headCount,
                vocabulary: model.tokenizer.vocabularySize, blas: GEMM.status.summary, avx2: ElementwiseKernels.usesAVX2,
                precision: model.precision.rawValue, precisionNote: precisionNote)
        }
    }

    /// The precision this engine's model computes in: `embedding.precision` resolved on this CPU
    /// (`auto` picks bf16 where it runs; bf16 and int8 fall back on a CPU without the instructions).
    public var computePrecision: ComputePrecision { settings.embedding.precision.resolved().precision }

    /// Why `computePrecision` is not the precision asked for (the CPU lacks the instructions), else
    /// nil. Logged as a warning at every model load; commands also show it to the user.
    public var precisionNote: String? { settings.embedding.precision.resolved().note }

    /// The model of `files` in `computePrecision`: every load of this engine goes through here.
    private func loadModel(_ files: ModelFiles) throws -> EmbeddingModel {
        try Self.loadModel(files, precision: settings.embedding.precision, logger: logger)
    }

    /// The model of `files` in the precision `requested` resolves to on this CPU, with the fallback
    /// logged as a warning.
    static func loadModel(_ files: ModelFiles, precision requested: EmbeddingPrecision, logger: Logger) throws -> EmbeddingModel {
        let (precision, note) = requested.resolved()
        if let note {
            logger.warning("embedding precision falls back", metadata: ["requested": "\(requested.rawValue)", "running": "\(precision.rawValue)", "reason": "\(note)"])
        }
        return try EmbeddingModel(files: files, precision: precision)
    }

    /// Downloads the model into the cache (again with `force`) and verifies it (`seek model fetch`).
    public func fetch(force: Bool) async throws(EngineError) -> ModelInfo {
        try await EngineError.wrapping("model fetch", directory: settings.indexDirectory) {
            _ = try await modelStore.fetch(force: force)
        }
        return try await info(allowFetch: false)
    }

    /// Embeds `texts` in input order (`seek embed`): each text's token ids and unit vector.
    public func embed(texts: [String]) async throws(EngineError) -> [TextEmbedding] {
        try await EngineError.wrapping("embed", directory: settings.indexDirectory) {
            try await embedder().embed(texts: texts).map { TextEmbedding(ids: $0.ids, embedding: $0.vector) }
        }
    }

    /// Runs this process as one worker of the embedder pool (`seek embedder-worker`): reads
    /// batches on standard input until it ends. First of all it asks to die with the pool process
    /// (even one killed with SIGKILL), and returns at once when that process is already gone.
    /// Never fetches the model.
    public func serveAsEmbedderWorker(threads: Int) async throws(EngineError) {
        guard ParentDeathSignal.arm() != .parentGone else { return }
        try await EngineError.wrapping("embedder worker", directory: settings.indexDirectory) {
            var configuration = settings.embedding
            configuration.threads = threads
            let files = try await modelStore.resolve(allowFetch: false)
            let worker = try EmbedderWorker(model: try loadModel(files), configuration: configuration)
            try await worker.run()
        }
    }

    /// The verified model files, fetched first when absent.
    package func files(allowFetch: Bool = true) async throws -> ModelFiles {
        try await modelStore.resolve(allowFetch: allowFetch)
    }

    /// The embedder, loading the model on the first call; concurrent first callers share one load.
    package func embedder() async throws -> Embedder {
        let task = state.withLock { state in
            if let task = state.embedder { return task }
            let settings = settings
            let logger = logger
            let task = Task<Embedder, any Error> {
                let files = try await ModelStore(configuration: settings.modelStore).resolve(allowFetch: true)
                let model = try Self.loadModel(files, precision: settings.embedding.precision, logger: logger)
                return try Embedder(model: model, configuration: settings.embedding)
            }
            state.embedder = task
            state.loads += 1
            return task
        }
        do {
            return try await task.value
        } catch {
            // A failed load is not cached: the next call tries again.
            state.withLock { state in
                if state.embedder == task { state.embedder = nil }
            }
            throw error
        }
    }

    /// Downloads cross-encoder `name` (default cross-encoder/ms-marco-MiniLM-L-6-v2) into the
    /// cache, checks that it loads, and records its SHA-256 (`seek model fetch --reranker`).
    public func fetchReranker(name: String?, force: Bool) async throws(EngineError) -> RerankerFiles {
        try await EngineError.wrapping("reranker fetch", directory: settings.indexDirectory) {
            try await RerankerStore(configuration: settings.modelStore).fetch(name: name ?? RerankerStore.defaultName, force: force)
        }
    }

    /// The cross-encoder of `search.reranker`, loaded from the cache on first need and kept.
    /// - Throws: `EmbeddingError.missingFile` naming `seek model fetch --reranker` when it is not installed.
    package func reranker() throws -> CrossEncoder {
        if let loaded = state.withLock({ $0.reranker }) { return loaded }
        let files = try RerankerStore(configuration: settings.modelStore).resolve(name: settings.search.reranker)
        let loaded = try CrossEncoder(modelDirectory: URL(fileURLWithPath: files.directory),
                                      vocabularyCacheDirectory: ModelStore(configuration: settings.modelStore).vocabularyCacheDirectory)
        return state.withLock { state in
            if let existing = state.reranker { return existing }
            state.reranker = loaded
            return loaded
        }
    }

    /// The embedding of a query text.
    package func embedQuery(_ text: String) async throws -> [Float] {
        let embedder = try await embedder()
        return try await embedder.embed(tokenIds: [embedder.tokenizer.encode(text)])[0]
    }

    /// The tokenizer: the loaded embedder's when there is one, else read alone from the model
    /// files (without mapping the weights), once.
    package func tokenizer() async throws -> WordPieceTokenizer {
        if let embedder = state.withLock({ $0.embedder }), let loaded = try? await embedder.value {
            return loaded.tokenizer
        }
        let task = state.withLock { state in
            if let task = state.tokenizer { return task }
            let store = modelStore
            let task = Task<WordPieceTokenizer, any Error> {
                let files = try await store.resolve(allowFetch: true)
                return try WordPieceTokenizer(
                    contentsOf: files.tokenizerURL, maxTokens: files.identity.maxTokens, vocabularyCacheDirectory: files.vocabularyCacheDirectory)
            }
            state.tokenizer = task
            return task
        }
        return try await task.value
    }

    /// The pool configuration with its worker command: this executable's `embedder-worker`,
    /// pointed at the model files this process verified (workers never fetch), with the precision
    /// resolved here (never `auto`, so every worker computes alike) and the GEMM preference.
    /// `files`: the model files when the caller resolved them already (else they are resolved).
    package func poolConfiguration(files given: ModelFiles? = nil) async throws -> PoolConfiguration {
        let modelFiles = if let given { given } else { try await files() }
        var configuration = settings.pool
        var embedding = settings.embedding
        // The two enums share their concrete cases by name.
        embedding.precision = EmbeddingPrecision(rawValue: computePrecision.rawValue)!
        configuration.workerCommand = PoolConfiguration.workerCommand(
            executable: PoolConfiguration.currentExecutable, threads: configuration.threadsPerWorker,
            modelDirectory: modelFiles.directory.path, embedding: embedding)
        return configuration
    }
}
