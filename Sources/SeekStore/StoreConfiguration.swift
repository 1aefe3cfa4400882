/// Tuning of the SQLite index. The defaults suit one `seek` process plus a few concurrent readers.
public struct StoreConfiguration: Sendable, Equatable {
    /// Name of the SQLite file inside the index directory. Default `index.sqlite`.
    public var databaseFileName: String
    /// How long a connection waits for a lock held by another connection or process before
    /// failing, in seconds (`PRAGMA busy_timeout`). Default 5.
    public var busyTimeoutSeconds: Double
    /// Most reader connections open at once (each concurrent `read` uses one). Default 4.
    public var maximumReaderCount: Int
    /// Most host parameters bound in one statement: lookups by many ids or hashes are cut into
    /// batches of this size. Default 500, well under SQLite's smallest compiled limit (999).
    public var maxVariablesPerStatement: Int
    /// Bytes of the database file each connection reads through memory mapping (`PRAGMA mmap_size`)
    /// instead of read calls: loading every vector is about a third faster. 0 turns it off.
    /// Default 1 GiB (SQLite caps it at its compiled maximum).
    public var mmapSizeBytes: Int

    public init(
        databaseFileName: String = "index.sqlite",
        busyTimeoutSeconds: Double = 5,
        maximumReaderCount: Int = 4,
        maxVariablesPerStatement: Int = 500,
        mmapSizeBytes: Int = 1 << 30
    ) {
        self.databaseFileName = databaseFileName
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.maximumReaderCount = maximumReaderCount
        self.maxVariablesPerStatement = maxVariablesPerStatement
        self.mmapSizeBytes = mmapSizeBytes
    }
}
