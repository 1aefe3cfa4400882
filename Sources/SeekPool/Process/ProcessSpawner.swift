import Foundation
import Synchronization

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Starts a child with `posix_spawnp`: its standard input and output are the given pipe ends,
/// standard error is inherited, every other descriptor is closed, SIGPIPE is back to its
/// default disposition (the pool ignores it), and `ParentDeathSignal.parentPIDVariable` holds this
/// process's pid. The C-string and attribute handling stays here.
enum ProcessSpawner {
    /// Held while the pool creates a worker's pipes and spawns it.
    static let spawnLock = Mutex(())

    /// The pid of the started child.
    /// - Throws: `PoolError.spawnFailed` naming the command and the errno of the failure.
    static func spawn(command: [String], environment: [String: String], standardInput: FileDescriptor,
                      standardOutput: FileDescriptor) throws(PoolError) -> Int32 {
        guard let executable = command.first, !executable.isEmpty else {
            throw .spawnFailed(command: "", reason: "the worker command is empty")
        }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, standardInput.rawValue, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, standardOutput.rawValue, STDOUT_FILENO)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        posix_spawn_file_actions_addinherit_np(&actions, STDIN_FILENO)
        posix_spawn_file_actions_addinherit_np(&actions, STDOUT_FILENO)
        posix_spawn_file_actions_addinherit_np(&actions, STDERR_FILENO)
        #else
        _ = GlibcExtensions.addCloseFrom?(&actions, 3)
        #endif
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let arguments = command.map { strdup($0) } + [nil]
        var environment = environment
        environment[ParentDeathSignal.parentPIDVariable] = String(getpid())
        let variables = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in variables { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, executable, &actions, &attributes, arguments, variables)
        guard result == 0 else {
            throw .spawnFailed(command: command.joined(separator: " "),
                               reason: "posix_spawn: \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Ignores SIGPIPE in this process (once): writing to a dead worker then fails with EPIPE
    /// instead of killing the parent.
    static func ignoreBrokenPipeSignal() {
        _ = brokenPipeIgnored
    }

    private static let brokenPipeIgnored: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}
