import Foundation
import SeekKernels
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing
import SeekCore

struct VectorIndexTests {
    /// Every chunk scored with the scan kernel's dot product and fully sorted: the definition of
    /// the exact top k.
    static func bruteForce(_ query: [Float], vectors: [Float], chunkIds: [Int64], dimension: Int, k: Int, keep: (Int) -> Bool = { _ in true }) -> [VectorHit] {
        var hits: [VectorHit] = []
        for row in chunkIds.indices where keep(row) {
            hits.append(VectorHit(chunkId: chunkIds[row], score: VectorScan.dot(query, Array(vectors[(row * dimension)..<((row + 1) * dimension)]))))
        }
        hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.chunkId < $1.chunkId) }
        return Array(hits.prefix(k))
    }

    @Test func approximateEqualsExactOnRandomVectors() throws {
        let dimension = 384, count = 4_000
        var vectors = TestVectors.unitVectors(count: count, dimension: dimension, seed: 7)
        // Duplicate rows give exact ties, which must resolve by chunk id in both paths.
        for (source, target) in [(10, 3_000), (10, 3_999), (500, 20)] {
            vectors.replaceSubrange((target * dimension)..<((target + 1) * dimension), with: vectors[(source * dimension)..<((source + 1) * dimension)])
        }
        let chunkIds = (0..<Int64(count)).map { $0 * 3 + 5 }
        let index = try VectorIndex(chunkIds: chunkIds, vectors: vectors, dimension: dimension, threads: 1)
        var generator = SeededGenerator(seed: 1234)
        var queries = (0..<20).map { _ in generator.unitVector(dimension: dimension) }
        // Queries close to stored rows (one of them duplicated) make the top scores crowd together.
        for row in [10, 500, 1_234] {
            let noise = generator.unitVector(dimension: dimension)
            queries.append(TestVectors.normalized((0..<dimension).map { vectors[row * dimension + $0] + 0.05 * noise[$0] }))
        }
        for query in queries {
            for k in [1, 10, 100] {
                let exact = try index.exact(query: query, k: k)
                #expect(exact == Self.bruteForce(query, vectors: vectors, chunkIds: chunkIds, dimension: dimension, k: k))
                #expect(try index.approximate(query: query, k: k) == exact, "k = \(k)")
            }
        }
        let tied = try index.exact(query: Array(vectors[(10 * dimension)..<(11 * dimension)]), k: 3)
        #expect(tied.map(\.chunkId) == [chunkIds[10], chunkIds[3_000], chunkIds[3_999]])
    }

    @Test func approximateEqualsExactAcrossTwoThreads() throws {
        let dimension = 48, count = 40_000
        let vectors = TestVectors.unitVectors(count: count, dimension: dimension, seed: 99)
        let chunkIds = (1...Int64(count)).map { $0 }
        let single = try VectorIndex(chunkIds: chunkIds, vectors: vectors, dimension: dimension, threads: 1)
        let parallel = try VectorIndex(chunkIds: chunkIds, vectors: vectors, dimension: dimension, threads: 2)
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<5 {
            let query = generator.unitVector(dimension: dimension)
            let exact = try single.exact(query: query, k: 25)
            #expect(try parallel.exact(query: query, k: 25) == exact)
            #expect(try parallel.approximate(query: query, k: 25) == exact)
            #expect(try single.approximate(query: query, k: 25) == exact)
        }
    }

    @Test func approximateEqualsExactOnRealEmbeddings() throws {
        let reference = try TestVectors.reference()
        let dimension = reference[0].embedding.count
        // Each row normalised again exactly as stored embeddings are (unit length).
        let rows = reference.map { TestVectors.normalized($0.embedding) }
        let vectors = rows.flatMap { $0 }
        let chunkIds = (0..<Int64(rows.count)).map { $0 + 1 }
        let index = try VectorIndex(chunkIds: chunkIds, vectors: vectors, dimension: dimension)
        for (number, query) in rows.enumerated() {
            for k in [1, 5, 10, 50] {
                let exact = try index.exact(query: query, k: k)
                #expect(try index.approximate(query: query, k: k) == exact, "query \(number), k = \(k)")
                if k == 1 { #expect(exact.first?.chunkId == chunkIds[number] || exact.first.map { $0.score >= 0.9999 } == true) }
            }
        }
    }

    @Test func invalidQueriesThrowSearchErrors() throws {
        let index = try VectorIndex(chunkIds: [1, 2], vectors: [1, 0, 0, 1], dimension: 2)
        #expect(throws: SearchError.self) { try index.exact(query: [1, 0, 0], k: 1) }
        #expect(throws: SearchError.self) { try index.approximate(query: [.nan, 0], k: 1) }
        #expect(throws: SearchError.self) { try index.exact(query: [1, 0], k: 0) }
        // No file information: only unfiltered searches.
        #expect(throws: SearchError.self) { try index.exact(query: [1, 0], k: 1, filter: SearchFilter(fileTypes: ["md"])) }
        #expect(throws: SearchError.self) { try VectorIndex(chunkIds: [2, 1], vectors: [1, 0, 0, 1], dimension: 2) }
        #expect(throws: SearchError.self) { try VectorIndex(chunkIds: [1], vectors: [1, 0, 0], dimension: 2) }
        #expect(try index.approximate(query: [0, 0], k: 5) == [VectorHit(chunkId: 1, score: 0), VectorHit(chunkId: 2, score: 0)])
    }

    /// Files under two folders, three types and several modification times, 6 chunks each.
    static func writeCorpus(_ index: SearchTestIndex, generator: inout SeededGenerator) throws -> [(path: String, mtime: Double, embeddings: [[Float]])] {
        var written: [(path: String, mtime: Double, embeddings: [[Float]])] = []
        for number in 0..<24 {
            let folder = number % 3 == 0 ? "notes" : "code"
            let type = ["md", "txt", "PDF"][number % 3]
            let relative = "\(folder)/file\(number).\(type)"
            let mtime = 1_700_000_000 + Double(number) * 1_000
            let embeddings = (0..<6).map { _ in generator.unitVector(dimension: 384) }
            try index.writeFile(relative, texts: (0..<6).map { "chunk \($0) of \(relative)" }, embeddings: embeddings, mtime: mtime)
            written.append((SearchTestIndex.root + "/" + relative, mtime, embeddings))
        }
        // A sibling folder whose name extends "notes": a prefix filter on /corpus/notes must skip it.
        let embeddings = (0..<6).map { _ in generator.unitVector(dimension: 384) }
        try index.writeFile("notes2/other.md", texts: (0..<6).map { "sibling \($0)" }, embeddings: embeddings, mtime: 1_700_000_000)
        written.append((SearchTestIndex.root + "/notes2/other.md", 1_700_000_000, embeddings))
        return written
    }

    @Test func storeBackedIndexFiltersInsideTheScanInBothResidencies() throws {
        let store = try SearchTestIndex()
        var generator = SeededGenerator(seed: 77)
        let corpus = try Self.writeCorpus(store, generator: &generator)
        let full = try VectorIndex.load(from: store.searchReader, residency: .full)
        let cold = try VectorIndex.load(from: store.searchReader, residency: .codesOnly)
        #expect(full.count == corpus.count * 6 && cold.count == full.count)
        #expect(full.writeGeneration == (try store.searchReader.writeGeneration()))
        #expect(full.files.files.count == corpus.count)

        // Reference: every chunk's path, mtime and vector, in chunk id order (files were written in order).
        let rows = corpus.flatMap { file in file.embeddings.map { (file.path, file.mtime, $0) } }
        let vectors = rows.flatMap { $0.2 }
        let filters: [(SearchFilter, (String, Double) -> Bool)] = [
            (SearchFilter(), { _, _ in true }),
            (SearchFilter(pathPrefix: "/corpus/notes/"), { path, _ in path.hasPrefix("/corpus/notes/") }),
            (SearchFilter(pathPrefix: "/corpus/notes"), { path, _ in path.hasPrefix("/corpus/notes/") }),
            (SearchFilter(fileTypes: [".pdf", "TXT"]), { path, _ in path.hasSuffix(".PDF") || path.hasSuffix(".txt") }),
            (SearchFilter(modifiedAfter: Date(timeIntervalSince1970: 1_700_005_000), modifiedBefore: Date(timeIntervalSince1970: 1_700_009_000)), { _, mtime in mtime >= 1_700_005_000 && mtime < 1_700_009_000 }),
            (SearchFilter(pathPrefix: "/corpus/code", fileTypes: ["md"], modifiedAfter: Date(timeIntervalSince1970: 1_700_010_000)), { path, mtime in
                path.hasPrefix("/corpus/code/") && path.hasSuffix(".md") && mtime >= 1_700_010_000 }),
            (SearchFilter(pathPrefix: "/elsewhere"), { _, _ in false }),
        ]
        for (filter, keep) in filters {
            let query = generator.unitVector(dimension: 384)
            let matching = rows.filter { keep($0.0, $0.1) }.count
            for k in [3, 10] {
                let expected = Self.bruteForce(query, vectors: vectors, chunkIds: full.chunkIds, dimension: 384, k: k) { keep(rows[$0].0, rows[$0].1) }
                #expect(expected.count == min(k, matching))
                #expect(try full.exact(query: query, k: k, filter: filter) == expected, "\(filter)")
                #expect(try full.approximate(query: query, k: k, filter: filter) == expected, "\(filter)")
                #expect(try cold.exact(query: query, k: k, filter: filter) == expected, "\(filter)")
                #expect(try cold.approximate(query: query, k: k, filter: filter) == expected, "\(filter)")
            }
        }
        #expect(full.file(of: full.chunkIds[7])?.path == corpus[1].path)
        #expect(full.file(of: -5) == nil)
    }

    @Test func badFiltersAreRejected() throws {
        let store = try SearchTestIndex()
        var generator = SeededGenerator(seed: 3)
        try store.writeFile("a.md", texts: ["a"], embeddings: [generator.unitVector(dimension: 384)])
        let index = try VectorIndex.load(from: store.searchReader)
        let query = generator.unitVector(dimension: 384)
        #expect(throws: SearchError.self) { try index.exact(query: query, k: 1, filter: SearchFilter(pathPrefix: "")) }
        #expect(throws: SearchError.self) { try index.exact(query: query, k: 1, filter: SearchFilter(fileTypes: ["."])) }
        #expect(throws: SearchError.self) { try index.exact(query: query, k: 1, filter: SearchFilter(modifiedAfter: Date(timeIntervalSince1970: .infinity))) }
        #expect(try index.exact(query: query, k: 1, filter: SearchFilter(pathPrefix: "/corpus/a.md")).count == 1)
    }
}
