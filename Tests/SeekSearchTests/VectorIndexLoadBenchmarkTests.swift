import Foundation
import SeekCore
import SeekSearch
import SeekStore
import SeekTestSupport
import Testing

/// Loading a 100,000-chunk index both ways and querying it cold (codes only, rescoring from
/// SQLite) and warm: when SEEK_SEARCH_BENCH is set, in release. SEEK_SEARCH_BENCH_INDEX names a
/// directory that keeps the built index between runs.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SEEK_SEARCH_BENCH"] != nil))
struct VectorIndexLoadBenchmarkTests {
    @Test func coldAndWarmIndexesOfOneHundredThousandChunks() throws {
        let temporary = try TemporaryDirectory("seek-load-bench")
        defer { temporary.remove() }
        let directory = ProcessInfo.processInfo.environment["SEEK_SEARCH_BENCH_INDEX"].map { URL(fileURLWithPath: $0) } ?? temporary.url
        let store = try IndexStore.open(directory: directory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        var generator = SeededGenerator(seed: 2024)
        if try store.diagnosticsReader.tableCounts().chunks == 0 {
            try store.writer.addRoot("/bench")
            for fileNumber in 0..<1_000 {
                let texts = (0..<100).map { "file \(fileNumber) chunk \($0) words" }
                let chunks = texts.enumerated().map { ordinal, text in
                    ChunkDraft(ordinal: ordinal, text: text, start: ordinal * 40, end: ordinal * 40 + text.unicodeScalars.count, page: nil,
                               headingPath: [], tokenIds: [101, 102], textHash: ContentHash.sha256Hex(text))
                }
                let file = FileInput(path: "/bench/f\(fileNumber).txt", rootPath: "/bench", size: 4_000, mtime: 1_700_000_000,
                                     contentHash: ContentHash.sha256Hex("\(fileNumber)"), parser: "text", parserVersion: "1")
                try store.writer.writeIndexedFile(file, document: ExtractedDocument(text: texts.joined(separator: "\n")), chunks: chunks,
                                                  embeddings: (0..<100).map { _ in generator.unitVector(dimension: 384) })
            }
        }
        let clock = ContinuousClock()
        var cold: VectorIndex?
        let coldLoad = clock.measure { cold = try? VectorIndex.load(from: store.searchReader, residency: .codesOnly) }
        var warm: VectorIndex?
        let warmLoad = clock.measure { warm = try? VectorIndex.load(from: store.searchReader, residency: .full) }
        let coldIndex = try #require(cold), warmIndex = try #require(warm)
        #expect(coldIndex.count == 100_000 && warmIndex.count == 100_000)
        var coldTimes: [Double] = [], warmTimes: [Double] = []
        for _ in 0..<50 {
            let query = generator.unitVector(dimension: 384)
            var coldHits: [VectorHit] = [], warmHits: [VectorHit] = []
            coldTimes.append((try clock.measure { coldHits = try coldIndex.approximate(query: query, k: 10) }).seconds * 1_000)
            warmTimes.append((try clock.measure { warmHits = try warmIndex.exact(query: query, k: 10) }).seconds * 1_000)
            #expect(coldHits == warmHits)
        }
        coldTimes.sort()
        warmTimes.sort()
        print(String(format: "load codes-only %.0f ms, full %.0f ms; query p50 codes-only %.2f ms, full exact %.2f ms",
                     coldLoad.seconds * 1_000, warmLoad.seconds * 1_000, coldTimes[25], warmTimes[25]))
    }
}
