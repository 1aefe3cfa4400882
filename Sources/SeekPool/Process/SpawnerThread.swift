import Foundation
import Synchronization

/// One thread, alive as long as the process, on which the pool spawns its workers.
///
/// Linux sends a worker its parent-death signal (`ParentDeathSignal`) when the *thread* that
/// spawned it ends, not the process: a worker spawned from a pooled thread (Dispatch or Swift
/// concurrency threads come and go) would be killed when that thread is retired. Spawning from
/// this thread, which never ends, ties the signal to the process's death.
final class SpawnerThread: Sendable {
    /// The process's spawner thread, started on first use.
    static let shared: SpawnerThread = {
        let spawner = SpawnerThread()
        let thread = Thread { spawner.serve() }
        thread.name = "seek.pool.spawner"
        thread.start()
        return spawner
    }()

    /// A job's result, handed from the spawner thread to the waiting caller.
    private final class Outcome<Value: Sendable>: Sendable {
        let value = Mutex<Value?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let queued = DispatchSemaphore(value: 0)

    private init() {}

    /// Runs `body` on the spawner thread and returns its value; the caller blocks until then.
    func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) -> Value {
        let outcome = Outcome<Value>()
        jobs.withLock { jobs in
            jobs.append {
                let value = body()
                outcome.value.withLock { $0 = value }
                outcome.done.signal()
            }
        }
        queued.signal()
        outcome.done.wait()
        return outcome.value.withLock { $0! }
    }

    private func serve() -> Never {
        while true {
            queued.wait()
            let job = jobs.withLock { $0.removeFirst() }
            job()
        }
    }
}
