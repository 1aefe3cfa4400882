import GRDB

extension IndexReader {
    /// Identifies the index's content: its creation time and write generation. Equal versions
    /// mean equal chunks and vectors, so data derived from the index (a vector cache file) can be
    /// reused while the version is unchanged; a re-created index never repeats a version.
    public func contentVersion() throws(StoreError) -> IndexContentVersion {
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
}
