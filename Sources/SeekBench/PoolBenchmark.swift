import Foundation
import SeekCore
import SeekEmbedding
import SeekPool

/// Pool overhead: embeds the same token-id sequences through an `EmbedderPool` and through the
/// in-process backend, alternately, and reports the best pass of each in tokens/s. Run it with the
/// same total threads on both sides (e.g. 2 workers × 1 thread against 2 in-process threads).
public struct PoolBenchmark: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        public var sequences: Int
        public var tokens: Int
        public var passes: Int
        /// Best pass through the pool, in seconds.
        public var poolSeconds: Double
        /// Best pass in process, in seconds.
        public var inProcessSeconds: Double
        public var poolTokensPerSecond: Double
        public var inProcessTokensPerSecond: Double
        /// Pool throughput over in-process throughput (1 = no overhead).
        public var ratio: Double
        /// Lowest cosine between a pool vector and the in-process vector of the same sequence.
        public var minimumCosine: Double
        public var workers: Int
        public var threadsPerWorker: Int
        public var inProcessThreads: Int
    }

    public let tokenIds: [[Int32]]
    /// Timed passes per backend; the best is reported.
    public var passes: Int
    /// Sequences embedded once by each backend before timing (first touches, workspaces).
    public var warmUpSequences: Int

    public init(tokenIds: [[Int32]], passes: Int = 2, warmUpSequences: Int = 64) {
        self.tokenIds = tokenIds
        self.passes = passes
        self.warmUpSequences = warmUpSequences
    }

    /// Warms both backends up, then times `passes` alternating passes of each over all sequences.
    /// - Throws: `EmbeddingError.invalidInput` without sequences, `PoolError.batchFailed` when a
    ///   sequence fails, or the backends' errors.
    public func run(pool: EmbedderPool, inProcess: InProcessEmbeddingBackend) async throws -> Result {
        guard !tokenIds.isEmpty else { throw EmbeddingError.invalidInput(reason: "the pool benchmark needs at least one sequence") }
        let warmUp = Array(tokenIds.prefix(warmUpSequences))
        _ = try await inProcess.embed(tokenIds: warmUp)
        _ = try Self.vectors(try await pool.embed(tokenIds: warmUp))
        var bestPool = Double.infinity
        var bestInProcess = Double.infinity
        var poolVectors: [[Float]] = []
        var inProcessVectors: [[Float]] = []
        for _ in 0..<max(1, passes) {
            var start = ContinuousClock.now
            inProcessVectors = try Self.vectors(try await inProcess.embed(tokenIds: tokenIds))
            bestInProcess = min(bestInProcess, Self.seconds(since: start))
            start = ContinuousClock.now
            poolVectors = try Self.vectors(try await pool.embed(tokenIds: tokenIds))
            bestPool = min(bestPool, Self.seconds(since: start))
        }
        let tokens = tokenIds.reduce(0) { $0 + $1.count }
        let minimumCosine = zip(poolVectors, inProcessVectors).map { pair in
            zip(pair.0, pair.1).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }.min() ?? 1
        return Result(
            sequences: tokenIds.count, tokens: tokens, passes: max(1, passes), poolSeconds: bestPool, inProcessSeconds: bestInProcess,
            poolTokensPerSecond: Double(tokens) / bestPool, inProcessTokensPerSecond: Double(tokens) / bestInProcess,
            ratio: bestInProcess / bestPool, minimumCosine: minimumCosine, workers: pool.configuration.workers,
            threadsPerWorker: pool.configuration.threadsPerWorker, inProcessThreads: inProcess.embedder.configuration.threads)
    }

    private static func vectors(_ outcomes: [EmbeddingOutcome]) throws -> [[Float]] {
        try outcomes.enumerated().map { index, outcome in
            switch outcome {
            case .vector(let vector): return vector
            case .failed(let failure): throw PoolError.batchFailed(reason: failure.reason(chunk: index))
            }
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return elapsed.seconds
    }
}
