import Foundation
import SeekStore
import Testing

/// `IndexWriter.recordSnapshot` and `DiagnosticsReader.snapshots`.
struct IndexSnapshotTests {
    @Test func aSnapshotCountsTheIndexAndLeavesTheWriteGenerationAlone() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("a.md", texts: ["alpha one", "alpha two"])
        try fixture.writeFile("b.md", texts: ["beta"])
        let generation = try fixture.searchReader.writeGeneration()
        let snapshot = try fixture.writer.recordSnapshot()
        #expect(snapshot.files == 2 && snapshot.chunks == 3 && snapshot.vectors == 3 && snapshot.fullTextRows == 3)
        #expect(snapshot.filesByStatus == [.indexed: 2, .failed: 0, .skipped: 0])
        let pages = try fixture.rawInt("PRAGMA page_count") * fixture.rawInt("PRAGMA page_size")
        #expect(snapshot.databaseBytes == Int64(pages))
        #expect(try fixture.searchReader.writeGeneration() == generation)
        let stored = try fixture.diagnosticsReader.snapshots(limit: 10)
        #expect(stored.count == 1)
        #expect(stored.first?.id == snapshot.id && stored.first?.chunks == 3 && stored.first?.filesByStatus == snapshot.filesByStatus)
        #expect(abs((stored.first?.takenAt.timeIntervalSince1970 ?? 0) - snapshot.takenAt.timeIntervalSince1970) < 0.001)
    }

    @Test func onlyTheNewestAreKept() throws {
        let fixture = try IndexFixture()
        var ids: [Int64] = []
        for index in 0..<5 {
            try fixture.writeFile("file\(index).md", texts: ["text \(index)"])
            ids.append(try fixture.writer.recordSnapshot(retaining: 3).id)
        }
        #expect(try fixture.diagnosticsReader.snapshotCount() == 3)
        let newest = try fixture.diagnosticsReader.snapshots(limit: 10)
        #expect(newest.map(\.id) == Array(ids.suffix(3).reversed()))
        #expect(newest.map(\.files) == [5, 4, 3])
        #expect(try fixture.diagnosticsReader.snapshots(limit: 1).map(\.id) == [ids[4]])
        #expect(throws: StoreError.self) { try fixture.writer.recordSnapshot(retaining: 0) }
        #expect(IndexWriter.retainedSnapshotCount == 100)
    }
}
