import Foundation
import SeekCore
import SeekEmbedding
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing

/// The cross-encoder stage of `Searcher` with the tiny random cross-encoder of the fixtures: the
/// first stage's top `rerankDepth` files are reordered by the documented rule (reciprocal-rank
/// fusion of the first-stage and cross-encoder orders, ties by chunk id), the files below the
/// depth keep their order, and without a reranker the mode is refused with the fetch command.
struct CrossEncoderRerankTests {
    static let tinyModel = ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder")

    @Test func theTopFilesAreReorderedByTheFusedRanks() throws {
        let corpus = try SearchCorpus()
        let reranker = try CrossEncoder(modelDirectory: Self.tinyModel)
        let query = "automatic indexing vocabulary of user queries"
        let vector = try SearchCorpus.embedder.get().embed(text: query)
        let firstStage = try corpus.searcher().rankFiles(SearchRequest(query: query, k: 20), queryVector: vector)
        var configuration = SearchConfiguration()
        configuration.rerank = .crossEncoder
        configuration.rerankDepth = 8
        let searcher = try corpus.searcher(configuration: configuration, reranker: reranker)
        let reranked = try searcher.rankFiles(SearchRequest(query: query, k: 20), queryVector: vector)

        // The rule, computed here from the cross-encoder's own scores of each file's best chunk.
        let top = Array(firstStage.prefix(8))
        let texts = try corpus.index.searchReader.chunkDetails(chunkIds: top.map(\.best.chunkId))
        let scores = try reranker.scores(top.map { reranker.encode(query: query, passage: texts[$0.best.chunkId]?.text ?? "") })
        let byScore = top.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : top[$0].best.chunkId < top[$1].best.chunkId }
        var crossRank = [Int](repeating: 0, count: top.count)
        for (rank, index) in byScore.enumerated() { crossRank[index] = rank + 1 }
        let fused = top.indices.map { 1 / (60 + Double($0 + 1)) + 1 / (60 + Double(crossRank[$0])) }
        let expected = top.indices.sorted { fused[$0] != fused[$1] ? fused[$0] > fused[$1] : top[$0].best.chunkId < top[$1].best.chunkId }
        #expect(reranked.prefix(8).map(\.path) == expected.map { top[$0].path })
        #expect(reranked.prefix(8).map(\.best.score) == expected.map { fused[$0] })
        #expect(Array(reranked.dropFirst(8).map(\.path)) == Array(firstStage.dropFirst(8).map(\.path)))
        // Searching twice gives the same order (deterministic).
        #expect(try searcher.rankFiles(SearchRequest(query: query, k: 20), queryVector: vector) == reranked)
        let staged = try searcher.rankFilesInStages(SearchRequest(query: query, k: 5), queryVector: vector)
        #expect(staged.groups.count == 5 && staged.rerank > .zero)
    }

    @Test func withoutARerankerTheModeSaysHowToGetOne() throws {
        let corpus = try SearchCorpus()
        var configuration = SearchConfiguration()
        configuration.rerank = .crossEncoder
        let searcher = try corpus.searcher(configuration: configuration)
        #expect { try searcher.rankFiles(SearchRequest(query: "flow", mode: .keyword, k: 3), queryVector: nil) } throws: { error in
            "\(error)".contains("seek model fetch --reranker")
        }
    }
}
