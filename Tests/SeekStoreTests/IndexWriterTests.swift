import Foundation
import GRDB
import SeekCore
import SeekStore
import Testing

struct IndexWriterTests {
    @Test func indexedFileStoresEveryRow() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("guide.md", texts: ["install on linux", "configure the café", "run it"])

        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 1, documents: 1, chunks: 3, vectors: 3, vectorCodes: 3, fullTextRows: 3))
        #expect(try fixture.rawInconsistencies().isEmpty)
        let row = try fixture.rawReader().read { db in
            try Row.fetchOne(db, sql: "SELECT status, chunk_count, title, content_hash, parser, parser_version, size, mtime, indexed_at FROM files")
        }
        #expect(row?["status"] == "indexed")
        #expect(row?["chunk_count"] == 3)
        #expect(row?["title"] == "A title")
        #expect(row?["content_hash"] == written.file.contentHash)
        #expect(row?["parser"] == "markdown")
        #expect(row?["parser_version"] == "1")
        #expect(row?["size"] == written.file.size)
        #expect(row?["mtime"] == written.file.mtime)
        #expect((row?["indexed_at"] as Double?) != nil)

        // FTS rows carry the chunk id, text, title and path.
        let ftsRows = try fixture.rawReader().read { db in
            try Row.fetchAll(db, sql: "SELECT t.rowid, t.text, t.title, t.path, c.text AS chunk_text FROM chunks_fts t JOIN chunks c ON c.id = t.rowid ORDER BY c.ordinal")
        }
        #expect(ftsRows.map { $0["text"] as String } == ["install on linux", "configure the café", "run it"])
        #expect(ftsRows.allSatisfy { ($0["title"] as String) == "A title" && ($0["path"] as String) == written.file.path })

        // The stored vectors are the given embeddings, bit for bit, and the codes their quantisation.
        let vectors = try fixture.searchReader.allVectors()
        let codes = try fixture.searchReader.allVectorCodes()
        #expect(vectors.count == 3 && codes.count == 3)
        for (row, embedding) in written.embeddings.enumerated() {
            let stored = Array(vectors.values[(row * 384)..<((row + 1) * 384)])
            #expect(stored.map(\.bitPattern) == embedding.map(\.bitPattern))
            let quantized = try VectorCodec.quantize(embedding)
            #expect(Array(codes.codes[(row * 384)..<((row + 1) * 384)]) == quantized.codes)
            #expect(codes.scales[row] == quantized.scale)
        }
        #expect(vectors.chunkIds == codes.chunkIds)
    }

    @Test func titleFallsBackToTheFileName() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("untitled-note.txt", texts: ["body"], title: "  ")
        #expect(try fixture.catalogReader.document(path: written.file.path).title == "untitled-note.txt")
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "title:untitled", limit: 5).count == 1)
    }

    @Test func rewritingAFileLeavesNoStaleRows() throws {
        let fixture = try IndexFixture()
        let first = try fixture.writeFile("a.md", texts: ["old one", "old two", "old three"])
        try fixture.writeFile("b.md", texts: ["other file stays"])
        let oldIds = try fixture.catalogReader.document(path: first.file.path).chunks.map(\.id)
        let generationBefore = try fixture.searchReader.writeGeneration()

        try fixture.writeFile("a.md", texts: ["new one", "new two"], version: 2)

        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 2, documents: 2, chunks: 3, vectors: 3, vectorCodes: 3, fullTextRows: 3))
        #expect(try fixture.rawInconsistencies().isEmpty)
        #expect(try fixture.diagnosticsReader.orphanCounts().isClean)
        let document = try fixture.catalogReader.document(path: first.file.path)
        #expect(document.chunks.map(\.text) == ["new one", "new two"])
        #expect(document.text == "new one\n\nnew two")
        #expect(Set(document.chunks.map(\.id)).isDisjoint(with: oldIds))
        #expect(try fixture.searchReader.vectors(chunkIds: oldIds).isEmpty)
        #expect(try fixture.searchReader.chunkDetails(chunkIds: oldIds).isEmpty)
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "old", limit: 10).isEmpty)
        #expect(try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)[first.file.path]?.contentHash == IndexFixture.file("a.md", version: 2).contentHash)
        #expect(try fixture.searchReader.writeGeneration() > generationBefore)
    }

    @Test func aFileThatNowFailsLosesItsChunksAndText() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("report.pdf", texts: ["quarterly numbers", "more numbers"])
        try fixture.writer.writeUnindexedFile(IndexFixture.file("report.pdf", version: 2), status: .failed, reason: "encrypted PDF")

        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 1, documents: 0, chunks: 0, vectors: 0, vectorCodes: 0, fullTextRows: 0))
        #expect(try fixture.rawInconsistencies().isEmpty)
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "numbers", limit: 10).isEmpty)
        let state = try #require(try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)[written.file.path])
        #expect(state.status == .failed && state.chunkCount == 0 && state.size == 200)
        #expect(try fixture.catalogReader.files(status: .failed) == [
            FileListing(path: written.file.path, status: .failed, reason: "encrypted PDF", chunkCount: 0, parser: "markdown"),
        ])
        #expect(throws: StoreError.notIndexed(path: written.file.path, status: .failed, reason: "encrypted PDF")) {
            try fixture.catalogReader.document(path: written.file.path)
        }
        let indexedAt = try fixture.rawReader().read { db in try Double?.fetchOne(db, sql: "SELECT indexed_at FROM files") }
        #expect(indexedAt == .some(nil))
    }

    @Test func skippedFileNeedsNoHashOrParser() throws {
        let fixture = try IndexFixture()
        try fixture.writer.addRoot(IndexFixture.rootPath)
        let file = FileInput(path: IndexFixture.rootPath + "/huge.bin", rootPath: IndexFixture.rootPath, size: 1 << 40, mtime: 5, contentHash: nil, parser: nil, parserVersion: nil)
        try fixture.writer.writeUnindexedFile(file, status: .skipped, reason: "larger than maxFileBytes")
        let state = try #require(try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)[file.path])
        #expect(state == FileState(size: 1 << 40, mtime: 5, contentHash: nil, parser: nil, parserVersion: nil, status: .skipped, chunkCount: 0,
                               reason: "larger than maxFileBytes"))
        #expect(throws: StoreError.self) { try fixture.writer.writeUnindexedFile(file, status: .indexed, reason: "no") }
        // An indexed file must have a hash and a parser.
        #expect(throws: StoreError.self) {
            try fixture.writer.writeIndexedFile(file, document: ExtractedDocument(text: ""), chunks: [], embeddings: [])
        }
    }

    @Test func removingFilesRemovesEverythingHangingOffThem() throws {
        let fixture = try IndexFixture()
        let a = try fixture.writeFile("a.md", texts: ["apple", "apricot"])
        let b = try fixture.writeFile("b.md", texts: ["banana"])
        let c = try fixture.writeFile("c.md", texts: ["cherry", "citrus", "coconut"])

        let removed = try fixture.writer.removeFiles(paths: [a.file.path, c.file.path, "/data/notes/never-indexed.md", a.file.path])
        #expect(removed == RemovedCounts(files: 2, chunks: 5))
        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 1, documents: 1, chunks: 1, vectors: 1, vectorCodes: 1, fullTextRows: 1))
        #expect(try fixture.rawInconsistencies().isEmpty)
        #expect(try fixture.catalogReader.files().map(\.path) == [b.file.path])
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "apple OR cherry OR banana", limit: 10).count == 1)
    }

    @Test func removingFilesInManyBatchesIsOneTransaction() throws {
        let fixture = try IndexFixture(configuration: StoreConfiguration(maxVariablesPerStatement: 2))
        var paths: [String] = []
        for index in 0..<7 {
            paths.append(try fixture.writeFile("f\(index).md", texts: ["text \(index)"]).file.path)
        }
        #expect(try fixture.writer.removeFiles(paths: Array(paths.prefix(6))) == RemovedCounts(files: 6, chunks: 6))
        #expect(try fixture.catalogReader.files().map(\.path) == [paths[6]])
        #expect(try fixture.rawInconsistencies().isEmpty)
    }

    @Test func removingARootCascadesToAllItsRows() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["alpha one", "alpha two"], root: "/data/first")
        try fixture.writeFile("b.md", texts: ["beta"], root: "/data/first")
        try fixture.writer.addRoot("/data/first")
        try fixture.writer.writeUnindexedFile(IndexFixture.file("broken.pdf", root: "/data/first"), status: .failed, reason: "bad xref")
        let kept = try fixture.writeFile("c.md", texts: ["gamma alpha"], root: "/data/second")

        let removed = try fixture.writer.removeRoot("/data/first")
        #expect(removed == RemovedCounts(files: 3, chunks: 3))
        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 1, documents: 1, chunks: 1, vectors: 1, vectorCodes: 1, fullTextRows: 1))
        #expect(try fixture.rawInconsistencies().isEmpty)
        #expect(try fixture.catalogReader.roots().map(\.path) == ["/data/second"])
        let hits = try fixture.searchReader.keywordSearch(ftsQuery: "alpha", limit: 10)
        #expect(hits.map(\.chunkId) == (try fixture.catalogReader.document(path: kept.file.path).chunks.map(\.id)))
        #expect(throws: StoreError.rootNotFound(path: "/data/first")) { try fixture.writer.removeRoot("/data/first") }
        #expect(throws: StoreError.rootNotFound(path: "/data/first")) { try fixture.indexingReader.fileStates(rootPath: "/data/first") }
    }

    @Test func addingARootIsIdempotent() throws {
        let fixture = try IndexFixture()
        let first = try fixture.writer.addRoot("/data/x")
        let second = try fixture.writer.addRoot("/data/x")
        let other = try fixture.writer.addRoot("/data/a")
        #expect(first == second)
        #expect(other != first)
        #expect(try fixture.catalogReader.roots().map(\.path) == ["/data/a", "/data/x"])
        #expect(throws: StoreError.self) { try fixture.writer.addRoot("") }
    }

    @Test func fileUnderAnUnknownRootIsRejected() throws {
        let fixture = try IndexFixture()
        let (document, chunks, embeddings) = IndexFixture.document(["text"])
        #expect(throws: StoreError.rootNotFound(path: "/nowhere")) {
            try fixture.writer.writeIndexedFile(IndexFixture.file("a.md", root: "/nowhere"), document: document, chunks: chunks, embeddings: embeddings)
        }
        #expect(try fixture.diagnosticsReader.tableCounts().files == 0)
    }

    /// Each invalid rewrite throws `invalidData` and leaves the previous version untouched.
    @Test(arguments: InvalidWrite.allCases)
    func invalidWriteChangesNothing(_ invalid: InvalidWrite) throws {
        let fixture = try IndexFixture()
        let original = try fixture.writeFile("a.md", texts: ["kept one", "kept two"])
        let countsBefore = try fixture.diagnosticsReader.tableCounts()
        let generationBefore = try fixture.searchReader.writeGeneration()

        let built = IndexFixture.document(["new one", "new two"])
        let document = built.document
        var chunks = built.chunks
        var embeddings = built.embeddings
        switch invalid {
        case .wrongDimension: embeddings[1] = Array(embeddings[1].prefix(383))
        case .nonFinite: embeddings[0][7] = .nan
        case .infinite: embeddings[1][0] = .infinity
        case .notUnitLength: embeddings[0] = embeddings[0].map { $0 * 2 }
        case .fewerEmbeddings: embeddings.removeLast()
        case .duplicateOrdinal: chunks[1].ordinal = 0
        case .reversedOffsets: chunks[0].start = chunks[0].end + 1
        }
        do throws(StoreError) {
            try fixture.writer.writeIndexedFile(IndexFixture.file("a.md", version: 2), document: document, chunks: chunks, embeddings: embeddings)
            Issue.record("\(invalid) was written")
        } catch {
            guard case .invalidData = error else {
                Issue.record("\(invalid): unexpected error \(error)")
                return
            }
        }
        #expect(try fixture.diagnosticsReader.tableCounts() == countsBefore)
        #expect(try fixture.catalogReader.document(path: original.file.path).chunks.map(\.text) == ["kept one", "kept two"])
        #expect(try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)[original.file.path]?.contentHash == original.file.contentHash)
        #expect(try fixture.searchReader.writeGeneration() == generationBefore)
    }

    enum InvalidWrite: CaseIterable, Sendable {
        case wrongDimension, nonFinite, infinite, notUnitLength, fewerEmbeddings, duplicateOrdinal, reversedOffsets
    }

    /// A group commit stores every valid file of the group in one transaction, reports the invalid
    /// one at its position without writing it, and leaves rows exactly as per-file writes would.
    @Test func writeFilesStoresTheValidFilesOfAGroupAndReportsTheInvalidOne() throws {
        let fixture = try IndexFixture()
        let kept = try fixture.writeFile("kept.md", texts: ["kept one", "kept two"])
        let rewritten = try fixture.writeFile("rewritten.md", texts: ["old text"])
        let generationBefore = try fixture.searchReader.writeGeneration()

        let fresh = IndexFixture.document(["fresh one", "fresh two", "fresh three"])
        var broken = IndexFixture.document(["broken"])
        broken.embeddings[0][3] = .nan
        let replacement = IndexFixture.document(["new text"])
        var linking = IndexFixture.document(["links to fresh"])
        linking.document.links = [DocumentLink(kind: .link, target: "fresh.md")]
        let rejected = try fixture.writer.writeFiles([
            .indexed(IndexFixture.file("fresh.md"), document: fresh.document, chunks: fresh.chunks, embeddings: fresh.embeddings, vectorPrecision: "int8"),
            .indexed(IndexFixture.file("kept.md", version: 2), document: broken.document, chunks: broken.chunks, embeddings: broken.embeddings, vectorPrecision: "fp32"),
            .unindexed(IndexFixture.file("bad.pdf", parser: nil), status: .failed, reason: "damaged xref"),
            .indexed(IndexFixture.file("rewritten.md", version: 2), document: replacement.document, chunks: replacement.chunks, embeddings: replacement.embeddings, vectorPrecision: "fp32"),
            .indexed(IndexFixture.file("linking.md"), document: linking.document, chunks: linking.chunks, embeddings: linking.embeddings, vectorPrecision: "fp32"),
        ])

        #expect(rejected.count == 5)
        #expect(rejected[0] == nil && rejected[2] == nil && rejected[3] == nil && rejected[4] == nil)
        guard case .invalidData(let reason)? = rejected[1] else {
            Issue.record("the NaN embedding was not rejected: \(String(describing: rejected[1]))")
            return
        }
        #expect(reason.contains("kept.md"))
        // The rejected file keeps its previous version; the others are stored in full.
        #expect(try fixture.catalogReader.document(path: kept.file.path).chunks.map(\.text) == ["kept one", "kept two"])
        #expect(try fixture.catalogReader.document(path: rewritten.file.path).chunks.map(\.text) == ["new text"])
        #expect(try fixture.catalogReader.document(path: IndexFixture.rootPath + "/fresh.md").chunks.map(\.text) == ["fresh one", "fresh two", "fresh three"])
        let states = try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)
        #expect(states[IndexFixture.rootPath + "/bad.pdf"]?.status == .failed)
        #expect(states[kept.file.path]?.contentHash == kept.file.contentHash)
        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 1, files: 5, documents: 4, chunks: 7, vectors: 7, vectorCodes: 7, fullTextRows: 7))
        #expect(try fixture.rawInconsistencies().isEmpty)
        let precision = try fixture.rawReader().read { db in
            try String.fetchOne(db, sql: "SELECT vector_precision FROM files WHERE path = ?", arguments: [IndexFixture.rootPath + "/fresh.md"])
        }
        #expect(precision == "int8")
        // A link to a file written earlier in the same group resolves.
        #expect(try fixture.store.graphReader.outgoing(path: IndexFixture.rootPath + "/linking.md").map(\.targetPath) == [IndexFixture.rootPath + "/fresh.md"])
        // One transaction: the generation moves once.
        #expect(try fixture.searchReader.writeGeneration() == generationBefore + 1)
    }

    /// Full-text rows are inserted after the rest of the group: a file that comes twice in one
    /// group keeps only its last version's rows, searchable, with no row left for the chunks the
    /// second write deleted (FTS5's own integrity check agrees).
    @Test func writeFilesWithTheSameFileTwiceKeepsOnlyTheLastFullTextRows() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("other.md", texts: ["unrelated words"])
        let first = IndexFixture.document(["quasar alpha", "quasar beta"])
        var second = IndexFixture.document(["nebula gamma"])
        second.document.links = [DocumentLink(kind: .link, target: "other.md")]
        let rejected = try fixture.writer.writeFiles([
            .indexed(IndexFixture.file("twice.md"), document: first.document, chunks: first.chunks, embeddings: first.embeddings, vectorPrecision: "fp32"),
            .indexed(IndexFixture.file("twice.md", version: 2), document: second.document, chunks: second.chunks, embeddings: second.embeddings, vectorPrecision: "fp32"),
        ])
        #expect(rejected == [nil, nil])
        #expect(try fixture.catalogReader.document(path: IndexFixture.rootPath + "/twice.md").chunks.map(\.text) == ["nebula gamma"])
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "quasar", limit: 10).isEmpty)
        #expect(try fixture.searchReader.keywordSearch(ftsQuery: "nebula", limit: 10).count == 1)
        #expect(try fixture.diagnosticsReader.tableCounts().fullTextRows == 2)
        #expect(try fixture.rawInconsistencies().isEmpty)
        // A command, not a row: it writes nothing, but SQLite needs a writable connection for it.
        try DatabaseQueue(path: fixture.store.databaseURL.path).write { db in
            try db.execute(sql: "INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// An error of the store itself inside the group (here: a file under a root the index does not
    /// have) rolls back the whole group, including the files before it.
    @Test func writeFilesRollsBackTheWholeGroupOnAStoreError() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("kept.md", texts: ["kept"])
        let countsBefore = try fixture.diagnosticsReader.tableCounts()
        let generationBefore = try fixture.searchReader.writeGeneration()
        let first = IndexFixture.document(["first"])
        let orphan = IndexFixture.document(["orphan"])
        #expect(throws: StoreError.rootNotFound(path: "/nowhere")) {
            try fixture.writer.writeFiles([
                .indexed(IndexFixture.file("first.md"), document: first.document, chunks: first.chunks, embeddings: first.embeddings, vectorPrecision: "fp32"),
                .unindexed(IndexFixture.file("gone.md"), status: .skipped, reason: "too large"),
                .indexed(IndexFixture.file("orphan.md", root: "/nowhere"), document: orphan.document, chunks: orphan.chunks, embeddings: orphan.embeddings, vectorPrecision: "fp32"),
            ])
        }
        #expect(try fixture.diagnosticsReader.tableCounts() == countsBefore)
        #expect(try fixture.searchReader.writeGeneration() == generationBefore)
        #expect(try fixture.writer.writeFiles([]).isEmpty)
    }

    @Test func fileWithNoChunksIsIndexed() throws {
        let fixture = try IndexFixture()
        try fixture.writer.addRoot(IndexFixture.rootPath)
        let file = IndexFixture.file("empty.md")
        try fixture.writer.writeIndexedFile(file, document: ExtractedDocument(text: "", title: nil), chunks: [], embeddings: [])
        let document = try fixture.catalogReader.document(path: file.path)
        #expect(document.chunks.isEmpty && document.text.isEmpty && document.title == "empty.md")
        #expect(try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)[file.path]?.status == .indexed)
    }

    @Test func updatingFileStatsKeepsChunks() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("a.md", texts: ["same content"])
        try fixture.writer.updateFileStats(path: written.file.path, size: 4242, mtime: 1_800_000_000.5)
        let state = try #require(try fixture.indexingReader.fileStates(rootPath: IndexFixture.rootPath)[written.file.path])
        #expect(state.size == 4242 && state.mtime == 1_800_000_000.5 && state.chunkCount == 1 && state.contentHash == written.file.contentHash)
        #expect(try fixture.diagnosticsReader.tableCounts().chunks == 1)
        #expect(throws: StoreError.fileNotFound(path: "/data/notes/none.md")) {
            try fixture.writer.updateFileStats(path: "/data/notes/none.md", size: 1, mtime: 1)
        }
    }

    @Test func chunkIdsAreNeverReused() throws {
        let fixture = try IndexFixture()
        let first = try fixture.writeFile("a.md", texts: ["one", "two"])
        let firstIds = try fixture.catalogReader.document(path: first.file.path).chunks.map(\.id)
        try fixture.writer.removeFiles(paths: [first.file.path])
        let second = try fixture.writeFile("a.md", texts: ["three", "four"])
        let secondIds = try fixture.catalogReader.document(path: second.file.path).chunks.map(\.id)
        #expect(try #require(secondIds.min()) > (try #require(firstIds.max())))
    }
}
