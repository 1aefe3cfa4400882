import Foundation
import GRDB
import SeekCore
import SeekStore
import Testing

struct IndexReaderTests {
    @Test func fileStatesDescribeEveryFileOfTheRoot() throws {
        let fixture = try IndexFixture()
        let a = try fixture.writeFile("a.md", texts: ["one", "two"])
        try fixture.writer.writeUnindexedFile(IndexFixture.file("b.pdf"), status: .failed, reason: "broken")
        try fixture.writeFile("c.md", texts: ["elsewhere"], root: "/data/other")

        let states = try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)
        #expect(states.keys.sorted() == ["/data/notes/a.md", "/data/notes/b.pdf"])
        #expect(states[a.file.path] == FileState(
            size: a.file.size, mtime: a.file.mtime, contentHash: a.file.contentHash, parser: "markdown", parserVersion: "1",
            status: .indexed, chunkCount: 2))
        #expect(states["/data/notes/b.pdf"]?.status == .failed)
        #expect(throws: StoreError.rootNotFound(path: "/data/missing")) { try fixture.indexingReader.fileStates(rootPath: "/data/missing") }
    }

    @Test func embeddingCacheReturnsStoredVectorsAcrossBatches() throws {
        // Tiny batches so the lookup spans several statements.
        let fixture = try IndexFixture(configuration: StoreConfiguration(maxVariablesPerStatement: 3))
        let texts = (0..<10).map { "chunk text number \($0)" }
        let a = try fixture.writeFile("a.md", texts: Array(texts.prefix(6)))
        let b = try fixture.writeFile("b.md", texts: Array(texts.suffix(4)) + ["chunk text number 0"])

        let wanted = texts.map { ContentHash.sha256Hex($0) } + [ContentHash.sha256Hex("never stored"), ContentHash.sha256Hex(texts[2])]
        let cached = try fixture.indexingReader.cachedEmbeddings(textHashes: wanted)
        #expect(cached.count == 10)
        #expect(cached[ContentHash.sha256Hex("never stored")] == nil)
        for (chunk, embedding) in zip(a.chunks + b.chunks, a.embeddings + b.embeddings) {
            #expect(cached[chunk.textHash]?.map(\.bitPattern) == embedding.map(\.bitPattern))
        }
        #expect(try fixture.indexingReader.cachedEmbeddings(textHashes: []).isEmpty)
    }

    @Test func embeddingCacheSpansTheDefaultBatchLimit() throws {
        let fixture = try IndexFixture()
        let texts = (0..<1_200).map { "cached \($0)" }
        let written = try fixture.writeFile("big.md", texts: texts)
        let cached = try fixture.indexingReader.cachedEmbeddings(textHashes: written.chunks.map(\.textHash))
        #expect(cached.count == 1_200)
        #expect(cached[written.chunks[1_111].textHash] == written.embeddings[1_111])
    }

    @Test func statusSummaryCountsEverything() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["one", "two", "three"])
        try fixture.writeFile("b.md", texts: ["four"], root: "/data/b")
        try fixture.writer.writeUnindexedFile(IndexFixture.file("c.pdf"), status: .failed, reason: "broken")
        try fixture.writer.writeUnindexedFile(IndexFixture.file("d.bin"), status: .skipped, reason: "binary")
        try fixture.writer.writeUnindexedFile(IndexFixture.file("e.bin"), status: .skipped, reason: "binary")

        let summary = try fixture.catalogReader.statusSummary()
        #expect(summary.roots.map(\.path) == ["/data/b", "/data/notes"])
        #expect(summary.filesByStatus == [.indexed: 2, .failed: 1, .skipped: 2])
        #expect(summary.fileCount == 5)
        #expect(summary.chunkCount == 4 && summary.vectorCount == 4)
        #expect(summary.model == .miniLML6V2)
        let files = [fixture.store.databaseURL.path, fixture.store.databaseURL.path + "-wal"]
        let onDisk = try files.filter { FileManager.default.fileExists(atPath: $0) }
            .map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? NSNumber }
            .reduce(Int64(0)) { $0 + ($1?.int64Value ?? 0) }
        #expect(summary.databaseBytes == onDisk)
    }

    @Test func filesAreSortedByPathAndFilterable() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("z.md", texts: ["zed"])
        try fixture.writer.writeUnindexedFile(IndexFixture.file("m.pdf"), status: .failed, reason: "no text layer")
        try fixture.writeFile("b.md", texts: ["bee", "bee two"])
        try fixture.writer.writeUnindexedFile(IndexFixture.file("a.bin", parser: nil), status: .skipped, reason: "binary")

        let all = try fixture.catalogReader.files()
        #expect(all.map(\.path) == ["/data/notes/a.bin", "/data/notes/b.md", "/data/notes/m.pdf", "/data/notes/z.md"])
        #expect(all.map(\.status) == [.skipped, .indexed, .failed, .indexed])
        #expect(all.map(\.chunkCount) == [0, 2, 0, 1])
        #expect(all[0].parser == nil && all[0].reason == "binary")
        #expect(try fixture.catalogReader.files(status: .failed) == [
            FileListing(path: "/data/notes/m.pdf", status: .failed, reason: "no text layer", chunkCount: 0, parser: "markdown"),
        ])
    }

    @Test func documentReturnsTextMetadataAndChunks() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("guide.md", texts: ["first part", "second part", "third"])
        let document = try fixture.catalogReader.document(path: written.file.path)
        #expect(document.path == written.file.path)
        #expect(document.title == "A title")
        #expect(document.text == "first part\n\nsecond part\n\nthird")
        #expect(document.metadata == ["author": "Ann"])
        #expect(document.chunks.map(\.ordinal) == [0, 1, 2])
        for (stored, draft) in zip(document.chunks, written.chunks) {
            #expect(stored.text == draft.text)
            #expect(stored.start == draft.start && stored.end == draft.end)
            #expect(stored.page == draft.page)
            #expect(stored.headingPath == draft.headingPath)
            #expect(stored.tokenCount == draft.tokenCount)
            let scalars = Array(document.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[stored.start..<stored.end])) == stored.text)
        }
        #expect(throws: StoreError.fileNotFound(path: "/data/notes/none.md")) { try fixture.catalogReader.document(path: "/data/notes/none.md") }
    }

    @Test func keywordSearchFindsTheRightChunks() throws {
        let fixture = try IndexFixture()
        let a = try fixture.writeFile("system.md", texts: ["install the package on linux", "the weather is nice", "linux kernel linux modules linux"])
        let b = try fixture.writeFile("places.md", texts: ["a café in Paris", "nothing here"], title: "Coffee guide")
        let aIds = try fixture.catalogReader.document(path: a.file.path).chunks.map(\.id)
        let bIds = try fixture.catalogReader.document(path: b.file.path).chunks.map(\.id)

        let linux = try fixture.searchReader.keywordSearch(ftsQuery: "linux", limit: 10)
        #expect(Set(linux.map(\.chunkId)) == [aIds[0], aIds[2]])
        #expect(linux.first?.chunkId == aIds[2])  // three occurrences in a short chunk rank first
        #expect(linux.allSatisfy { $0.score > 0 })
        #expect(linux[0].score >= linux[1].score)

        // Diacritics are folded both ways.
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "cafe", limit: 10).map(\.chunkId) == [bIds[0]])
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "café", limit: 10).map(\.chunkId) == [bIds[0]])
        // Title and path are indexed too (the path column holds the whole path).
        #expect(Set(try fixture.searchReader.keywordSearch(ftsQuery: "coffee", limit: 10).map(\.chunkId)) == Set(bIds))
        #expect(Set(try fixture.searchReader.keywordSearch(ftsQuery: "path:places", limit: 10).map(\.chunkId)) == Set(bIds))
        // Limit.
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "linux", limit: 1).map(\.chunkId) == [aIds[2]])
        #expect(throws: StoreError.self) { try fixture.searchReader.keywordSearch(ftsQuery: "linux", limit: 0) }
        // Column weights change the ranking: text-only weighting ignores the title match.
        let textOnly = try fixture.searchReader.keywordSearch(ftsQuery: "coffee OR paris", limit: 10, weights: KeywordColumnWeights(text: 1, title: 0, path: 0))
        #expect(textOnly.first?.chunkId == bIds[0])
    }

    @Test func equalScoresAreOrderedByChunkId() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("b.md", texts: ["same words here", "same words here"])
        try fixture.writeFile("a.md", texts: ["same words here"])
        let hits = try fixture.searchReader.keywordSearch(ftsQuery: "words", limit: 10)
        #expect(hits.count == 3)
        #expect(Set(hits.map(\.score)).count == 1)
        #expect(hits.map(\.chunkId) == hits.map(\.chunkId).sorted())
    }

    @Test(arguments: ["\"", "*", "NEAR", "NEAR(", "AND", "OR", "(", ")", "\"unterminated", "col:thing", "^", "-", "NOT", "a NEAR/ b", "", "   ", "'; DROP TABLE chunks; --"])
    func oddFullTextQueriesNeverCrash(_ query: String) throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["near and or not thing"])
        do throws(StoreError) {
            _ = try fixture.searchReader.keywordSearch(ftsQuery: query, limit: 5)
        } catch {
            guard case .sqlFailed(let sql, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(sql.contains("MATCH"))
            #expect(reason.contains("full-text query"))
        }
        #expect(try fixture.diagnosticsReader.tableCounts().chunks == 1)
    }

    @Test func chunkDetailsHydrateSearchHits() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("Notes.Final.MD", texts: ["first", "second"], title: nil)
        let ids = try fixture.catalogReader.document(path: written.file.path).chunks.map(\.id)
        let details = try fixture.searchReader.chunkDetails(chunkIds: ids + [999_999, ids[0]])
        #expect(details.count == 2)
        let second = try #require(details[ids[1]])
        #expect(second == ChunkDetail(
            chunkId: ids[1], path: written.file.path, title: "Notes.Final.MD", text: "second", ordinal: 1,
            start: written.chunks[1].start, end: written.chunks[1].end, page: 1, headingPath: ["Part 1", "Sub"],
            fileMtime: written.file.mtime, fileExtension: "md"))
    }

    @Test func vectorsByChunkIdAndFullMatricesAgree() throws {
        let fixture = try IndexFixture(configuration: StoreConfiguration(maxVariablesPerStatement: 2))
        try fixture.writeFile("a.md", texts: ["one", "two", "three"])
        try fixture.writeFile("b.md", texts: ["four", "five"])
        let matrix = try fixture.searchReader.allVectors()
        let codes = try fixture.searchReader.allVectorCodes()
        #expect(matrix.count == 5 && matrix.dimension == 384 && matrix.values.count == 5 * 384)
        #expect(matrix.chunkIds == matrix.chunkIds.sorted())
        #expect(codes.chunkIds == matrix.chunkIds)
        let byId = try fixture.searchReader.vectors(chunkIds: matrix.chunkIds.reversed() + [-5])
        #expect(byId.count == 5)
        for (row, chunkId) in matrix.chunkIds.enumerated() {
            let fromMatrix = Array(matrix.values[(row * 384)..<((row + 1) * 384)])
            #expect(byId[chunkId] == fromMatrix)
            let approximation = (0..<384).map { Float(codes.codes[row * 384 + $0]) * codes.scales[row] }
            let dot = zip(fromMatrix, approximation).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(dot > 0.999)
        }
    }

    @Test func emptyIndexHasEmptyMatrices() throws {
        let fixture = try IndexFixture()
        #expect(try fixture.searchReader.allVectors() == VectorMatrix(chunkIds: [], values: [], dimension: 384))
        #expect(try fixture.searchReader.allVectorCodes() == VectorCodeMatrix(chunkIds: [], codes: [], scales: [], dimension: 384))
    }

    @Test func diagnosticsFindDamage() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["one", "two"])
        #expect(try fixture.diagnosticsReader.integrityCheck().isOK)
        #expect(try fixture.diagnosticsReader.orphanCounts().isClean)

        // Damage the index behind the store's back (foreign keys off on this connection).
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let other = try DatabaseQueue(path: fixture.store.databaseURL.path, configuration: configuration)
        try other.write { db in
            try db.execute(sql: "DROP TRIGGER chunks_fts_delete")
            let chunkId = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM chunks") ?? -1
            try db.execute(sql: "DELETE FROM chunks WHERE id = ?", arguments: [chunkId])
        }
        try other.close()
        let orphans = try fixture.diagnosticsReader.orphanCounts()
        #expect(orphans.vectorsWithoutChunk == 1 && orphans.codesWithoutChunk == 1 && orphans.fullTextRowsWithoutChunk == 1)
        #expect(orphans.filesWithWrongChunkCount == 1)
        #expect(!orphans.isClean)
        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 1, documents: 1, chunks: 1, vectors: 2, vectorCodes: 2, fullTextRows: 2))
    }

    /// Loads 100k synthetic vectors and codes and reports the time (no assertion on time).
    @Test func loadingOneHundredThousandVectors() throws {
        let fixture = try IndexFixture()
        let count = 100_000
        let perFile = 5_000
        let template = try VectorCodec.quantize(IndexFixture.unitVector(seed: "template"))
        #expect(template.codes.count == 384)
        try fixture.writer.addRoot(IndexFixture.rootPath)
        var state: UInt64 = 7
        let writeStart = ContinuousClock.now
        for fileIndex in 0..<(count / perFile) {
            let texts = (0..<perFile).map { "v\(fileIndex * perFile + $0)" }
            let chunks = texts.enumerated().map { ordinal, text in
                ChunkDraft(ordinal: ordinal, text: text, start: 0, end: 0, page: nil, headingPath: [], tokenIds: [101, 102], textHash: text)
            }
            let embeddings = (0..<perFile).map { _ in IndexFixture.unitVector(state: &state) }
            try fixture.writer.writeIndexedFile(
                IndexFixture.file("bulk-\(fileIndex).txt"), document: ExtractedDocument(text: ""), chunks: chunks, embeddings: embeddings)
        }
        let writeTime = ContinuousClock.now - writeStart

        let vectorStart = ContinuousClock.now
        let matrix = try fixture.searchReader.allVectors()
        let vectorTime = ContinuousClock.now - vectorStart
        let codeStart = ContinuousClock.now
        let codes = try fixture.searchReader.allVectorCodes()
        let codeTime = ContinuousClock.now - codeStart

        #expect(matrix.count == count && matrix.values.count == count * 384)
        #expect(codes.count == count && codes.codes.count == count * 384)
        // Spot-check one row against its own embedding.
        var replay: UInt64 = 7
        let firstEmbedding = IndexFixture.unitVector(state: &replay)
        #expect(Array(matrix.values[0..<384]) == firstEmbedding)
        print("SeekStore: wrote \(count) chunks in \(writeTime); loaded \(count) × 384 Float32 vectors in \(vectorTime), int8 codes in \(codeTime)")
    }
}
