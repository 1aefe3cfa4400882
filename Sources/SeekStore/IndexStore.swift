import Foundation
import GRDB
import GRDBSQLite
import Logging
import SeekCore

/// The on-disk index: one SQLite file in WAL mode, opened with one writer connection and a pool
/// of reader connections, so a reader never blocks the writer and always sees a consistent
/// snapshot. All writes go through `writer`; reads go through the reader of their purpose
/// (`indexingReader`, `searchReader`, `catalogReader`, `diagnosticsReader`, `graphReader`).
public final class IndexStore: Sendable {
    /// The index directory.
    public let directory: URL
    /// The SQLite database file inside `directory`.
    public let databaseURL: URL
    /// The model the index was built with (checked against the caller's at open).
    public let model: ModelMarker
    /// True when the store was opened read-only (`IndexStore.open(readOnly:)`): every write throws.
    public let isReadOnly: Bool
    /// The one write path.
    public let writer: IndexWriter
    /// What incremental indexing reads (file states, the embedding cache).
    public let indexingReader: IndexingReader
    /// What search reads (hydration, BM25, vectors, the index's version).
    public let searchReader: SearchReader
    /// What front ends read about the contents (status, files, documents).
    public let catalogReader: CatalogReader
    /// What validation, inspection and the doctor read.
    public let diagnosticsReader: DiagnosticsReader
    /// Reads the knowledge graph: links, backlinks, tags, document vectors.
    public let graphReader: GraphReader

    private let pool: DatabasePool
    /// The serial queue of the `IndexingStorage` calls (blocking SQLite work off the concurrency pool).
    let blockingQueue = DispatchQueue(label: "seek.store.indexing")
    private static let logger = Logger(label: "seek.store")

    private init(directory: URL, databaseURL: URL, model: ModelMarker, pool: DatabasePool, configuration: StoreConfiguration, isReadOnly: Bool) {
        self.directory = directory
        self.databaseURL = databaseURL
        self.model = model
        self.isReadOnly = isReadOnly
        self.pool = pool
        self.writer = IndexWriter(pool: pool, model: model, configuration: configuration)
        let access = IndexReadAccess(pool: pool, model: model, databaseURL: databaseURL, configuration: configuration)
        indexingReader = IndexingReader(access: access)
        searchReader = SearchReader(access: access)
        catalogReader = CatalogReader(access: access)
        diagnosticsReader = DiagnosticsReader(access: access)
        graphReader = GraphReader(access: access)
    }

    /// Runs the pending migrations. Two processes opening an index that needs them at the same
    /// moment (a watcher and a `seek index` creating it, say) both see them pending; the second
    /// then fails on a table or column the first just created. It tries again, up to five times: a
    /// new attempt reads which migrations are applied afresh and runs only what is still missing.
    static func migrate(_ pool: DatabasePool, with migrator: DatabaseMigrator) throws {
        for attempt in 1...5 {
            do {
                try migrator.migrate(pool)
                return
            } catch let error as DatabaseError where attempt < 5 && error.resultCode == .SQLITE_ERROR
                && ((error.message ?? "").contains("already exists") || (error.message ?? "").contains("duplicate column name")) {
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// Opens the index in `directory`, migrating it to the current schema.
    ///
    /// - Parameters:
    ///   - model: the model the caller embeds with; an index built with another model id or
    ///     dimension throws `StoreError.modelMismatch`.
    ///   - create: create the directory and an empty index when missing; when false a missing
    ///     index throws `StoreError.notFound`.
    ///   - readOnly: open without writing anything (an index of another user, on a read-only
    ///     file system): reads work, every write throws `StoreError.readOnly`, and an index that
    ///     needs a schema migration throws `StoreError.readOnly` (it needs one writable open).
    /// - Throws: `StoreError.damaged` when SQLite finds the file damaged, `StoreError.openFailed`
    ///   for any other failure to open, `StoreError.modelMismatch`, `StoreError.notFound`.
    public static func open(
        directory: URL, model: ModelMarker, create: Bool, readOnly: Bool = false, configuration: StoreConfiguration = StoreConfiguration()
    ) throws(StoreError) -> IndexStore {
        let databaseURL = directory.appendingPathComponent(configuration.databaseFileName)
        let path = databaseURL.path
        guard !model.id.isEmpty, model.dimension > 0 else {
            throw .invalidData(reason: "model identity needs an id and a positive dimension, got '\(model.id)' / \(model.dimension)")
        }
        guard configuration.maximumReaderCount > 0, configuration.maxVariablesPerStatement > 0,
              configuration.busyTimeoutSeconds >= 0, configuration.mmapSizeBytes >= 0 else {
            throw .invalidData(reason: "invalid store configuration \(configuration)")
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard create, !readOnly else { throw .notFound(path: directory.path) }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .openFailed(path: path, reason: "cannot create the index directory: \(error.localizedDescription)")
            }
        }

        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: databaseConfiguration(configuration, readOnly: readOnly))
        } catch let error as DatabaseError {
            switch StoreError.from(error, context: "open") {
            case .damaged(let reason): throw .damaged(reason: reason)
            default: throw .openFailed(path: path, reason: "\(error)")
            }
        } catch {
            throw .openFailed(path: path, reason: "\(error)")
        }
        do {
            try prepare(pool: pool, path: path, model: model, create: create, readOnly: readOnly, directory: directory)
        } catch {
            try? pool.close()
            throw error
        }
        logger.debug("opened index", metadata: ["path": "\(path)", "model": "\(model.id)", "read_only": "\(readOnly)"])
        return IndexStore(directory: directory, databaseURL: databaseURL, model: model, pool: pool, configuration: configuration, isReadOnly: readOnly)
    }

    /// Closes every connection. Any later use of the store throws.
    public func close() throws(StoreError) {
        try StoreError.wrapping(context: "close \(databaseURL.path)") { try pool.close() }
    }

    /// The settings every connection gets, reader or writer: WAL (set by the pool on the file),
    /// `busy_timeout`, `foreign_keys=ON`, `synchronous=NORMAL`; read-only connections only read.
    /// Writable connections keep the WAL and shared-memory files when they close
    /// (`SQLITE_FCNTL_PERSIST_WAL`): a reader without write access to the folder (another user,
    /// a read-only mount) can open a WAL database only when they exist.
    private static func databaseConfiguration(_ configuration: StoreConfiguration, readOnly: Bool) -> Configuration {
        var database = Configuration()
        database.label = "seek.store"
        database.readonly = readOnly
        database.foreignKeysEnabled = true
        database.maximumReaderCount = configuration.maximumReaderCount
        database.busyMode = .timeout(configuration.busyTimeoutSeconds)
        let busyTimeoutMilliseconds = Int(configuration.busyTimeoutSeconds * 1000)
        let mmapSizeBytes = configuration.mmapSizeBytes
        database.prepareDatabase { db in
            // GRDB gives reader connections their own fixed busy timeout and sets `synchronous`
            // on the writer only: set both on every connection so they all behave alike.
            try db.execute(sql: "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
            _ = try Int.fetchOne(db, sql: "PRAGMA mmap_size = \(mmapSizeBytes)")
            guard !readOnly else { return }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            var persist: CInt = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        return database
    }

    /// Checks the model marker of an existing index, runs pending migrations and writes the
    /// marker of a new one.
    private static func prepare(pool: DatabasePool, path: String, model: ModelMarker, create: Bool, readOnly: Bool,
                                directory: URL) throws(StoreError) {
        let migrator = IndexSchema.migrator
        do {
            // Check before migrating: an index of another model is never touched.
            let (hasMeta, indexModel, superseded) = try pool.read { db in
                let hasMeta = try db.tableExists("meta")
                return (hasMeta, hasMeta ? try storedModel(db, path: path) : nil, try migrator.hasBeenSuperseded(db))
            }
            // A database file without the schema (left by a run that died before its first
            // commit) is only turned into an index when asked to create one.
            if !hasMeta && !create {
                throw StoreError.notFound(path: directory.path)
            }
            if superseded {
                throw StoreError.openFailed(path: path, reason: "the index was written by a newer Seek with a newer schema")
            }
            if let indexModel {
                try verify(indexModel, expected: model, path: path)
            }
            if try !pool.read({ db in try migrator.hasCompletedMigrations(db) }) {
                if readOnly {
                    throw StoreError.readOnly(path: path, reason: "the index needs an upgrade to this Seek's schema; run `seek index` once with write access")
                }
                logger.info("migrating the index schema", metadata: ["path": "\(path)", "migrations": "\(migrator.migrations)"])
                try Self.migrate(pool, with: migrator)
            }
            // An index whose marker was verified above needs no write: opening it to search never
            // waits for the write lock of a running `seek index`.
            if indexModel != nil { return }
            if readOnly { throw StoreError.readOnly(path: path, reason: "the index has no model marker yet") }
            // One transaction: another process creating the same index cannot interleave.
            try pool.write { db in
                if let indexModel = try storedModel(db, path: path) {
                    try verify(indexModel, expected: model, path: path)
                    return
                }
                for (key, value) in [
                    (IndexSchema.MetaKey.modelId, model.id),
                    (IndexSchema.MetaKey.dimension, String(model.dimension)),
                    (IndexSchema.MetaKey.createdAt, ISO8601DateFormatter().string(from: Date())),
                    (IndexSchema.MetaKey.seekVersion, SeekVersion.current),
                ] {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            switch StoreError.from(error, context: "open") {
            case .damaged(let reason): throw .damaged(reason: reason)
            default: throw .openFailed(path: path, reason: "\(error)")
            }
        } catch {
            throw .openFailed(path: path, reason: "\(error)")
        }
    }

    /// The model recorded in `meta`; nil when no model was recorded yet.
    private static func storedModel(_ db: Database, path: String) throws -> ModelMarker? {
        let id = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [IndexSchema.MetaKey.modelId])
        let dimensionText = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [IndexSchema.MetaKey.dimension])
        switch (id, dimensionText) {
        case (nil, nil):
            return nil
        case (let id?, let dimensionText?):
            guard let dimension = Int(dimensionText) else {
                throw StoreError.openFailed(path: path, reason: "the model dimension '\(dimensionText)' in the index is not a number")
            }
            return ModelMarker(id: id, dimension: dimension)
        default:
            throw StoreError.openFailed(path: path, reason: "the model marker of the index is incomplete: the index is damaged")
        }
    }

    private static func verify(_ indexModel: ModelMarker, expected: ModelMarker, path: String) throws(StoreError) {
        if indexModel != expected {
            throw .modelMismatch(
                path: path, indexModel: indexModel.id, indexDimension: indexModel.dimension,
                expectedModel: expected.id, expectedDimension: expected.dimension)
        }
    }
}
