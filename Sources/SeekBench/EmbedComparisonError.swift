/// Why `seek bench embed --modes` could not compare.
public enum EmbedComparisonError: Error, Equatable, CustomStringConvertible {
    /// A mode list that does not parse.
    case invalidModes(String)
    /// A mode's `seek bench embed` process exited with an error.
    case processFailed(mode: String, exitCode: Int32, message: String)
    /// A mode's process printed something that is not an embed report.
    case unreadableReport(mode: String, reason: String)

    public var description: String {
        switch self {
        case .invalidModes(let reason): "cannot compare embedding modes: \(reason)"
        case let .processFailed(mode, exitCode, message): "seek bench embed for mode \(mode) exited with \(exitCode): \(message)"
        case let .unreadableReport(mode, reason): "seek bench embed for mode \(mode) printed no readable report: \(reason)"
        }
    }
}
