import GRDB

extension SearchReader {
    /// Every chunk's Int8 code in one contiguous array, ascending chunk id, for the first-pass scan.
    /// The BLOBs are copied straight into one preallocated array.
    public func allVectorCodes() throws(StoreError) -> VectorCodeMatrix {
        let dimension = model.dimension
        return try read(context: "allVectorCodes") { db in try Self.allVectorCodes(db, dimension: dimension) }
    }

    static func allVectorCodes(_ db: Database, dimension: Int) throws -> VectorCodeMatrix {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vector_codes") ?? 0
        var chunkIds: [Int64] = []
        var scales: [Float] = []
        chunkIds.reserveCapacity(count)
        scales.reserveCapacity(count)
        let codes = try [Int8](unsafeUninitializedCapacity: count * dimension) { buffer, initializedCount in
            try VectorBlobScanner.forEachRow(db, sql: "SELECT chunk_id, code, scale FROM vector_codes ORDER BY chunk_id") { chunkId, blob, scale in
                let row = chunkIds.count
                guard row < count else { throw StoreError.invalidData(reason: "vector_codes grew while being read") }
                guard blob.count == dimension else {
                    throw StoreError.invalidData(reason: "chunk \(chunkId) has a code of \(blob.count) bytes, not \(dimension)")
                }
                VectorCodec.decodeInt8(blob, into: UnsafeMutableBufferPointer(rebasing: buffer[(row * dimension)..<((row + 1) * dimension)]))
                chunkIds.append(chunkId)
                scales.append(Float(scale))
            }
            guard chunkIds.count == count else { throw StoreError.invalidData(reason: "read \(chunkIds.count) codes, expected \(count)") }
            initializedCount = count * dimension
        }
        return VectorCodeMatrix(chunkIds: chunkIds, codes: codes, scales: scales, dimension: dimension)
    }

    /// Every chunk's Float32 embedding in one contiguous array, ascending chunk id, for exact scans.
    /// The BLOBs are decoded straight into one preallocated array.
    public func allVectors() throws(StoreError) -> VectorMatrix {
        let dimension = model.dimension
        return try read(context: "allVectors") { db in try Self.allVectors(db, dimension: dimension) }
    }

    static func allVectors(_ db: Database, dimension: Int) throws -> VectorMatrix {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vectors") ?? 0
        var chunkIds: [Int64] = []
        chunkIds.reserveCapacity(count)
        let values = try [Float](unsafeUninitializedCapacity: count * dimension) { buffer, initializedCount in
            try VectorBlobScanner.forEachRow(db, sql: "SELECT chunk_id, embedding FROM vectors ORDER BY chunk_id") { chunkId, blob, _ in
                let row = chunkIds.count
                guard row < count else { throw StoreError.invalidData(reason: "vectors grew while being read") }
                guard blob.count == dimension * VectorCodec.bytesPerFloat else {
                    throw StoreError.invalidData(reason: "chunk \(chunkId) has an embedding of \(blob.count) bytes, not \(dimension) floats")
                }
                VectorCodec.decodeFloat32(blob, into: UnsafeMutableBufferPointer(rebasing: buffer[(row * dimension)..<((row + 1) * dimension)]))
                chunkIds.append(chunkId)
            }
            guard chunkIds.count == count else { throw StoreError.invalidData(reason: "read \(chunkIds.count) vectors, expected \(count)") }
            initializedCount = count * dimension
        }
        return VectorMatrix(chunkIds: chunkIds, values: values, dimension: dimension)
    }

    /// Float32 embeddings of the given chunks (for re-scoring first-pass candidates). Ids not in
    /// the index (removed since the caller's scan) are absent from the result.
    public func vectors(chunkIds: [Int64]) throws(StoreError) -> [Int64: [Float]] {
        let batches = Array(Set(chunkIds)).sorted().batches(ofCount: configuration.maxVariablesPerStatement)
        let dimension = model.dimension
        return try read(context: "vectors (\(chunkIds.count) ids)") { db in
            var found: [Int64: [Float]] = [:]
            for batch in batches {
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT chunk_id, embedding FROM vectors WHERE chunk_id IN (\(databaseQuestionMarks(count: batch.count)))",
                    arguments: StatementArguments(batch))
                while let row = try rows.next() {
                    let chunkId: Int64 = row[0]
                    found[chunkId] = try Self.decodeFloat32(row, column: 1, chunkId: chunkId, dimension: dimension)
                }
            }
            return found
        }
    }
}
