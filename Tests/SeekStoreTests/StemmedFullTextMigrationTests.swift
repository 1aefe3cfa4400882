import Foundation
import GRDB
import SeekStore
import Testing

struct StemmedFullTextMigrationTests {
    @Test func keywordSearchMatchesWordForms() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("a.md", texts: ["the flow separates", "nothing here"])
        let ids = try fixture.catalogReader.document(path: written.file.path).chunks.map(\.id)
        for form in ["flow", "flows", "flowing", "FLOWED"] {
            #expect(try fixture.searchReader.keywordSearch(ftsQuery: "\"\(form)\"", limit: 5).map(\.chunkId) == [ids[0]], "\(form)")
        }
    }

    @Test func rerunningTheMigrationRebuildsTheFullTextRowsOfExistingChunks() throws {
        let fixture = try IndexFixture()
        let written = try fixture.writeFile("a.md", texts: ["laminar flows", "turbulent jets"])
        try fixture.writeFile("b.md", texts: ["rockets"])
        let ids = try fixture.catalogReader.document(path: written.file.path).chunks.map(\.id)
        try fixture.store.close()
        // Forget v2 and empty the table: opening again must run v2 over the stored chunks.
        let queue = try DatabaseQueue(path: fixture.store.databaseURL.path)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM chunks_fts; DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        }
        try queue.close()
        let reopened = try IndexStore.open(directory: fixture.directory, model: .miniLML6V2, create: false)
        defer { try? reopened.close() }
        #expect(try reopened.diagnosticsReader.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect(try reopened.diagnosticsReader.tableCounts().fullTextRows == 3)
        #expect(try reopened.diagnosticsReader.orphanCounts().chunksWithoutFullTextRow == 0)
        #expect(try reopened.searchReader.keywordSearch(ftsQuery: "\"flow\"", limit: 5).map(\.chunkId) == [ids[0]])
        // Title and path columns are back too, and the delete trigger works again.
        #expect(try reopened.searchReader.keywordSearch(ftsQuery: "path : \"b\"", limit: 5).count == 1)
        try reopened.writer.removeFiles(paths: [written.file.path])
        #expect(try reopened.diagnosticsReader.tableCounts().fullTextRows == 1)
    }
}
