/// The pragmas in force on one SQLite connection, read back from it.
public struct ConnectionSettings: Sendable, Equatable {
    /// `PRAGMA journal_mode`, lowercase ("wal").
    public var journalMode: String
    /// `PRAGMA busy_timeout` in milliseconds.
    public var busyTimeoutMilliseconds: Int
    /// `PRAGMA foreign_keys`.
    public var foreignKeysEnabled: Bool
    /// `PRAGMA synchronous`: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    public var synchronous: Int

    public init(journalMode: String, busyTimeoutMilliseconds: Int, foreignKeysEnabled: Bool, synchronous: Int) {
        self.journalMode = journalMode
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.foreignKeysEnabled = foreignKeysEnabled
        self.synchronous = synchronous
    }
}
