import Dispatch

/// Lets at most N callers run a blocking section at once; the others wait (a counting semaphore).
/// Shared by every parser of a `ParserRegistry`, it bounds the OCR processes of a whole run.
final class ProcessGate: Sendable {
    /// How many callers may be inside at once.
    let capacity: Int
    private let semaphore: DispatchSemaphore

    /// A gate for `capacity` (at least 1) callers at a time.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        semaphore = DispatchSemaphore(value: self.capacity)
    }

    /// Runs `body` once a place is free (blocking the calling thread until then) and returns its result.
    func run<T>(_ body: () throws -> T) rethrows -> T {
        semaphore.wait()
        defer { semaphore.signal() }
        return try body()
    }
}
