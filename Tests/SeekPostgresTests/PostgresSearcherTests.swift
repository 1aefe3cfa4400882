import Foundation
import SeekCore
import SeekPostgres
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing

/// `PostgresSearcher` and the BM25 it ranks keywords with, against a real PostgreSQL.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage))
struct PostgresSearcherTests {
    typealias Fixtures = PostgresTestFixtures

    /// A fresh database holding three one-chunk files (every chunk 2 tokens long, so BM25's length
    /// normalisation is 1) and their seeded vectors.
    private func withIndex(_ body: (PostgresIndexStore, _ vectors: [String: [Float]]) async throws -> Void) async throws {
        try await PostgresTestDatabase.with { configuration in
            let store = try await PostgresIndexStore.open(configuration: configuration)
            do {
                try await store.addRoot("/docs")
                var vectors: [String: [Float]] = [:]
                for (seed, (name, text)) in [("a.txt", "boats boats harbour"), ("b.txt", "boats and trains"), ("c.txt", "trains only")].enumerated() {
                    let (document, chunks) = Fixtures.chunks([text])
                    let vector = Fixtures.unitVectors(count: 1, seed: UInt64(seed + 10))
                    try await store.writeIndexedFile(Fixtures.file("/docs/\(name)"), document: document, chunks: chunks, embeddings: vector)
                    vectors[name] = vector[0]
                }
                try await body(store, vectors)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        }
    }

    @Test func bm25ScoresFollowTheFormula() async throws {
        try await withIndex { store, _ in
            let hits = try await store.bm25Search(text: "Boats in the harbour", limit: 10)
            let paths = try await store.chunkPaths(chunkIds: hits.map(\.chunkId))
            #expect(hits.map { paths[$0.chunkId] } == ["/docs/a.txt", "/docs/b.txt"])
            // N = 3 chunks; df(boat) = 2, df(harbour) = 1; tf in a.txt: boat 2, harbour 1.
            func idf(_ df: Double) -> Double { log(1 + (3 - df + 0.5) / (df + 0.5)) }
            func term(_ tf: Double) -> Double { tf * 2.2 / (tf + 1.2) }
            #expect(abs(hits[0].score - (idf(2) * term(2) + idf(1) * term(1))) < 1e-9)
            #expect(abs(hits[1].score - idf(2) * term(1)) < 1e-9)
            // Only stop words: nothing to match, no error.
            #expect(try await store.bm25Search(text: "the and of", limit: 10).isEmpty)
            await #expect(throws: PostgresStoreError.self) { try await store.bm25Search(text: "boats", limit: 0) }
        }
    }

    @Test func eachModeRanksFilesAndHybridFusesBothLists() async throws {
        try await withIndex { store, vectors in
            let searcher = PostgresSearcher(store: store)
            let query = try #require(vectors["c.txt"])
            let vector = try await searcher.search(SearchRequest(query: "harbour", mode: .vector, k: 3), queryVector: query)
            #expect(vector.results.first?.path == "/docs/c.txt")
            #expect(abs((vector.results.first?.score ?? 0) - 1) < 1e-5)
            #expect(vector.results.count == 3)

            let keyword = try await searcher.search(SearchRequest(query: "harbour", mode: .keyword, k: 3), queryVector: nil)
            #expect(keyword.results.map(\.path) == ["/docs/a.txt"])
            #expect(keyword.results.first?.snippet.contains("harbour") == true)
            #expect(keyword.results.first?.foundBy == [.keyword])

            let hybrid = try await searcher.search(SearchRequest(query: "harbour", mode: .hybrid, k: 3), queryVector: query)
            #expect(Set(hybrid.results.prefix(2).map(\.path)) == ["/docs/a.txt", "/docs/c.txt"])
            #expect(hybrid.results.count == 3)

            // The exact scan and the HNSW index agree on a small table.
            let exact = PostgresSearcher(store: store, exactVectors: true)
            let exactRanking = try await exact.rankFiles(SearchRequest(query: "x", mode: .vector, k: 3), queryVector: query)
            let hnswRanking = try await searcher.rankFiles(SearchRequest(query: "x", mode: .vector, k: 3), queryVector: query)
            #expect(exactRanking.map(\.path) == hnswRanking.map(\.path))
        }
    }

    @Test func unsupportedOrInvalidRequestsAreRefused() async throws {
        try await withIndex { store, vectors in
            let searcher = PostgresSearcher(store: store)
            let query = vectors["a.txt"]
            for (request, vector) in [
                (SearchRequest(query: "  ", mode: .keyword), nil),
                (SearchRequest(query: "boats", mode: .keyword, k: 0), nil),
                (SearchRequest(query: "boats", mode: .vector), nil),
                (SearchRequest(query: "boats", mode: .keyword, filter: SearchFilter(fileTypes: ["md"])), nil),
            ] as [(SearchRequest, [Float]?)] {
                await #expect(throws: SearchError.self) { try await searcher.search(request, queryVector: vector) }
            }
            var configuration = SearchConfiguration()
            configuration.rerank = .prf
            await #expect(throws: SearchError.self) {
                try await PostgresSearcher(store: store, configuration: configuration).search(SearchRequest(query: "boats"), queryVector: query)
            }
        }
    }
}
