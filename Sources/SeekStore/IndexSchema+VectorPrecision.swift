import GRDB

extension IndexSchema {
    /// v6: `files.vector_precision`, the precision of the linear layers that computed a file's
    /// chunk vectors (`ComputePrecision`'s raw value: fp32, bf16 or int8), so that the index
    /// knows what each file's vectors are made of once runs in different precisions mix.
    ///
    /// - One value per file, not per chunk: a file is embedded and written in one transaction by
    ///   one backend in one precision, and the embedding cache only lends a file vectors made in
    ///   the precision it is recorded with (`IndexingReader.cachedEmbeddings(textHashes:precision:)`).
    /// - The model is not repeated per file: the index holds one model, recorded in `meta`
    ///   (`ModelMarker`, checked at every open), so every file's vectors come from it.
    /// - NULL for files that are not `indexed` (no vectors). Files indexed before v6 were all
    ///   embedded in fp32 (the only precision there was), which the migration records.
    static func registerVectorPrecision(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN vector_precision TEXT;
                UPDATE files SET vector_precision = 'fp32' WHERE status = 'indexed';
                """)
        }
    }
}
