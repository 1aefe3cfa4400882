/// Errors of the embedder pool and its worker processes.
public enum PoolError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A worker could not be started or did not send its ready handshake in time.
    case spawnFailed(command: String, reason: String)
    /// A worker broke the wire protocol (bad frame, wrong response).
    case protocolViolation(pid: Int32, reason: String)
    /// A batch could not be embedded after every retry; `reason` is the last failure
    /// (for a poison chunk: "embedder crashed on chunk N: <signal>").
    case batchFailed(reason: String)
    /// The pool has been shut down.
    case shutDown
    /// A `PoolConfiguration` value cannot work; `reason` names it.
    case invalidConfiguration(reason: String)
    /// The workers' handshake disagrees with what the indexing process resolved for the run
    /// (dimension, precision); `reason` names both sides.
    case unexpectedHandshake(reason: String)

    public var description: String {
        switch self {
        case .spawnFailed(let command, let reason): "cannot start embedder worker `\(command)`: \(reason)"
        case .protocolViolation(let pid, let reason): "embedder worker \(pid) broke the protocol: \(reason)"
        case .batchFailed(let reason): reason
        case .shutDown: "the embedder pool is shut down"
        case .invalidConfiguration(let reason): "invalid embedder pool configuration: \(reason)"
        case .unexpectedHandshake(let reason): "the embedder workers do not compute what this run expects: \(reason)"
        }
    }
}
