import Foundation
import Synchronization

/// N long-lived encoder threads (lanes) fed from one FIFO queue of batches. Each call sorts its
/// sequences by length (longest first, for balance), groups them into batches of similar length,
/// queues them and waits for its own batches; concurrent calls share the same N threads, so the
/// cores stay busy across call boundaries and are never oversubscribed.
final class EncoderLanes: Sendable {
    private let configuration: EmbeddingConfiguration
    private let queue: LaneQueue

    init(weights: BertWeights, configuration: EmbeddingConfiguration) {
        self.configuration = configuration
        queue = LaneQueue()
        for index in 0..<configuration.threads {
            let queue = self.queue
            let thread = Thread {
                let encoder = BertEncoder(weights: weights)
                while let job = queue.pop() { job(encoder) }
            }
            thread.name = "seek-encoder-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit { queue.stop() }

    /// Embeddings in input order, blocking the calling thread.
    func encode(_ sequences: [[Int32]], profile: Bool) throws -> (vectors: [[Float]], profile: EncoderProfile?) {
        let done = DispatchSemaphore(value: 0)
        let call = LaneCall(sequences: sequences, profile: profile) { done.signal() }
        submit(call)
        done.wait()
        return try call.result()
    }

    /// Embeddings in input order, suspending instead of blocking.
    func encode(_ sequences: [[Int32]], profile: Bool) async throws -> (vectors: [[Float]], profile: EncoderProfile?) {
        try await withCheckedThrowingContinuation { continuation in
            let box = Mutex<LaneCall?>(nil)
            let call = LaneCall(sequences: sequences, profile: profile) {
                let finished = box.withLock { $0 }!
                continuation.resume(with: Result { try finished.result() })
            }
            box.withLock { $0 = call }
            submit(call)
        }
    }

    private func submit(_ call: LaneCall) {
        let batches = Self.plan(lengths: call.sequences.map(\.count), configuration: configuration)
        guard !batches.isEmpty else {
            call.finishEmpty()
            return
        }
        call.expect(batches: batches.count)
        queue.push(batches.map { members in { encoder in call.run(members, on: encoder) } })
    }

    /// Groups sequence indices into batches: sorted by length, longest first, at most `batchSize`
    /// sequences and `maxBatchTokens` tokens each; small inputs are split so every lane gets work.
    static func plan(lengths: [Int], configuration: EmbeddingConfiguration) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        let perLane = (lengths.count + configuration.threads - 1) / configuration.threads
        let batchSize = max(1, min(configuration.batchSize, perLane))
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            if !current.isEmpty, current.count == batchSize || tokens + lengths[index] > configuration.maxBatchTokens {
                batches.append(current)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += lengths[index]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}

/// One `encode` call: its inputs, the slots its batches fill, and what to do when all are done.
private final class LaneCall: Sendable {
    let sequences: [[Int32]]
    private let profiled: Bool
    private let onFinish: @Sendable () -> Void
    private struct State {
        var vectors: [[Float]?]
        var remaining = 0
        var failure: Error?
        var profile: EncoderProfile?
    }
    private let state: Mutex<State>

    init(sequences: [[Int32]], profile: Bool, onFinish: @escaping @Sendable () -> Void) {
        self.sequences = sequences
        profiled = profile
        self.onFinish = onFinish
        state = Mutex(State(vectors: Array(repeating: nil, count: sequences.count), profile: profile ? EncoderProfile() : nil))
    }

    func expect(batches: Int) { state.withLock { $0.remaining = batches } }

    func finishEmpty() { onFinish() }

    /// Runs one batch on a lane's encoder and records its vectors (or the first error).
    func run(_ members: [Int], on encoder: BertEncoder) {
        let failed = state.withLock { $0.failure != nil }
        var vectors: [[Float]] = []
        var error: Error?
        var profile: EncoderProfile?
        if !failed {
            encoder.profile = profiled ? EncoderProfile() : nil
            do { vectors = try encoder.encode(members.map { sequences[$0] }) } catch let caught { error = caught }
            profile = encoder.profile
            encoder.profile = nil
        }
        let finished = state.withLock { state -> Bool in
            if let error, state.failure == nil { state.failure = error }
            for (member, vector) in zip(members, vectors) { state.vectors[member] = vector }
            if let profile { state.profile?.merge(profile) }
            state.remaining -= 1
            return state.remaining == 0
        }
        if finished { onFinish() }
    }

    func result() throws -> (vectors: [[Float]], profile: EncoderProfile?) {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            return (state.vectors.map { $0! }, state.profile)
        }
    }
}

/// The lanes' shared FIFO of batch jobs; `pop` blocks until a job arrives or the queue stops.
private final class LaneQueue: @unchecked Sendable {
    typealias Job = @Sendable (BertEncoder) -> Void
    // NSCondition guards `jobs`, `head` and `stopped`: hence @unchecked Sendable.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var stopped = false

    func push(_ newJobs: [Job]) {
        condition.lock()
        jobs.append(contentsOf: newJobs)
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !stopped { condition.wait() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head > 1024, head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
