import Foundation
import MetricsTestKit
import SeekEmbedding
import SeekPool
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Real worker processes (the `seek` binary) with real faults. Serialized: each test owns the
/// machine's cores while its workers run, so its timeouts mean what they say.
@Suite(.serialized)
struct EmbedderPoolTests {
    typealias Support = PoolTestSupport

    @Test func vectorsMatchTheInProcessEmbedder() async throws {
        let texts = try CranfieldDataset.indexedTexts(count: 24)
        let embedder = try await Support.embedder()
        let sequences = texts.map { embedder.tokenizer.encode($0) }
        let reference = try await embedder.embed(tokenIds: sequences)
        let pool = try await EmbedderPool(configuration: try Support.configuration(workers: 2))
        #expect(pool.dimension == 384)
        #expect(pool.handshake.modelID == "sentence-transformers/all-MiniLM-L6-v2")

        // Concurrent callers each get their own outcomes, in their own order.
        async let first = pool.embed(tokenIds: Array(sequences[0..<16]))
        async let second = pool.embed(tokenIds: Array(sequences[16...]).reversed())
        async let single = pool.embed(tokenIds: [sequences[3]])
        let (a, b, c) = try await (first, second, single)
        Support.expectMatching(try Support.vectors(a) + Support.vectors(b).reversed(), reference)
        Support.expectMatching(try Support.vectors(c), [reference[3]])
        #expect(try await pool.embed(tokenIds: []).isEmpty)

        let statistics = pool.statistics()
        #expect(statistics.workers.count == 2)
        #expect(Set(statistics.workers.map(\.slot)) == [0, 1])
        #expect(statistics.workers.allSatisfy { $0.state == .ready && $0.inFlightBatches == 0 && $0.rssMB > 0 })
        #expect(statistics.tokens == sequences.reduce(0) { $0 + $1.count } + sequences[3].count)
        #expect(statistics.batches == statistics.workers.reduce(0) { $0 + $1.batches })
        #expect(statistics.tokens == statistics.workers.reduce(0) { $0 + $1.tokens })
        #expect(statistics.restarts == 0 && statistics.failures == 0 && statistics.retriedBatches == 0)
        let decoded = try JSONDecoder().decode(PoolStatistics.self, from: JSONEncoder().encode(statistics))
        #expect(decoded == statistics)

        let pids = statistics.workers.map(\.pid)
        await pool.shutdown()
        #expect(pids.allSatisfy(Support.isGone))
        #expect(pool.statistics().workers.isEmpty)
        await #expect(throws: PoolError.shutDown) { _ = try await pool.embed(tokenIds: [sequences[0]]) }
    }

    /// The indexing pipeline sends calls of `preferredBatchSequences` and keeps
    /// `maxConcurrentBatches` in flight: one request per call (a call never waits on another
    /// worker's half), and enough calls to fill every worker's pipeline.
    @Test func callsAreOneRequestEachAndFillEveryWorkersPipeline() async throws {
        var configuration = try Support.configuration(workers: 2)
        configuration.batchSize = 4
        configuration.pipelineDepth = 3
        let pool = try await EmbedderPool(configuration: configuration)
        #expect(pool.preferredBatchSequences == 4)
        #expect(pool.maxConcurrentBatches == 6)
        let sequences = try await Support.shortSequences(pool.preferredBatchSequences)
        let batchesBefore = pool.statistics().batches
        _ = try Support.vectors(try await pool.embed(tokenIds: sequences))
        #expect(pool.statistics().batches == batchesBefore + 1, "a call of preferredBatchSequences is one request")
        await pool.shutdown()
    }

    /// A call within `preferredBatchTokens` (the pool's `maxBatchTokens`) is one request too;
    /// one past it is cut in two.
    @Test func callsWithinTheTokenBudgetAreOneRequest() async throws {
        var configuration = try Support.configuration(workers: 1)
        let sequences = try await Support.shortSequences(4)
        let tokens = sequences.reduce(0) { $0 + $1.count }
        configuration.batchSize = 32
        configuration.maxBatchTokens = tokens
        let pool = try await EmbedderPool(configuration: configuration)
        #expect(pool.preferredBatchTokens == tokens)
        let before = pool.statistics().batches
        _ = try Support.vectors(try await pool.embed(tokenIds: sequences))
        #expect(pool.statistics().batches == before + 1, "a call of preferredBatchTokens is one request")
        _ = try Support.vectors(try await pool.embed(tokenIds: sequences + [sequences[0]]))
        #expect(pool.statistics().batches == before + 3, "one sequence past the budget makes a second request")
        await pool.shutdown()
    }

    @Test func concurrentCallersNeverReorderAWorkersRequests() async throws {
        // A worker answers in the order its requests reached its input, so the pool must queue
        // them in the order it recorded them, whichever threads dispatch them at the same time:
        // callers submitting calls that split into batches for both workers, and each worker's
        // reader dispatching the next batch when an answer arrives. A reordering is a protocol
        // violation: the worker is killed and replaced, which counts as a restart.
        let sequences = try await Support.shortSequences(12)
        let reference = try await Support.embedder().embed(tokenIds: sequences)
        var configuration = try Support.configuration(workers: 2)
        configuration.batchSize = 2
        let pool = try await EmbedderPool(configuration: configuration)
        let callers = 4
        let rounds = 120
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<callers {
                group.addTask {
                    var generator = SystemRandomNumberGenerator()
                    for round in 0..<rounds {
                        // Jitter keeps the queue often empty, so submissions race for idle workers.
                        try await Task.sleep(for: .microseconds(Int.random(in: 0..<1000, using: &generator)))
                        let members = (0..<(1 + (caller + round) % 6)).map { ($0 + caller * 5 + round) % sequences.count }
                        let vectors = try Support.vectors(try await pool.embed(tokenIds: members.map { sequences[$0] }))
                        Support.expectMatching(vectors, members.map { reference[$0] })
                    }
                }
            }
            try await group.waitForAll()
        }
        let statistics = pool.statistics()
        await pool.shutdown()
        #expect(statistics.restarts == 0 && statistics.failures == 0 && statistics.retriedBatches == 0,
                "\(statistics.restartHistory.map { "\($0.reason): \($0.detail)" })")
    }

    @Test func crashAfterThreeBatchesLosesNothing() async throws {
        let sequences = try await Support.shortSequences(40)
        let undisturbed = try await EmbedderPool(configuration: try Support.configuration(workers: 2))
        let reference = try Support.vectors(try await undisturbed.embed(tokenIds: sequences))
        await undisturbed.shutdown()

        let metrics = TestMetrics()
        let pool = try await EmbedderPool(configuration: try Support.configuration(workers: 2, fault: "crash-after:3"), metricsFactory: metrics)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, reference)
        let statistics = pool.statistics()
        // 10 batches, at most 3 per worker: at least 4 workers, so at least 2 replacements.
        #expect(statistics.restarts >= 2)
        #expect(statistics.restartHistory.allSatisfy { $0.reason == .crash && $0.detail == "SIGKILL" && $0.batches == 3 })
        #expect(statistics.retriedBatches >= 2)
        #expect(statistics.failures == 0)

        // The metrics tell the same story as the statistics.
        // 10 batches, or more when a retried batch failed again and was bisected.
        #expect(statistics.batches >= 10)
        #expect(try metrics.expectCounter("seek_embedder_batches").totalValue == Int64(statistics.batches))
        #expect(try metrics.expectCounter("seek_embedder_tokens").totalValue == Int64(sequences.reduce(0) { $0 + $1.count }))
        #expect(try metrics.expectCounter("seek_embedder_restarts", [("reason", "crash")]).totalValue == Int64(statistics.restarts))
        #expect(try metrics.expectCounter("seek_embedder_retried_batches").totalValue == Int64(statistics.retriedBatches))
        #expect(try metrics.expectCounter("seek_embedder_failures").totalValue == 0)
        #expect(try metrics.expectGauge("seek_embedder_queue_depth").lastValue == 0)
        for slot in 0..<2 {
            // Samples start at spawn (a few MB); every slot had a worker with its model mapped.
            let samples = try metrics.expectGauge("seek_embedder_worker_rss_bytes", [("worker", String(slot))]).values
            #expect(samples.allSatisfy { $0 > 0 })
            #expect((samples.max() ?? 0) > 50_000_000)
        }
        await pool.shutdown()
        #expect(statistics.restartHistory.map(\.pid).allSatisfy(Support.isGone))
    }

    @Test func externalKillMidRunLosesNothing() async throws {
        let marker = try TemporaryDirectory("seek-pool-kill")
        defer { marker.remove() }
        let sequences = try await Support.shortSequences(24)
        let reference = try await Support.embedder().embed(tokenIds: sequences)
        // The first worker stalls on its third batch, so the kill lands while it holds work.
        let command = try Support.firstWorkerCommand(
            "exec env SEEK_EMBEDDER_FAULT=hang-after:2 \"$0\" embedder-worker --threads 1 --model-dir \"$2\"", marker: marker)
        let pool = try await EmbedderPool(configuration: try Support.configuration(command: command))
        let run = Task { try await pool.embed(tokenIds: sequences) }
        let victim = try #require(pool.statistics().workers.first?.pid)
        #expect(await Support.eventually {
            pool.statistics().workers.contains { $0.pid == victim && $0.batches == 2 && $0.inFlightBatches > 0 }
        })
        #expect(kill(victim, SIGKILL) == 0)
        let vectors = try Support.vectors(try await run.value)
        Support.expectMatching(vectors, reference)
        let statistics = pool.statistics()
        #expect(statistics.restarts == 1)
        #expect(statistics.restartHistory.first?.pid == victim)
        #expect(statistics.restartHistory.first?.reason == .crash)
        #expect(statistics.restartHistory.first?.detail == "SIGKILL")
        #expect(statistics.failures == 0)
        await pool.shutdown()
        #expect(Support.isGone(victim))
    }

    @Test func hungWorkerTimesOutAndIsReplaced() async throws {
        let sequences = try await Support.shortSequences(12)
        var configuration = try Support.configuration(fault: "hang-after:2")
        configuration.batchSize = 2
        configuration.batchTimeoutSeconds = 2.5
        configuration.batchTimeoutSecondsPerToken = 0
        let pool = try await EmbedderPool(configuration: configuration)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        let statistics = pool.statistics()
        // 6 batches, 2 per worker: the first two workers hang on their third.
        #expect(statistics.restarts == 2)
        #expect(statistics.restartHistory.allSatisfy { $0.reason == .timeout && $0.exit == "SIGKILL" && $0.batches == 2 })
        #expect(statistics.restartHistory.allSatisfy { $0.detail.hasPrefix("no answer within 2.5 s") })
        #expect(statistics.failures == 0)
        await pool.shutdown()
        #expect(statistics.restartHistory.map(\.pid).allSatisfy(Support.isGone))
    }

    @Test func leakingWorkerIsReplacedBeforeTheMemoryLimit() async throws {
        let sequences = try await Support.shortSequences(16)
        var configuration = try Support.configuration(fault: "leak-mb-per-batch:50")
        configuration.batchSize = 2
        configuration.memoryLimitMB = 300
        let pool = try await EmbedderPool(configuration: configuration)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        let live = pool.statistics().workers
        await pool.shutdown()
        let statistics = pool.statistics()
        #expect(statistics.restarts >= 1)
        #expect(statistics.restartHistory.allSatisfy { $0.reason == .memory && $0.graceful && $0.exit == "exit 0" })
        #expect(statistics.restartHistory.allSatisfy { $0.batches >= 1 })
        // Every RSS sample stayed under the limit: the peaks of the replaced and the live workers.
        let peaks = statistics.restartHistory.map(\.peakRSSMB) + live.map(\.peakRSSMB)
        #expect(peaks.allSatisfy { $0 > 0 && $0 < 300 }, "\(peaks)")
        #expect(statistics.failures == 0)
    }

    @Test func poisonSequenceFailsAloneWithItsIndexAndSignal() async throws {
        let embedder = try await Support.embedder()
        var texts = try CranfieldDataset.indexedTexts(count: 12)
        texts[5] = "This abstract hides a POISON pill in the middle of a sentence."
        let sequences = texts.map { embedder.tokenizer.encode($0) }
        var configuration = try Support.configuration(workers: 2, fault: "crash-on-text:poison")
        configuration.batchSize = 8
        configuration.maxRetries = 1
        let pool = try await EmbedderPool(configuration: configuration)
        let outcomes = try await pool.embed(tokenIds: sequences)
        #expect(outcomes[5] == .failed(EmbeddingFailure(kind: .crashed, detail: "SIGKILL")))
        let reference = try await embedder.embed(tokenIds: sequences)
        for index in sequences.indices where index != 5 {
            guard case .vector(let vector) = outcomes[index] else {
                Issue.record("sequence \(index) failed: \(outcomes[index])")
                continue
            }
            #expect(Support.cosine(vector, reference[index]) > 0.99999)
        }
        let statistics = pool.statistics()
        #expect(statistics.failures == 1)
        #expect(statistics.restarts >= 3)
        #expect(statistics.restartHistory.allSatisfy { $0.reason == .crash && $0.detail == "SIGKILL" })
        await pool.shutdown()
    }

    @Test func sequenceTheEmbedderRejectsFailsAloneWithoutRestarts() async throws {
        var sequences = try await Support.shortSequences(6)
        sequences[2] = [101, 40_000, 102]
        let pool = try await EmbedderPool(configuration: try Support.configuration())
        let outcomes = try await pool.embed(tokenIds: sequences)
        guard case .failed(let failure) = outcomes[2] else {
            Issue.record("the invalid sequence got \(outcomes[2])")
            return
        }
        #expect(failure.kind == .failed)
        #expect(failure.reason(chunk: 2).hasPrefix("embedder failed on chunk 2: "))
        #expect(failure.detail.contains("40000"))
        let valid = sequences.indices.filter { $0 != 2 }
        Support.expectMatching(try Support.vectors(valid.map { outcomes[$0] }), try await Support.embedder().embed(tokenIds: valid.map { sequences[$0] }))
        #expect(pool.statistics().restarts == 0)
        #expect(pool.statistics().failures == 1)
        await pool.shutdown()
    }

    @Test func workerThatNeverHandshakesFailsTheSpawnCleanly() async throws {
        var configuration = try Support.configuration(command: ["sleep", "100"])
        configuration.spawnTimeoutSeconds = 0.5
        configuration.maxRetries = 1
        do {
            _ = try await EmbedderPool(configuration: configuration)
            Issue.record("a pool of `sleep 100` started")
        } catch let error as PoolError {
            guard case .spawnFailed(let command, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(command == "sleep 100")
            #expect(reason.contains("2 attempts"), "\(reason)")
            #expect(reason.contains("no handshake within 0.5 s"), "\(reason)")
        }
        // Both attempts were killed and reaped: no `sleep` child is left, running or zombie.
        #expect(Support.children().filter { $0.name == "sleep" }.isEmpty)
    }

    @Test func unstartableWorkersFailTheSpawnWithTheirReason() async throws {
        var configuration = try Support.configuration(command: ["/nonexistent/seek-worker"])
        configuration.maxRetries = 0
        await #expect(throws: PoolError.spawnFailed(
            command: "/nonexistent/seek-worker",
            reason: "no worker started after 1 attempts per slot; last: posix_spawn: No such file or directory")) {
            _ = try await EmbedderPool(configuration: configuration)
        }
        configuration.workerCommand = ["/bin/sh", "-c", "exit 3"]
        await #expect(throws: PoolError.spawnFailed(
            command: "/bin/sh -c exit 3", reason: "no worker started after 1 attempts per slot; last: ended before its handshake: exit 3")) {
            _ = try await EmbedderPool(configuration: configuration)
        }
    }

    @Test func writingToAWorkerWhoseInputIsClosedIsABrokenPipeNotACrash() async throws {
        let marker = try TemporaryDirectory("seek-pool-epipe")
        defer { marker.remove() }
        // The first worker hands over its handshake, then its process closes standard input and
        // lingers (as `sleep`): every write to it fails with EPIPE.
        let command = try Support.firstWorkerCommand(
            "\"$0\" embedder-worker --threads 1 --model-dir \"$2\" </dev/null; exec 0<&-; exec sleep 100", marker: marker)
        let pool = try await EmbedderPool(configuration: try Support.configuration(command: command))
        let first = try #require(pool.statistics().workers.first?.pid)
        #expect(await Support.eventually {
            Support.processEntry(first)?.name == "sleep" && !FileManager.default.fileExists(atPath: "/proc/\(first)/fd/0")
        })
        let sequences = try await Support.shortSequences(8)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        let statistics = pool.statistics()
        #expect(statistics.restarts == 1)
        #expect(statistics.restartHistory.first?.reason == .brokenPipe)
        #expect(statistics.restartHistory.first?.detail.contains("EPIPE") == true)
        #expect(statistics.failures == 0)
        await pool.shutdown()
        #expect(Support.isGone(first))
    }

    @Test func workerExitingRightAfterItsHandshakeIsReplaced() async throws {
        let marker = try TemporaryDirectory("seek-pool-exit")
        defer { marker.remove() }
        let command = try Support.firstWorkerCommand(
            "exec \"$0\" embedder-worker --threads 1 --model-dir \"$2\" </dev/null", marker: marker)
        let pool = try await EmbedderPool(configuration: try Support.configuration(command: command))
        let first = try #require(pool.statistics().workers.first?.pid)
        let sequences = try await Support.shortSequences(8)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        #expect(await Support.eventually { pool.statistics().restarts == 1 })
        let restart = try #require(pool.statistics().restartHistory.first)
        #expect(restart.pid == first)
        // Whether the pool saw the exit first or its write failed first, it is one restart.
        #expect(restart.reason == .crash && restart.detail == "exit 0" || restart.reason == .brokenPipe, "\(restart)")
        #expect(pool.statistics().failures == 0)
        await pool.shutdown()
        #expect(Support.isGone(first))
    }

    @Test func workersAreReplacedGracefullyAfterTheirBatchLimit() async throws {
        let sequences = try await Support.shortSequences(24)
        var configuration = try Support.configuration()
        configuration.restartAfterBatches = 2
        let pool = try await EmbedderPool(configuration: configuration)
        let vectors = try Support.vectors(try await pool.embed(tokenIds: sequences))
        Support.expectMatching(vectors, try await Support.embedder().embed(tokenIds: sequences))
        await pool.shutdown()
        let statistics = pool.statistics()
        // 6 batches, 2 per worker: 3 workers, the first two replaced.
        #expect(statistics.restarts >= 2)
        #expect(statistics.restartHistory.allSatisfy { $0.reason == .batchLimit && $0.graceful && $0.batches == 2 })
        #expect(statistics.restartHistory.map(\.pid).allSatisfy(Support.isGone))
    }

    @Test func shutdownFailsWaitingCallsKillsStragglersAndReapsAll() async throws {
        var configuration = try Support.configuration(fault: "hang-after:1")
        configuration.exitGraceSeconds = 0.5
        let pool = try await EmbedderPool(configuration: configuration)
        let worker = try #require(pool.statistics().workers.first?.pid)
        let run = Task { try await pool.embed(tokenIds: try await Support.shortSequences(8)) }
        #expect(await Support.eventually {
            pool.statistics().workers.contains { $0.batches == 1 && $0.inFlightBatches > 0 }
        })
        await pool.shutdown()
        await #expect(throws: PoolError.shutDown) { _ = try await run.value }
        #expect(Support.isGone(worker))
        #expect(pool.statistics().workers.isEmpty)
        #expect(pool.statistics().restarts == 0)
        await #expect(throws: PoolError.shutDown) { _ = try await pool.embed(tokenIds: [[101, 102]]) }
        await pool.shutdown()
    }

    @Test func droppingAPoolKillsAndReapsItsWorkers() async throws {
        var pids: [Int32] = []
        do {
            let pool = try await EmbedderPool(configuration: try Support.configuration(workers: 2))
            pids = pool.statistics().workers.map(\.pid)
        }
        #expect(pids.count == 2)
        #expect(await Support.eventually { pids.allSatisfy(Support.isGone) })
    }
}
