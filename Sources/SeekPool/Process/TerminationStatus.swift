#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// How a child process ended, from its `waitpid` status.
public enum TerminationStatus: Sendable, Equatable, Codable, CustomStringConvertible {
    /// It called exit with this code.
    case exited(code: Int32)
    /// A signal killed it.
    case signaled(signal: Int32)

    /// Decodes a raw `waitpid` status (the WIFEXITED / WTERMSIG encoding, the same on Linux and macOS).
    public init(waitStatus status: Int32) {
        let signal = status & 0x7F
        if signal == 0 {
            self = .exited(code: (status >> 8) & 0xFF)
        } else {
            self = .signaled(signal: signal)
        }
    }

    /// "exit 3", "SIGKILL", "SIGSEGV"...
    public var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signaled(let signal): Self.signalName(signal)
        }
    }

    /// True for exit status 0.
    public var isCleanExit: Bool { self == .exited(code: 0) }

    /// The conventional name of a signal number ("SIGKILL"), or "signal N".
    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
            SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1",
            SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
            SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGSYS: "SIGSYS",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
