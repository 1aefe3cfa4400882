import SeekEmbedding
@_spi(Testing) import SeekPool
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `SupervisorState` driven as a pure state machine: the test plays the worker processes and the
/// clock (`SupervisorHarness`), so every path is exercised exactly, without processes or sleeps.
struct SupervisorStateTests {
    /// Starts the pool: every slot spawned, attached and ready.
    private func started(_ harness: SupervisorHarness) async throws -> [Int] {
        var workers: [Int] = []
        let handshake = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.start(waiter: continuation, now: $1, actions: &$2) }
            workers = harness.startPending()
        }
        #expect(handshake.dimension == SupervisorHarness.dimension)
        return workers
    }

    /// Vectors of one pool must all come from one precision (the index records it per file): a
    /// worker whose handshake reports another precision than the first worker's is killed.
    @Test func aWorkerComputingInAnotherPrecisionIsRefused() async throws {
        let harness = SupervisorHarness(configuration: SupervisorHarness.configuration(workers: 2, maxRetries: 0))
        let handshake = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.start(waiter: continuation, now: $1, actions: &$2) }
            let first = harness.attachNext()
            harness.ready(first, precision: "bf16")
            let second = harness.attachNext()
            harness.ready(second, precision: "fp32")
            #expect(harness.killed == [second])
            harness.exit(second, status: .signaled(signal: SIGKILL))
        }
        #expect(handshake.precision == "bf16")
        #expect(harness.state.statistics().restartHistory.map(\.reason) == [.protocolViolation])
    }

    @Test func aWorkerWithoutHandshakeIsKilledAtItsSpawnDeadlineAndTheSlotGivenUpAfterTheRetries() async throws {
        let harness = SupervisorHarness(configuration: SupervisorHarness.configuration(workers: 1, maxRetries: 1))
        let timeout = harness.configuration.spawnTimeoutSeconds
        await #expect(throws: PoolError.self) {
            _ = try await withCheckedThrowingContinuation { continuation in
                harness.step { $0.start(waiter: continuation, now: $1, actions: &$2) }
                let first = harness.attachNext()
                harness.tick(after: timeout - 1)
                #expect(harness.killed.isEmpty, "killed before its deadline")
                harness.tick(after: 1)
                #expect(harness.killed == [first])
                harness.exit(first, status: .signaled(signal: SIGKILL))
                // One retry (maxRetries 1): a new worker in the same slot, which times out too.
                #expect(harness.spawning.count == 1)
                let second = harness.attachNext()
                harness.tick(after: timeout)
                #expect(harness.killed == [first, second])
                harness.exit(second, status: .signaled(signal: SIGKILL))
                #expect(harness.spawning.isEmpty, "the slot is given up after 1 + maxRetries attempts")
            }
        }
        let statistics = harness.state.statistics()
        #expect(statistics.restartHistory.map(\.reason) == [.spawnTimeout, .spawnTimeout])
        #expect(statistics.restartHistory.allSatisfy { $0.exit == "SIGKILL" && $0.slot == 0 })
    }

    @Test func aCrashMidBatchRetriesItsBatchOnAnotherWorkerAndReplacesTheWorker() async throws {
        let harness = SupervisorHarness(configuration: SupervisorHarness.configuration(workers: 2, batchSize: 2))
        let workers = try await started(harness)
        let sequences = SupervisorHarness.sequences(4)
        let outcomes = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.submit(sequences, continuation: continuation, now: $1, actions: &$2) }
            // Two batches of two, one per worker (a fresh worker holds one batch until it answered).
            #expect(workers.map { harness.sent[$0]?.count } == [1, 1])
            let lost = harness.sent[workers[0]]![0]
            harness.exit(workers[0], status: .signaled(signal: SIGSEGV))
            #expect(harness.spawning.count == 1, "the crashed worker's slot is spawned again")
            harness.answer(workers[1])
            // The crashed batch went back to the front of the queue and to the worker that is free.
            #expect(harness.sent[workers[1]]?.first?.sequences == lost.sequences)
            harness.answer(workers[1])
        }
        #expect(outcomes == sequences.map(SupervisorHarness.vector(for:)))
        let statistics = harness.state.statistics()
        #expect(statistics.restartHistory.map(\.reason) == [.crash])
        #expect(statistics.restartHistory.first?.exit == "SIGSEGV")
        #expect(statistics.retriedBatches == 1 && statistics.failures == 0 && statistics.batches == 2)
    }

    @Test func aWorkerPastTheMemoryThresholdIsReplacedGracefully() async throws {
        var configuration = SupervisorHarness.configuration(workers: 1, batchSize: 1)
        configuration.memoryLimitMB = 1000
        let harness = SupervisorHarness(configuration: configuration)
        let old = try await started(harness)[0]
        let sequences = SupervisorHarness.sequences(2)
        let outcomes = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.submit(sequences, continuation: continuation, now: $1, actions: &$2) }
            // Its first answer comes with 960 MB: past 95 % of 1,000 MB.
            harness.answer(old, rssMB: 960)
            #expect(harness.closed == [old], "told to finish and exit")
            #expect(harness.killed.isEmpty)
            #expect(harness.spawning.count == 1, "replaced at once")
            #expect(harness.sent[old]?.isEmpty ?? true, "no new batch for a retiring worker")
            let new = harness.startPending()[0]
            harness.exit(old, status: .exited(code: 0))
            harness.answer(new)
        }
        #expect(outcomes == sequences.map(SupervisorHarness.vector(for:)))
        let restart = try #require(harness.state.statistics().restartHistory.first)
        #expect(restart.reason == .memory && restart.graceful && restart.exit == "exit 0" && restart.batches == 1)
        #expect(restart.peakRSSMB == 960)
    }

    @Test func aWorkerWhoseNextBatchWouldReachTheMemoryLimitIsRetiredBeforeIt() async throws {
        var configuration = SupervisorHarness.configuration(workers: 1, batchSize: 1)
        configuration.memoryLimitMB = 1000
        let harness = SupervisorHarness(configuration: configuration)
        let old = try await started(harness)[0]
        let sequences = SupervisorHarness.sequences(3)
        _ = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.submit(sequences, continuation: continuation, now: $1, actions: &$2) }
            // 100 -> 500 MB at the first answer: 400 MB per batch. It takes a second batch (900 MB
            // projected), but a third in flight would pass 950 MB: it is retired with the second.
            harness.answer(old, rssMB: 500)
            #expect(harness.spawning.count == 1 && harness.closed.isEmpty)
            harness.answer(old, rssMB: 900)
            #expect(harness.closed == [old])
            #expect(harness.state.statistics().restartHistory.first?.reason == .memory)
            harness.startPending()
            harness.exit(old, status: .exited(code: 0))
            while let worker = harness.busyWorker { harness.answer(worker) }
        }
        #expect(harness.sendLog.filter { $0.workerID == old }.count == 2, "the third batch went to the new worker")
    }

    @Test func aWorkerIsReplacedAfterItsBatchLimit() async throws {
        var configuration = SupervisorHarness.configuration(workers: 1, batchSize: 1)
        configuration.restartAfterBatches = 2
        let harness = SupervisorHarness(configuration: configuration)
        let old = try await started(harness)[0]
        let sequences = SupervisorHarness.sequences(3)
        let outcomes = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.submit(sequences, continuation: continuation, now: $1, actions: &$2) }
            harness.answer(old)
            harness.answer(old)
            #expect(harness.closed == [old])
            let new = harness.startPending()[0]
            harness.exit(old, status: .exited(code: 0))
            harness.answer(new)
        }
        #expect(outcomes == sequences.map(SupervisorHarness.vector(for:)))
        #expect(harness.sendLog.map(\.workerID) == [old, old, harness.sendLog.last!.workerID])
        let restart = try #require(harness.state.statistics().restartHistory.first)
        #expect(restart.reason == .batchLimit && restart.graceful && restart.batches == 2)
    }

    @Test func aPoisonSequenceIsBisectedDownToItselfAndFailsAlone() async throws {
        let harness = SupervisorHarness(configuration: SupervisorHarness.configuration(workers: 2, batchSize: 8, maxRetries: 2))
        _ = try await started(harness)
        let sequences = SupervisorHarness.sequences(8)
        let poison = sequences[5]
        var crashes = 0
        let outcomes = try await withCheckedThrowingContinuation { continuation in
            harness.step { $0.submit(sequences, continuation: continuation, now: $1, actions: &$2) }
            // Every worker given the poison dies on it; every other batch is answered.
            while let worker = harness.busyWorker {
                if harness.sent[worker]![0].sequences.contains(poison) {
                    crashes += 1
                    harness.exit(worker, status: .signaled(signal: SIGKILL))
                    harness.startPending()
                } else {
                    harness.answer(worker)
                }
                #expect(crashes < 20, "bisection does not end")
                if crashes >= 20 { break }
            }
        }
        var expected = sequences.map(SupervisorHarness.vector(for:))
        expected[5] = .failed(EmbeddingFailure(kind: .crashed, detail: "SIGKILL"))
        #expect(outcomes == expected)
        // The whole batch twice, then halved after each second failure (a half counts one failure
        // already), down to the poison alone, which fails for good at maxRetries + 1 = 3 failures.
        let poisonSends = harness.sendLog.map(\.request.sequences).filter { $0.contains(poison) }.map(\.count)
        #expect(poisonSends == [8, 8, 4, 2, 1, 1])
        #expect(crashes == poisonSends.count)
        let statistics = harness.state.statistics()
        #expect(statistics.failures == 1)
        #expect(statistics.restartHistory.count == crashes && statistics.restartHistory.allSatisfy { $0.reason == .crash })
    }

    @Test func shutdownClosesEveryInputAndEndsOnceTheWorkersExited() async throws {
        let harness = SupervisorHarness(configuration: SupervisorHarness.configuration(workers: 2))
        let workers = try await started(harness)
        await withCheckedContinuation { continuation in
            harness.step { $0.shutdown(waiter: continuation, now: $1, actions: &$2) }
            #expect(harness.closed.sorted() == workers)
            harness.exit(workers[0], status: .exited(code: 0))
            #expect(harness.stopped == 0, "stopped with a worker still running")
            harness.exit(workers[1], status: .exited(code: 0))
        }
        #expect(harness.stopped == 1)
        #expect(harness.state.statistics().workerPeaks.map(\.peakRSSMB) == [100, 100])
    }
}
