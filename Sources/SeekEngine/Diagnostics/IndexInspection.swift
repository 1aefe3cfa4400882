/// `seek inspect --json`: the index's SQLite file, its pragmas, schema and contents.
public struct IndexInspection: Sendable, Codable, Equatable {
    /// One table or index with its rows and bytes.
    public struct Table: Sendable, Codable, Equatable {
        public var name: String
        /// "table", "index" or "virtual table".
        public var type: String
        /// Rows; null for an index.
        public var rows: Int?
        /// Bytes of its pages; null without `dbstat` and for a virtual table.
        public var bytes: Int64?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(type, forKey: .type)
            try container.encode(rows, forKey: .rows)
            try container.encode(bytes, forKey: .bytes)
        }
    }

    /// The pragmas in force on a reader connection.
    public struct Pragmas: Sendable, Codable, Equatable {
        public var journalMode: String
        public var busyTimeoutMilliseconds: Int
        public var foreignKeys: Bool
        /// 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
        public var synchronous: Int

        enum CodingKeys: String, CodingKey {
            case synchronous
            case journalMode = "journal_mode"
            case busyTimeoutMilliseconds = "busy_timeout_ms"
            case foreignKeys = "foreign_keys"
        }
    }

    /// The model marker recorded in the index.
    public struct Model: Sendable, Codable, Equatable {
        public var id: String
        public var dimension: Int
    }

    /// Path of the SQLite file.
    public var database: String
    /// Size of the SQLite file in bytes.
    public var fileBytes: Int64
    /// Size of its write-ahead log (0 when absent).
    public var walBytes: Int64
    public var pageSize: Int64
    public var pageCount: Int64
    /// Unused pages (`PRAGMA freelist_count`).
    public var freePages: Int64
    /// Free pages as a percentage of all pages.
    public var fragmentationPercent: Double
    public var journalMode: String
    public var pragmas: Pragmas
    public var sqliteVersion: String
    /// Whether `dbstat` is available (else every table's bytes is null and `note` says so).
    public var dbstat: Bool
    public var note: String?
    /// Tables and indexes, sorted by name.
    public var tables: [Table]
    /// The newest applied migration ("v3").
    public var schemaVersion: String
    /// Every applied migration, in order.
    public var migrations: [String]
    public var model: Model
    public var roots: [String]
    /// Snapshots stored (at most 100).
    public var snapshots: Int

    enum CodingKeys: String, CodingKey {
        case database, pragmas, dbstat, note, tables, migrations, model, roots, snapshots
        case fileBytes = "file_bytes"
        case walBytes = "wal_bytes"
        case pageSize = "page_size"
        case pageCount = "page_count"
        case freePages = "free_pages"
        case fragmentationPercent = "fragmentation_percent"
        case journalMode = "journal_mode"
        case sqliteVersion = "sqlite_version"
        case schemaVersion = "schema_version"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(database, forKey: .database)
        try container.encode(fileBytes, forKey: .fileBytes)
        try container.encode(walBytes, forKey: .walBytes)
        try container.encode(pageSize, forKey: .pageSize)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(freePages, forKey: .freePages)
        try container.encode(fragmentationPercent, forKey: .fragmentationPercent)
        try container.encode(journalMode, forKey: .journalMode)
        try container.encode(pragmas, forKey: .pragmas)
        try container.encode(sqliteVersion, forKey: .sqliteVersion)
        try container.encode(dbstat, forKey: .dbstat)
        try container.encode(note, forKey: .note)
        try container.encode(tables, forKey: .tables)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(migrations, forKey: .migrations)
        try container.encode(model, forKey: .model)
        try container.encode(roots, forKey: .roots)
        try container.encode(snapshots, forKey: .snapshots)
    }
}
