import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Kills a child process at a moment chosen by a condition that is read while the process is
/// frozen, so that a slow check (a test's tasks starved on a loaded machine) cannot let the
/// process run past the moment: a plain thread sends SIGSTOP every `period`, waits until the
/// kernel shows the process stopped, and lets the caller's condition decide between SIGKILL and
/// SIGCONT. Linux only (reads `/proc/<pid>/stat`).
public enum ProcessFreezer {
    /// SIGKILLs `process` at the first freeze where `condition` holds. True when it was killed
    /// that way; false when it exited on its own first, or when it has run for `limit` between
    /// freezes without the condition holding (it is let go then). `limit` counts the process's
    /// own running time, not the time it spent frozen while a starved test was still checking:
    /// on a loaded machine most of the wall time can be the latter (a CI run once spent its whole
    /// wall-clock allowance that way and let the run finish unkilled).
    public static func kill(_ process: Process, when condition: @escaping @Sendable () async -> Bool,
                            within limit: Duration, period: Duration = .milliseconds(100)) async -> Bool {
        let pid = process.processIdentifier
        let verdicts = DispatchSemaphore(value: 0)
        let killing = Mutex<Bool>(false)
        let stopping = Mutex<Bool>(false)
        let (frozen, frozenContinuation) = AsyncStream<Bool>.makeStream()
        let microseconds = useconds_t(period.components.seconds * 1_000_000 + period.components.attoseconds / 1_000_000_000_000)
        let runningTime = Mutex<Duration>(.zero)
        let thread = Thread {
            while !stopping.withLock({ $0 }) {
                let thawed = ContinuousClock.now
                usleep(microseconds)
                runningTime.withLock { $0 += ContinuousClock.now - thawed }
                Glibc.kill(pid, SIGSTOP)
                guard waitUntilStopped(pid) else { break } // it exited on its own
                frozenContinuation.yield(true)
                verdicts.wait()
                if killing.withLock({ $0 }) {
                    Glibc.kill(pid, SIGKILL)
                    break
                }
                Glibc.kill(pid, SIGCONT)
            }
            frozenContinuation.finish()
        }
        thread.start()
        var killed = false
        for await _ in frozen {
            if await condition() {
                killing.withLock { $0 = true }
                killed = true
            } else if runningTime.withLock({ $0 }) > limit {
                stopping.withLock { $0 = true }
            }
            verdicts.signal()
            if killed || stopping.withLock({ $0 }) { break }
        }
        // After giving up, a freeze already under way is let go (the thread then ends).
        if !killed {
            for await _ in frozen { verdicts.signal() }
        }
        return killed
    }

    /// Waits (up to 2 s) until `/proc/<pid>/stat` shows the process stopped ("T"); false when it is
    /// gone or a zombie (it exited).
    private static func waitUntilStopped(_ pid: Int32) -> Bool {
        for _ in 0..<2_000 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
            switch state {
            case "T", "t": return true
            case "Z", "X", nil: return false
            default: usleep(1_000)
            }
        }
        return false
    }
}
