import Foundation

/// CPU time (user + system) spent so far by this process, or by its children that have exited
/// and been reaped: what a benchmark subtracts around a run to say how much CPU each side of it
/// took (the indexing parent against its embedder workers), a measure that a busy, noisy
/// machine disturbs far less than wall-clock time.
public struct ProcessCPUTime: Sendable, Equatable {
    /// Seconds of CPU used by every thread of this process.
    public var processSeconds: Double
    /// Seconds of CPU used by the children of this process that have exited and been waited for
    /// (a worker still running counts only after it is reaped).
    public var reapedChildrenSeconds: Double

    public init(processSeconds: Double, reapedChildrenSeconds: Double) {
        self.processSeconds = processSeconds
        self.reapedChildrenSeconds = reapedChildrenSeconds
    }

    /// Both counters now (`getrusage`).
    public static func now() -> ProcessCPUTime {
        ProcessCPUTime(processSeconds: seconds(RUSAGE_SELF), reapedChildrenSeconds: seconds(RUSAGE_CHILDREN))
    }

    /// What was used between `earlier` and this reading.
    public func since(_ earlier: ProcessCPUTime) -> ProcessCPUTime {
        ProcessCPUTime(processSeconds: processSeconds - earlier.processSeconds,
                       reapedChildrenSeconds: reapedChildrenSeconds - earlier.reapedChildrenSeconds)
    }

    #if canImport(Darwin)
    private static func seconds(_ who: Int32) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        return seconds(usage)
    }
    #else
    private static func seconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return seconds(usage)
    }
    #endif

    private static func seconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
