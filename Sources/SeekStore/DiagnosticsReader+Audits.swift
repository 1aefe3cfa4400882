import Foundation
import GRDB

extension DiagnosticsReader {
    /// Reads every Float32 vector once and checks its size (`4 × dimension` bytes) and its norm
    /// (|‖v‖ − 1| < `unitNormTolerance`). Keeps the first `sampleLimit` chunk ids of each problem.
    public func auditVectors(unitNormTolerance: Float = 1e-3, sampleLimit: Int = 5) throws(StoreError) -> VectorAudit {
        guard unitNormTolerance > 0, sampleLimit >= 0 else {
            throw .invalidData(reason: "audit needs a positive tolerance and a non-negative sample limit, got \(unitNormTolerance), \(sampleLimit)")
        }
        let dimension = model.dimension
        return try read(context: "auditVectors") { db in
            var audit = VectorAudit(vectorCount: 0, wrongSizeCount: 0, wrongSizeChunkIds: [], nonUnitCount: 0, nonUnitChunkIds: [])
            var components = [Float](repeating: 0, count: dimension)
            try VectorBlobScanner.forEachRow(db, sql: "SELECT chunk_id, embedding FROM vectors ORDER BY chunk_id") { chunkId, blob, _ in
                audit.vectorCount += 1
                guard blob.count == dimension * VectorCodec.bytesPerFloat else {
                    audit.wrongSizeCount += 1
                    if audit.wrongSizeChunkIds.count < sampleLimit { audit.wrongSizeChunkIds.append(chunkId) }
                    return
                }
                components.withUnsafeMutableBufferPointer { VectorCodec.decodeFloat32(blob, into: $0) }
                let norm = components.reduce(Double(0)) { $0 + Double($1) * Double($1) }.squareRoot()
                // Written as "not within" so a NaN norm counts as a problem too.
                if !(abs(norm - 1) < Double(unitNormTolerance)) {
                    audit.nonUnitCount += 1
                    if audit.nonUnitChunkIds.count < sampleLimit { audit.nonUnitChunkIds.append(chunkId) }
                }
            }
            return audit
        }
    }

    /// The first `limit` ids (ascending) of the rows breaking each invariant of `orphanCounts()`,
    /// and the chunks whose file row is missing.
    public func invariantSamples(limit: Int = 5) throws(StoreError) -> InvariantSamples {
        guard limit > 0 else { throw .invalidData(reason: "a sample limit must be positive, not \(limit)") }
        return try read(context: "invariantSamples") { db in
            func ids(_ select: String) throws -> [Int64] { try Int64.fetchAll(db, sql: select + " LIMIT \(limit)") }
            func paths(_ select: String) throws -> [String] { try String.fetchAll(db, sql: select + " LIMIT \(limit)") }
            return InvariantSamples(
                chunksWithoutVector: try ids("SELECT c.id FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id) ORDER BY c.id"),
                chunksWithoutCode: try ids("SELECT c.id FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vector_codes q WHERE q.chunk_id = c.id) ORDER BY c.id"),
                chunksWithoutFullTextRow: try ids("SELECT c.id FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM chunks_fts t WHERE t.rowid = c.id) ORDER BY c.id"),
                vectorsWithoutChunk: try ids("SELECT v.chunk_id FROM vectors v WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = v.chunk_id) ORDER BY v.chunk_id"),
                codesWithoutChunk: try ids("SELECT q.chunk_id FROM vector_codes q WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = q.chunk_id) ORDER BY q.chunk_id"),
                fullTextRowsWithoutChunk: try ids("SELECT t.rowid FROM chunks_fts t WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = t.rowid) ORDER BY t.rowid"),
                filesWithWrongChunkCount: try paths("""
                    SELECT f.path FROM files f
                    WHERE f.status = 'indexed' AND f.chunk_count != (SELECT COUNT(*) FROM chunks c WHERE c.file_id = f.id) ORDER BY f.path
                    """),
                unindexedFilesWithChunks: try paths("""
                    SELECT f.path FROM files f
                    WHERE f.status != 'indexed' AND EXISTS (SELECT 1 FROM chunks c WHERE c.file_id = f.id) ORDER BY f.path
                    """),
                chunksWithoutFileCount: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = c.file_id)") ?? 0,
                chunksWithoutFile: try ids("SELECT c.id FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = c.file_id) ORDER BY c.id"))
        }
    }

    /// The model marker recorded in the index's `meta` table (what the index was built with).
    public func storedModelMarker() throws(StoreError) -> ModelMarker {
        try read(context: "storedModelMarker") { db in
            let id = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [IndexSchema.MetaKey.modelId])
            let dimension = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [IndexSchema.MetaKey.dimension])
            guard let id, let dimension, let value = Int(dimension) else {
                throw StoreError.invalidData(reason: "the meta table has no complete model marker (model_id \(id ?? "missing"), dimension \(dimension ?? "missing"))")
            }
            return ModelMarker(id: id, dimension: value)
        }
    }

    /// Paths of indexed files that no longer exist on disk (the next `seek index` removes them),
    /// the first `limit` by path, with their total count.
    public func indexedFilesMissingOnDisk(limit: Int = 5) throws(StoreError) -> (count: Int, paths: [String]) {
        let paths = try read(context: "indexed file paths") { db in
            try String.fetchAll(db, sql: "SELECT path FROM files WHERE status = 'indexed' ORDER BY path")
        }
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        return (missing.count, Array(missing.prefix(limit)))
    }
}
