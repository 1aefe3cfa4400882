/// A `ChunkBenchmark` that cannot run as asked.
public enum ChunkBenchmarkError: Error, CustomStringConvertible, Equatable {
    /// The inputs or settings are unusable, for `reason`.
    case invalidInput(reason: String)

    public var description: String {
        switch self {
        case .invalidInput(let reason): "cannot run the chunk benchmark: \(reason)"
        }
    }
}
