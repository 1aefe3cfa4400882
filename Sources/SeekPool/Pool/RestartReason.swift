/// Why a worker process was replaced (or, for the spawn reasons, never became ready).
public enum RestartReason: String, Sendable, Codable, CaseIterable {
    /// It died unexpectedly: a signal (SIGKILL, SIGSEGV...) or an exit of its own.
    case crash
    /// A batch took longer than its timeout; the worker was killed.
    case timeout
    /// Its resident memory neared `memoryLimitMB` (replaced gracefully) or reached it (killed).
    case memory
    /// It answered `restartAfterBatches` batches and was replaced gracefully.
    case batchLimit = "batch-limit"
    /// It sent no ready handshake within `spawnTimeoutSeconds`; it was killed.
    case spawnTimeout = "spawn-timeout"
    /// It could not be started, or ended before its handshake.
    case spawnFailure = "spawn-failure"
    /// It broke the wire protocol (bad frame, wrong answer, other model); it was killed.
    case protocolViolation = "protocol"
    /// Writing a request to it failed (EPIPE: it closed its input); it was killed.
    case brokenPipe = "broken-pipe"
}
