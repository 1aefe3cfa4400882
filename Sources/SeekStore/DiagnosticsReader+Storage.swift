import GRDB

extension DiagnosticsReader {
    /// Page size, page and free-page counts, and the rows and bytes of every table and index.
    /// Bytes come from the `dbstat` virtual table; when this SQLite build lacks it they are nil.
    public func storageReport() throws(StoreError) -> StorageReport {
        try read(context: "storageReport") { db in
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let freePageCount = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let version = try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "unknown"

            var bytesByName: [String: Int64]?
            do {
                bytesByName = try Dictionary(
                    Row.fetchAll(db, sql: "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").map { row -> (String, Int64) in (row[0], row[1]) },
                    uniquingKeysWith: +)
            } catch let error as DatabaseError where error.message?.contains("no such table") == true {
                bytesByName = nil  // SQLite compiled without SQLITE_ENABLE_DBSTAT_VTAB
            }

            var objects: [StorageReport.Object] = []
            let schema = try Row.fetchAll(db, sql: "SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name")
            for row in schema {
                let name: String = row[0]
                let sql: String? = row[2]
                let isVirtual = sql?.uppercased().hasPrefix("CREATE VIRTUAL TABLE") == true
                let type: String = isVirtual ? "virtual table" : row[1]
                let rows = type == "index" ? nil : try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name.quotedDatabaseIdentifier)")
                objects.append(StorageReport.Object(name: name, type: type, rows: rows, bytes: isVirtual ? nil : bytesByName.map { $0[name] ?? 0 }))
            }
            // The schema table itself occupies pages too (page 1 and up).
            if let bytesByName {
                let schemaName = bytesByName["sqlite_schema"] != nil ? "sqlite_schema" : "sqlite_master"
                objects.append(StorageReport.Object(name: schemaName, type: "table", rows: schema.count, bytes: bytesByName[schemaName] ?? 0))
                objects.sort { $0.name < $1.name }
            }
            return StorageReport(
                pageSize: pageSize, pageCount: pageCount, freePageCount: freePageCount, hasDatabaseStatistics: bytesByName != nil,
                objects: objects, sqliteVersion: version)
        }
    }
}
