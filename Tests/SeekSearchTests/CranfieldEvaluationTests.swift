import Foundation
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing
import SeekCore

/// The full Cranfield evaluation with the real model (1,400 documents to embed: about a minute in
/// release). Runs when SEEK_CRANFIELD_EVAL is set; SEEK_CRANFIELD_INDEX names a directory that
/// keeps the built index between runs.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SEEK_CRANFIELD_EVAL"] != nil))
struct CranfieldEvaluationTests {
    @Test func cranfieldMatchesTheReferenceQuality() throws {
        let dataset = try BEIRDataset(directory: ProjectFixtures.cranfield)
        let environment = ProcessInfo.processInfo.environment
        let temporary = try TemporaryDirectory("seek-cranfield")
        defer { temporary.remove() }
        let directory = environment["SEEK_CRANFIELD_INDEX"].map { URL(fileURLWithPath: $0) } ?? temporary.url
        let store = try IndexStore.open(directory: directory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        let embedder = try CranfieldIndex.loadEmbedder()
        if try store.diagnosticsReader.tableCounts().chunks == 0 {
            try CranfieldIndex.write(dataset.documents, dataset: dataset.name, into: store, embedder: embedder)
        }
        let searcher = Searcher(reader: store.searchReader, vectorIndex: try VectorIndex.load(from: store.searchReader))
        let report = try Evaluator(dataset: dataset).evaluate(searcher: searcher, embedQuery: { text throws(SearchError) in
            do { return try embedder.embed(text: text) } catch { throw .embeddingFailed(reason: "\(error)") }
        }, documentId: CranfieldIndex.documentId)
        for row in report.results {
            let numbers = String(format: "nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  (%d queries)", row.ndcgAt10, row.recallAt100, row.mrrAt10, row.queries)
            print("cranfield \(row.mode.padding(toLength: 8, withPad: " ", startingAt: 0)) \(numbers)")
        }
        let byMode = Dictionary(uniqueKeysWithValues: report.results.map { ($0.mode, $0) })
        #expect(abs((byMode["vector"]?.ndcgAt10 ?? 0) - 0.3953) <= 0.005)
        #expect((byMode["hybrid"]?.ndcgAt10 ?? 0) >= 0.4251)
    }
}

/// Ranking settings explored on a Cranfield index kept by an earlier run (SEEK_CRANFIELD_INDEX):
/// prints nDCG@10 / Recall@100 / MRR@10 for each setting, and checks that the defaults are not beaten
/// by the alternative they replaced. Runs when SEEK_CRANFIELD_TUNE is set.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SEEK_CRANFIELD_TUNE"] != nil))
struct CranfieldTuningTests {
    @Test func exploreRankingSettings() throws {
        let dataset = try BEIRDataset(directory: ProjectFixtures.cranfield)
        let directory = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["SEEK_CRANFIELD_INDEX"]))
        let store = try IndexStore.open(directory: directory, model: .miniLML6V2, create: false)
        defer { try? store.close() }
        let embedder = try CranfieldIndex.loadEmbedder()
        let vectorIndex = try VectorIndex.load(from: store.searchReader)
        let evaluator = Evaluator(dataset: dataset)
        var vectors: [String: [Float]] = [:]
        for query in evaluator.judgedQueries { vectors[query.id] = try embedder.embed(text: query.text) }
        func run(_ label: String, _ configuration: SearchConfiguration, modes: [SearchMode]) throws -> [SearchMode: Double] {
            let searcher = Searcher(reader: store.searchReader, vectorIndex: vectorIndex, configuration: configuration)
            var line = label.padding(toLength: 44, withPad: " ", startingAt: 0)
            var ndcg: [SearchMode: Double] = [:]
            for mode in modes {
                let result = try evaluator.evaluate(mode: mode.rawValue) { query throws(SearchError) -> [String] in
                    try searcher.rankFiles(SearchRequest(query: query.text, mode: mode, k: 100), queryVector: vectors[query.id])
                        .compactMap { CranfieldIndex.documentId(path: $0.path) }
                }
                line += String(format: " %@ %.4f/%.4f/%.4f", mode.rawValue as NSString, result.ndcgAt10, result.recallAt100, result.mrrAt10)
                ndcg[mode] = result.ndcgAt10
            }
            print("tune " + line)
            return ndcg
        }
        let defaults = try run("default", SearchConfiguration(), modes: [.keyword, .hybrid])
        let withStopwords = try run("no stopword removal", SearchConfiguration(queryBuilder: FTSQueryBuilder(removesStopwords: false)), modes: [.keyword, .hybrid])
        // The default drops stopwords because it ranks better.
        #expect((defaults[.keyword] ?? 0) >= (withStopwords[.keyword] ?? 1))
        #expect((defaults[.hybrid] ?? 0) >= (withStopwords[.hybrid] ?? 1))
        _ = try run("text column only", SearchConfiguration(keywordWeights: KeywordColumnWeights(text: 1, title: 0, path: 0)), modes: [.keyword, .hybrid])
        for k in [10.0, 20, 40, 60, 100] {
            for keywordWeight in [0.6, 0.8, 1.0, 1.2] {
                _ = try run("rrf k \(k) keyword weight \(keywordWeight)", SearchConfiguration(fusion: ReciprocalRankFusion(k: k, weights: [.keyword: keywordWeight])), modes: [.hybrid])
            }
        }
    }
}
