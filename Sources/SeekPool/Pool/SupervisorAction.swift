import SeekEmbedding

/// Something the supervisor does once its lock is released: process operations and resuming
/// callers never happen under the lock.
@_spi(Testing) public enum SupervisorAction: Sendable {
    case spawn(workerID: Int)
    case send(WorkerProcess, workerID: Int, EmbedRequest)
    case closeInput(WorkerProcess)
    case kill(WorkerProcess)
    case finish(CheckedContinuation<[EmbeddingOutcome], Error>, [EmbeddingOutcome])
    case fail(CheckedContinuation<[EmbeddingOutcome], Error>, PoolError)
    case started(CheckedContinuation<WorkerHandshake, Error>, Result<WorkerHandshake, PoolError>)
    case stopped(CheckedContinuation<Void, Never>)
}
