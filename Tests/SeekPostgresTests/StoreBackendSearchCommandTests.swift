import Foundation
import SeekPostgres
import SeekTestSupport
import Testing

/// `seek search` scenarios against both stores (`StoreBackend`): filters, their warnings and
/// cross-encoder reranking behave the same on SQLite and PostgreSQL, and with the same vectors
/// both stores rank the same files.
@Suite(.serialized)
struct StoreBackendSearchCommandTests {
    /// The 40 Cranfield abstracts of `SearchCommandTests` plus two Markdown notes, indexed into
    /// `backend`; `seek` runs a command on that index with the test model and `cache` as the
    /// cache folder (where a fetched cross-encoder goes).
    private func withIndexedStore(_ backend: StoreBackend, hubEndpoint: URL? = nil,
                                  _ body: (_ seek: ([String]) throws -> SeekProcess.Result, TemporaryDirectory) async throws -> Void) async throws {
        try await backend.withStore(count: 40) { scratch, store, _ in
            try scratch.write("""
                # Sourdough

                Feed the starter the night before. Let the dough rise for six hours at room temperature,
                then shape the loaf and bake it in a hot Dutch oven.
                """, to: "docs/notes/bread.md")
            try scratch.write("The boundary layer separates near the trailing edge of the wing.", to: "docs/notes/wing.md")
            let model = try ModelLocation.testModelDirectory().path
            var environment = ["XDG_CACHE_HOME": scratch.file("cache").path]
            if let hubEndpoint { environment["SEEK_HUB_ENDPOINT"] = hubEndpoint.absoluteString }
            let seek = { (arguments: [String]) throws -> SeekProcess.Result in
                try SeekProcess.run(arguments + store + ["--model-dir", model], in: scratch.url, environment: environment)
            }
            let index = try seek(["index", "docs", "--json", "--in-process"])
            try #require(index.status == 0, "\(index.standardError)")
            try await body(seek, scratch)
        }
    }

    private func paths(_ result: SeekProcess.Result) throws -> [String] {
        try #require(result.status == 0, "\(result.standardError)")
        return try #require(try result.json()["results"] as? [[String: Any]]).compactMap { $0["path"] as? String }
    }

    @Test(arguments: StoreBackend.available)
    func filtersApplyStillFillKAndExplainWhatCannotMatch(_ backend: StoreBackend) async throws {
        try await withIndexedStore(backend) { seek, _ in
            for mode in ["hybrid", "vector", "keyword"] {
                let markdown = try paths(try seek(["search", "pressure on a wing", "--type", "md", "-k", "5", "--mode", mode, "--json"]))
                if mode == "keyword" {
                    #expect(markdown.allSatisfy { $0.hasSuffix(".md") }, "\(mode)")
                } else {
                    #expect(markdown.count == 2 && markdown.allSatisfy { $0.hasSuffix(".md") }, "\(mode): \(markdown)")
                }
            }
            let notes = try paths(try seek(["search", "aerodynamics", "--path", "docs/notes", "--json"]))
            #expect(notes.count == 2 && notes.allSatisfy { $0.contains("/docs/notes/") }, "\(notes)")
            #expect(try paths(try seek(["search", "aerodynamics", "--type", "txt", "-k", "12", "--json"])).count == 12)
            #expect(try paths(try seek(["search", "wing", "--after", "2999-01-01", "--json"])).isEmpty)
            #expect(try paths(try seek(["search", "wing", "--before", "2000-01-01T00:00:00Z", "--json"])).isEmpty)
            #expect(try paths(try seek(["search", "wing", "--after", "2000-01-01", "-k", "42", "--mode", "vector", "--json"])).count == 42)

            let unknownType = try seek(["search", "wing", "--type", "docx", "--json"])
            #expect(try unknownType.json()["warnings"] as? [String] == ["no indexed file has the type 'docx' (types in the index: md, txt)"])
            let outside = try seek(["search", "wing", "--path", "/nowhere/at/all", "--json"])
            #expect((try outside.json()["warnings"] as? [String])?.first?.hasPrefix("/nowhere/at/all is not inside any indexed root") == true)
            let fine = try seek(["search", "wing", "--type", "md", "--json"]).json()
            #expect(fine["warnings"] as? [String] == [])
            let badType = try seek(["search", "wing", "--type", ".", "--json"])
            #expect(badType.status != 0 && badType.standardError.contains("extension"), "\(badType.standardError)")
        }
    }

    @Test(arguments: StoreBackend.available)
    func crossEncoderRerankingReordersTheTopFiles(_ backend: StoreBackend) async throws {
        let hubRoot = try TemporaryDirectory("seek-hub")
        defer { hubRoot.remove() }
        let hub = hubRoot.file("test-owner/tiny-cross-encoder/resolve")
        try FileManager.default.createDirectory(at: hub, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: hub.appendingPathComponent("main"),
                                                   withDestinationURL: ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder"))
        let server = try LocalHTTPServer(root: hubRoot.url)
        defer { server.stop() }
        try await withIndexedStore(backend, hubEndpoint: server.baseURL) { seek, scratch in
            let missing = try seek(["search", "boundary layer", "--rerank", "cross-encoder", "--json"])
            #expect(missing.status != 0 && missing.standardError.contains("seek model fetch --reranker"), "\(missing.standardError)")
            let fetched = try seek(["model", "fetch", "--reranker", "test-owner/tiny-cross-encoder", "--json"])
            try #require(fetched.status == 0, "\(fetched.standardError)")
            let config = scratch.file("config.json")
            try Data(#"{"search": {"reranker": "test-owner/tiny-cross-encoder", "rerank_depth": 5}}"#.utf8).write(to: config)
            for mode in ["hybrid", "vector"] {
                let before = try paths(try seek(["search", "boundary layer", "-k", "8", "--mode", mode, "--json", "--config", config.path]))
                let after = try paths(try seek(["search", "boundary layer", "-k", "8", "--mode", mode, "--rerank", "cross-encoder",
                                                "--json", "--config", config.path]))
                #expect(after.count == 8)
                // The top 5 are the same files, reordered; the rest keep the first stage's order.
                #expect(Set(after.prefix(5)) == Set(before.prefix(5)), "\(mode)")
                #expect(Array(after.dropFirst(5)) == Array(before.dropFirst(5)), "\(mode)")
                // With a filter, reranking keeps to the filtered files.
                let filtered = try paths(try seek(["search", "boundary layer", "--type", "md", "--mode", mode, "--rerank", "cross-encoder",
                                                   "--json", "--config", config.path]))
                #expect(filtered.count == 2 && filtered.allSatisfy { $0.hasSuffix(".md") }, "\(mode): \(filtered)")
            }
            let prf = try seek(["search", "boundary layer", "--rerank", "prf", "--json"])
            if backend == .postgres {
                #expect(prf.status != 0 && prf.standardError.contains("not supported on a PostgreSQL index"), "\(prf.standardError)")
            } else {
                #expect(prf.status == 0, "\(prf.standardError)")
            }
        }
    }

    /// Vector rankings depend only on the vectors, which are the same in both stores: with
    /// filters and with reranking, SQLite and PostgreSQL (HNSW) return the same files in the same order.
    @Test(.enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage))
    func vectorRankingsAreTheSameOnBothStores() async throws {
        let queries: [[String]] = [
            ["search", "boundary layer transition", "-k", "20"],
            ["search", "heat transfer at high speed", "-k", "10", "--type", "txt"],
            ["search", "bread", "-k", "5", "--path", "docs/notes"],
            ["search", "wing pressure", "-k", "15", "--after", "2000-01-01"],
        ].map { $0 + ["--mode", "vector", "--json"] }
        var rankings: [StoreBackend: [[String]]] = [:]
        for backend in StoreBackend.allCases {
            try await withIndexedStore(backend) { seek, scratch in
                // Paths relative to the scratch folder: each backend has its own.
                rankings[backend] = try queries.map { query in
                    try paths(try seek(query)).map { String($0.dropFirst(scratch.url.path.count)) }
                }
            }
        }
        #expect(rankings[.sqlite]?.map(\.count) == [20, 10, 2, 15])
        #expect(rankings[.sqlite] == rankings[.postgres])
    }
}
