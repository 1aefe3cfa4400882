import Foundation
import SeekCore
import SeekEmbedding
import SeekIndexing
import SeekIngest
import SeekKernels
import SeekPool
import SeekSearch

/// Every setting of a Seek run, resolved in one place: CLI flags, then environment variables
/// (SEEK_INDEX, SEEK_MODEL_DIR, SEEK_CONFIG, SEEK_GEMM...), then the configuration file, then the documented
/// defaults of each module's configuration struct.
public struct SeekSettings: Sendable {
    /// The index directory (default `./.seek`).
    public var indexDirectory: URL
    /// `<index>/memories`, absolute and standardised: the agent memories' folder, the one root
    /// allowed inside the index directory (`MemoryService`).
    public var memoriesDirectory: URL {
        URL(fileURLWithPath: indexDirectory.appendingPathComponent("memories").path).standardizedFileURL
    }
    public var modelStore: ModelStoreConfiguration
    public var embedding: EmbeddingConfiguration
    /// Scanning, chunking and pipeline settings of `seek index`.
    public var indexing: IndexingConfiguration
    /// Embed in this process (`--in-process`) instead of the worker pool.
    public var inProcessEmbedding: Bool
    /// Worker processes of the embedder pool (default: the number of cores).
    public var workers: Int
    /// The embedder pool of `seek index` (workers, memory limit, timeouts); its worker command is
    /// filled in when the pool starts (`SeekEngine.poolConfiguration`).
    public var pool: PoolConfiguration
    /// Seconds a long-running engine keeps the embedder pool up after its last run (config
    /// `index.pool_idle_seconds`). Default 60.
    public var poolIdleSeconds: Int
    /// Watch mode.
    public var watch: WatchSettings
    /// Ranking settings of `seek search` and `seek eval`.
    public var search: SearchConfiguration
    /// Results of `seek search` when `-k` is not given (default 10).
    public var searchK: Int
    /// Mode of `seek search` when `--mode` is not given (default hybrid).
    public var searchMode: SearchMode
    /// OCR of images and scanned PDF pages (`--no-ocr`, the `"ocr"` section).
    public var ocr: OCRConfiguration
    /// The configuration file that was applied, if any.
    public var configurationFile: String?
    /// Where the index lives: SQLite in `indexDirectory` (default) or PostgreSQL (`--store`,
    /// `$SEEK_STORE`, config `"store": {"postgres": URL}`).
    public var store: StoreLocation = .sqlite

    public static let defaultIndexDirectory = ".seek"

    public static func resolve(_ flags: CommandLineSettings = CommandLineSettings(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SeekSettings {
        let indexPath = flags.indexDirectory ?? environment["SEEK_INDEX"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultIndexDirectory
        let indexDirectory = URL(fileURLWithPath: indexPath).standardizedFileURL
        let file = try loadFile(flags: flags, environment: environment, indexDirectory: indexDirectory)

        var modelStore = ModelStoreConfiguration.fromEnvironment(environment)
        if let directory = flags.modelDirectory ?? environment["SEEK_MODEL_DIR"].flatMap({ $0.isEmpty ? nil : $0 }) ?? file.modelDirectory {
            modelStore.explicitDirectory = URL(fileURLWithPath: directory).standardizedFileURL
        }

        var embedding = EmbeddingConfiguration()
        if let threads = try flags.threads ?? file.int("embedding", "threads") { embedding.threads = threads }
        if let batch = try flags.batchSize ?? file.int("embedding", "batch_size") { embedding.batchSize = batch }
        if let tokens = try file.int("embedding", "max_batch_tokens") { embedding.maxBatchTokens = tokens }
        if let name = try flags.precision ?? file.string("embedding", "precision") {
            embedding.precision = try Self.choice(name, of: EmbeddingPrecision.self, flag: flags.precision != nil ? "--precision" : nil,
                                                  file: file, key: "embedding.precision")
        }
        // SEEK_GEMM sits between the flag and the file, like every environment variable ("blas" is
        // an older name of openblas).
        let gemmVariable = environment["SEEK_GEMM"].flatMap { $0.isEmpty ? nil : $0.lowercased() }.map { $0 == "blas" ? "openblas" : $0 }
        if let name = try flags.gemm ?? gemmVariable ?? file.string("embedding", "gemm") {
            embedding.gemm = try Self.choice(name, of: GEMMPreference.self,
                                             flag: flags.gemm != nil ? "--gemm" : gemmVariable != nil ? "SEEK_GEMM" : nil,
                                             file: file, key: "embedding.gemm")
        }
        embedding = try embedding.validated()

        var indexing = IndexingConfiguration()
        // The index's own files are never indexed, wherever its folder is (`.seek` by name too);
        // its memories folder is a root of its own (a root inside an excluded folder is scanned).
        indexing.scan.excludedPaths = [indexDirectory.path]
        if let megabytes = try flags.maxFileMB ?? file.int("index", "max_file_mb") {
            guard megabytes > 0 else { throw ConfigurationError.invalid(path: file.path ?? "--max-file-mb", key: "max_file_mb", reason: "must be positive") }
            indexing.scan.maxFileBytes = Int64(megabytes) * Int64(ByteCount.bytesPerMB)
        }
        if let hidden = try flags.includeHidden ?? file.bool("index", "include_hidden") { indexing.scan.includeHidden = hidden }
        let poolIdleSeconds = try file.int("index", "pool_idle_seconds") ?? 60
        guard poolIdleSeconds >= 0 else {
            throw ConfigurationError.invalid(path: file.path ?? "", key: "index.pool_idle_seconds", reason: "must not be negative")
        }
        if let follow = try flags.followSymlinks ?? file.bool("index", "follow_symlinks") { indexing.scan.followSymlinks = follow }
        if let overlap = try flags.overlapTokens ?? file.int("index", "overlap_tokens") { indexing.chunking.overlapTokens = overlap }
        if let retry = flags.retryFailed { indexing.retryFailed = retry }
        let inProcess = try flags.inProcess ?? file.bool("index", "in_process") ?? false
        let workers = try flags.workers ?? file.int("index", "workers") ?? ProcessInfo.processInfo.activeProcessorCount
        guard workers >= 1, workers <= 64 else {
            throw ConfigurationError.invalid(path: file.path ?? "--workers", key: "workers", reason: "must be 1...64, not \(workers)")
        }

        // `--threads` is the total: split across the workers.
        var pool = PoolConfiguration(workers: workers, threadsPerWorker: max(1, embedding.threads / workers))
        // `--batch` (embedding.batch_size) and embedding.max_batch_tokens size the requests the
        // pool sends its workers too: one setting for "texts (and tokens) per forward pass",
        // whichever backend embeds. A request is then one forward pass of a worker, and the
        // indexing pipeline's calls are one request each.
        pool.batchSize = min(embedding.batchSize, WorkerProtocol.maxSequences)
        pool.maxBatchTokens = embedding.maxBatchTokens
        if let megabytes = try file.int("index", "worker_memory_limit_mb") { pool.memoryLimitMB = megabytes }
        if let batches = try file.int("index", "worker_max_batches") { pool.restartAfterBatches = batches }
        if let seconds = try file.double("index", "batch_timeout_seconds") { pool.batchTimeoutSeconds = seconds }
        if let seconds = try file.double("index", "spawn_timeout_seconds") { pool.spawnTimeoutSeconds = seconds }
        do { pool = try pool.validated() } catch {
            throw ConfigurationError.invalid(path: file.path ?? "--workers", key: "index", reason: "\(error)")
        }

        var search = SearchConfiguration()
        if let k = try file.double("search", "rrf_k") {
            guard k > 0 else { throw ConfigurationError.invalid(path: file.path ?? "", key: "search.rrf_k", reason: "must be positive") }
            search.fusion.k = k
        }
        for (key, retriever) in [("vector_weight", Retriever.vector), ("keyword_weight", .keyword)] {
            if let weight = try file.double("search", key) {
                guard weight >= 0 else { throw ConfigurationError.invalid(path: file.path ?? "", key: "search.\(key)", reason: "must not be negative") }
                search.fusion.weights[retriever] = weight
            }
        }
        if let candidates = try file.int("search", "candidates") {
            guard candidates >= 1 else { throw ConfigurationError.invalid(path: file.path ?? "", key: "search.candidates", reason: "must be at least 1") }
            search.candidatesPerRetriever = candidates
        }
        if let level = try file.string("search", "fusion") {
            guard let fusionLevel = SearchConfiguration.FusionLevel(rawValue: level) else {
                throw ConfigurationError.invalid(path: file.path ?? "", key: "search.fusion", reason: "must be \"file\" or \"chunk\", not '\(level)'")
            }
            search.fusionLevel = fusionLevel
        }
        if let method = try file.string("search", "fusion_method") {
            guard let fusionMethod = FusionMethod(rawValue: method) else {
                throw ConfigurationError.invalid(path: file.path ?? "", key: "search.fusion_method",
                                                 reason: "must be one of \(FusionMethod.allCases.map(\.rawValue).joined(separator: ", ")), not '\(method)'")
            }
            search.fusionMethod = fusionMethod
        }
        if let rerank = try flags.rerank ?? file.string("search", "rerank") {
            guard let mode = RerankMode(rawValue: rerank) else {
                throw ConfigurationError.invalid(path: flags.rerank != nil ? "--rerank" : file.path ?? "", key: "rerank",
                                                 reason: "'\(rerank)' is not one of \(RerankMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            search.rerank = mode
        }
        search.feedback = try resolveFeedback(file)
        if let depth = try flags.rerankDepth ?? file.int("search", "rerank_depth") {
            guard (1...1_000).contains(depth) else {
                throw ConfigurationError.invalid(path: flags.rerankDepth != nil ? "--rerank-depth" : file.path ?? "", key: "rerank_depth",
                                                 reason: "must be 1...1000, not \(depth)")
            }
            search.rerankDepth = depth
        }
        if let reranker = try file.string("search", "reranker") {
            guard (try? RerankerStore(configuration: modelStore).directory(name: reranker)) != nil else {
                throw ConfigurationError.invalid(path: file.path ?? "", key: "search.reranker",
                                                 reason: "'\(reranker)' is not a hub model name such as \(RerankerStore.defaultName)")
            }
            search.reranker = reranker
        }
        var watch = WatchSettings()
        if let debounce = try flags.debounceMilliseconds ?? file.int("watch", "debounce_ms") {
            guard debounce >= 0, debounce <= 600_000 else {
                throw ConfigurationError.invalid(path: file.path ?? "--debounce-ms", key: "debounce_ms", reason: "must be 0...600000, not \(debounce)")
            }
            watch.debounceMilliseconds = debounce
        }
        if let delay = try file.int("watch", "max_delay_ms") {
            guard delay >= 1 else { throw ConfigurationError.invalid(path: file.path ?? "", key: "watch.max_delay_ms", reason: "must be positive") }
            watch.maxDelayMilliseconds = delay
        }
        if let seconds = try file.int("watch", "rescan_seconds") {
            guard seconds >= 1 else { throw ConfigurationError.invalid(path: file.path ?? "", key: "watch.rescan_seconds", reason: "must be positive") }
            watch.rescanSeconds = seconds
        }
        let searchK = try flags.searchK ?? file.int("search", "k") ?? 10
        guard searchK >= 1, searchK <= search.maxResults else {
            throw ConfigurationError.invalid(path: file.path ?? "-k", key: "k", reason: "must be 1...\(search.maxResults), not \(searchK)")
        }
        let modeName = try flags.searchMode ?? file.string("search", "mode") ?? SearchMode.hybrid.rawValue
        guard let searchMode = SearchMode(rawValue: modeName) else {
            throw ConfigurationError.invalid(path: file.path ?? "--mode", key: "mode",
                                             reason: "'\(modeName)' is not one of \(SearchMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        var ocr = OCRConfiguration()
        if let enabled = try flags.ocrEnabled ?? file.bool("ocr", "enabled") { ocr.enabled = enabled }
        if let languages = try file.strings("ocr", "languages") { ocr.languages = languages }
        if let seconds = try file.double("ocr", "page_timeout_seconds") { ocr.pageTimeoutSeconds = seconds }
        if let processes = try file.int("ocr", "max_processes") { ocr.maxConcurrentProcesses = processes }
        do { ocr = try ocr.validated() } catch {
            throw ConfigurationError.invalid(path: file.path ?? "", key: "ocr.\(error.key)", reason: error.reason)
        }

        var store = StoreLocation.sqlite
        if let value = flags.store {
            store = try StoreLocation.parse(value, source: "--store", environment: environment)
        } else if let value = environment["SEEK_STORE"], !value.isEmpty {
            store = try StoreLocation.parse(value, source: "$SEEK_STORE", environment: environment)
        } else if let value = try file.string("store", "postgres") {
            store = try StoreLocation.parse(value, source: file.path ?? "", environment: environment)
        }

        return SeekSettings(indexDirectory: indexDirectory, modelStore: modelStore, embedding: embedding, indexing: indexing,
                            inProcessEmbedding: inProcess, workers: workers, pool: pool, poolIdleSeconds: poolIdleSeconds, watch: watch,
                            search: search, searchK: searchK, searchMode: searchMode, ocr: ocr, configurationFile: file.path, store: store)
    }

    /// The case of `Choice` named `name`, or `ConfigurationError.invalid` naming where the value
    /// came from (the flag or environment variable `flag`, else the file and key) and every
    /// allowed value.
    static func choice<Choice: RawRepresentable & CaseIterable>(
        _ name: String, of _: Choice.Type, flag: String?, file: ConfigurationFile, key: String
    ) throws -> Choice where Choice.RawValue == String {
        if let value = Choice(rawValue: name) { return value }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        throw ConfigurationError.invalid(path: flag ?? file.path ?? "", key: flag == nil ? key : "",
                                         reason: "'\(name)' is not one of \(allowed)")
    }

    /// The `"prf"` section over `PseudoRelevanceFeedback`'s defaults.
    static func resolveFeedback(_ file: ConfigurationFile) throws -> PseudoRelevanceFeedback {
        var feedback = PseudoRelevanceFeedback()
        if let documents = try file.int("prf", "feedback_docs") { feedback.feedbackDocuments = documents }
        if let terms = try file.int("prf", "terms") { feedback.expansionTerms = terms }
        if let weight = try file.double("prf", "original_weight") { feedback.originalQueryWeight = weight }
        if let repeats = try file.int("prf", "term_repeats") { feedback.termRepeats = repeats }
        if let weight = try file.double("prf", "vector_weight") { feedback.feedbackVectorWeight = weight }
        do { return try feedback.validated() } catch {
            let reason = if case .invalidQuery(let reason) = error { reason } else { "\(error)" }
            throw ConfigurationError.invalid(path: file.path ?? "", key: "prf", reason: reason)
        }
    }

    /// `--config` / SEEK_CONFIG (must exist), else `<index>/config.json`, else
    /// `$XDG_CONFIG_HOME/seek/config.json` (each optional).
    static func loadFile(flags: CommandLineSettings, environment: [String: String], indexDirectory: URL) throws -> ConfigurationFile {
        if let explicit = flags.configPath ?? environment["SEEK_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try ConfigurationFile.load(from: URL(fileURLWithPath: explicit))
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        for candidate in [indexDirectory.appendingPathComponent("config.json"), configHome.appendingPathComponent("seek/config.json")]
        where FileManager.default.fileExists(atPath: candidate.path) {
            return try ConfigurationFile.load(from: candidate)
        }
        return ConfigurationFile()
    }
}
