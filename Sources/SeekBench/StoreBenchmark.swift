import Foundation
import SeekCore
import SeekStore

/// `seek bench store` (issue 18's scale benchmark): N synthetic chunks written through a store's
/// real write API one file per transaction, then search latency and recall, then one writer
/// process against two on a fresh set. Two backends: PostgreSQL with pgvector (HNSW and exact
/// search on the server) and Seek's SQLite index (vectors loaded into memory, exact Float32 scan
/// and Int8 scan with rescoring), for comparison.
///
/// It cleans up after itself: PostgreSQL runs use fresh databases (`seek_bench_<random>`, the
/// role needs CREATEDB) that are dropped at the end, SQLite runs a temporary directory.
public struct StoreBenchmark: Sendable {
    public enum Backend: String, Sendable, Codable, CaseIterable {
        case postgres
        case sqlite
    }

    /// When the HNSW index is built.
    public enum HNSWBuild: String, Sendable, Codable, CaseIterable {
        /// The index exists while rows arrive (every insert grows the graph), as with `seek index`.
        case incremental
        /// Dropped before the load and built once afterwards: a bulk load's fastest path.
        case afterLoad = "after-load"
    }

    public struct Configuration: Sendable, Equatable {
        public var backend: Backend
        /// Chunks (and vectors) of the main set. Default 100,000.
        public var vectors: Int
        public var chunksPerFile: Int
        public var dimension: Int
        /// Clusters of the vectors; nil: one per 100 vectors.
        public var clusters: Int?
        public var seed: UInt64
        /// Timed queries per method. Default 200 (after `warmupQueries` untimed ones).
        public var queries: Int
        public var warmupQueries: Int
        /// Results per query. Default 10.
        public var k: Int
        /// PostgreSQL: the `hnsw.ef_search` values measured. Default 40 and 100.
        public var efSearch: [Int]
        public var hnswBuild: HNSWBuild
        /// PostgreSQL: `maintenance_work_mem` of an after-load build, in MB. Default 2048.
        public var maintenanceWorkMemoryMB: Int
        /// Size of the fresh set of the one-versus-two writer processes run; 0 skips it.
        /// Default: min(vectors, 50,000). PostgreSQL: the writers write with the HNSW index in
        /// place or not, as `hnswBuild` says (its after-load build is not part of their time).
        public var concurrentVectors: Int
        /// Writer processes of the concurrent run. Default 2.
        public var concurrentProcesses: Int
        /// PostgreSQL: the server (any database on it; the role needs CREATEDB). Its `hnsw_m`,
        /// `hnsw_ef_construction` parameters set the index's.
        public var postgresURL: String?

        public init(
            backend: Backend, vectors: Int = 100_000, chunksPerFile: Int = 10, dimension: Int = 384, clusters: Int? = nil,
            seed: UInt64 = 42, queries: Int = 200, warmupQueries: Int = 5, k: Int = 10, efSearch: [Int] = [40, 100],
            hnswBuild: HNSWBuild = .incremental, maintenanceWorkMemoryMB: Int = 2048, concurrentVectors: Int? = nil,
            concurrentProcesses: Int = 2, postgresURL: String? = nil
        ) {
            self.backend = backend
            self.vectors = vectors
            self.chunksPerFile = chunksPerFile
            self.dimension = dimension
            self.clusters = clusters
            self.seed = seed
            self.queries = queries
            self.warmupQueries = warmupQueries
            self.k = k
            self.efSearch = efSearch
            self.hnswBuild = hnswBuild
            self.maintenanceWorkMemoryMB = maintenanceWorkMemoryMB
            self.concurrentVectors = concurrentVectors ?? min(vectors, 50_000)
            self.concurrentProcesses = concurrentProcesses
            self.postgresURL = postgresURL
        }
    }

    /// The namespace every benchmark file is written in.
    public static let namespace = "seek-bench"

    /// The environment variable naming the PostgreSQL server, for the command and its writers.
    public static let urlEnvironmentKey = "SEEK_BENCH_POSTGRES_URL"

    /// How to get a server, for the error when none is given.
    public static let serverHint = """
        no PostgreSQL server: pass --url postgres://user@host:port/db or set \(urlEnvironmentKey) \
        (the role needs CREATEDB and the server the pgvector extension). A throw-away local one: \
        ./scripts/pgvector-server-install.sh, then url=$(./scripts/pg-test-server.sh start DIR) ... \
        ./scripts/pg-test-server.sh stop DIR
        """

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The model marker of synthetic vectors of `dimension` (MiniLM's for 384).
    static func model(dimension: Int) -> ModelMarker {
        dimension == ModelMarker.miniLML6V2.dimension ? .miniLML6V2 : ModelMarker(id: "seek-bench/synthetic", dimension: dimension)
    }

    /// The main set.
    var set: SyntheticStoreFiles {
        SyntheticStoreFiles(
            vectors: configuration.vectors, chunksPerFile: configuration.chunksPerFile, dimension: configuration.dimension,
            clusters: configuration.clusters, seed: configuration.seed)
    }

    /// The fresh set of the concurrent-writers run (another seed, so nothing is shared with the main set).
    var concurrentSet: SyntheticStoreFiles {
        SyntheticStoreFiles(
            vectors: configuration.concurrentVectors, chunksPerFile: configuration.chunksPerFile, dimension: configuration.dimension,
            clusters: configuration.clusters.map { min($0, max(1, configuration.concurrentVectors)) }, seed: configuration.seed &+ 1)
    }

    /// Runs every phase. `executable` is the `seek` binary the writer processes run (nil skips
    /// the concurrent-writers run); `progress` gets a line per phase and step.
    public func run(executable: String?, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> StoreBenchmarkReport {
        let c = configuration
        guard c.vectors >= c.k, c.k >= 1, c.chunksPerFile >= 1, c.dimension >= 1, c.queries >= 1, c.warmupQueries >= 0 else {
            throw StoreBenchmarkError.invalidConfiguration(
                reason: "needs vectors >= k >= 1, chunks per file, a dimension and queries >= 1 (vectors \(c.vectors), k \(c.k), queries \(c.queries))")
        }
        guard c.concurrentVectors >= 0, c.concurrentProcesses >= 2 || c.concurrentVectors == 0 else {
            throw StoreBenchmarkError.invalidConfiguration(reason: "the concurrent run needs at least 2 processes")
        }
        guard c.efSearch.allSatisfy({ (1...1000).contains($0) }), !c.efSearch.isEmpty else {
            throw StoreBenchmarkError.invalidConfiguration(reason: "ef_search values must be in 1...1000, got \(c.efSearch)")
        }
        let loadAtStart = StoreBenchmarkReport.currentLoadAverage()
        var report: StoreBenchmarkReport
        switch c.backend {
        case .postgres:
            guard let url = c.postgresURL, !url.isEmpty else { throw StoreBenchmarkError.invalidConfiguration(reason: Self.serverHint) }
            report = try await runPostgres(url: url, executable: executable, progress: progress)
        case .sqlite:
            report = try await runSQLite(executable: executable, progress: progress)
        }
        report.loadAverage = StoreBenchmarkReport.LoadAverage(start: loadAtStart, end: StoreBenchmarkReport.currentLoadAverage())
        return report
    }

    /// The timed queries' numbers (after the warm-up ones).
    var timedQueries: Range<Int> { configuration.warmupQueries..<(configuration.warmupQueries + configuration.queries) }

    /// Query `number` of the main set.
    func query(_ number: Int) -> [Float] {
        set.generator.query(number, vectors: configuration.vectors)
    }

    /// The ingest summary of a writer's report.
    static func ingest(_ report: StoreWriter.Report, indexBuildSeconds: Double?) -> StoreBenchmarkReport.Ingest {
        StoreBenchmarkReport.Ingest(
            files: report.files, chunks: report.chunks, seconds: report.seconds,
            chunksPerSecond: Double(report.chunks) / max(report.seconds, 1e-9), filesPerSecond: Double(report.files) / max(report.seconds, 1e-9),
            generateSeconds: report.generateSeconds, indexBuildSeconds: indexBuildSeconds)
    }

    /// A progress callback for a load of `total` files.
    static func loadProgress(_ label: String, total: Int, _ progress: @escaping @Sendable (String) -> Void) -> (Int) -> Void {
        let started = ContinuousClock.now
        return { done in
            let seconds = (ContinuousClock.now - started).seconds
            progress(String(format: "%@: %d/%d files (%.0f%%), %.0f files/s", label, done, total,
                            Double(done) / Double(max(total, 1)) * 100, Double(done) / max(seconds, 1e-9)))
        }
    }
}
