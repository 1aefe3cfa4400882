import SeekStore
import Testing

struct ChunkFileMapTests {
    @Test func mapsEveryChunkToItsFile() throws {
        let fixture = try IndexFixture()
        try fixture.writeFile("b.PDF", texts: ["one", "two"])
        try fixture.writeFile("a.md", texts: ["three"])
        try fixture.writer.addRoot(IndexFixture.rootPath)
        try fixture.writer.writeUnindexedFile(IndexFixture.file("c.md"), status: .failed, reason: "broken")
        let map = try fixture.searchReader.chunkFileMap()
        #expect(map.files.map(\.path) == ["/data/notes/b.PDF", "/data/notes/a.md"])
        #expect(map.files.map(\.fileExtension) == ["pdf", "md"])
        #expect(map.files[0].mtime == IndexFixture.file("b.PDF").mtime)
        #expect(map.chunkIds == (try fixture.searchReader.allVectorCodes().chunkIds))
        #expect(map.fileIndexes == [0, 0, 1])
    }
}
