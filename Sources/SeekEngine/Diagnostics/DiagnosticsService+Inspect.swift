import Foundation
import SeekStore

extension DiagnosticsService {
    /// `seek inspect`: file and page statistics, per-table rows and bytes, pragmas, schema,
    /// model marker, roots and snapshot count. Checkpoints the write-ahead log first (passively, no
    /// data changes) so the file size and the page count agree. Throws `EngineError.noIndex` when
    /// there is no index.
    public func inspect() throws(EngineError) -> IndexInspection {
        try EngineError.wrapping("inspect", directory: settings.indexDirectory) { try inspection() }
    }

    private func inspection() throws -> IndexInspection {
        let store = try self.store.existing()
        // Pages still in the write-ahead log count in page_count but not yet in the file's size.
        if !store.isReadOnly { try store.writer.checkpoint() }
        let reader = store.diagnosticsReader
        let storage = try reader.storageReport()
        let settings = try reader.connectionSettings()
        let migrations = try reader.appliedMigrations()
        let marker = try reader.storedModelMarker()
        return IndexInspection(
            database: store.databaseURL.path,
            fileBytes: try Self.fileBytes(store.databaseURL.path) ?? 0,
            walBytes: try Self.fileBytes(store.databaseURL.path + "-wal") ?? 0,
            pageSize: storage.pageSize, pageCount: storage.pageCount, freePages: storage.freePageCount,
            fragmentationPercent: (storage.fragmentationPercent * 100).rounded() / 100,
            journalMode: settings.journalMode,
            pragmas: .init(journalMode: settings.journalMode, busyTimeoutMilliseconds: settings.busyTimeoutMilliseconds,
                           foreignKeys: settings.foreignKeysEnabled, synchronous: settings.synchronous),
            sqliteVersion: storage.sqliteVersion,
            dbstat: storage.hasDatabaseStatistics,
            note: storage.hasDatabaseStatistics ? nil : "this SQLite build lacks the dbstat virtual table: bytes per table are unknown (null)",
            tables: storage.objects.map { .init(name: $0.name, type: $0.type, rows: $0.rows, bytes: $0.bytes) },
            schemaVersion: migrations.last ?? "none", migrations: migrations,
            model: .init(id: marker.id, dimension: marker.dimension),
            roots: try reader.roots().map(\.path),
            snapshots: try reader.snapshotCount())
    }

    /// Size of the file at `path`; nil when it does not exist.
    static func fileBytes(_ path: String) throws -> Int64? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value
    }
}
