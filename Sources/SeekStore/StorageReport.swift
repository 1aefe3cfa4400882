/// How the index's SQLite file is laid out on disk, for `seek inspect`.
public struct StorageReport: Sendable, Equatable {
    /// Space used by one table or index.
    public struct Object: Sendable, Equatable {
        /// Table or index name as in `sqlite_schema` (FTS5 shadow tables included).
        public var name: String
        /// "table", "index" or "virtual table".
        public var type: String
        /// Rows of a table; nil for an index.
        public var rows: Int?
        /// Bytes of its pages (from `dbstat`); nil when the SQLite build lacks `dbstat` and for a
        /// virtual table (its shadow tables hold its pages).
        public var bytes: Int64?

        public init(name: String, type: String, rows: Int?, bytes: Int64?) {
            self.name = name
            self.type = type
            self.rows = rows
            self.bytes = bytes
        }
    }

    /// `PRAGMA page_size` in bytes.
    public var pageSize: Int64
    /// `PRAGMA page_count`.
    public var pageCount: Int64
    /// `PRAGMA freelist_count`: pages allocated but unused.
    public var freePageCount: Int64
    /// Whether SQLite's `dbstat` virtual table is compiled in (else every `bytes` is nil).
    public var hasDatabaseStatistics: Bool
    /// Tables and indexes, sorted by name.
    public var objects: [Object]
    /// `sqlite_version()`.
    public var sqliteVersion: String

    /// Unused pages as a percentage of all pages.
    public var fragmentationPercent: Double {
        pageCount > 0 ? Double(freePageCount) / Double(pageCount) * 100 : 0
    }

    public init(pageSize: Int64, pageCount: Int64, freePageCount: Int64, hasDatabaseStatistics: Bool, objects: [Object], sqliteVersion: String) {
        self.pageSize = pageSize
        self.pageCount = pageCount
        self.freePageCount = freePageCount
        self.hasDatabaseStatistics = hasDatabaseStatistics
        self.objects = objects
        self.sqliteVersion = sqliteVersion
    }
}
