import PostgresNIO
import SeekCore

/// Status counts and the consistency check.
extension PostgresIndexStore {
    /// Roots, files per status, chunks, vectors, write generation and schema version, read in
    /// one snapshot.
    public func status() async throws(PostgresStoreError) -> PostgresStoreStatus {
        let logger = logger
        return try await transaction("status") { connection in
            var files: [FileStatus: Int] = [:]
            for try await (status, count) in try await connection.query(
                "SELECT status, count(*)::int8 FROM files GROUP BY status", logger: logger).decode((String, Int).self) {
                if let status = FileStatus(rawValue: status) { files[status] = count }
            }
            let counts = try await connection.query("""
                SELECT (SELECT count(*) FROM roots)::int8, (SELECT count(*) FROM chunks)::int8, (SELECT count(*) FROM vectors)::int8,
                       (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM write_generation),
                       (SELECT max(version) FROM seek_migrations)::int8
                """, logger: logger)
            for try await (roots, chunks, vectors, generation, version) in counts.decode((Int, Int, Int, Int64, Int).self) {
                return PostgresStoreStatus(
                    roots: roots, files: files, chunks: chunks, vectors: vectors, writeGeneration: generation, schemaVersion: version)
            }
            throw PostgresStoreError.invalidData(operation: "status", path: nil, reason: "the count query returned no row")
        }
    }

    /// Checks the invariants the schema cannot enforce: one vector per chunk, chunk counts,
    /// no chunks for unindexed files, every vector of the model's dimension, and unit norms on
    /// a random sample of at most `sampleSize` vectors.
    public func validate(sampleSize: Int = 1000) async throws(PostgresStoreError) -> PostgresValidationReport {
        let logger = logger
        let dimension = model.dimension
        let tolerance = Double(PostgresChunkRows.unitNormTolerance)
        return try await transaction("validate") { connection in
            let rows = try await connection.query("""
                WITH sample AS (SELECT vector_norm(embedding) AS norm FROM vectors ORDER BY random() LIMIT \(sampleSize))
                SELECT
                    (SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id))::int8,
                    (SELECT count(*) FROM files f WHERE f.status = 'indexed'
                        AND f.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.file_id = f.id))::int8,
                    (SELECT count(*) FROM files f WHERE f.status <> 'indexed'
                        AND EXISTS (SELECT 1 FROM chunks c WHERE c.file_id = f.id))::int8,
                    (SELECT count(*) FROM vectors WHERE vector_dims(embedding) <> \(dimension))::int8,
                    (SELECT count(*) FROM sample)::int8,
                    (SELECT count(*) FROM sample WHERE abs(norm - 1) > \(tolerance))::int8,
                    (SELECT count(*) FROM files f WHERE f.status = 'indexed' AND f.chunk_count > 0 AND f.parser_version IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM document_vectors d WHERE d.file_id = f.id))::int8,
                    (SELECT count(*) FROM edges e JOIN files s ON s.id = e.source_file_id LEFT JOIN files t ON t.id = e.target_file_id
                        WHERE (e.kind = 'tag' AND e.target_file_id IS NOT NULL) OR s.status <> 'indexed'
                           OR t.namespace <> e.namespace OR s.namespace <> e.namespace)::int8,
                    (SELECT count(*) FROM files WHERE status = 'indexed' AND parser_version IS NULL)::int8
                """, logger: logger)
            for try await (missing, wrongCounts, unindexed, wrongDimension, sampled, nonUnit, withoutDocumentVector, invalidEdges, awaiting)
                in rows.decode((Int, Int, Int, Int, Int, Int, Int, Int, Int).self) {
                var report = PostgresValidationReport(
                    chunksWithoutVector: missing, filesWithWrongChunkCount: wrongCounts, unindexedFilesWithChunks: unindexed,
                    vectorsWithWrongDimension: wrongDimension, sampledVectors: sampled, nonUnitVectors: nonUnit)
                report.filesWithoutDocumentVector = withoutDocumentVector
                report.invalidEdges = invalidEdges
                report.filesAwaitingExtraction = awaiting
                return report
            }
            throw PostgresStoreError.invalidData(operation: "validate", path: nil, reason: "the check query returned no row")
        }
    }
}
