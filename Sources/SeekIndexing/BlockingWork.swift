import Dispatch

/// Runs blocking work (file reads, parsing, SQLite) on Dispatch threads and suspends the caller,
/// so the Swift concurrency pool (one thread per core) never stalls behind I/O or CPU-bound code.
enum BlockingWork {
    static func run<T: Sendable>(on queue: DispatchQueue = .global(qos: .userInitiated),
                                 _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
