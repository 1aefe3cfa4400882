import GRDB

extension DiagnosticsReader {
    /// Checks the graph's rows against the rows they point at (`GraphAudit`), keeping the first
    /// `sampleLimit` ids of each problem.
    public func auditGraph(sampleLimit: Int = 5) throws(StoreError) -> GraphAudit {
        guard sampleLimit >= 0 else { throw .invalidData(reason: "a sample limit cannot be negative, got \(sampleLimit)") }
        return try read(context: "auditGraph") { db in
            var audit = GraphAudit()
            func check<T: DatabaseValueConvertible>(_ from: String, _ column: String) throws -> (count: Int, samples: [T]) {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(from)") ?? 0
                let samples = try T.fetchAll(db, sql: "SELECT \(column) \(from) ORDER BY 1 LIMIT ?", arguments: [sampleLimit])
                return (count, samples)
            }
            (audit.edgesWithoutSourceCount, audit.edgesWithoutSource) = try check(
                "FROM edges e WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = e.source_file_id)", "e.id")
            (audit.edgesWithDanglingTargetCount, audit.edgesWithDanglingTarget) = try check(
                "FROM edges e WHERE e.target_file_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM files f WHERE f.id = e.target_file_id)", "e.id")
            (audit.edgesWithForeignChunkCount, audit.edgesWithForeignChunk) = try check(
                "FROM edges e WHERE e.chunk_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = e.chunk_id AND c.file_id = e.source_file_id)",
                "e.id")
            (audit.tagsWithTargetCount, audit.tagsWithTarget) = try check(
                "FROM edges e WHERE e.kind = 'tag' AND e.target_file_id IS NOT NULL", "e.id")
            (audit.filesWithoutDocumentVectorCount, audit.filesWithoutDocumentVector) = try check(
                "FROM files f WHERE f.status = 'indexed' AND f.chunk_count > 0 AND NOT EXISTS (SELECT 1 FROM document_vectors d WHERE d.file_id = f.id)",
                "f.path")
            (audit.strayDocumentVectorsCount, audit.strayDocumentVectors) = try check(
                "FROM document_vectors d WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = d.file_id AND f.status = 'indexed' AND f.chunk_count > 0)",
                "d.file_id")
            return audit
        }
    }
}
