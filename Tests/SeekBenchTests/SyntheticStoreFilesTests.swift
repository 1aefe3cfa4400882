import SeekBench
import SeekCore
import Testing

struct SyntheticStoreFilesTests {
    @Test func filesSplitTheChunksAndEachFileIsReproducible() {
        let set = SyntheticStoreFiles(vectors: 25, chunksPerFile: 10, seed: 5)
        #expect(set.files == 3)
        let files = (0..<set.files).map(set.file)
        #expect(files.map(\.chunks.count) == [10, 10, 5])
        #expect(files.allSatisfy { $0.embeddings.count == $0.chunks.count && $0.embeddings.allSatisfy { $0.count == 384 } })
        #expect(Set(files.map(\.input.path)).count == 3)
        #expect(files.allSatisfy { $0.input.rootPath == SyntheticStoreFiles.root && $0.input.path.hasPrefix(SyntheticStoreFiles.root + "/") })

        // The same file from another instance (another writer process) is identical.
        let again = SyntheticStoreFiles(vectors: 25, chunksPerFile: 10, seed: 5).file(1)
        #expect(again.input.path == files[1].input.path && again.input.contentHash == files[1].input.contentHash)
        #expect(again.chunks.map(\.text) == files[1].chunks.map(\.text) && again.embeddings == files[1].embeddings)
        // Chunk vectors are the generator's, numbered across files.
        #expect(files[1].embeddings[3] == set.generator.vector(13))
    }

    @Test func chunksLieEndToEndInTheirDocument() {
        let file = SyntheticStoreFiles(vectors: 10, chunksPerFile: 10, seed: 1).file(0)
        let scalars = Array(file.document.text.unicodeScalars)
        for chunk in file.chunks {
            #expect(String(String.UnicodeScalarView(scalars[chunk.start..<chunk.end])) == chunk.text)
            #expect(chunk.textHash == ContentHash.sha256Hex(chunk.text))
        }
        #expect(Set(file.chunks.map(\.textHash)).count == file.chunks.count)
        #expect(file.chunks.map(\.ordinal) == Array(0..<10))
    }
}
