import Foundation
import SeekPostgres
import SeekTestSupport
import Testing

/// The same command-line scenarios against both stores (`StoreBackend`): two indexers at once,
/// an indexer killed mid-run.
@Suite(.serialized)
struct StoreBackendCommandTests {
    typealias Backend = StoreBackend

    private func withStore(_ backend: Backend, count: Int,
                           _ body: (TemporaryDirectory, [String], PostgresStoreConfiguration?) async throws -> Void) async throws {
        try await backend.withStore(count: count, body)
    }

    private func seek(_ arguments: [String], in scratch: TemporaryDirectory) throws -> SeekProcess.Result {
        try SeekProcess.run(arguments, in: scratch.url)
    }

    /// Indexed files, chunks and vectors as `seek status` reports them, checked for agreement with
    /// `seek validate` and (PostgreSQL) with independent SQL.
    private func checkedCounts(_ store: [String], _ configuration: PostgresStoreConfiguration?, in scratch: TemporaryDirectory) async throws
        -> (files: Int, chunks: Int) {
        let status = try seek(["status", "--json"] + store, in: scratch).json()
        let files = (status["files"] as? [String: Int])?["indexed"] ?? -1
        let chunks = status["chunks"] as? Int ?? -1
        #expect(status["vectors"] as? Int == chunks)
        let validate = try seek(["validate", "--json"] + store, in: scratch)
        #expect(validate.status == 0, "\(validate.output)")
        if let configuration {
            #expect(try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM chunks") == chunks)
            #expect(try await PostgresTestDatabase.count(configuration, "SELECT coalesce(sum(chunk_count), 0)::int8 FROM files") == chunks)
        }
        return (files, chunks)
    }

    @Test(arguments: Backend.available)
    func twoIndexersAtOnceEmbedEveryFileOnce(_ backend: Backend) async throws {
        try await withStore(backend, count: 60) { scratch, store, configuration in
            let docs = scratch.file("docs").path
            let runs = try (0..<2).map { _ in try SeekProcess.start(["index", docs, "--json"] + store, in: scratch.url) }
            let results = runs.map { $0.wait() }
            for result in results { #expect(result.status == 0, "\(result.standardError)") }
            // SQLite: the second waits for the writer lock and finds everything done; PostgreSQL:
            // the two split the files through their claims. Either way each file is embedded once.
            let reports = try results.map { try $0.json() }
            let indexed = reports.map { $0["files_indexed"] as? Int ?? 0 }
            let elsewhere = reports.map { $0["files_indexed_elsewhere"] as? Int ?? 0 }
            let unchanged = reports.map { $0["files_unchanged"] as? Int ?? 0 }
            #expect(indexed.reduce(0, +) == 60, "indexed \(indexed), elsewhere \(elsewhere), unchanged \(unchanged)")
            for run in 0..<2 { #expect(indexed[run] + elsewhere[run] + unchanged[run] == 60) }
            let counts = try await checkedCounts(store, configuration, in: scratch)
            #expect(counts.files == 60)
            #expect(counts.chunks == reports.map { $0["chunks"] as? Int ?? 0 }.reduce(0, +))
        }
    }

    /// The bugs Seek was written against, on both stores: a changed file is re-indexed and its
    /// old chunks are gone, a deleted file leaves nothing behind, a corrupt file is failed with its
    /// reason and never counted as indexed, and a hostile file name is just a name.
    @Test(arguments: Backend.available)
    func changesRemovalsAndFailuresLeaveExactlyWhatIsOnDisk(_ backend: Backend) async throws {
        try await withStore(backend, count: 12) { scratch, store, configuration in
            let docs = scratch.file("docs").path
            func index() throws -> [String: Any] {
                let run = try seek(["index", docs, "--json", "--in-process"] + store, in: scratch)
                #expect(run.status == 0, "\(run.standardError)")
                return try run.json()
            }
            #expect(try index()["files_indexed"] as? Int == 12)
            let start = try await checkedCounts(store, configuration, in: scratch)

            let long = (0..<60).map { "Paragraph \($0) on the boundary layer of a swept wing at transonic speed, with its shock and separation." }
            try scratch.write(long.joined(separator: "\n\n"), to: "docs/long.txt")
            let hostile = "it's \"quoted\"; DROP TABLE files; -- ⚠.txt"
            try scratch.write("zeppelin mooring masts", to: "docs/\(hostile)")
            try scratch.write("%PDF-1.7\n this is not a PDF at all \u{0}\u{1}", to: "docs/broken.pdf")
            try FileManager.default.removeItem(at: scratch.file("docs/2.txt"))
            let changed = try index()
            #expect(changed["files_indexed"] as? Int == 2)
            #expect(changed["files_removed"] as? Int == 1)
            #expect(changed["files_failed"] as? Int == 1)
            let failure = (changed["failures"] as? [[String: String]])?.first
            #expect(failure?["path"]?.hasSuffix("docs/broken.pdf") == true && !(failure?["reason"] ?? "").isEmpty, "\(String(describing: failure))")
            let grown = try await checkedCounts(store, configuration, in: scratch)
            #expect(grown.files == 13)
            let status = try seek(["status", "--json"] + store, in: scratch).json()
            #expect((status["files"] as? [String: Int])?["failed"] == 1)
            let longChunks = grown.chunks - start.chunks + 1 // 2.txt had one chunk, the hostile file has one
            #expect(longChunks >= 3, "the long file is several chunks (\(grown.chunks) vs \(start.chunks))")

            // The long file shrinks to one line: its old chunks go with the old version.
            try scratch.write("One line about a swept wing.", to: "docs/long.txt")
            #expect(try index()["files_indexed"] as? Int == 1)
            let shrunk = try await checkedCounts(store, configuration, in: scratch)
            #expect(shrunk.chunks == grown.chunks - longChunks + 1)
            let found = try seek(["search", "zeppelin mooring", "--mode", "keyword", "--json"] + store, in: scratch).json()
            #expect((found["results"] as? [[String: Any]])?.first?["path"] as? String == scratch.file("docs/\(hostile)").path)

            // The corrupt file removed: no failure is left.
            try FileManager.default.removeItem(at: scratch.file("docs/broken.pdf"))
            #expect(try index()["files_removed"] as? Int == 1)
            let after = try seek(["status", "--json"] + store, in: scratch).json()
            #expect((after["files"] as? [String: Int])?["failed"] == 0)
        }
    }

    @Test(arguments: Backend.available)
    func anIndexerKilledMidRunLeavesAValidIndexAndTheNextRunCompletes(_ backend: Backend) async throws {
        try await withStore(backend, count: 300) { scratch, store, configuration in
            let docs = scratch.file("docs").path
            let run = try SeekProcess.start(["index", docs, "--json"] + store, in: scratch.url)
            // Killed once a few files are committed (rows in PostgreSQL, or the live status file).
            // The test's own tasks can be starved for seconds on a loaded 2-core CI machine, long
            // enough for the whole run to end unseen; so a plain thread freezes the indexer
            // (SIGSTOP) every 100 ms and it stays frozen until the count has been read: the run
            // cannot get ahead of the check, however late the check runs.
            let liveStatus = scratch.file("idx/status.json")
            let written: @Sendable () async -> Int = {
                if let configuration {
                    return (try? await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM files")) ?? 0
                }
                let status = try? Data(contentsOf: liveStatus)
                let live = status.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                return ((live?["stages"] as? [String: Any])?["write"] as? [String: Any])?["files"] as? Int ?? 0
            }
            let killedMidRun = await ProcessFreezer.kill(run.process, when: { await written() >= 5 }, within: .seconds(300))
            #expect(killedMidRun, "the run ended before it could be killed")
            _ = run.wait()
            let killed = try await checkedCounts(store, configuration, in: scratch)
            #expect(killed.files >= 1 && killed.files < 300, "killed after \(killed.files) files")

            let resumed = try seek(["index", docs, "--json"] + store, in: scratch)
            #expect(resumed.status == 0, "\(resumed.standardError)")
            let report = try resumed.json()
            #expect((report["files_indexed"] as? Int ?? 0) + (report["files_unchanged"] as? Int ?? 0) == 300)
            #expect(report["files_unchanged"] as? Int ?? 0 >= killed.files)
            let final = try await checkedCounts(store, configuration, in: scratch)
            #expect(final.files == 300)
        }
    }
}

/// `seek eval` on both stores: the same dataset, chunks and model give the same vector quality.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage), .serialized)
struct StoreBackendEvaluationTests {
    /// The first 60 Cranfield documents with the queries judged against them (as `EvalCommandTests`).
    private func writeDataset(into scratch: TemporaryDirectory) throws {
        let source = ProjectFixtures.cranfield
        let corpus = try String(contentsOf: source.appendingPathComponent("corpus.jsonl"), encoding: .utf8).split(separator: "\n").prefix(60)
        let ids = Set(try corpus.map { (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["_id"] as? String ?? "" })
        let qrels = try String(contentsOf: source.appendingPathComponent("qrels/test.tsv"), encoding: .utf8).split(separator: "\n")
        let kept = qrels.dropFirst().filter { line in
            let fields = line.split(separator: "\t")
            return fields.count == 3 && ids.contains(String(fields[1])) && (Int(fields[2]) ?? 0) > 0
        }
        try scratch.write(corpus.joined(separator: "\n") + "\n", to: "mini/corpus.jsonl")
        try scratch.write(String(contentsOf: source.appendingPathComponent("queries.jsonl"), encoding: .utf8), to: "mini/queries.jsonl")
        try scratch.write(([qrels[0]] + kept).joined(separator: "\n") + "\n", to: "mini/qrels/test.tsv")
    }

    @Test func postgresMatchesSQLiteOnVectorsAndReportsHNSWRecall() async throws {
        let scratch = try TemporaryDirectory("seek-eval-stores")
        defer { scratch.remove() }
        try writeDataset(into: scratch)
        let environment = ["XDG_CACHE_HOME": scratch.file("cache").path, "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let sqlite = try SeekProcess.run(["eval", "mini", "--json", "--in-process"], in: scratch.url, environment: environment)
        try #require(sqlite.status == 0, "\(sqlite.standardError)")
        let sqliteModes = try #require(try sqlite.json()["modes"] as? [String: [String: Double]])
        try await PostgresTestDatabase.with(namespace: "unused") { configuration in
            let url = PostgresTestDatabase.url(of: configuration)
            let run = try SeekProcess.run(["eval", "mini", "--json", "--in-process", "--store", url], in: scratch.url, environment: environment)
            try #require(run.status == 0, "\(run.standardError)")
            let report = try run.json()
            let modes = try #require(report["modes"] as? [String: [String: Double]])
            #expect(Set(modes.keys) == ["vector", "keyword", "hybrid"])
            let vector = try #require(modes["vector"]?["ndcg@10"])
            #expect(abs(vector - (sqliteModes["vector"]?["ndcg@10"] ?? -1)) < 0.01)
            // BM25 over tsvector against FTS5's: close, not equal (stemmers and length differ).
            #expect(abs((modes["hybrid"]?["ndcg@10"] ?? -1) - (sqliteModes["hybrid"]?["ndcg@10"] ?? -2)) < 0.05)
            let postgres = try #require(report["postgres"] as? [String: Any])
            #expect((postgres["hnsw_recall@10"] as? Double ?? 0) >= 0.95)
            #expect(Set(((postgres["exact"] as? [String: Any]) ?? [:]).keys) == ["vector", "hybrid"])
            #expect((postgres["store"] as? String)?.contains("seek-eval-mini-") == true)

            // A database that holds another index is refused: its files would join the rankings.
            let other = try SeekProcess.run(["index", scratch.file("mini").path, "--store", url, "--in-process", "--json"], in: scratch.url,
                                            environment: environment)
            #expect(other.status == 0, "\(other.standardError)")
            let refused = try SeekProcess.run(["eval", "mini", "--json", "--in-process", "--store", url], in: scratch.url, environment: environment)
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("needs a PostgreSQL database of its own"), "\(refused.standardError)")
        }
    }
}
