import Foundation
import SeekBench
import SeekCore
import SeekStore
import SeekTestSupport
import Testing

struct SyntheticIndexTests {
    @Test func buildsOnceWithEveryChunkAndReusesTheCompleteIndex() throws {
        let scratch = try TemporaryDirectory("seek-synthetic")
        defer { scratch.remove() }
        let synthetic = SyntheticIndex(chunks: 25, chunksPerFile: 10, seed: 3)
        let (directory, buildSeconds) = try synthetic.prepare(cacheRoot: scratch.url)
        #expect(buildSeconds > 0)
        let store = try IndexStore.open(directory: directory, model: .miniLML6V2, create: false)
        let counts = try store.diagnosticsReader.tableCounts()
        #expect(counts.chunks == 25 && counts.vectors == 25 && counts.fullTextRows == 25)
        #expect(counts.files == 3)
        #expect(try IndexValidator().validate(store).errors.isEmpty)
        try store.close()

        let (again, secondSeconds) = try synthetic.prepare(cacheRoot: scratch.url)
        #expect(again.path == directory.path && secondSeconds == 0)
    }

    @Test func refusesAnEmptyIndex() throws {
        let scratch = try TemporaryDirectory("seek-synthetic")
        defer { scratch.remove() }
        #expect(throws: (any Error).self) { try SyntheticIndex(chunks: 0).prepare(cacheRoot: scratch.url) }
    }
}
