import SeekSearch
import SeekStore
import SeekTestSupport
import Testing

struct KeywordSearcherTests {
    @Test func ranksByBM25AndFiltersUntilKAreFound() throws {
        let index = try SearchTestIndex()
        var generator = SeededGenerator(seed: 8)
        // 30 files mention "nozzle"; only files 25...29 are allowed by the filter.
        for number in 0..<30 {
            let text = number % 2 == 0 ? "nozzle nozzle flow \(number)" : "nozzle design \(number)"
            try index.writeFile("f\(number).txt", texts: [text], embeddings: [generator.unitVector(dimension: 384)])
        }
        try index.writeFile("other.txt", texts: ["unrelated words"], embeddings: [generator.unitVector(dimension: 384)])
        let searcher = KeywordSearcher(reader: index.searchReader)
        let hits = try searcher.search("Nozzle", k: 40)
        #expect(hits.count == 30)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && $0.chunkId < $1.chunkId) })
        let allowed = Set(hits.map(\.chunkId).sorted().suffix(5))
        let filtered = try searcher.search("nozzle", k: 5) { allowed.contains($0) }
        #expect(Set(filtered.map(\.chunkId)) == allowed)
        #expect(try searcher.search("nozzle", k: 2) { _ in false }.isEmpty)
        #expect(try searcher.search("\"NEAR(nozzle* AND(", k: 3).count == 3)
        #expect(throws: SearchError.self) { try searcher.search("!!!", k: 3) }
        #expect(throws: SearchError.self) { try searcher.search("nozzle", k: 0) }
    }
}
