import GRDB

extension SearchReader {
    /// Every chunk id (ascending) with the file it belongs to, in one snapshot.
    public func chunkFileMap() throws(StoreError) -> ChunkFileMap {
        try read(context: "chunkFileMap") { db in try Self.chunkFileMap(db) }
    }

    static func chunkFileMap(_ db: Database) throws -> ChunkFileMap {
        var files: [ChunkFileMap.File] = []
        var fileIndexById: [Int64: Int32] = [:]
        let fileRows = try Row.fetchCursor(db, sql: """
            SELECT f.id, f.path, f.mtime FROM files f
            WHERE EXISTS (SELECT 1 FROM chunks c WHERE c.file_id = f.id)
            ORDER BY f.id
            """)
        while let row = try fileRows.next() {
            let id: Int64 = row[0]
            let path: String = row[1]
            fileIndexById[id] = Int32(files.count)
            files.append(ChunkFileMap.File(id: id, path: path, fileExtension: Self.fileExtension(path), mtime: row[2]))
        }
        var chunkIds: [Int64] = []
        var fileIndexes: [Int32] = []
        let chunkRows = try Row.fetchCursor(db, sql: "SELECT id, file_id FROM chunks ORDER BY id")
        while let row = try chunkRows.next() {
            let chunkId: Int64 = row[0]
            let fileId: Int64 = row[1]
            guard let fileIndex = fileIndexById[fileId] else {
                throw StoreError.invalidData(reason: "chunk \(chunkId) belongs to file \(fileId), which is not in the files table")
            }
            chunkIds.append(chunkId)
            fileIndexes.append(fileIndex)
        }
        return ChunkFileMap(files: files, chunkIds: chunkIds, fileIndexes: fileIndexes)
    }
}

extension SearchReader {
    /// Everything a `VectorIndex` loads, read in one transaction, so it all comes from one state
    /// of the index however often a writer commits meanwhile: the write generation, every Int8
    /// code, every Float32 vector when `includingFloat32`, and the chunk-to-file map.
    public func vectorSnapshot(includingFloat32: Bool) throws(StoreError) -> VectorSnapshot {
        let dimension = model.dimension
        return try read(context: "vector snapshot") { db in
            guard let generation = try Int64.fetchOne(
                db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", arguments: [IndexSchema.MetaKey.writeGeneration])
            else {
                throw StoreError.invalidData(reason: "the meta table has no write generation")
            }
            return VectorSnapshot(
                writeGeneration: generation, codes: try Self.allVectorCodes(db, dimension: dimension),
                vectors: includingFloat32 ? try Self.allVectors(db, dimension: dimension) : nil, files: try Self.chunkFileMap(db))
        }
    }
}
