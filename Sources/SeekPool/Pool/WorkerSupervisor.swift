import Dispatch
import Logging
import Metrics
import SeekCore
import SeekEmbedding
import Synchronization

/// Runs the pool's state machine: holds `SupervisorState` behind a lock, feeds it the events of
/// the worker reader threads, the callers and a periodic watch, and performs the resulting
/// process operations and resumptions outside the lock. No method blocks for long: process reads
/// and writes happen on each `WorkerProcess`'s own thread and queue.
final class WorkerSupervisor: Sendable {
    let configuration: PoolConfiguration
    private let state: Mutex<SupervisorState>
    private let watchQueue = DispatchQueue(label: "seek.pool.watch")
    private let logger = Logger(label: "seek.pool")

    init(configuration: PoolConfiguration, metricsFactory: any MetricsFactory) {
        self.configuration = configuration
        let metrics = PoolMetrics(workers: configuration.workers, factory: metricsFactory)
        state = Mutex(SupervisorState(configuration: configuration, metrics: metrics, logger: logger))
    }

    deinit {
        // Dropped without shutdown(): kill everything; the reader threads still reap them.
        let processes = state.withLock { $0.workers.values.compactMap(\.process) }
        for process in processes { process.kill() }
    }

    /// Starts every worker; returns the first handshake once each slot is ready or gave up.
    /// - Throws: `PoolError.spawnFailed` when no worker could start.
    func start() async throws -> WorkerHandshake {
        // The watch runs from the start: spawn deadlines need it.
        scheduleWatch()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<WorkerHandshake, Error>) in
            transition { state, now, actions in state.start(waiter: continuation, now: now, actions: &actions) }
        }
    }

    func embed(_ tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[EmbeddingOutcome], Error>) in
            transition { state, now, actions in state.submit(tokenIds, continuation: continuation, now: now, actions: &actions) }
        }
    }

    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            transition { state, now, actions in state.shutdown(waiter: continuation, now: now, actions: &actions) }
        }
    }

    func statistics() -> PoolStatistics {
        state.withLock { $0.statistics() }
    }

    // MARK: Events

    /// Runs one step of the state machine under the lock, then performs its actions.
    ///
    /// Writes to a worker's input (requests, closing it) are queued on that worker's serial write
    /// queue before the lock is released: a worker answers in the order its requests arrive, and
    /// the state expects them in the order it recorded them. Queued after the lock, two threads
    /// (a caller submitting, a worker's reader dispatching the next batch) could queue them the
    /// other way round, which the state takes for a protocol violation and kills the worker.
    /// Queueing never blocks (requests are encoded on the write queue); everything else (resuming
    /// callers, spawning, killing) runs after the lock.
    private func transition(_ body: (inout SupervisorState, ContinuousClock.Instant, inout [SupervisorAction]) -> Void) {
        let now = ContinuousClock.now
        let deferred = state.withLock { state -> [SupervisorAction] in
            var actions: [SupervisorAction] = []
            body(&state, now, &actions)
            var deferred: [SupervisorAction] = []
            for action in actions {
                switch action {
                case .send, .closeInput: perform(action)
                default: deferred.append(action)
                }
            }
            return deferred
        }
        for action in deferred { perform(action) }
    }

    private func handle(_ event: WorkerProcess.Event, workerID: Int, pid: Int32) {
        switch event {
        case .message(let message):
            // Sampled after each answer (outside the lock): the memory watch sees every batch's
            // effect. A process that died meanwhile reads as 0: no sample.
            let rss = (try? ProcessMemory.residentBytes(pid: pid)).flatMap { $0 > 0 ? $0 : nil }
            transition { $0.received(message, workerID: workerID, rssBytes: rss, now: $1, actions: &$2) }
        case .protocolError(let error):
            transition { state, _, actions in state.protocolError(error, workerID: workerID, actions: &actions) }
        case .exited(let status):
            transition { $0.exited(workerID: workerID, status: status, now: $1, actions: &$2) }
        }
    }

    private func perform(_ action: SupervisorAction) {
        switch action {
        case .spawn(let workerID):
            spawn(workerID: workerID)
        case .send(let process, let workerID, let request):
            process.send(.embed(request)) { [weak self] error in
                self?.transition { state, _, actions in state.writeFailed(error, workerID: workerID, actions: &actions) }
            }
        case .closeInput(let process):
            process.closeInput()
        case .kill(let process):
            process.kill()
        case .finish(let continuation, let outcomes):
            continuation.resume(returning: outcomes)
        case .fail(let continuation, let error):
            continuation.resume(throwing: error)
        case .started(let continuation, let result):
            continuation.resume(with: result.mapError { $0 as Error })
        case .stopped(let continuation):
            continuation.resume()
        }
    }

    private func spawn(workerID: Int) {
        let process: WorkerProcess
        do {
            process = try WorkerProcess.spawn(command: configuration.workerCommand, environment: configuration.environment)
        } catch {
            transition { $0.spawnFailed(workerID: workerID, error: error, now: $1, actions: &$2) }
            return
        }
        logger.debug("embedder worker spawned", metadata: ["pid": "\(process.pid)", "worker": "\(workerID)"])
        transition { state, _, actions in state.attach(workerID: workerID, process: process, actions: &actions) }
        let pid = process.pid
        process.startReading { [weak self] event in
            self?.handle(event, workerID: workerID, pid: pid)
        }
    }

    // MARK: Watch

    private func scheduleWatch() {
        watchQueue.asyncAfter(deadline: .now() + configuration.watchIntervalSeconds) { [weak self] in
            self?.watch()
        }
    }

    /// Samples every worker's RSS, then lets the state check deadlines and limits.
    private func watch() {
        let targets = state.withLock { state in
            state.phase == .shutDown ? nil : state.workers.values.compactMap { record in record.process.map { (record.id, $0.pid) } }
        }
        guard let targets else { return }
        var samples: [Int: Int] = [:]
        for (id, pid) in targets {
            if let bytes = try? ProcessMemory.residentBytes(pid: pid), bytes > 0 { samples[id] = bytes }
        }
        transition { $0.tick(samples: samples, now: $1, actions: &$2) }
        scheduleWatch()
    }
}
