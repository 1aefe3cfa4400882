import Logging
import SeekCore
import SeekEmbedding

/// Everything the pool knows, changed only under the supervisor's lock. Each event (a call, a
/// worker message, an exit, a watch tick) is one mutating method that appends the process
/// operations and resumptions it needs to `actions`; the supervisor performs them after unlocking.
/// The events are SPI (`@_spi(Testing)`) so tests drive the state machine without processes.
@_spi(Testing) public struct SupervisorState: Sendable {
    enum Phase: Sendable {
        case running
        case shuttingDown
        case shutDown
    }

    /// Per worker slot: replacements, failures, consecutive failed starts.
    struct Slot: Sendable {
        var restarts = 0
        var failures = 0
        var failedStartsInARow = 0
        /// Given up after `maxRetries + 1` failed starts in a row; revived by the next call when
        /// no worker is left.
        var abandoned = false
    }

    let configuration: PoolConfiguration
    let metrics: PoolMetrics
    let logger: Logger
    var phase = Phase.running
    var workers: [Int: WorkerRecord] = [:]
    var slots: [Slot]
    var queue: [WorkItem] = []
    var calls: [Int: PendingCall] = [:]
    var nextWorkerID = 1
    var nextCallID = 1
    var nextBatchID: UInt64 = 1
    /// The first handshake: every later worker must report the same model and dimension.
    var handshake: WorkerHandshake?
    var lastStartFailure: String?
    var startWaiters: [CheckedContinuation<WorkerHandshake, Error>] = []
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
    var history: [WorkerRestart] = []
    /// The RSS peaks of the workers that ended, in the order they were reaped.
    var endedWorkerPeaks: [WorkerPeak] = []
    var restarts = 0
    var failures = 0
    var retriedBatches = 0
    var batches = 0
    var tokens = 0

    public init(configuration: PoolConfiguration, metrics: PoolMetrics, logger: Logger) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        slots = Array(repeating: Slot(), count: configuration.workers)
    }

    var commandText: String { configuration.workerCommand.joined(separator: " ") }

    /// Workers that are ready or starting (not retiring, stopping or killed).
    var hasLiveWorker: Bool {
        workers.values.contains { $0.killCause == nil && $0.exitDeadline == nil && !$0.retiring }
    }

    // MARK: Start and stop

    /// Spawns every slot's worker; `waiter` resumes once each slot has a ready worker or gave up.
    public mutating func start(waiter: CheckedContinuation<WorkerHandshake, Error>, now: ContinuousClock.Instant,
                        actions: inout [SupervisorAction]) {
        startWaiters.append(waiter)
        for slot in slots.indices { spawnWorker(slot: slot, now: now, actions: &actions) }
    }

    mutating func spawnWorker(slot: Int, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        let id = nextWorkerID
        nextWorkerID += 1
        workers[id] = WorkerRecord(id: id, slot: slot, spawnDeadline: now + .seconds(configuration.spawnTimeoutSeconds))
        actions.append(.spawn(workerID: id))
    }

    /// `posix_spawn` returned: the record gets its process (killed at once when shutting down).
    public mutating func attach(workerID: Int, process: WorkerProcess, actions: inout [SupervisorAction]) {
        guard workers[workerID] != nil else {
            actions.append(.kill(process))
            return
        }
        workers[workerID]?.process = process
        if phase != .running {
            kill(workerID: workerID, cause: .init(reason: .spawnFailure, detail: "pool shutting down", chunkReason: "shutdown"),
                 actions: &actions)
        }
    }

    /// `posix_spawn` itself failed (no such program...).
    mutating func spawnFailed(workerID: Int, error: PoolError, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard let record = workers.removeValue(forKey: workerID) else { return }
        let detail: String
        if case .spawnFailed(_, let reason) = error { detail = reason } else { detail = error.description }
        startFailed(record, reason: .spawnFailure, detail: detail, exit: nil, now: now, actions: &actions)
    }

    /// A worker ended before its handshake: start the slot again, or give it up.
    mutating func startFailed(_ record: WorkerRecord, reason: RestartReason, detail: String, exit: TerminationStatus?,
                              now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        lastStartFailure = detail
        guard phase == .running else {
            settleStop(actions: &actions)
            return
        }
        recordRestart(record, reason: reason, detail: detail, exit: exit)
        slots[record.slot].failedStartsInARow += 1
        logger.warning("embedder worker failed to start", metadata: [
            "slot": "\(record.slot)", "pid": "\(record.process?.pid ?? 0)", "reason": "\(reason.rawValue)", "detail": "\(detail)",
        ])
        if slots[record.slot].failedStartsInARow <= configuration.maxRetries {
            spawnWorker(slot: record.slot, now: now, actions: &actions)
        } else {
            slots[record.slot].abandoned = true
            logger.error("embedder worker slot given up", metadata: [
                "slot": "\(record.slot)", "attempts": "\(slots[record.slot].failedStartsInARow)", "last": "\(detail)",
            ])
            if !hasLiveWorker && slots.allSatisfy(\.abandoned) {
                failEverything(spawnFailure(), actions: &actions)
            }
        }
        settleStart(actions: &actions)
    }

    func spawnFailure() -> PoolError {
        .spawnFailed(command: commandText,
                     reason: "no worker started after \(configuration.maxRetries + 1) attempts per slot; last: \(lastStartFailure ?? "unknown")")
    }

    /// Resumes the start waiters once no slot is still starting.
    mutating func settleStart(actions: inout [SupervisorAction]) {
        guard !startWaiters.isEmpty, !workers.values.contains(where: \.isStarting) else { return }
        let ready = workers.values.first { $0.isAvailable }?.handshake
        let result: Result<WorkerHandshake, PoolError> = ready.map { .success($0) } ?? .failure(spawnFailure())
        for waiter in startWaiters { actions.append(.started(waiter, result)) }
        startWaiters = []
    }

    /// Fails every waiting call and empties the queue.
    mutating func failEverything(_ error: PoolError, actions: inout [SupervisorAction]) {
        for call in calls.values { actions.append(.fail(call.continuation, error)) }
        calls = [:]
        queue = []
        metrics.queueDepth.record(0)
    }

    /// Shutdown: fails waiting calls, closes every worker's input (killing the ones still starting).
    public mutating func shutdown(waiter: CheckedContinuation<Void, Never>, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        stopWaiters.append(waiter)
        if phase == .running {
            phase = .shuttingDown
            failEverything(.shutDown, actions: &actions)
            for waiter in startWaiters { actions.append(.started(waiter, .failure(.shutDown))) }
            startWaiters = []
            for id in workers.keys.sorted() {
                guard let record = workers[id], record.killCause == nil else { continue }
                if record.isStarting {
                    kill(workerID: id, cause: .init(reason: .spawnFailure, detail: "pool shutting down", chunkReason: "shutdown"),
                         actions: &actions)
                } else if record.exitDeadline == nil {
                    closeInput(workerID: id, now: now, actions: &actions)
                }
            }
        }
        settleStop(actions: &actions)
    }

    mutating func settleStop(actions: inout [SupervisorAction]) {
        guard phase != .running, workers.isEmpty else { return }
        phase = .shutDown
        for waiter in stopWaiters { actions.append(.stopped(waiter)) }
        stopWaiters = []
    }

    // MARK: Worker life

    /// Closes the worker's input: it finishes what it holds and exits.
    mutating func closeInput(workerID: Int, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard let process = workers[workerID]?.process else { return }
        workers[workerID]?.exitDeadline = now + .seconds(configuration.exitGraceSeconds)
        actions.append(.closeInput(process))
    }

    /// SIGKILL; the batches it holds are dealt with when its exit is reaped.
    mutating func kill(workerID: Int, cause: WorkerRecord.KillCause, actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], record.killCause == nil else { return }
        workers[workerID]?.killCause = cause
        if let process = record.process { actions.append(.kill(process)) }
    }

    /// No new batches; replaced now, exits once its batches are answered.
    mutating func retire(workerID: Int, reason: RestartReason, detail: String, now: ContinuousClock.Instant,
                         actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], !record.retiring, record.killCause == nil else { return }
        workers[workerID]?.retiring = true
        logger.info("replacing embedder worker", metadata: [
            "slot": "\(record.slot)", "pid": "\(record.process?.pid ?? 0)", "reason": "\(reason.rawValue)", "detail": "\(detail)",
        ])
        recordRestart(record, reason: reason, detail: detail, exit: nil)
        if phase == .running { spawnWorker(slot: record.slot, now: now, actions: &actions) }
        if record.inFlight.isEmpty { closeInput(workerID: workerID, now: now, actions: &actions) }
    }

    mutating func recordRestart(_ record: WorkerRecord, reason: RestartReason, detail: String, exit: TerminationStatus?) {
        restarts += 1
        slots[record.slot].restarts += 1
        metrics.restarted(reason)
        history.append(WorkerRestart(slot: record.slot, pid: record.process?.pid ?? 0, reason: reason, detail: detail,
                                     batches: record.batches, peakRSSMB: Self.megabytes(record.peakRSSBytes),
                                     exit: exit?.description))
        if history.count > PoolStatistics.historyLimit { history.removeFirst(history.count - PoolStatistics.historyLimit) }
    }

    static func megabytes(_ bytes: Int) -> Double {
        Double(bytes) / 1_048_576
    }

    // MARK: Statistics

    public func statistics() -> PoolStatistics {
        let live = workers.values.sorted { ($0.slot, $0.id) < ($1.slot, $1.id) }.map { record in
            WorkerStatistics(slot: record.slot, pid: record.process?.pid ?? 0, state: record.state,
                             rssMB: Self.megabytes(record.rssBytes), peakRSSMB: Self.megabytes(record.peakRSSBytes),
                             batches: record.batches, tokens: record.tokens, inFlightBatches: record.inFlight.count,
                             restarts: slots[record.slot].restarts, failures: slots[record.slot].failures)
        }
        let livePeaks = workers.values.sorted { $0.id < $1.id }.compactMap { record in
            record.process.map { WorkerPeak(pid: $0.pid, peakRSSMB: Self.megabytes(record.peakRSSBytes)) }
        }
        return PoolStatistics(workers: live, restartHistory: history, restarts: restarts, failures: failures,
                              retriedBatches: retriedBatches, batches: batches, tokens: tokens, queuedBatches: queue.count,
                              workerPeaks: endedWorkerPeaks + livePeaks)
    }
}
