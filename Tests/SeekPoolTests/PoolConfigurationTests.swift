import Foundation
import SeekEmbedding
import SeekPool
import Testing

struct PoolConfigurationTests {
    @Test func defaultsFollowTheCores() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let configuration = PoolConfiguration()
        #expect(configuration.workers == cores)
        #expect(configuration.threadsPerWorker == max(1, cores / cores))
        #expect(configuration.spawnTimeoutSeconds == 30)
        #expect(configuration.batchTimeoutSeconds == 60)
        #expect(configuration.memoryLimitMB == 1000)
        #expect(configuration.restartAfterBatches == 5000)
        #expect(configuration.maxRetries == 3)
        #expect(configuration.batchSize == 32)
        #expect(configuration.workerCommand == [PoolConfiguration.currentExecutable, "embedder-worker", "--threads", "1"])
        #expect(configuration.environment == ProcessInfo.processInfo.environment)
    }

    @Test func threadsNeverExceedTheCores() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for workers in 1...(2 * cores) {
            let configuration = PoolConfiguration(workers: workers)
            #expect(configuration.threadsPerWorker >= 1)
            #expect(configuration.threadsPerWorker == max(1, cores / workers))
            if workers <= cores { #expect(workers * configuration.threadsPerWorker <= cores) }
            #expect(configuration.workerCommand.suffix(2) == ["--threads", String(configuration.threadsPerWorker)])
        }
    }

    @Test func workerCommandCarriesThreadsAndModelDirectory() {
        #expect(PoolConfiguration.workerCommand(executable: "/opt/seek", threads: 3, modelDirectory: "/m") ==
            ["/opt/seek", "embedder-worker", "--threads", "3", "--model-dir", "/m"])
    }

    /// The pool's precision and GEMM preference reach every worker's command line.
    @Test func workerCommandCarriesPrecisionAndGEMM() {
        let embedding = EmbeddingConfiguration(precision: .bf16, gemm: .onednn)
        #expect(PoolConfiguration.workerCommand(executable: "/opt/seek", threads: 2, modelDirectory: "/m", embedding: embedding) ==
            ["/opt/seek", "embedder-worker", "--threads", "2", "--model-dir", "/m", "--precision", "bf16", "--gemm", "onednn"])
        #expect(PoolConfiguration.workerCommand(executable: "/opt/seek", threads: 1, embedding: EmbeddingConfiguration(precision: .int8)) ==
            ["/opt/seek", "embedder-worker", "--threads", "1", "--precision", "int8", "--gemm", "auto"])
    }

    @Test func batchTimeoutGrowsWithTokens() {
        var configuration = PoolConfiguration(workers: 1)
        #expect(configuration.batchTimeout(tokens: 0) == 60)
        #expect(abs(configuration.batchTimeout(tokens: 8192) - (60 + 81.92)) < 1e-9)
        configuration.batchTimeoutSeconds = 2
        configuration.batchTimeoutSecondsPerToken = 0.5
        #expect(configuration.batchTimeout(tokens: 10) == 7)
    }

    @Test func memoryThresholds() {
        var configuration = PoolConfiguration(workers: 1)
        configuration.memoryLimitMB = 300
        #expect(configuration.memoryLimitBytes == 300 * 1_048_576)
        #expect(configuration.memoryRestartBytes == 300 * 1_048_576 / 100 * 95)
    }

    @Test func validationNamesTheBadValue() throws {
        #expect(try PoolConfiguration(workers: 2).validated() == PoolConfiguration(workers: 2))
        let edits: [(String, (inout PoolConfiguration) -> Void)] = [
            ("workers", { $0.workers = 0 }), ("threadsPerWorker", { $0.threadsPerWorker = 0 }), ("batchSize", { $0.batchSize = 0 }),
            ("maxBatchTokens", { $0.maxBatchTokens = 0 }), ("pipelineDepth", { $0.pipelineDepth = 0 }),
            ("spawnTimeoutSeconds", { $0.spawnTimeoutSeconds = 0 }), ("batchTimeoutSeconds", { $0.batchTimeoutSeconds = -1 }),
            ("batchTimeoutSecondsPerToken", { $0.batchTimeoutSecondsPerToken = -0.1 }), ("memoryLimitMB", { $0.memoryLimitMB = 0 }),
            ("restartAfterBatches", { $0.restartAfterBatches = 0 }), ("maxRetries", { $0.maxRetries = -1 }),
            ("exitGraceSeconds", { $0.exitGraceSeconds = 0 }), ("watchIntervalSeconds", { $0.watchIntervalSeconds = 0 }),
            ("workerCommand", { $0.workerCommand = [] }),
        ]
        for (field, edit) in edits {
            var configuration = PoolConfiguration(workers: 1)
            edit(&configuration)
            do {
                _ = try configuration.validated()
                Issue.record("\(field) accepted")
            } catch {
                guard case .invalidConfiguration(let reason) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(reason.hasPrefix(field), "\(reason)")
            }
        }
    }
}
