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
/// worker, `arm` asks Linux for SIGKILL when the parent dies (`prctl(PR_SET_PDEATHSIG)`), then
/// checks that the parent is still the one that spawned it: a parent that died between the spawn
/// and the `prctl` call has already handed the worker to another process, and the signal would
/// never come. Elsewhere (macOS) a worker notices its parent's death by the end of its input, as
/// it also does on Linux.
public enum ParentDeathSignal {
    /// The environment variable holding the pool process's pid.
    public static let parentPIDVariable = "SEEK_POOL_PARENT_PID"

    /// What `arm` found.
    public enum Outcome: Sendable, Equatable {
        /// The kernel will SIGKILL this process when its parent dies.
        case armed
        /// The parent that spawned this process is already gone: exit now.
        case parentGone
        /// No parent pid in the environment (not started by a pool), or not Linux: nothing armed.
        case unavailable
    }

    /// Arms the parent-death signal for the parent named in `environment`; see the type's comment.
    public static func arm(environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        guard let text = environment[parentPIDVariable], let parent = Int32(text), parent > 0 else { return .unavailable }
        #if os(Linux)
        guard let prctl = GlibcExtensions.prctl,
              prctl(GlibcExtensions.setParentDeathSignal, UInt(SIGKILL), 0, 0, 0) == 0
        else { return getppid() == parent ? .unavailable : .parentGone }
        // Checked after prctl: from here on, the parent's death is either seen here or signalled.
        return getppid() == parent ? .armed : .parentGone
        #else
        return getppid() == parent ? .unavailable : .parentGone
        #endif
    }
}
