import Foundation
import SeekEmbedding
import SeekPool
import SeekTestSupport
import Testing

/// The pool that starts on its first batch: nothing runs before, concurrent first calls share
/// one start, a failed start is tried again, a handshake that disagrees is refused.
@Suite(.serialized)
struct OnDemandEmbedderPoolTests {
    private typealias Support = PoolTestSupport

    @Test func startsNoWorkerBeforeTheFirstBatch() async throws {
        let pool = try OnDemandEmbedderPool(configuration: try Support.configuration(workers: 2), dimension: 384, precision: "fp32")
        #expect(pool.started == nil && pool.statistics() == nil)
        #expect(pool.preferredBatchSequences == 4 && pool.maxConcurrentBatches == 2 * pool.configuration.pipelineDepth)

        let sequences = try await Support.shortSequences(6)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        let statistics = try #require(pool.statistics())
        #expect(statistics.workers.count == 2 && statistics.restarts == 0)
        #expect(pool.started?.handshake.precision == "fp32")

        await pool.shutdown()
        #expect(pool.started == nil)
        await #expect(throws: PoolError.shutDown) { try await pool.embed(tokenIds: sequences) }
        await #expect(throws: PoolError.shutDown) { try await pool.start() }
    }

    @Test func concurrentFirstCallsShareOneStart() async throws {
        let pool = try OnDemandEmbedderPool(configuration: try Support.configuration(workers: 2), dimension: 384, precision: "fp32")
        let sequences = try await Support.shortSequences(8)
        let results = try await withThrowingTaskGroup(of: (Int, [EmbeddingOutcome]).self) { group in
            for part in 0..<4 {
                group.addTask { (part, try await pool.embed(tokenIds: Array(sequences[(part * 2)..<(part * 2 + 2)]))) }
            }
            var results: [Int: [EmbeddingOutcome]] = [:]
            for try await (part, outcomes) in group { results[part] = outcomes }
            return results
        }
        let vectors = try (0..<4).flatMap { try Support.vectors(results[$0] ?? []) }
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        let statistics = try #require(pool.statistics())
        // Two slots, two processes ever: a second start would have spawned more.
        #expect(statistics.workerPeaks.count == 2 && statistics.workers.count == 2 && statistics.restarts == 0,
                "\(statistics.workerPeaks)")
        await pool.shutdown()
    }

    @Test func aFailedStartFailsItsCallsAndTheNextCallTriesAgain() async throws {
        // Workers exit before their handshake while the marker file exists.
        let scratch = try TemporaryDirectory()
        let marker = scratch.file("refuse")
        try Data().write(to: marker)
        let command = ["/bin/sh", "-c", "if [ -e \"$1\" ]; then exit 3; fi; exec \"$0\" embedder-worker --threads 1 --model-dir \"$2\"",
                       try SeekBinary.path(), marker.path, try ModelLocation.testModelDirectory().path]
        var configuration = try Support.configuration(command: command)
        configuration.maxRetries = 1
        let pool = try OnDemandEmbedderPool(configuration: configuration, dimension: 384, precision: "fp32")
        let sequences = try await Support.shortSequences(2)
        do {
            _ = try await pool.embed(tokenIds: sequences)
            Issue.record("a pool whose workers all exit started")
        } catch PoolError.spawnFailed(_, let reason) {
            #expect(reason.contains("exit 3"), "\(reason)")
        }
        #expect(pool.started == nil)

        try FileManager.default.removeItem(at: marker)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        #expect(vectors.count == 2 && pool.started != nil)
        await pool.shutdown()
    }

    @Test func aHandshakeThatDisagreesFailsTheStart() async throws {
        // The workers compute fp32 (their command says so); this run expects bf16 vectors.
        let pool = try OnDemandEmbedderPool(configuration: try Support.configuration(), dimension: 384, precision: "bf16")
        let sequences = try await Support.shortSequences(2)
        do {
            _ = try await pool.embed(tokenIds: sequences)
            Issue.record("vectors of another precision were accepted")
        } catch PoolError.unexpectedHandshake(let reason) {
            #expect(reason.contains("fp32") && reason.contains("bf16"), "\(reason)")
        }
        #expect(pool.started == nil)
        let wide = try OnDemandEmbedderPool(configuration: try Support.configuration(), dimension: 768, precision: "fp32")
        await #expect(throws: PoolError.self) { try await wide.embed(tokenIds: sequences) }
        await pool.shutdown()
        await wide.shutdown()
    }

    @Test func shutdownWhileStartingStopsThePool() async throws {
        let pool = try OnDemandEmbedderPool(configuration: try Support.configuration(workers: 2), dimension: 384, precision: "fp32")
        let sequences = try await Support.shortSequences(2)
        let call = Task { try await pool.embed(tokenIds: sequences) }
        // Let the start begin (the workers take far longer than this to map the model).
        try await Task.sleep(for: .milliseconds(20))
        await pool.shutdown()
        await #expect(throws: PoolError.shutDown) { try await call.value }
        #expect(pool.started == nil && pool.statistics() == nil)
    }

    @Test func anInvalidConfigurationIsRefusedWhenMade() throws {
        var configuration = try Support.configuration()
        configuration.workers = 0
        #expect(throws: PoolError.self) { try OnDemandEmbedderPool(configuration: configuration, dimension: 384, precision: "fp32") }
    }
}
