/// Where a worker process is in its life.
public enum WorkerState: String, Sendable, Codable {
    /// Started; its ready handshake has not arrived yet.
    case starting
    /// Takes batches.
    case ready
    /// Finishes the batches it holds, then is replaced (memory or batch limit).
    case retiring
    /// Its standard input is closed; it is expected to exit.
    case stopping
    /// The pool killed it; it is being reaped.
    case killed
}
