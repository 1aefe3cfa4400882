import SeekCore

/// The pool's bookkeeping for one worker process, from spawn to reaping.
struct WorkerRecord: Sendable {
    /// Why the pool killed a worker: `reason` and `detail` for the restart record, `chunkReason`
    /// for the failure of the batch it held ("timeout", "memory limit").
    struct KillCause: Sendable {
        let reason: RestartReason
        let detail: String
        let chunkReason: String
    }

    /// A batch sent to the worker and not answered yet.
    struct InFlight: Sendable {
        let batchID: UInt64
        let item: WorkItem
    }

    let id: Int
    let slot: Int
    /// Nil until `posix_spawn` returned.
    var process: WorkerProcess?
    let spawnDeadline: ContinuousClock.Instant
    /// Nil while starting.
    var handshake: WorkerHandshake?
    /// Takes no new batches; its restart is already recorded.
    var retiring = false
    /// Set once its standard input is closed: it must exit before this.
    var exitDeadline: ContinuousClock.Instant?
    /// Set once the pool killed it.
    var killCause: KillCause?
    /// Oldest first; the head is the batch being embedded.
    var inFlight: [InFlight] = []
    /// When the head batch must be answered.
    var headDeadline: ContinuousClock.Instant?
    var batches = 0
    var tokens = 0
    var rssBytes = 0
    var peakRSSBytes = 0
    /// RSS after the previous answer (or at the handshake).
    var lastAnswerRSSBytes: Int?
    /// Largest RSS growth seen between two answers: the memory one more batch may add.
    var growthPerBatchBytes = 0

    init(id: Int, slot: Int, spawnDeadline: ContinuousClock.Instant) {
        self.id = id
        self.slot = slot
        self.spawnDeadline = spawnDeadline
    }

    var isStarting: Bool { handshake == nil }

    /// Ready for new batches.
    var isAvailable: Bool { process != nil && handshake != nil && !retiring && exitDeadline == nil && killCause == nil }

    var inFlightTokens: Int { inFlight.reduce(0) { $0 + $1.item.tokens } }

    var state: WorkerState {
        if killCause != nil { return .killed }
        if exitDeadline != nil { return .stopping }
        if handshake == nil { return .starting }
        return retiring ? .retiring : .ready
    }

    /// Records an RSS sample.
    mutating func sample(rssBytes bytes: Int) {
        rssBytes = bytes
        peakRSSBytes = max(peakRSSBytes, bytes)
    }
}
