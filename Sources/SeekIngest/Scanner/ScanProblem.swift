/// Something the scanner could not do for one entry (unreadable directory, permission denied...).
/// The entry is left out and the walk goes on.
public struct ScanProblem: Sendable, Hashable, CustomStringConvertible {
    /// Absolute path of the entry (for an undecodable name: its parent joined with the name,
    /// invalid bytes replaced by U+FFFD).
    public let path: String
    /// The step that failed.
    public let operation: ScanOperation
    /// Why it failed (the system's error message, or a parse error).
    public let reason: String

    public init(path: String, operation: ScanOperation, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
