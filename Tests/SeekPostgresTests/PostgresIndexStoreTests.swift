import Foundation
import SeekCore
import SeekPostgres
import SeekStore
import SeekTestSupport
import Testing

/// The store against a real PostgreSQL with pgvector, each test in its own database.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage))
struct PostgresIndexStoreTests {
    typealias Fixtures = PostgresTestFixtures

    /// Opens a store on a fresh database, runs `body`, closes the store.
    private func withStore(namespace: String = "test-host", _ body: (PostgresIndexStore) async throws -> Void) async throws {
        try await PostgresTestDatabase.with(namespace: namespace) { configuration in
            let store = try await PostgresIndexStore.open(configuration: configuration)
            do {
                try await body(store)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        }
    }

    /// Writes `texts` as the chunks of `path` with seeded unit vectors; returns the vectors.
    @discardableResult
    private func write(
        _ store: PostgresIndexStore, _ path: String, _ texts: [String], seed: UInt64 = 1, hash: String = "h1"
    ) async throws -> [[Float]] {
        let (document, chunks) = Fixtures.chunks(texts)
        let vectors = Fixtures.unitVectors(count: texts.count, seed: seed)
        try await store.writeIndexedFile(Fixtures.file(path, hash: hash), document: document, chunks: chunks, embeddings: vectors)
        return vectors
    }

    @Test func migrationsAreIdempotentAndTheModelMarkerIsChecked() async throws {
        try await PostgresTestDatabase.with { configuration in
            let first = try await PostgresIndexStore.open(configuration: configuration)
            try await first.addRoot("/docs")
            await first.close()
            let second = try await PostgresIndexStore.open(configuration: configuration)
            let status = try await second.status()
            #expect(status.schemaVersion == 3)
            #expect(status.roots == 1)
            await second.close()

            await #expect(throws: PostgresStoreError.modelMismatch(
                indexModel: ModelMarker.miniLML6V2.id, indexDimension: 384, expectedModel: "other/model", expectedDimension: 768)
            ) {
                _ = try await PostgresIndexStore.open(configuration: configuration, model: ModelMarker(id: "other/model", dimension: 768))
            }
        }
    }

    @Test func concurrentFirstOpensMigrateOnce() async throws {
        try await PostgresTestDatabase.with { configuration in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let store = try await PostgresIndexStore.open(configuration: configuration)
                        await store.close()
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func writtenFileReadsBack() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            let vectors = try await write(store, "/docs/guide.md", ["Alpha text about boats. ", "Beta text on trains. ", "Gamma notes."])

            let states = try await store.fileStates(rootPath: "/docs")
            let state = try #require(states["/docs/guide.md"])
            #expect(state.status == .indexed)
            #expect(state.chunkCount == 3)
            #expect(state.contentHash == "h1")
            #expect(state.size == 100 && state.mtime == 1_700_000_000)

            let cached = try await store.cachedEmbeddings(textHashes: ["hash-Beta text on trains. ", "unknown"])
            #expect(cached == ["hash-Beta text on trains. ": vectors[1]])
            #expect(try await store.cachedEmbeddings(textHashes: ["hash-Gamma notes."], precision: "bf16").isEmpty)

            let hits = try await store.vectorSearch(query: vectors[2], limit: 1, exact: true)
            let hit = try #require(hits.first)
            #expect(abs(hit.score - 1) < 1e-5)
            let details = try await store.chunkDetails(chunkIds: [hit.chunkId, 999_999])
            #expect(details.count == 1)
            let detail = try #require(details[hit.chunkId])
            #expect(detail.text == "Gamma notes.")
            #expect(detail.path == "/docs/guide.md")
            #expect(detail.title == "A Guide")
            #expect(detail.ordinal == 2)
            #expect(detail.page == 3)
            #expect(detail.headingPath == ["Guide", "Part 2"])
            #expect(detail.fileExtension == "md")

            let status = try await store.status()
            #expect(status.roots == 1 && status.files == [.indexed: 1] && status.chunks == 3 && status.vectors == 3)
            #expect(status.writeGeneration == 2)
            let report = try await store.validate()
            #expect(report.isValid)
            #expect(report.sampledVectors == 3)
        }
    }

    @Test func rewritingAFileReplacesItsChunks() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            try await write(store, "/docs/a.md", ["old zebra text", "old walrus text", "old narwhal text"], seed: 1, hash: "v1")
            let oldIds = try await store.keywordSearch(query: "zebra", limit: 10).map(\.chunkId)
            #expect(oldIds.count == 1)
            try await write(store, "/docs/a.md", ["new falcon text", "new osprey text"], seed: 2, hash: "v2")

            #expect(try await store.keywordSearch(query: "zebra", limit: 10).isEmpty)
            #expect(try await store.chunkDetails(chunkIds: oldIds).isEmpty)
            #expect(try await store.keywordSearch(query: "falcon", limit: 10).count == 1)
            let status = try await store.status()
            #expect(status.chunks == 2 && status.vectors == 2 && status.files == [.indexed: 1])
            #expect(try await store.fileStates(rootPath: "/docs")["/docs/a.md"]?.contentHash == "v2")
            #expect(try await store.validate().isValid)

            // A file that then fails keeps no chunks.
            try await store.writeUnindexedFile(Fixtures.file("/docs/a.md", hash: "v3"), status: .failed, reason: "unreadable")
            let after = try await store.status()
            #expect(after.chunks == 0 && after.files == [.failed: 1])
            #expect(try await store.fileStates(rootPath: "/docs")["/docs/a.md"]?.reason == "unreadable")
        }
    }

    @Test func invalidVectorsAreRejectedAndNothingIsWritten() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            let good = try await write(store, "/docs/kept.md", ["kept text"])
            let (document, chunks) = Fixtures.chunks(["first", "second"])
            var notUnit = Fixtures.unitVectors(count: 2, seed: 9)
            notUnit[1] = notUnit[1].map { $0 * 2 }
            var notFinite = Fixtures.unitVectors(count: 2, seed: 9)
            notFinite[0][5] = .nan
            let cases: [[[Float]]] = [
                notUnit, notFinite, [good[0], Array(good[0].prefix(100))], [good[0]],
            ]
            for embeddings in cases {
                for path in ["/docs/new.md", "/docs/kept.md"] {
                    let error = await #expect(throws: PostgresStoreError.self) {
                        try await store.writeIndexedFile(Fixtures.file(path, hash: "bad"), document: document, chunks: chunks, embeddings: embeddings)
                    }
                    guard case .invalidData(_, let failedPath, _) = error else {
                        Issue.record("expected invalidData, got \(String(describing: error))")
                        continue
                    }
                    #expect(failedPath == path)
                }
            }
            let status = try await store.status()
            #expect(status.files == [.indexed: 1] && status.chunks == 1 && status.vectors == 1)
            #expect(try await store.fileStates(rootPath: "/docs")["/docs/kept.md"]?.contentHash == "h1")

            await #expect(throws: PostgresStoreError.rootNotFound(namespace: "test-host", path: "/elsewhere")) {
                let (document, chunks) = Fixtures.chunks(["x"])
                try await store.writeIndexedFile(
                    Fixtures.file("/elsewhere/x.md", root: "/elsewhere"), document: document, chunks: chunks,
                    embeddings: Fixtures.unitVectors(count: 1, seed: 3))
            }
        }
    }

    @Test func exactSearchMatchesBruteForceAndHNSWRecallsIt() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            let count = 400
            var vectorsByChunk: [Int64: [Float]] = [:]
            // Four files of 100 chunks each, so the index holds several files' rows.
            for file in 0..<4 {
                let texts = (0..<100).map { "file \(file) chunk \($0)" }
                let vectors = try await write(store, "/docs/f\(file).txt", texts, seed: UInt64(100 + file))
                let hits = try await store.keywordSearch(query: "\"file \(file)\"", limit: 1000)
                let details = try await store.chunkDetails(chunkIds: hits.map(\.chunkId))
                for (id, detail) in details where detail.path == "/docs/f\(file).txt" {
                    vectorsByChunk[id] = vectors[detail.ordinal]
                }
            }
            #expect(vectorsByChunk.count == count)

            let queries = Fixtures.unitVectors(count: 20, seed: 7)
            var recalled = 0
            for query in queries {
                let exact = try await store.vectorSearch(query: query, limit: 10, exact: true)
                let brute = Self.bruteForceTop(10, query: query, vectors: vectorsByChunk)
                #expect(exact.map(\.chunkId) == brute.map(\.id))
                for (hit, expected) in zip(exact, brute) {
                    #expect(abs(hit.score - expected.score) < 1e-4)
                }
                let approximate = try await store.vectorSearch(query: query, limit: 10, exact: false)
                #expect(approximate.count == 10)
                recalled += Set(approximate.map(\.chunkId)).intersection(exact.map(\.chunkId)).count
            }
            let recall = Double(recalled) / Double(queries.count * 10)
            #expect(recall >= 0.9, "HNSW recall@10 \(recall)")
        }
    }

    /// The `count` best chunks by inner product computed in Double, ties by ascending id.
    private static func bruteForceTop(_ count: Int, query: [Float], vectors: [Int64: [Float]]) -> [(id: Int64, score: Double)] {
        var scored: [(id: Int64, score: Double)] = []
        for (id, vector) in vectors {
            var score = 0.0
            for index in vector.indices {
                score += Double(query[index]) * Double(vector[index])
            }
            scored.append((id: id, score: score))
        }
        scored.sort { lhs, rhs in lhs.score != rhs.score ? lhs.score > rhs.score : lhs.id < rhs.id }
        return Array(scored.prefix(count))
    }

    /// Data the server refuses (a NUL in a title: 22021) fails that file with the server's words
    /// in `writeFiles`; the files around it are written and the run goes on.
    @Test func aFileTheServerRefusesFailsAloneInABatch() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            var writes: [FileWrite] = []
            for (index, title) in ["Fine", "Bad\u{0}title", "Also fine"].enumerated() {
                var (document, chunks) = Fixtures.chunks(["text \(index)"])
                document.title = title
                writes.append(.indexed(Fixtures.file("/docs/\(index).md"), document: document, chunks: chunks,
                                       embeddings: Fixtures.unitVectors(count: 1, seed: UInt64(index)), vectorPrecision: "fp32"))
            }
            let refusals = try await store.writeFiles(writes)
            #expect(refusals[0] == nil && refusals[2] == nil)
            #expect(refusals[1]?.contains("PostgreSQL refused the file's data (22021)") == true, "\(refusals)")
            let status = try await store.status()
            #expect(status.files == [.indexed: 2] && status.chunks == 2)
        }
    }

    @Test func keywordSearchRanksTheMatchingChunkFirst() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            try await write(store, "/docs/a.md", [
                "Cooking pasta needs salted water.",
                "The HNSW index in pgvector answers approximate nearest neighbour queries; the index is a graph.",
                "Trains run on rails, and an index of trains lists them.",
            ])
            let hits = try await store.keywordSearch(query: "pgvector indexes", limit: 10)
            let first = try #require(hits.first)
            #expect(hits.count == 1)
            #expect(try await store.chunkDetails(chunkIds: [first.chunkId])[first.chunkId]?.ordinal == 1)
            let either = try await store.keywordSearch(query: "index", limit: 10)
            #expect(either.count == 2)
            #expect(try await store.chunkDetails(chunkIds: [either[0].chunkId])[either[0].chunkId]?.ordinal == 1)
            #expect(either[0].score > either[1].score)
            #expect(try await store.keywordSearch(query: "\"nearest neighbour\" -pasta", limit: 10).count == 1)
            #expect(try await store.keywordSearch(query: "submarine", limit: 10).isEmpty)
        }
    }

    @Test func concurrentWritersOfOnePathLeaveExactlyOneVersion() async throws {
        try await PostgresTestDatabase.with { configuration in
            let stores = [
                try await PostgresIndexStore.open(configuration: configuration),
                try await PostgresIndexStore.open(configuration: configuration),
            ]
            try await stores[0].addRoot("/docs")
            for round in 0..<5 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (writer, store) in stores.enumerated() {
                        let texts = (0..<(3 + writer * 4)).map { "round \(round) writer \(writer) chunk \($0)" }
                        let (document, chunks) = Fixtures.chunks(texts)
                        let vectors = Fixtures.unitVectors(count: texts.count, seed: UInt64(round * 10 + writer))
                        group.addTask {
                            try await store.writeIndexedFile(
                                Fixtures.file("/docs/shared.md", hash: "w\(writer)"), document: document, chunks: chunks, embeddings: vectors)
                        }
                    }
                    try await group.waitForAll()
                }
                let state = try #require(try await stores[1].fileStates(rootPath: "/docs")["/docs/shared.md"])
                let status = try await stores[1].status()
                #expect(status.files == [.indexed: 1])
                #expect(status.chunks == state.chunkCount && status.vectors == state.chunkCount)
                #expect(state.chunkCount == (state.contentHash == "w0" ? 3 : 7))
                let writer = state.contentHash == "w0" ? 0 : 1
                #expect(try await stores[1].keywordSearch(query: "\"round \(round) writer \(writer)\"", limit: 100).count == state.chunkCount)
                #expect(try await stores[1].validate().isValid)
            }
            for store in stores { await store.close() }
        }
    }

    @Test func writesNotifyListenersWithTheWriteGeneration() async throws {
        try await PostgresTestDatabase.with { configuration in
            let store = try await PostgresIndexStore.open(configuration: configuration)
            let connection = try await PostgresTestDatabase.connect(configuration)
            let payloads = try await connection.listen(on: "seek_index_changed") { notifications in
                try await store.addRoot("/docs")
                try await write(store, "/docs/a.md", ["listened"])
                // A rejected write notifies nobody: its transaction never started.
                _ = try? await store.writeIndexedFile(
                    Fixtures.file("/docs/b.md"), document: ExtractedDocument(text: "b"), chunks: [], embeddings: [[1]])
                try await store.removeFiles(paths: ["/docs/a.md"])
                var payloads: [String] = []
                for try await notification in notifications {
                    payloads.append(notification.payload)
                    if payloads.count == 3 { break }
                }
                return payloads
            }
            #expect(payloads == ["1", "2", "3"])
            #expect(try await store.writeGeneration() == 3)
            try await connection.close()
            await store.close()
        }
    }

    @Test func connectsThroughAUnixSocket() async throws {
        try await PostgresTestDatabase.with { configuration in
            let directory = try #require(try await PostgresTestDatabase.unixSocketDirectory(configuration), "the test server has no Unix socket")
            let local = PostgresStoreConfiguration(
                unixSocketDirectory: directory, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database, namespace: configuration.namespace)
            #expect(local.host == nil)
            let store = try await PostgresIndexStore.open(configuration: local)
            try await store.addRoot("/docs")
            #expect(try await store.status().roots == 1)
            await store.close()
        }
    }

    @Test func removeFilesDeletesOnlyTheGivenPaths() async throws {
        try await withStore { store in
            try await store.addRoot("/docs")
            try await write(store, "/docs/a.md", ["one", "two"])
            try await write(store, "/docs/b.md", ["three"])
            let removed = try await store.removeFiles(paths: ["/docs/a.md", "/docs/missing.md", "/docs/a.md"])
            #expect(removed == RemovedCounts(files: 1, chunks: 2))
            #expect(Set(try await store.fileStates(rootPath: "/docs").keys) == ["/docs/b.md"])
            let status = try await store.status()
            #expect(status.chunks == 1 && status.vectors == 1)
            #expect(try await store.removeFiles(paths: []) == RemovedCounts(files: 0, chunks: 0))
            #expect(try await store.validate().isValid)
        }
    }

    @Test func namespacesKeepHostsWithTheSamePathsApart() async throws {
        try await PostgresTestDatabase.with(namespace: "host-a") { configuration in
            var otherHost = configuration
            otherHost.namespace = "host-b"
            let a = try await PostgresIndexStore.open(configuration: configuration)
            let b = try await PostgresIndexStore.open(configuration: otherHost)
            let rootA = try await a.addRoot("/docs")
            let rootB = try await b.addRoot("/docs")
            #expect(rootA != rootB)
            try await write(a, "/docs/same.md", ["from host a"])
            #expect(try await b.fileStates(rootPath: "/docs").isEmpty)
            try await write(b, "/docs/same.md", ["from host b", "second"])
            #expect(try await a.fileStates(rootPath: "/docs")["/docs/same.md"]?.chunkCount == 1)
            #expect(try await b.removeFiles(paths: ["/docs/same.md"]) == RemovedCounts(files: 1, chunks: 2))
            #expect(try await a.status().chunks == 1)
            await a.close()
            await b.close()
        }
    }
}
