import Foundation
import GRDB
import SeekCore

/// What every reader of the index shares: the connection pool and the index's model and
/// settings. Each method of a reader reads one consistent snapshot on a reader connection: it
/// never blocks the writer and never sees half of a write transaction.
final class IndexReadAccess: Sendable {
    let pool: DatabasePool
    let model: ModelMarker
    let databaseURL: URL
    let configuration: StoreConfiguration

    init(pool: DatabasePool, model: ModelMarker, databaseURL: URL, configuration: StoreConfiguration) {
        self.pool = pool
        self.model = model
        self.databaseURL = databaseURL
        self.configuration = configuration
    }
}

/// The readers of the index (`IndexingReader`, `SearchReader`, `CatalogReader`,
/// `DiagnosticsReader`): each a view over the same `IndexReadAccess`, split by who reads.
protocol IndexReading: Sendable {
    var access: IndexReadAccess { get }
}

extension IndexReading {
    var model: ModelMarker { access.model }
    var configuration: StoreConfiguration { access.configuration }

    /// One read snapshot; every error comes out as a `StoreError`.
    func read<T>(context: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try StoreError.wrapping(context: context) { try access.pool.read(body) }
    }

    /// Reads without a transaction around `body` (no BEGIN and COMMIT): each statement sees the
    /// index as of its own start, and two statements may see different commits. Only for reads
    /// whose statements each stand alone, on hot paths — the embedding-cache lookup, once per
    /// file of an indexing run, where the transaction was a third of the lookup's cost.
    func readEachStatementAlone<T>(context: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try StoreError.wrapping(context: context) { try access.pool.unsafeRead(body) }
    }

    static func roots(_ db: Database) throws -> [IndexedRoot] {
        try Row.fetchAll(db, sql: "SELECT id, path, added_at FROM roots ORDER BY path").map { row in
            IndexedRoot(id: RootID(rawValue: row[0]), path: row[1], addedAt: Date(timeIntervalSince1970: row[2]))
        }
    }

    static func status(_ text: String) throws -> FileStatus {
        try FileStatus(storedName: text)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, from text: String, context: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            // Seek wrote this JSON itself: when it no longer decodes, the file is damaged.
            throw StoreError.damaged(reason: "\(context) is not valid JSON")
        }
    }

    /// Decodes the Float32 BLOB in `column` of `row`, checking its size.
    static func decodeFloat32(_ row: Row, column: Int, chunkId: Int64, dimension: Int) throws -> [Float] {
        try row.withUnsafeData(atIndex: column) { data -> [Float] in
            guard let data, data.count == dimension * VectorCodec.bytesPerFloat else {
                throw StoreError.damaged(reason: "chunk \(chunkId) has an embedding of \(data?.count ?? 0) bytes, not \(dimension) floats")
            }
            return try VectorCodec.decodeFloat32(data, dimension: dimension)
        }
    }

    /// The `FileIdentityStamp` in columns `from`...`from + 2` (ctime, device, inode); nil when
    /// any is NULL. Device and inode are stored as the bit pattern of a signed 64-bit integer.
    static func identityStamp(_ row: Row, from column: Int) -> FileIdentityStamp? {
        guard let changeTime: Double = row[column], let device: Int64 = row[column + 1], let inode: Int64 = row[column + 2] else {
            return nil
        }
        return FileIdentityStamp(changeTime: changeTime, device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode))
    }

    /// Lowercased extension of the last path component, without the dot; empty when none.
    static func fileExtension(_ path: String) -> String {
        guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            return ""
        }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// A number every write transaction increments: data derived from the index (a loaded vector
    /// matrix) is stale when this changed since it was read.
    func readWriteGeneration() throws(StoreError) -> Int64 {
        try read(context: "writeGeneration") { db in
            guard let value = try Int64.fetchOne(
                db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", arguments: [IndexSchema.MetaKey.writeGeneration])
            else {
                throw StoreError.invalidData(reason: "the meta table has no write generation")
            }
            return value
        }
    }

    /// The index's creation time and write generation (see `IndexContentVersion`).
    func readContentVersion() throws(StoreError) -> IndexContentVersion {
        try read(context: "contentVersion") { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, value FROM meta WHERE key IN (?, ?)",
                arguments: [IndexSchema.MetaKey.createdAt, IndexSchema.MetaKey.writeGeneration])
            let meta = Dictionary(rows.map { row -> (String, String) in (row[0], row[1]) }, uniquingKeysWith: { first, _ in first })
            guard let createdAt = meta[IndexSchema.MetaKey.createdAt], let generation = meta[IndexSchema.MetaKey.writeGeneration].flatMap(Int64.init)
            else {
                throw StoreError.invalidData(reason: "the meta table has no creation date or write generation")
            }
            return IndexContentVersion(createdAt: createdAt, writeGeneration: generation)
        }
    }

    /// Indexed roots, sorted by path.
    func readRoots() throws(StoreError) -> [IndexedRoot] {
        try read(context: "roots") { db in try Self.roots(db) }
    }
}
