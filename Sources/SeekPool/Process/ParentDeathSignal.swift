import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Makes a worker die with the process that started it, even when that process is killed with
/// SIGKILL and can clean nothing up.
///
/// The pool puts its pid in the worker's environment (`parentPIDVariable`). First thing in the
/// worker, `arm` asks Linux for SIGKILL when the worker's parent dies (`prctl(PR_SET_PDEATHSIG)`),
/// then checks that the pool is still there: a pool that died before the call has already handed
/// the worker to another process, and the signal would never come. The parent is usually the pool
/// itself; when the worker command goes through a wrapper (a shell), the signal follows the
/// wrapper. Elsewhere (macOS) a worker notices its pool's death by the end of its input, as it
/// also does on Linux.
public enum ParentDeathSignal {
    /// The environment variable holding the pool process's pid.
    public static let parentPIDVariable = "SEEK_POOL_PARENT_PID"

    /// What `arm` found.
    public enum Outcome: Sendable, Equatable {
        /// The kernel will SIGKILL this process when its parent dies.
        case armed
        /// The pool that spawned this process is already gone: exit now.
        case parentGone
        /// No pool pid in the environment (not started by a pool), or not Linux: nothing armed.
        case unavailable
    }

    /// Arms the parent-death signal for the pool named in `environment`; see the type's comment.
    public static func arm(environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        guard let text = environment[parentPIDVariable], let pool = Int32(text), pool > 0 else { return .unavailable }
        let parentBefore = getppid()
        #if os(Linux)
        let armed = GlibcExtensions.prctl.map { $0(GlibcExtensions.setParentDeathSignal, UInt(SIGKILL), 0, 0, 0) == 0 } ?? false
        #else
        let armed = false
        #endif
        // Read after prctl: a parent that dies from here on is either seen here or signalled.
        let parent = getppid()
        guard parent == parentBefore, parent == pool || isAlive(pool) else { return .parentGone }
        return armed ? .armed : .unavailable
    }

    /// True while a process `pid` exists (signal 0 checks without sending anything).
    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
