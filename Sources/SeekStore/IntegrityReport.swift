/// Result of SQLite's `PRAGMA integrity_check`.
public struct IntegrityReport: Sendable, Equatable {
    /// Problems SQLite found; empty when the database file is sound.
    public var problems: [String]

    public var isOK: Bool { problems.isEmpty }

    public init(problems: [String]) {
        self.problems = problems
    }
}
