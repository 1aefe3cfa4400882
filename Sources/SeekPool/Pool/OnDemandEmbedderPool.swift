import Metrics
import SeekEmbedding
import Synchronization

/// An `EmbedderPool` that starts on the first `embed` call, not when it is made.
///
/// Starting a pool spawns every worker and waits until each has mapped the model and passed its
/// known-answer check: about a third of a second of wall time and two thirds of a CPU second on
/// two workers. A run whose every chunk comes from the embedding cache — an unchanged folder, a
/// renamed file, a watcher's touch — never calls `embed`, so it never pays that. A run that does
/// embed starts the pool on its first batch, while its other files are still being scanned,
/// parsed and chunked.
///
/// What the indexing process must know before any worker speaks, it knows from the model it
/// verified and the precision it resolved (the same values it passes on the workers' command
/// line): `dimension` and `precision`. The workers' handshake is checked against both when the
/// pool starts, since the run has already looked its cache up in that precision; a disagreement
/// fails the start with `PoolError.unexpectedHandshake`.
///
/// Concurrent first calls share one start. A start that fails fails every call waiting on it;
/// the next call tries again. After `shutdown()`, calls throw `PoolError.shutDown`.
public final class OnDemandEmbedderPool: EmbeddingBackend {
    private enum Phase: Sendable {
        case idle
        case starting(Task<EmbedderPool, any Error>)
        case started(EmbedderPool)
        case shutDown
    }

    public let configuration: PoolConfiguration
    /// Embedding width the workers must report.
    public let dimension: Int
    /// The precision (`ComputePrecision`'s raw value) the workers must report computing in.
    public let precision: String
    private let metricsFactory: any MetricsFactory
    private let phase = Mutex(Phase.idle)

    /// Checks `configuration` now; starts no worker.
    /// - Throws: `PoolError.invalidConfiguration`.
    public init(configuration: PoolConfiguration, dimension: Int, precision: String,
                metricsFactory: any MetricsFactory = MetricsSystem.factory) throws {
        self.configuration = try configuration.validated()
        self.dimension = dimension
        self.precision = precision
        self.metricsFactory = metricsFactory
    }

    /// The running pool, or nil before the first start (and after `shutdown()`).
    public var started: EmbedderPool? {
        phase.withLock { if case .started(let pool) = $0 { pool } else { nil } }
    }

    /// The running pool's statistics; nil while no pool runs.
    public func statistics() -> PoolStatistics? {
        started?.statistics()
    }

    /// Starts the pool unless it runs or is starting, and waits for it.
    /// - Throws: `PoolError.spawnFailed` when no worker starts, `PoolError.unexpectedHandshake`,
    ///   `PoolError.shutDown` after `shutdown()`.
    @discardableResult
    public func start() async throws -> EmbedderPool {
        let task = try phase.withLock { phase throws(PoolError) -> Task<EmbedderPool, any Error> in
            switch phase {
            case .shutDown: throw .shutDown
            case .started(let pool): return Task { pool }
            case .starting(let task): return task
            case .idle:
                let task = Task { [configuration, metricsFactory, dimension, precision] in
                    let pool = try await EmbedderPool(configuration: configuration, metricsFactory: metricsFactory)
                    let handshake = pool.handshake
                    guard handshake.dimension == dimension, handshake.precision == precision else {
                        await pool.shutdown()
                        throw PoolError.unexpectedHandshake(
                            reason: "the workers embed \(handshake.dimension) dimensions in \(handshake.precision), "
                                + "this process expected \(dimension) in \(precision)")
                    }
                    return pool
                }
                phase = .starting(task)
                return task
            }
        }
        do {
            let pool = try await task.value
            let running = phase.withLock { phase -> Bool in
                switch phase {
                case .starting(let current) where current == task:
                    phase = .started(pool)
                    return true
                case .started(let current): return current === pool
                default: return false
                }
            }
            // Shut down while starting: `shutdown()` stops this pool.
            guard running else { throw PoolError.shutDown }
            return pool
        } catch {
            phase.withLock { phase in
                if case .starting(let current) = phase, current == task { phase = .idle }
            }
            throw error
        }
    }

    /// Starts the pool on the first call, then embeds as `EmbedderPool.embed` does.
    public func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        if let pool = started { return try await pool.embed(tokenIds: tokenIds) }
        return try await start().embed(tokenIds: tokenIds)
    }

    /// Sequences per call that make one request (`PoolConfiguration.batchSize`).
    public var preferredBatchSequences: Int { configuration.batchSize }

    /// Token ids per call that make one request (`PoolConfiguration.maxBatchTokens`).
    public var preferredBatchTokens: Int? { configuration.maxBatchTokens }

    /// Calls worth keeping in flight: `workers × pipelineDepth` requests.
    public var maxConcurrentBatches: Int { configuration.workers * configuration.pipelineDepth }

    /// Stops the pool if it runs or is starting; later calls throw `PoolError.shutDown`.
    public func shutdown() async {
        let previous = phase.withLock { phase in
            let previous = phase
            phase = .shutDown
            return previous
        }
        switch previous {
        case .started(let pool): await pool.shutdown()
        case .starting(let task): if let pool = try? await task.value { await pool.shutdown() }
        case .idle, .shutDown: break
        }
    }
}
