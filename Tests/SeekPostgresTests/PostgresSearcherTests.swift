import Foundation
import SeekCore
import SeekEmbedding
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
                (SearchRequest(query: "boats", mode: .keyword, filter: SearchFilter(tag: "travel")), nil),
                (SearchRequest(query: "boats", mode: .keyword, filter: SearchFilter(linkedFrom: "/docs/a.txt")), nil),
                (SearchRequest(query: "boats", mode: .keyword, filter: SearchFilter(fileTypes: ["."])), nil),
            ] as [(SearchRequest, [Float]?)] {
                await #expect(throws: SearchError.self) { try await searcher.search(request, queryVector: vector) }
            }
            var configuration = SearchConfiguration()
            configuration.rerank = .prf
            await #expect(throws: SearchError.self) {
                try await PostgresSearcher(store: store, configuration: configuration).search(SearchRequest(query: "boats"), queryVector: query)
            }
            // Cross-encoder reranking without a cross-encoder says how to get one.
            configuration.rerank = .crossEncoder
            await #expect {
                try await PostgresSearcher(store: store, configuration: configuration).search(SearchRequest(query: "boats"), queryVector: query)
            } throws: { error in
                "\(error)".contains("seek model fetch --reranker")
            }
        }
    }

    /// 300 one-chunk files in folders whose names are prefixes of one another, with `%` and `_` in
    /// them, extensions in several cases (and none), a spread of modification times; 4 Markdown files.
    private static let filterCorpus: [(path: String, mtime: Double)] = (0..<300).map { number in
        let folder = ["/docs/a", "/docs/ab", "/docs/a_b%", "/docs/aXbY", "/docs/x.d"][number % 5]
        let name = switch number {
        case 7, 111, 222, 299: "note\(number).md"
        case 13: "README.MD"
        case 14: ".bashrc"
        case 18: "archive\(number).TAR.GZ"
        case 19: "file"
        default: "doc\(number).txt"
        }
        return ("\(folder)/\(name)", 1_600_000_000 + Double(number) * 86_400)
    }

    private func withFilterIndex(_ body: (PostgresIndexStore, [(path: String, mtime: Double, vector: [Float])]) async throws -> Void) async throws {
        try await PostgresTestDatabase.with { configuration in
            let store = try await PostgresIndexStore.open(configuration: configuration)
            do {
                try await store.addRoot("/docs")
                let vectors = Fixtures.unitVectors(count: Self.filterCorpus.count, seed: 42)
                var files: [(path: String, mtime: Double, vector: [Float])] = []
                for ((path, mtime), vector) in zip(Self.filterCorpus, vectors) {
                    let (document, chunks) = Fixtures.chunks(["report on \(path.split(separator: "/").last ?? "") wings"])
                    try await store.writeIndexedFile(Fixtures.file(path, mtime: mtime), document: document, chunks: chunks, embeddings: [vector])
                    files.append((path, mtime, vector))
                }
                try await body(store, files)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        }
    }

    @Test func filtersKeepTheSameFilesAsOnSQLiteAndStillFillK() async throws {
        try await withFilterIndex { store, files in
            let day = 86_400.0
            let filters: [SearchFilter] = [
                SearchFilter(pathPrefix: "/docs/a"),
                SearchFilter(pathPrefix: "/docs/a_b%/"),
                SearchFilter(fileTypes: ["md"]),
                SearchFilter(fileTypes: [".GZ", "txt"]),
                SearchFilter(pathPrefix: "/docs/x.d", fileTypes: ["txt"]),
                SearchFilter(modifiedAfter: Date(timeIntervalSince1970: 1_600_000_000 + 250 * day)),
                SearchFilter(modifiedAfter: Date(timeIntervalSince1970: 1_600_000_000 + 10 * day),
                             modifiedBefore: Date(timeIntervalSince1970: 1_600_000_000 + 30 * day)),
                SearchFilter(paths: ["/docs/a/doc0.txt", "/docs/ab/doc1.txt", "/docs/nowhere.txt"]),
                SearchFilter(pathPrefix: "/docs/none"),
            ]
            let query = Fixtures.unitVectors(count: 1, seed: 7)[0]
            for filter in filters {
                let validated = try filter.validated()
                // Which files the filter keeps, by the SQLite searcher's own rule.
                let kept = files.filter { file in
                    validated.matches(ChunkFileMap.File(id: 0, path: file.path, fileExtension: Self.fileExtension(file.path), mtime: file.mtime))
                }
                let expected = kept.sorted {
                    let (a, b) = (zip($0.vector, query).reduce(0) { $0 + $1.0 * $1.1 }, zip($1.vector, query).reduce(0) { $0 + $1.0 * $1.1 })
                    return a > b
                }.prefix(10).map(\.path)
                for exact in [true, false] {
                    let searcher = PostgresSearcher(store: store, exactVectors: exact)
                    let ranked = try await searcher.rankFiles(SearchRequest(query: "q", mode: .vector, k: 10, filter: filter), queryVector: query)
                    #expect(ranked.count == min(10, kept.count), "\(filter) exact \(exact)")
                    #expect(ranked.allSatisfy { path in kept.contains { $0.path == path.path } }, "\(filter) exact \(exact)")
                    if exact { #expect(ranked.map(\.path) == Array(expected), "\(filter)") }
                }
                // Keywords: every chunk says "report", so the filter alone decides which files come back.
                let keyword = try await PostgresSearcher(store: store).rankFiles(
                    SearchRequest(query: "report", mode: .keyword, k: 400, filter: filter), queryVector: nil)
                #expect(Set(keyword.map(\.path)) == Set(kept.map(\.path)), "\(filter)")
            }
            // A selective filter on a larger k than ef_search keeps the HNSW answer complete.
            let markdown = try await PostgresSearcher(store: store).rankFiles(
                SearchRequest(query: "q", mode: .vector, k: 100, filter: SearchFilter(fileTypes: ["md"])), queryVector: query)
            #expect(Set(markdown.map(\.path)) == Set(files.map(\.path).filter { $0.lowercased().hasSuffix(".md") }))
            // Filters no file can meet are explained.
            let response = try await PostgresSearcher(store: store).search(
                SearchRequest(query: "report", mode: .keyword, filter: SearchFilter(pathPrefix: "/elsewhere", fileTypes: ["docx"])), queryVector: nil)
            #expect(response.results.isEmpty)
            #expect(response.warnings.count == 2)
            #expect(response.warnings.first?.hasPrefix("no indexed file has the type 'docx' (types in the index: gz, md, txt)") == true)
        }
    }

    /// With thousands of other files a filtered query may be answered by the HNSW walk, which
    /// finds the nearest vectors first and filters them after: here the 1,500 files nearest the
    /// query are all filtered out (newer than the cutoff), and the search still returns k files
    /// that pass the filter (pgvector's iterative scan, or the exact fallback). A selective filter
    /// (5 Markdown files of 3,305) returns all 5 in the exact order.
    @Test func filteredSearchesOnALargerIndexStillFillK() async throws {
        try await withFilterIndex { store, _ in
            let cutoff = 1_650_000_000.0
            // Odd fillers: old, random directions. Even fillers: new, all close to the first axis.
            try await PostgresTestDatabase.administer(store.configuration, """
                WITH f AS (
                    INSERT INTO files (root_id, namespace, path, size, mtime, status, chunk_count, indexed_at, updated_at)
                    SELECT r.id, r.namespace, '/docs/bulk/filler' || g || '.txt', 10, CASE WHEN g % 2 = 0 THEN 1700000000 ELSE 1600000000 END,
                           'indexed', 1, 0, 0
                    FROM (SELECT id, namespace FROM roots ORDER BY id LIMIT 1) AS r, generate_series(1, 3005) AS g
                    RETURNING id, path
                ), c AS (
                    INSERT INTO chunks (file_id, ordinal, text, start_offset, end_offset, heading_path, token_count, text_hash)
                    SELECT id, 0, path, 0, 6, '[]', 1, 'filler-' || id FROM f
                    RETURNING id, text
                )
                INSERT INTO vectors (chunk_id, embedding)
                SELECT c.id, (
                    SELECT array_agg(CASE WHEN substring(c.text from '([0-9]+)\\.txt$')::int % 2 = 0
                                          THEN 0.01 * (random() - 0.5) + CASE WHEN d = 1 THEN 1 ELSE 0 END
                                          ELSE random() - 0.5 END)
                    FROM generate_series(1, \(Fixtures.dimension)) AS d
                )::vector FROM c
                """)
            try await PostgresTestDatabase.administer(store.configuration, "ANALYZE")
            #expect(try await PostgresTestDatabase.count(store.configuration, "SELECT count(*)::int8 FROM vectors") == 3_305)
            let axis = (0..<Fixtures.dimension).map { $0 == 0 ? Float(1) : 0 }
            let old = SearchRequest(query: "q", mode: .vector, k: 10, filter: SearchFilter(modifiedBefore: Date(timeIntervalSince1970: cutoff)))
            let unfiltered = try await PostgresSearcher(store: store).rankFiles(SearchRequest(query: "q", mode: .vector, k: 10), queryVector: axis)
            #expect(unfiltered.allSatisfy { $0.path.hasPrefix("/docs/bulk/") }, "the new fillers are the nearest")
            let hnsw = try await PostgresSearcher(store: store).rankFiles(old, queryVector: axis)
            let exact = try await PostgresSearcher(store: store, exactVectors: true).rankFiles(old, queryVector: axis)
            #expect(hnsw.count == 10 && exact.count == 10)
            let newPaths = try await store.chunkPaths(chunkIds: unfiltered.map(\.best.chunkId))
            #expect(Set(hnsw.map(\.path)).isDisjoint(with: Set(newPaths.values)))
            let oldFiles = Set(Self.filterCorpus.map(\.path)).union((1...3005).filter { $0 % 2 == 1 }.map { "/docs/bulk/filler\($0).txt" })
            #expect(hnsw.allSatisfy { oldFiles.contains($0.path) })

            // On a table this small the planner sorts the kept vectors itself rather than walk the HNSW
            // graph. With sorting priced out (a new connection pool), it must walk the graph: still 10.
            try await PostgresTestDatabase.administer(store.configuration,
                                                      "ALTER DATABASE \(store.configuration.database) SET enable_sort = off")
            let walking = try await PostgresIndexStore.open(configuration: store.configuration)
            do {
                let walked = try await PostgresSearcher(store: walking).rankFiles(old, queryVector: axis)
                #expect(walked.count == 10 && walked.allSatisfy { oldFiles.contains($0.path) }, "\(walked.map(\.path))")
                await walking.close()
            } catch {
                await walking.close()
                throw error
            }

            let markdown = SearchRequest(query: "q", mode: .vector, k: 10, filter: SearchFilter(fileTypes: ["md"]))
            let markdownHNSW = try await PostgresSearcher(store: store).rankFiles(markdown, queryVector: axis)
            let markdownExact = try await PostgresSearcher(store: store, exactVectors: true).rankFiles(markdown, queryVector: axis)
            #expect(markdownHNSW.count == 5)
            #expect(markdownHNSW.map(\.path) == markdownExact.map(\.path))
        }
    }

    /// The extension as the SQLite index computes it (`IndexReadAccess.fileExtension`).
    private static func fileExtension(_ path: String) -> String {
        guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    @Test func crossEncoderRerankingReordersTheTopFilesByTheSharedRule() async throws {
        try await withFilterIndex { store, files in
            let reranker = try CrossEncoder(modelDirectory: ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder"))
            let query = Fixtures.unitVectors(count: 1, seed: 9)[0]
            let request = SearchRequest(query: "report on wings", mode: .hybrid, k: 12)
            let firstStage = try await PostgresSearcher(store: store).rankFiles(request, queryVector: query)
            var configuration = SearchConfiguration()
            configuration.rerank = .crossEncoder
            configuration.rerankDepth = 8
            let searcher = PostgresSearcher(store: store, configuration: configuration, reranker: reranker)
            let reranked = try await searcher.rankFiles(request, queryVector: query)
            let top = Array(firstStage.prefix(8))
            let details = try await store.chunkDetails(chunkIds: top.map(\.best.chunkId))
            #expect(reranked.prefix(8).map(\.path) == (try configuration.crossEncoderReranked(request.query, top, details: details, reranker: reranker)).map(\.path))
            #expect(Set(reranked.prefix(8).map(\.path)) == Set(top.map(\.path)))
            #expect(Array(reranked.dropFirst(8).map(\.path)) == Array(firstStage.dropFirst(8).map(\.path)))
            // The cross-encoder changed something (the texts differ by file name only, but its scores do).
            #expect(reranked.prefix(8).map(\.best.score) != top.map(\.best.score))
            #expect(files.count == 300)
        }
    }
}
