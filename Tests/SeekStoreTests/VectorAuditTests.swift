import Foundation
import GRDB
import SeekStore
import Testing

/// `DiagnosticsReader.auditVectors` and `DiagnosticsReader.invariantSamples` on an index damaged through raw SQL.
struct VectorAuditTests {
    @Test func wrongSizesAndNonUnitNormsAreCountedWithTheirChunkIds() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["one", "two", "three", "four"])
        let clean = try fixture.diagnosticsReader.auditVectors()
        #expect(clean.isClean && clean.vectorCount == 4)

        let queue = try DatabaseQueue(path: fixture.store.databaseURL.path)
        let ids = try queue.write { db -> [Int64] in
            let ids = try Int64.fetchAll(db, sql: "SELECT chunk_id FROM vectors ORDER BY chunk_id")
            try db.execute(sql: "UPDATE vectors SET embedding = ? WHERE chunk_id = ?", arguments: [Data(count: 16), ids[0]])
            let halved = IndexFixture.unitVector(seed: "x").map { $0 * 0.5 }
            try db.execute(sql: "UPDATE vectors SET embedding = ? WHERE chunk_id = ?", arguments: [halved.withUnsafeBytes { Data($0) }, ids[2]])
            let nan = [Float](repeating: .nan, count: 384)
            try db.execute(sql: "UPDATE vectors SET embedding = ? WHERE chunk_id = ?", arguments: [nan.withUnsafeBytes { Data($0) }, ids[3]])
            return ids
        }
        try queue.close()
        let audit = try fixture.diagnosticsReader.auditVectors()
        #expect(audit.vectorCount == 4)
        #expect(audit.wrongSizeCount == 1 && audit.wrongSizeChunkIds == [ids[0]])
        #expect(audit.nonUnitCount == 2 && audit.nonUnitChunkIds == [ids[2], ids[3]])
        #expect(try fixture.diagnosticsReader.auditVectors(sampleLimit: 1).nonUnitChunkIds == [ids[2]])
        #expect(throws: StoreError.self) { try fixture.diagnosticsReader.auditVectors(unitNormTolerance: 0) }
    }

    @Test func invariantSamplesNameTheOffendingRows() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["one", "two", "three"])
        let healthy = try fixture.diagnosticsReader.invariantSamples()
        #expect(healthy.chunksWithoutVector.isEmpty && healthy.chunksWithoutFullTextRow.isEmpty && healthy.chunksWithoutFileCount == 0)

        let queue = try DatabaseQueue(path: fixture.store.databaseURL.path)
        let ids = try queue.write { db -> [Int64] in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM chunks ORDER BY id")
            try db.execute(sql: "DELETE FROM vectors WHERE chunk_id = ?", arguments: [ids[0]])
            try db.execute(sql: "DELETE FROM chunks_fts WHERE rowid = ?", arguments: [ids[1]])
            try db.execute(sql: "DELETE FROM vector_codes WHERE chunk_id = ?", arguments: [ids[2]])
            return ids
        }
        try queue.close()
        let samples = try fixture.diagnosticsReader.invariantSamples()
        #expect(samples.chunksWithoutVector == [ids[0]])
        #expect(samples.chunksWithoutFullTextRow == [ids[1]])
        #expect(samples.chunksWithoutCode == [ids[2]])
        #expect(samples.vectorsWithoutChunk.isEmpty && samples.fullTextRowsWithoutChunk.isEmpty)
        let counts = try fixture.diagnosticsReader.orphanCounts()
        #expect(counts.chunksWithoutVector == 1 && counts.chunksWithoutFullTextRow == 1 && counts.chunksWithoutCode == 1)
        #expect(try fixture.diagnosticsReader.storedModelMarker() == IndexFixture.model)
    }
}
