import Foundation
import SeekCore
import SeekPostgres
import SeekStore

/// The PostgreSQL side: a fresh database per set, dropped at the end whatever happens.
extension StoreBenchmark {
    /// Server settings the report records (they move ingest and search numbers).
    static let reportedSettings = [
        "fsync", "synchronous_commit", "shared_buffers", "work_mem", "maintenance_work_mem", "max_parallel_workers_per_gather",
        "max_parallel_maintenance_workers", "effective_cache_size",
    ]

    func runPostgres(url: String, executable: String?, progress: @escaping @Sendable (String) -> Void) async throws -> StoreBenchmarkReport {
        let c = configuration
        let server = try PostgresStoreConfiguration(url: url)
        let set = self.set
        let (main, concurrent): (MainPhases, StoreBenchmarkReport.ConcurrentWriters?) = try await Self.withFreshDatabase(server: server) { configuration in
            try await postgresMainPhases(configuration, set: set, progress: progress)
        } then: { main in
            guard let executable, c.concurrentVectors > 0 else { return (main, nil) }
            return (main, try await concurrentWriters(executable: executable, progress: progress) { processes in
                try await Self.postgresWriterTarget(
                    server: server, url: url, model: Self.model(dimension: c.dimension), hnswBuild: c.hnswBuild, processes: processes)
            })
        }
        return StoreBenchmarkReport(
            backend: .postgres, vectors: c.vectors, dimension: c.dimension, files: set.files, chunksPerFile: c.chunksPerFile,
            clusters: set.generator.clusters, seed: c.seed, server: main.server,
            hnsw: StoreBenchmarkReport.HNSW(
                m: server.hnswM, efConstruction: server.hnswEfConstruction, efSearch: c.efSearch, build: c.hnswBuild.rawValue,
                buildMaintenanceWorkMemoryMB: c.hnswBuild == .afterLoad ? c.maintenanceWorkMemoryMB : nil),
            ingest: main.ingest, sizes: main.sizes, search: main.search, concurrentWriters: concurrent,
            loadAverage: StoreBenchmarkReport.LoadAverage(start: [], end: []))
    }

    /// What the phases on the main set measured.
    struct MainPhases: Sendable {
        var server: StoreBenchmarkReport.Server
        var ingest: StoreBenchmarkReport.Ingest
        var sizes: [String: Int64]
        var search: StoreBenchmarkReport.Search
    }

    /// Load, (build,) check, sizes and search on the main set in the fresh database of `configuration`.
    private func postgresMainPhases(
        _ configuration: PostgresStoreConfiguration, set: SyntheticStoreFiles, progress: @escaping @Sendable (String) -> Void
    ) async throws -> MainPhases {
        let c = self.configuration
        let model = Self.model(dimension: c.dimension)
        let store = try await PostgresIndexStore.open(configuration: configuration, model: model)
        var searchStores: [PostgresIndexStore] = []
        do {
            let versions = try await store.serverVersions()
            let settings = try await store.serverSettings(Self.reportedSettings)
            try await store.addRoot(SyntheticStoreFiles.root)
            if c.hnswBuild == .afterLoad { try await store.dropVectorIndex() }
            progress("postgres: writing \(set.vectors) chunks in \(set.files) files, one transaction each (HNSW \(c.hnswBuild.rawValue))")
            let written = try await StoreWriter().write(
                0..<set.files, of: set, into: .postgres(store), progress: Self.loadProgress("postgres load", total: set.files, progress))
            var buildSeconds: Double?
            if c.hnswBuild == .afterLoad {
                progress("postgres: building the HNSW index (maintenance_work_mem \(c.maintenanceWorkMemoryMB) MB)")
                let started = ContinuousClock.now
                try await store.buildVectorIndex(maintenanceWorkMemoryMB: c.maintenanceWorkMemoryMB)
                buildSeconds = (ContinuousClock.now - started).seconds
            }
            try await store.analyze()
            let status = try await store.status()
            guard status.chunks == set.vectors, status.vectors == set.vectors, status.files[.indexed] == set.files else {
                throw StoreBenchmarkError.inconsistentIndex(
                    reason: "\(status.chunks) chunks, \(status.vectors) vectors, \(status.files[.indexed] ?? 0) files; wrote \(set.vectors) chunks in \(set.files) files")
            }
            let sizes = try await store.relationSizes()
            for ef in c.efSearch {
                var searchConfiguration = configuration
                searchConfiguration.hnswEfSearch = ef
                searchConfiguration.maxConnections = 1
                searchStores.append(try await PostgresIndexStore.open(configuration: searchConfiguration, model: model))
            }
            progress("postgres: \(c.queries) queries, exact and HNSW at ef_search \(c.efSearch.map(String.init).joined(separator: ", "))")
            let search = try await postgresSearch(exactStore: store, hnswStores: searchStores)
            for searchStore in searchStores { await searchStore.close() }
            await store.close()
            return MainPhases(
                server: StoreBenchmarkReport.Server(postgresql: versions.postgresql, pgvector: versions.pgvector, settings: settings),
                ingest: Self.ingest(written, indexBuildSeconds: buildSeconds), sizes: sizes, search: search)
        } catch {
            for searchStore in searchStores { await searchStore.close() }
            await store.close()
            throw error
        }
    }

    /// Exact and HNSW searches of the same queries, alternating per query.
    private func postgresSearch(exactStore: PostgresIndexStore, hnswStores: [PostgresIndexStore]) async throws -> StoreBenchmarkReport.Search {
        let c = configuration
        var exactTimes: [Double] = []
        var hnswTimes = [[Double]](repeating: [], count: hnswStores.count)
        var recalls = [[Double]](repeating: [], count: hnswStores.count)
        for number in 0..<timedQueries.upperBound {
            let query = self.query(number)
            let started = ContinuousClock.now
            let exact = try await exactStore.vectorSearch(query: query, limit: c.k, exact: true).map(\.chunkId)
            let exactMilliseconds = (ContinuousClock.now - started).milliseconds
            var found: [[Int64]] = []
            var times: [Double] = []
            for store in hnswStores {
                let started = ContinuousClock.now
                found.append(try await store.vectorSearch(query: query, limit: c.k, exact: false).map(\.chunkId))
                times.append((ContinuousClock.now - started).milliseconds)
            }
            guard timedQueries.contains(number) else { continue }
            exactTimes.append(exactMilliseconds)
            for index in hnswStores.indices {
                hnswTimes[index].append(times[index])
                recalls[index].append(RecallAtK.recall(approximate: found[index], exact: exact, k: c.k))
            }
        }
        return StoreBenchmarkReport.Search(
            queries: c.queries, k: c.k, loadSeconds: nil, exact: LatencySummary(milliseconds: exactTimes),
            approximate: hnswStores.indices.map { index in
                StoreBenchmarkReport.ApproximateSearch(
                    method: "hnsw", efSearch: c.efSearch[index], latency: LatencySummary(milliseconds: hnswTimes[index]),
                    recall: RecallAtK.mean(recalls[index]))
            })
    }

    /// A fresh database for `processes` writer processes: created, migrated, the root added, and
    /// like the main load the HNSW index in place while they write (`incremental`, as `seek index`
    /// writes) or dropped (`after-load`); the returned target counts what it holds, validates it
    /// and drops it.
    private static func postgresWriterTarget(
        server: PostgresStoreConfiguration, url: String, model: ModelMarker, hnswBuild: HNSWBuild, processes: Int
    ) async throws -> WriterTarget {
        let name = freshDatabaseName()
        try await createDatabase(name, server: server)
        do {
            var writable = server
            writable.database = name
            writable.namespace = namespace
            let configuration = writable
            let store = try await PostgresIndexStore.open(configuration: configuration, model: model)
            do {
                try await store.addRoot(SyntheticStoreFiles.root)
                if hnswBuild == .afterLoad { try await store.dropVectorIndex() }
                await store.close()
            } catch {
                await store.close()
                throw error
            }
            return WriterTarget(
                job: StoreWriter.Job(backend: .postgres, database: name, namespace: namespace, vectors: 0, chunksPerFile: 0, dimension: 0,
                                     clusters: 0, seed: 0, firstFile: 0, fileCount: 0),
                environment: [urlEnvironmentKey: url],
                count: {
                    let store = try await PostgresIndexStore.open(configuration: configuration, model: model)
                    do {
                        let status = try await store.status()
                        let report = try await store.validate(sampleSize: 100)
                        await store.close()
                        guard report.isValid else {
                            throw StoreBenchmarkError.inconsistentIndex(reason: "\(report)")
                        }
                        return (status.chunks, status.files[.indexed] ?? 0)
                    } catch {
                        await store.close()
                        throw error
                    }
                },
                remove: { try await PostgresServerAdministration.dropDatabase(name, server: server) })
        } catch {
            try? await PostgresServerAdministration.dropDatabase(name, server: server)
            throw error
        }
    }

    /// `seek_bench_` and 16 random hex digits.
    static func freshDatabaseName() -> String {
        "seek_bench_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))
    }

    /// Creates `name`, explaining a refusal (the usual cause: no CREATEDB privilege).
    static func createDatabase(_ name: String, server: PostgresStoreConfiguration) async throws {
        do {
            try await PostgresServerAdministration.createDatabase(name, server: server)
        } catch {
            throw StoreBenchmarkError.invalidConfiguration(
                reason: "cannot create the scratch database \(name) (the benchmark needs a role with CREATEDB): \(error)")
        }
    }

    /// Runs `body` on a fresh database, drops it, then runs `then` (which makes its own).
    static func withFreshDatabase<Main: Sendable, Result>(
        server: PostgresStoreConfiguration, _ body: (PostgresStoreConfiguration) async throws -> Main, then: (Main) async throws -> Result
    ) async throws -> Result {
        let name = freshDatabaseName()
        try await createDatabase(name, server: server)
        var configuration = server
        configuration.database = name
        configuration.namespace = namespace
        let main: Main
        do {
            main = try await body(configuration)
        } catch {
            try? await PostgresServerAdministration.dropDatabase(name, server: server)
            throw error
        }
        try await PostgresServerAdministration.dropDatabase(name, server: server)
        return try await then(main)
    }
}
