import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Resident memory of processes, read from the kernel directly (no `ps` subprocess):
/// `/proc/PID/statm` and `/proc/self/status` on Linux, `proc_pidinfo`/`task_info` on macOS.
public enum ProcessMemory {
    public enum ReadError: Error, CustomStringConvertible {
        case unreadable(pid: Int32, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let pid, let reason): "cannot read the memory of process \(pid): \(reason)"
            }
        }
    }

    /// Resident set size in bytes of `pid` (the calling process when nil).
    public static func residentBytes(pid: Int32? = nil) throws -> Int {
        #if os(Linux)
        let path = pid.map { "/proc/\($0)/statm" } ?? "/proc/self/statm"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReadError.unreadable(pid: pid ?? getpid(), reason: "\(path) is not readable (process gone?)")
        }
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else {
            throw ReadError.unreadable(pid: pid ?? getpid(), reason: "unexpected \(path) contents")
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #elseif canImport(Darwin)
        if let pid, pid != getpid() {
            var info = proc_taskinfo()
            let size = Int32(MemoryLayout<proc_taskinfo>.size)
            guard proc_pidinfo(pid, PROC_PIDTASKINFO, 0, &info, size) == size else {
                throw ReadError.unreadable(pid: pid, reason: "proc_pidinfo failed")
            }
            return Int(info.pti_resident_size)
        }
        var info = mach_task_basic_info()
        var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
        let result = withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count)
            }
        }
        guard result == KERN_SUCCESS else { throw ReadError.unreadable(pid: getpid(), reason: "task_info failed") }
        return Int(info.resident_size)
        #endif
    }

    /// Peak resident set size in bytes of the calling process since it started. The kernel
    /// updates its high-water mark lazily, so it is never reported below the current RSS.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        let peak = Int(usage.ru_maxrss)  // bytes on Darwin
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #endif
        return max(peak, (try? residentBytes()) ?? 0)
    }
}
