import Foundation
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing

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
        if try store.reader.tableCounts().chunks == 0 {
            try CranfieldIndex.write(dataset.documents, dataset: dataset.name, into: store, embedder: embedder)
        }
        let searcher = Searcher(reader: store.reader, vectorIndex: try VectorIndex.load(from: store.reader), embedder: embedder)
        let report = try Evaluator(dataset: dataset).evaluate(searcher: searcher, documentId: CranfieldIndex.documentId)
        for row in report.results {
            let numbers = String(format: "nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  (%d queries)", row.ndcgAt10, row.recallAt100, row.mrrAt10, row.queries)
            print("cranfield \(row.mode.padding(toLength: 8, withPad: " ", startingAt: 0)) \(numbers)")
        }
        let byMode = Dictionary(uniqueKeysWithValues: report.results.map { ($0.mode, $0) })
        #expect(abs((byMode["vector"]?.ndcgAt10 ?? 0) - 0.3953) <= 0.005)
        #expect((byMode["hybrid"]?.ndcgAt10 ?? 0) >= 0.4251)
    }
}
