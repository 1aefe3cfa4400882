import Foundation
import SeekTestSupport
import Testing

/// `seek bench store`: the real binary, its JSON, and its writer processes.
struct BenchStoreCommandTests {
    static let postgresURL = ProcessInfo.processInfo.environment["SEEK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Checks what both backends report alike; returns the report.
    private func checkCommon(_ result: SeekProcess.Result, backend: String) throws -> [String: Any] {
        try #require(result.status == 0, "\(result.standardError)")
        let report = try result.json()
        #expect(report["backend"] as? String == backend)
        #expect(report["vectors"] as? Int == 2_000 && report["dimension"] as? Int == 384 && report["files"] as? Int == 200)
        let machine = try #require(report["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) >= 1)
        let ingest = try #require(report["ingest"] as? [String: Any])
        #expect(ingest["chunks"] as? Int == 2_000 && (ingest["chunks_per_second"] as? Double ?? 0) > 0)
        #expect((ingest["files_per_second"] as? Double ?? 0) > 0)
        let search = try #require(report["search"] as? [String: Any])
        let exact = try #require(search["exact"] as? [String: Any])
        #expect(exact["count"] as? Int == 10 && (exact["p50_ms"] as? Double ?? 0) > 0)
        #expect((exact["p95_ms"] as? Double ?? 0) >= (exact["p50_ms"] as? Double ?? 0))
        // One writer process, then two, each on a fresh index holding the set exactly once.
        let concurrent = try #require(report["concurrent_writers"] as? [String: Any])
        #expect(concurrent["vectors"] as? Int == 1_000)
        let runs = try #require(concurrent["runs"] as? [[String: Any]])
        #expect(runs.map { $0["processes"] as? Int } == [1, 2])
        #expect(runs.allSatisfy { $0["chunks_stored"] as? Int == 1_000 && $0["files_stored"] as? Int == 100 })
        #expect(runs.map { ($0["writers"] as? [Any])?.count } == [1, 2])
        #expect((concurrent["speedup"] as? Double ?? 0) > 0)
        #expect((report["sizes"] as? [String: Any])?["database"] as? Int ?? 0 > 0)
        return report
    }

    @Test func sqliteBackendReportsIngestSearchAndWriterProcesses() throws {
        let fixture = try CLIFixture()
        let result = try SeekProcess.run(
            ["bench", "store", "--backend", "sqlite", "--vectors", "2000", "--queries", "10", "--concurrent-vectors", "1000", "--json"],
            in: fixture.directory)
        let report = try checkCommon(result, backend: "sqlite")
        let approximate = try #require((report["search"] as? [String: Any])?["approximate"] as? [[String: Any]])
        #expect(approximate.map { $0["method"] as? String } == ["int8_rescore"])
        #expect((approximate.first?["recall@10"] as? Double ?? 0) >= 0.95)
        #expect(report["server"] == nil || report["server"] is NSNull)
    }

    @Test func postgresBackendWithoutAServerSaysHowToGetOne() throws {
        let fixture = try CLIFixture()
        let result = try SeekProcess.run(
            ["bench", "store", "--backend", "postgres", "--vectors", "100", "--json"], in: fixture.directory,
            environment: ["SEEK_BENCH_POSTGRES_URL": ""])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--url") && result.standardError.contains("SEEK_BENCH_POSTGRES_URL"))
        #expect(result.standardError.contains("pg-test-server.sh"))
    }

    @Test(.enabled(if: postgresURL != nil, "Postgres tests skipped: SEEK_TEST_POSTGRES_URL not set (make test starts a server)"))
    func postgresBackendReportsHNSWExactAndWriterProcesses() throws {
        let fixture = try CLIFixture()
        let result = try SeekProcess.run(
            ["bench", "store", "--backend", "postgres", "--vectors", "2000", "--queries", "10", "--concurrent-vectors", "1000",
             "--json"],
            in: fixture.directory, environment: ["SEEK_BENCH_POSTGRES_URL": Self.postgresURL ?? ""])
        let report = try checkCommon(result, backend: "postgres")
        let server = try #require(report["server"] as? [String: Any])
        #expect((server["postgresql"] as? String ?? "").first?.isNumber == true)
        #expect((server["pgvector"] as? String ?? "").first?.isNumber == true)
        let hnsw = try #require(report["hnsw"] as? [String: Any])
        #expect(hnsw["m"] as? Int == 16 && hnsw["ef_construction"] as? Int == 64 && hnsw["ef_search"] as? [Int] == [40, 100])
        #expect(hnsw["build"] as? String == "incremental")
        let approximate = try #require((report["search"] as? [String: Any])?["approximate"] as? [[String: Any]])
        #expect(approximate.map { $0["ef_search"] as? Int } == [40, 100])
        #expect(approximate.allSatisfy { ($0["recall@10"] as? Double ?? 0) >= 0.8 })
        let sizes = try #require(report["sizes"] as? [String: Any])
        #expect((sizes["vectors_embedding_hnsw"] as? Int ?? 0) > 0)
    }

    @Test(.enabled(if: postgresURL != nil, "Postgres tests skipped: SEEK_TEST_POSTGRES_URL not set (make test starts a server)"))
    func postgresAfterLoadWritersWriteWithoutTheIndexThenItIsBuilt() throws {
        let fixture = try CLIFixture()
        let result = try SeekProcess.run(
            ["bench", "store", "--backend", "postgres", "--vectors", "500", "--queries", "5", "--hnsw-build", "after-load",
             "--maintenance-work-mem-mb", "64", "--concurrent-vectors", "200", "--json"],
            in: fixture.directory, environment: ["SEEK_BENCH_POSTGRES_URL": Self.postgresURL ?? ""])
        try #require(result.status == 0, "\(result.standardError)")
        let report = try result.json()
        let hnsw = try #require(report["hnsw"] as? [String: Any])
        #expect(hnsw["build"] as? String == "after-load" && hnsw["build_maintenance_work_mem_mb"] as? Int == 64)
        #expect(((report["ingest"] as? [String: Any])?["index_build_seconds"] as? Double ?? 0) > 0)
        let runs = try #require((report["concurrent_writers"] as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(runs.map { $0["processes"] as? Int } == [1, 2])
        #expect(runs.allSatisfy { $0["chunks_stored"] as? Int == 200 && $0["files_stored"] as? Int == 20 })
    }
}
