import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `/proc` says about processes (Linux): a test's view of the `seek` processes it started
/// and of their embedder workers.
public enum ProcessTable {
    /// The fields of `/proc/PID/stat` after the command name: state first, then the parent pid.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    /// The pids whose parent is `parent` (for `seek index`: its embedder workers).
    public static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let fields = statFields(pid), fields.count > 1 else { return false }
            return Int32(fields[1]) == parent
        }
    }

    /// The process state letter ("R" running, "S" sleeping, "T" stopped, "Z" zombie...); nil when
    /// there is no such process.
    public static func state(of pid: Int32) -> Character? {
        statFields(pid)?.first?.first
    }

    /// True once `pid` has ended: no such process, or a zombie nobody reaped yet.
    public static func hasEnded(_ pid: Int32) -> Bool {
        guard let state = state(of: pid) else { return true }
        return state == "Z"
    }

    /// The children of `parent` that are stopped (SIGSTOP: the `stop-every:N` worker fault).
    public static func stoppedChildren(of parent: Int32) -> [Int32] {
        children(of: parent).filter { state(of: $0) == "T" }
    }

    /// Sends SIGCONT to every stopped child of `parent`.
    public static func resumeStoppedChildren(of parent: Int32) {
        for pid in stoppedChildren(of: parent) { kill(pid, SIGCONT) }
    }
}
