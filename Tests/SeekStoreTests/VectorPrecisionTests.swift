import Foundation
import GRDB
import SeekCore
import SeekStore
import Testing

/// `files.vector_precision` (schema v6): each indexed file records the precision its vectors
/// were made in; the embedding cache lends only vectors of the precision asked for; the status
/// counts files and chunks per precision; an index written before v6 is migrated to fp32.
struct VectorPrecisionTests {
    /// The recorded precision of every file, read straight from SQLite.
    static func recorded(_ fixture: IndexFixture) throws -> [String: String?] {
        try fixture.store.close()
        let queue = try DatabaseQueue(path: fixture.store.databaseURL.path)
        defer { try? queue.close() }
        return try queue.read { db in
            var recorded: [String: String?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, vector_precision FROM files") {
                recorded[(row[0] as String).replacingOccurrences(of: IndexFixture.rootPath + "/", with: "")] = row[1] as String?
            }
            return recorded
        }
    }

    @Test func eachFileRecordsThePrecisionOfItsVectors() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["alpha"])
        let (document, chunks, embeddings) = IndexFixture.document(["beta", "gamma"])
        try fixture.writer.writeIndexedFile(IndexFixture.file("b.md"), document: document, chunks: chunks, embeddings: embeddings,
                                            vectorPrecision: "bf16")
        try fixture.writer.writeUnindexedFile(IndexFixture.file("c.pdf"), status: .failed, reason: "corrupt")
        let summary = try fixture.catalogReader.statusSummary()
        #expect(summary.vectorPrecisions == ["fp32": VectorPrecisionCount(files: 1, chunks: 1), "bf16": VectorPrecisionCount(files: 1, chunks: 2)])
        #expect(try fixture.indexingReader.vectorPrecisionCounts() == ["fp32": 1, "bf16": 1])
        #expect(try fixture.indexingReader.vectorPrecisionCounts(rootPaths: [IndexFixture.rootPath]) == ["fp32": 1, "bf16": 1])
        #expect(try fixture.indexingReader.vectorPrecisionCounts(rootPaths: ["/elsewhere"]).isEmpty)
        // Rewriting a file in another precision replaces its record; a file that fails loses it.
        try fixture.writer.writeIndexedFile(IndexFixture.file("a.md", version: 2), document: document, chunks: chunks, embeddings: embeddings,
                                            vectorPrecision: "int8")
        try fixture.writer.writeUnindexedFile(IndexFixture.file("b.md", version: 2), status: .failed, reason: "unreadable")
        #expect(try fixture.indexingReader.vectorPrecisionCounts() == ["int8": 1])
        #expect(try Self.recorded(fixture) == ["a.md": "int8", "b.md": nil, "c.pdf": nil])
    }

    @Test func aPrecisionThatIsNoNameIsRejectedAndNothingIsWritten() throws {
        let fixture = try IndexFixture()
        try fixture.writer.addRoot(IndexFixture.rootPath)
        let (document, chunks, embeddings) = IndexFixture.document(["alpha"])
        for bad in ["", "BF16", "bf 16", "fp32;"] {
            #expect(throws: StoreError.self, "\(bad)") {
                try fixture.writer.writeIndexedFile(IndexFixture.file("a.md"), document: document, chunks: chunks, embeddings: embeddings,
                                                    vectorPrecision: bad)
            }
        }
        #expect(try fixture.catalogReader.statusSummary().fileCount == 0)
    }

    @Test func theCacheLendsOnlyVectorsOfTheAskedPrecision() throws {
        let fixture = try IndexFixture()
        let fp32 = try fixture.writeFile("a.md", texts: ["shared text", "only in a"])
        let (document, chunks, embeddings) = IndexFixture.document(["only in b"])
        try fixture.writer.writeIndexedFile(IndexFixture.file("b.md"), document: document, chunks: chunks, embeddings: embeddings,
                                            vectorPrecision: "bf16")
        let hashes = fp32.chunks.map(\.textHash) + chunks.map(\.textHash)
        #expect(Set(try fixture.indexingReader.cachedEmbeddings(textHashes: hashes).keys) == Set(hashes))
        let fromFP32 = try fixture.indexingReader.cachedEmbeddings(textHashes: hashes, precision: "fp32")
        #expect(Set(fromFP32.keys) == Set(fp32.chunks.map(\.textHash)))
        #expect(fromFP32[fp32.chunks[0].textHash] == fp32.embeddings[0])
        #expect(Set(try fixture.indexingReader.cachedEmbeddings(textHashes: hashes, precision: "bf16").keys) == Set(chunks.map(\.textHash)))
        #expect(try fixture.indexingReader.cachedEmbeddings(textHashes: hashes, precision: "int8").isEmpty)
    }

    /// An index as the previous schema (v5) left it: no column, no v6 row. Opening it runs v6,
    /// which records fp32 (the only precision there was) on indexed files and nothing on others.
    @Test func theMigrationRecordsFP32ForFilesIndexedBeforeIt() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["one", "two"])
        try fixture.writeFile("b.md", texts: ["three"])
        try fixture.writer.writeUnindexedFile(IndexFixture.file("c.bin"), status: .skipped, reason: "binary")
        try fixture.store.close()
        let queue = try DatabaseQueue(path: fixture.store.databaseURL.path)
        try queue.write { db in
            try db.execute(sql: "ALTER TABLE files DROP COLUMN vector_precision; DELETE FROM grdb_migrations WHERE identifier = 'v6'")
        }
        try queue.close()
        let reopened = try IndexStore.open(directory: fixture.directory, model: .miniLML6V2, create: false)
        defer { try? reopened.close() }
        #expect(try reopened.diagnosticsReader.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect(try reopened.catalogReader.statusSummary().vectorPrecisions == ["fp32": VectorPrecisionCount(files: 2, chunks: 3)])
        #expect(try reopened.indexingReader.cachedEmbeddings(textHashes: [ContentHash.sha256Hex("one")], precision: "fp32").count == 1)
        // The migrated index takes files of a new precision beside the old ones.
        let (document, chunks, embeddings) = IndexFixture.document(["four"])
        try reopened.writer.writeIndexedFile(IndexFixture.file("d.md"), document: document, chunks: chunks, embeddings: embeddings,
                                             vectorPrecision: "bf16")
        #expect(try reopened.indexingReader.vectorPrecisionCounts() == ["fp32": 2, "bf16": 1])
    }
}
