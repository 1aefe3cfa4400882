import Foundation
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing
import SeekCore

struct VectorCacheFileTests {
    @Test func cachedLoadEqualsTheIndexAndFollowsEveryWrite() throws {
        let store = try SearchTestIndex()
        var generator = SeededGenerator(seed: 5)
        _ = try VectorIndexTests.writeCorpus(store, generator: &generator)
        let cache = VectorCacheFile(indexDirectory: store.directory.url.appendingPathComponent(".seek"))
        #expect(cache.storedVersion() == nil)

        let fromIndex = try VectorIndex.load(from: store.searchReader, residency: .codesOnly)
        let first = try VectorIndex.load(from: store.searchReader, residency: .codesOnly, cache: cache)
        let version = try store.searchReader.contentVersion()
        #expect(cache.storedVersion() == version.key)
        let contents = try #require(cache.load(contentVersion: version.key))
        #expect(contents.codes == (try store.searchReader.allVectorCodes()))
        #expect(contents.files == (try store.searchReader.chunkFileMap()))

        // A load served by the file answers exactly like one from the index.
        let cached = try VectorIndex.load(from: store.searchReader, residency: .codesOnly, cache: cache)
        #expect(cached.chunkIds == fromIndex.chunkIds && cached.files == fromIndex.files && first.chunkIds == fromIndex.chunkIds)
        #expect(cached.writeGeneration == version.writeGeneration)
        for _ in 0..<5 {
            let query = generator.unitVector(dimension: 384)
            #expect(try cached.approximate(query: query, k: 7) == (try fromIndex.approximate(query: query, k: 7)))
            let filter = SearchFilter(pathPrefix: "/corpus/notes")
            #expect(try cached.approximate(query: query, k: 5, filter: filter) == (try fromIndex.approximate(query: query, k: 5, filter: filter)))
        }

        // A write makes the file stale: it is not used, and the next load rewrites it.
        try store.writeFile("late.md", texts: ["a late chunk"], embeddings: [generator.unitVector(dimension: 384)])
        let newVersion = try store.searchReader.contentVersion()
        #expect(newVersion != version)
        #expect(cache.load(contentVersion: newVersion.key) == nil)
        let reloaded = try VectorIndex.load(from: store.searchReader, residency: .codesOnly, cache: cache)
        #expect(reloaded.count == fromIndex.count + 1)
        #expect(cache.storedVersion() == newVersion.key)
    }

    @Test func damagedFilesAreIgnored() throws {
        let store = try SearchTestIndex()
        var generator = SeededGenerator(seed: 9)
        try store.writeFile("a.md", texts: ["one", "two"], embeddings: [generator.unitVector(dimension: 384), generator.unitVector(dimension: 384)])
        let cache = VectorCacheFile(indexDirectory: store.directory.url.appendingPathComponent(".seek"))
        _ = try VectorIndex.load(from: store.searchReader, residency: .codesOnly, cache: cache)
        let version = try store.searchReader.contentVersion().key
        let intact = try Data(contentsOf: cache.url)
        #expect(cache.load(contentVersion: version) != nil)
        // Truncated, extended and garbage files all read as "no cache"; loading still works.
        for damaged in [intact.prefix(intact.count - 3), intact + Data([1, 2, 3]), Data(repeating: 0x41, count: 100), Data()] {
            try damaged.write(to: cache.url)
            #expect(cache.load(contentVersion: version) == nil)
            #expect(try VectorIndex.load(from: store.searchReader, residency: .codesOnly, cache: cache).count == 2)
        }
    }
}
