import Foundation
import SeekBench
import Testing

/// The store benchmark end to end, small: SQLite always, PostgreSQL when `SEEK_TEST_POSTGRES_URL`
/// names a server (its role creates and drops the benchmark's scratch databases).
struct StoreBenchmarkTests {
    static let postgresURL = ProcessInfo.processInfo.environment["SEEK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    @Test func writerSharesCoverEveryFileOnce() {
        #expect(StoreBenchmark.shares(files: 10, processes: 1) == [0..<10])
        #expect(StoreBenchmark.shares(files: 10, processes: 2) == [0..<5, 5..<10])
        #expect(StoreBenchmark.shares(files: 7, processes: 3) == [0..<2, 2..<4, 4..<7])
        #expect(StoreBenchmark.shares(files: 1, processes: 2) == [0..<0, 0..<1])
    }

    @Test func sqliteIngestsSearchesAndReportsRecall() async throws {
        let benchmark = StoreBenchmark(configuration: .init(backend: .sqlite, vectors: 2_000, queries: 20, concurrentVectors: 0))
        let report = try await benchmark.run(executable: nil)
        #expect(report.backend == .sqlite && report.vectors == 2_000 && report.dimension == 384)
        #expect(report.files == 200 && report.chunksPerFile == 10 && report.clusters == 20)
        #expect(report.server == nil && report.hnsw == nil && report.concurrentWriters == nil)
        #expect(report.ingest.chunks == 2_000 && report.ingest.files == 200)
        #expect(report.ingest.chunksPerSecond > 0 && report.ingest.indexBuildSeconds == nil)
        #expect((report.sizes["database"] ?? 0) > 2_000 * 384 * 4)
        #expect(report.search.queries == 20 && report.search.exact.count == 20 && (report.search.loadSeconds ?? 0) > 0)
        let approximate = try #require(report.search.approximate.first)
        #expect(approximate.method == "int8_rescore" && approximate.latency.count == 20)
        // Int8 with exact rescoring finds (nearly) the exact top 10.
        #expect(approximate.recall >= 0.95)
        #expect(report.loadAverage.start.count == 3 || report.loadAverage.start.isEmpty)
    }

    @Test func postgresWithoutAServerSaysHowToGetOne() async throws {
        let benchmark = StoreBenchmark(configuration: .init(backend: .postgres, vectors: 100, concurrentVectors: 0))
        await #expect(throws: StoreBenchmarkError.invalidConfiguration(reason: StoreBenchmark.serverHint)) {
            _ = try await benchmark.run(executable: nil)
        }
        #expect(StoreBenchmark.serverHint.contains(StoreBenchmark.urlEnvironmentKey))
        #expect(StoreBenchmark.serverHint.contains("pg-test-server.sh"))
    }

    @Test(.enabled(if: postgresURL != nil, "Postgres tests skipped: SEEK_TEST_POSTGRES_URL not set (make test starts a server)"))
    func postgresIngestsSearchesAndReportsRecall() async throws {
        let benchmark = StoreBenchmark(configuration: .init(
            backend: .postgres, vectors: 2_000, queries: 20, concurrentVectors: 0, postgresURL: Self.postgresURL))
        let report = try await benchmark.run(executable: nil)
        #expect(report.backend == .postgres && report.vectors == 2_000 && report.dimension == 384)
        let server = try #require(report.server)
        #expect(server.postgresql.first?.isNumber == true && server.pgvector.first?.isNumber == true)
        #expect(server.settings["shared_buffers"] != nil)
        let hnsw = try #require(report.hnsw)
        #expect(hnsw.m == 16 && hnsw.efConstruction == 64 && hnsw.efSearch == [40, 100] && hnsw.build == "incremental")
        #expect(hnsw.buildMaintenanceWorkMemoryMB == nil)
        #expect(report.ingest.chunks == 2_000 && report.ingest.files == 200 && report.ingest.chunksPerSecond > 0)
        #expect((report.sizes["vectors"] ?? 0) > 2_000 * 384 * 4 && (report.sizes["vectors_embedding_hnsw"] ?? 0) > 0)
        #expect(report.search.exact.count == 20 && report.search.loadSeconds == nil)
        #expect(report.search.approximate.map(\.efSearch) == [40, 100])
        #expect(report.search.approximate.allSatisfy { $0.method == "hnsw" && $0.latency.count == 20 })
        // On 2,000 clustered vectors HNSW finds nearly all of the exact top 10, more with a larger ef_search.
        #expect(report.search.approximate.allSatisfy { $0.recall >= 0.8 })
        #expect(report.search.approximate[1].recall >= report.search.approximate[0].recall - 0.02)
    }

    @Test(.enabled(if: postgresURL != nil, "Postgres tests skipped: SEEK_TEST_POSTGRES_URL not set (make test starts a server)"))
    func postgresAfterLoadBuildsTheIndexOnce() async throws {
        let benchmark = StoreBenchmark(configuration: .init(
            backend: .postgres, vectors: 500, queries: 5, efSearch: [40], hnswBuild: .afterLoad, maintenanceWorkMemoryMB: 64,
            concurrentVectors: 0, postgresURL: Self.postgresURL))
        let report = try await benchmark.run(executable: nil)
        #expect(report.hnsw?.build == "after-load" && report.hnsw?.buildMaintenanceWorkMemoryMB == 64)
        #expect((report.ingest.indexBuildSeconds ?? 0) > 0)
        #expect((report.sizes["vectors_embedding_hnsw"] ?? 0) > 0)
        #expect((report.search.approximate.first?.recall ?? 0) >= 0.8)
    }
}
