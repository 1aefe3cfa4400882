import Foundation
import SeekPool
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct TerminationStatusTests {
    /// Runs `/bin/sh -c script` (no signal blocked or ignored) and returns its raw waitpid status.
    static func rawStatus(_ script: String) throws -> Int32 {
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(script), nil]
        defer { for argument in arguments { free(argument) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let result = posix_spawn(&pid, "/bin/sh", nil, &attributes, arguments, nil)
        try #require(result == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    @Test func describesRealExitsAndSignals() throws {
        #expect(TerminationStatus(waitStatus: try Self.rawStatus("exit 0")) == .exited(code: 0))
        #expect(TerminationStatus(waitStatus: try Self.rawStatus("exit 3")).description == "exit 3")
        #expect(TerminationStatus(waitStatus: try Self.rawStatus("kill -KILL $$")).description == "SIGKILL")
        #expect(TerminationStatus(waitStatus: try Self.rawStatus("kill -SEGV $$")).description == "SIGSEGV")
        #expect(TerminationStatus(waitStatus: try Self.rawStatus("kill -ABRT $$")) == .signaled(signal: SIGABRT))
        #expect(TerminationStatus(waitStatus: try Self.rawStatus("exit 0")).isCleanExit)
        #expect(!TerminationStatus(waitStatus: try Self.rawStatus("exit 1")).isCleanExit)
    }

    @Test func namesUnknownSignalsByNumber() {
        #expect(TerminationStatus.signalName(SIGABRT) == "SIGABRT")
        #expect(TerminationStatus.signalName(63) == "signal 63")
    }
}
