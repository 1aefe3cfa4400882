import Foundation
import GRDB
import SeekCore
import SeekStore
import Testing

struct IndexStoreTests {
    @Test func freshIndexIsCreatedAndMigrated() throws {
        let fixture = try IndexFixture()
        #expect(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("index.sqlite").path))
        #expect(fixture.store.databaseURL.lastPathComponent == "index.sqlite")
        #expect(try fixture.diagnosticsReader.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect(try fixture.diagnosticsReader.tableCounts() == TableCounts(roots: 0, files: 0, documents: 0, chunks: 0, vectors: 0, vectorCodes: 0, fullTextRows: 0))

        let tables = try fixture.rawReader().read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'chunks_fts_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["chunks", "chunks_fts", "document_vectors", "documents", "edges", "file_aliases", "files", "meta", "roots", "snapshots", "vector_codes", "vectors"])
        let ftsSQL = try fixture.rawReader().read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'chunks_fts'")
        }
        #expect(ftsSQL?.contains("fts5") == true)
        #expect(ftsSQL?.contains("porter unicode61 remove_diacritics 2") == true)

        let summary = try fixture.catalogReader.statusSummary()
        #expect(summary.model == ModelMarker.miniLML6V2)
        #expect(summary.createdBySeekVersion == SeekVersion.current)
        #expect(summary.fileCount == 0)
        #expect(summary.databaseBytes > 0)
        #expect(try fixture.diagnosticsReader.integrityCheck().isOK)
    }

    @Test func missingIndexIsNotFoundUnlessCreated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seek-missing-\(UUID().uuidString)")
        #expect(throws: StoreError.notFound(path: directory.path)) {
            try IndexStore.open(directory: directory, model: .miniLML6V2, create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func reopeningKeepsDataAndCreationDate() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("a.md", texts: ["alpha beta", "gamma delta"])
        let before = try fixture.catalogReader.statusSummary()
        try fixture.store.close()

        let reopened = try IndexStore.open(directory: fixture.directory, model: .miniLML6V2, create: false)
        defer { try? reopened.close() }
        let after = try reopened.catalogReader.statusSummary()
        #expect(after.createdAt == before.createdAt)
        #expect(after.chunkCount == 2)
        #expect(try reopened.diagnosticsReader.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect(try reopened.catalogReader.document(path: written.file.path).chunks.map(\.text) == ["alpha beta", "gamma delta"])
    }

    @Test func anotherModelOrDimensionIsAMismatch() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["alpha"])
        try fixture.store.close()
        let databasePath = fixture.store.databaseURL.path

        let otherModel = ModelMarker(id: "BAAI/bge-small-en-v1.5", dimension: 384)
        #expect(throws: StoreError.modelMismatch(
            path: databasePath, indexModel: "sentence-transformers/all-MiniLM-L6-v2", indexDimension: 384,
            expectedModel: "BAAI/bge-small-en-v1.5", expectedDimension: 384)) {
            try IndexStore.open(directory: fixture.directory, model: otherModel, create: true)
        }
        let otherDimension = ModelMarker(id: "sentence-transformers/all-MiniLM-L6-v2", dimension: 768)
        do throws(StoreError) {
            _ = try IndexStore.open(directory: fixture.directory, model: otherDimension, create: false)
            Issue.record("opening with dimension 768 succeeded")
        } catch {
            guard case .modelMismatch(_, _, let indexDimension, _, let expectedDimension) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(indexDimension == 384 && expectedDimension == 768)
            #expect(error.description.contains("re-index"))
        }
        // The index was left as it was.
        let reopened = try IndexStore.open(directory: fixture.directory, model: .miniLML6V2, create: false)
        defer { try? reopened.close() }
        #expect(try reopened.catalogReader.statusSummary().chunkCount == 1)
    }

    @Test func everyConnectionHasTheRequiredPragmas() throws {
        let fixture = try IndexFixture()
        let expected = ConnectionSettings(journalMode: "wal", busyTimeoutMilliseconds: 5000, foreignKeysEnabled: true, synchronous: 1)
        #expect(try fixture.writer.connectionSettings() == expected)
        #expect(try fixture.diagnosticsReader.connectionSettings() == expected)
    }

    @Test func aFileThatIsNotSQLiteFailsToOpen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seek-garbage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(repeating: 0x5A, count: 8192).write(to: directory.appendingPathComponent("index.sqlite"))
        do throws(StoreError) {
            _ = try IndexStore.open(directory: directory, model: .miniLML6V2, create: false)
            Issue.record("opening a garbage file succeeded")
        } catch {
            // SQLite says the file is not a database: reported as damage, one clear message.
            guard case .damaged(let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reason.contains("not a database"))
        }
    }

    @Test func anEmptyDatabaseIsAnIndexOnlyWhenCreated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seek-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let databasePath = directory.appendingPathComponent("index.sqlite").path
        try DatabaseQueue(path: databasePath).close()
        #expect(FileManager.default.fileExists(atPath: databasePath))
        #expect(throws: StoreError.notFound(path: directory.path)) {
            try IndexStore.open(directory: directory, model: .miniLML6V2, create: false)
        }
        let store = try IndexStore.open(directory: directory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        #expect(try store.diagnosticsReader.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
    }

    @Test func invalidModelIdentityIsRejected() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seek-invalid-\(UUID().uuidString)")
        #expect(throws: StoreError.self) {
            try IndexStore.open(directory: directory, model: ModelMarker(id: "m", dimension: 0), create: true)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    /// A write transaction held open on another connection: the store's reader is not blocked
    /// and sees the last committed snapshot, then the new one after the commit.
    @Test func readerSeesTheOldSnapshotDuringALongWriteTransaction() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["first file"])
        let other = try DatabaseQueue(path: fixture.store.databaseURL.path)

        try other.inTransaction { db in
            let rootId = try Int64.fetchOne(db, sql: "SELECT id FROM roots") ?? -1
            for index in 0..<200 {
                try db.execute(
                    sql: """
                        INSERT INTO files (root_id, path, size, mtime, status, reason, updated_at)
                        VALUES (?, ?, 1, 1, 'failed', 'test', 1)
                        """,
                    arguments: [rootId, "/data/notes/uncommitted-\(index).md"])
            }
            // Inside the open write transaction: the reader answers at once from the old snapshot.
            let during = try fixture.catalogReader.statusSummary()
            #expect(during.fileCount == 1)
            #expect(try fixture.catalogReader.files(status: .failed).isEmpty)
            return .commit
        }
        let after = try fixture.catalogReader.statusSummary()
        #expect(after.fileCount == 201)
        #expect(after.filesByStatus[.failed] == 200)
        try other.close()
    }
}
