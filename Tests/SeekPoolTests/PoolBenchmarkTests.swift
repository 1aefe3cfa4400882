import Foundation
import SeekEmbedding
import SeekBench
import SeekPool
import SeekTestSupport
import Testing

/// The pool against the in-process backend with the same total threads (2 workers × 1 thread vs
/// 2 threads). By default a quick run on 48 Cranfield abstracts checks the benchmark itself; set
/// SEEK_POOL_BENCHMARK_TEXTS=600 (and SEEK_POOL_BENCHMARK_PASSES) for the reference measurement,
/// printed as JSON. No timing is asserted.
struct PoolBenchmarkTests {
    @Test func comparesPoolAndInProcessOnCranfield() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["SEEK_POOL_BENCHMARK_TEXTS"].flatMap(Int.init) ?? 48
        let passes = environment["SEEK_POOL_BENCHMARK_PASSES"].flatMap(Int.init) ?? 1
        let embedder = try await PoolTestSupport.embedder()
        let sequences = try CranfieldDataset.indexedTexts(count: count).map { embedder.tokenizer.encode($0) }
        var configuration = try PoolTestSupport.configuration(workers: 2)
        configuration.batchSize = 32
        let pool = try await EmbedderPool(configuration: configuration)
        let result = try await PoolBenchmark(tokenIds: sequences, passes: passes).run(pool: pool, inProcess: InProcessEmbeddingBackend(embedder: embedder))
        await pool.shutdown()

        #expect(result.sequences == count)
        #expect(result.tokens == sequences.reduce(0) { $0 + $1.count })
        #expect(result.passes == passes)
        #expect(result.minimumCosine > 0.99999)
        #expect(result.poolSeconds > 0 && result.inProcessSeconds > 0)
        #expect(abs(result.ratio - result.poolTokensPerSecond / result.inProcessTokensPerSecond) < 1e-9)
        #expect(result.workers == 2 && result.threadsPerWorker == 1 && result.inProcessThreads == 2)
        if environment["SEEK_POOL_BENCHMARK_TEXTS"] != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        }
    }

    @Test func refusesAnEmptyCorpus() async throws {
        let pool = try await EmbedderPool(configuration: try PoolTestSupport.configuration())
        await #expect(throws: EmbeddingError.self) {
            _ = try await PoolBenchmark(tokenIds: []).run(pool: pool, inProcess: InProcessEmbeddingBackend(embedder: try await PoolTestSupport.embedder()))
        }
        await pool.shutdown()
    }
}
