import Logging
import MetricsTestKit
import SeekEmbedding
@_spi(Testing) import SeekPool

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives `SupervisorState` by hand, without processes: the test plays the workers and the clock.
///
/// Every event goes through `step`, which records the state's actions: spawns wait in `spawning`
/// until the test attaches a process, requests in `sent`, kills and closed inputs in `killed` and
/// `closed`; resumptions (finished, failed, started, stopped) are performed at once.
final class SupervisorHarness {
    static let dimension = 4

    var state: SupervisorState
    let configuration: PoolConfiguration
    var now = ContinuousClock.now
    /// Worker ids the state asked to spawn and the test has not attached yet, in order.
    var spawning: [Int] = []
    /// Requests sent and not answered (or crashed) yet, per worker id, oldest first.
    var sent: [Int: [EmbedRequest]] = [:]
    /// Every request ever sent: (worker id, request).
    var sendLog: [(workerID: Int, request: EmbedRequest)] = []
    var killed: [Int] = []
    var closed: [Int] = []
    /// Shutdown waiters resumed.
    var stopped = 0
    private var pids: [ObjectIdentifier: Int] = [:]
    private var nextPid: Int32 = 4_000_000

    init(configuration: PoolConfiguration) {
        self.configuration = configuration
        state = SupervisorState(configuration: configuration, metrics: PoolMetrics(workers: configuration.workers, factory: TestMetrics()),
                                logger: Logger(label: "seek.pool.test"))
    }

    /// A pool configuration for these tests: `workers` slots, no real command, small batches.
    static func configuration(workers: Int, batchSize: Int = 2, maxRetries: Int = 3) -> PoolConfiguration {
        var configuration = PoolConfiguration(workers: workers, threadsPerWorker: 1, workerCommand: ["/nonexistent/worker"], environment: [:])
        configuration.batchSize = batchSize
        configuration.maxRetries = maxRetries
        return configuration
    }

    /// One event: `body` changes the state and appends actions, which are then recorded or performed.
    func step(_ body: (inout SupervisorState, ContinuousClock.Instant, inout [SupervisorAction]) -> Void) {
        var actions: [SupervisorAction] = []
        body(&state, now, &actions)
        for action in actions {
            switch action {
            case .spawn(let workerID): spawning.append(workerID)
            case .send(_, let workerID, let request):
                sent[workerID, default: []].append(request)
                sendLog.append((workerID, request))
            case .closeInput(let process): closed.append(workerID(of: process))
            case .kill(let process): killed.append(workerID(of: process))
            case .finish(let continuation, let outcomes): continuation.resume(returning: outcomes)
            case .fail(let continuation, let error): continuation.resume(throwing: error)
            case .started(let continuation, let result): continuation.resume(with: result.mapError { $0 as Error })
            case .stopped(let continuation):
                stopped += 1
                continuation.resume()
            }
        }
    }

    private func workerID(of process: WorkerProcess) -> Int {
        pids[ObjectIdentifier(process)] ?? -1
    }

    /// The lowest worker id with a request to answer.
    var busyWorker: Int? {
        sent.filter { !$0.value.isEmpty }.keys.min()
    }

    /// `posix_spawn` returned for the oldest pending spawn: a process object without a process.
    @discardableResult
    func attachNext() -> Int {
        let workerID = spawning.removeFirst()
        nextPid += 1
        let process = WorkerProcess(unstartedPID: nextPid)
        pids[ObjectIdentifier(process)] = workerID
        step { $0.attach(workerID: workerID, process: process, actions: &$2) }
        return workerID
    }

    /// The worker's handshake, with `rssMB` sampled with it, computing in `precision`.
    func ready(_ workerID: Int, rssMB: Int = 100, precision: String = "fp32") {
        let handshake = WorkerHandshake(pid: 1, modelID: "test-model", dimension: Self.dimension, maxTokens: 256, threads: 1,
                                        precision: precision)
        step { $0.received(.ready(handshake), workerID: workerID, rssBytes: rssMB << 20, now: $1, actions: &$2) }
    }

    /// Attaches every pending spawn and sends its handshake; returns their worker ids.
    @discardableResult
    func startPending(rssMB: Int = 100) -> [Int] {
        var started: [Int] = []
        while !spawning.isEmpty {
            let id = attachNext()
            ready(id, rssMB: rssMB)
            started.append(id)
        }
        return started
    }

    /// The worker answers its oldest request; each vector's first value is its sequence's first token id.
    func answer(_ workerID: Int, rssMB: Int = 100) {
        let request = sent[workerID]!.removeFirst()
        let vectors = request.sequences.map { [Float($0[0])] + [Float](repeating: 0, count: Self.dimension - 1) }
        let response = EmbedResponse(batchID: request.batchID, tokenCounts: request.sequences.map(\.count), vectors: vectors)
        step { $0.received(.embedded(response), workerID: workerID, rssBytes: rssMB << 20, now: $1, actions: &$2) }
    }

    /// The worker's process was reaped with `status` (what a crash, a kill or a clean exit looks like).
    func exit(_ workerID: Int, status: TerminationStatus) {
        sent[workerID] = nil
        step { $0.exited(workerID: workerID, status: status, now: $1, actions: &$2) }
    }

    /// Moves the clock and runs the periodic watch with these RSS samples (worker id → MB).
    func tick(after seconds: Double, rssMB: [Int: Int] = [:]) {
        now = now + .milliseconds(Int(seconds * 1000))
        step { $0.tick(samples: rssMB.mapValues { $0 << 20 }, now: $1, actions: &$2) }
    }

    /// Sequences whose first token id is 1000 + their index (so answers say which one they are).
    static func sequences(_ count: Int, length: Int = 5) -> [[Int32]] {
        (0..<count).map { index in [Int32(1000 + index)] + [Int32](repeating: 7, count: length - 1) }
    }

    /// The vector the harness answers for `sequence`.
    static func vector(for sequence: [Int32]) -> EmbeddingOutcome {
        .vector([Float(sequence[0])] + [Float](repeating: 0, count: dimension - 1))
    }
}
