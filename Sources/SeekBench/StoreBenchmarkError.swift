/// Why `seek bench store` could not measure.
public enum StoreBenchmarkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The options do not describe a run (no vectors, a missing server URL...).
    case invalidConfiguration(reason: String)
    /// A writer process failed or printed no report.
    case writerFailed(processes: Int, reason: String)
    /// The index does not hold what was written (missing or duplicated chunks).
    case inconsistentIndex(reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "seek bench store: \(reason)"
        case .writerFailed(let processes, let reason): "seek bench store: a writer of the \(processes)-process run failed: \(reason)"
        case .inconsistentIndex(let reason): "seek bench store: the index is inconsistent after writing: \(reason)"
        }
    }
}
