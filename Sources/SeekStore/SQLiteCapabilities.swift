/// What the SQLite library Seek runs on can do, probed in a private in-memory database.
public struct SQLiteCapabilities: Sendable, Equatable {
    /// `sqlite_version()`, e.g. "3.46.1".
    public var version: String
    /// The version as numbers (major, minor, patch).
    public var versionNumbers: [Int]
    /// Whether an FTS5 table could be created; nil when it could, else SQLite's error.
    public var fullTextError: String?
    /// Whether the `dbstat` virtual table is compiled in.
    public var hasDatabaseStatistics: Bool

    /// True when FTS5 works.
    public var hasFullText: Bool { fullTextError == nil }

    public init(version: String, fullTextError: String?, hasDatabaseStatistics: Bool) {
        self.version = version
        self.versionNumbers = version.split(separator: ".").compactMap { Int($0) }
        self.fullTextError = fullTextError
        self.hasDatabaseStatistics = hasDatabaseStatistics
    }

    /// Whether the version is at least `minimum` ([3, 35] = 3.35.0).
    public func isAtLeast(_ minimum: [Int]) -> Bool {
        for (index, required) in minimum.enumerated() {
            let actual = index < versionNumbers.count ? versionNumbers[index] : 0
            if actual != required { return actual > required }
        }
        return true
    }
}
