import SeekStore

/// The PostgreSQL tables, mirroring the SQLite index (`IndexSchema` in SeekStore) with the
/// differences the server needs:
///
/// - `roots` and `files` carry a `namespace` (by default the indexing host's name): paths are
///   unique per namespace, so two hosts that both index `/home/docs` do not collide.
/// - `chunks.search_text` is a generated, stored `tsvector` (English configuration) with a GIN
///   index, in place of SQLite's FTS5 table; PostgreSQL keeps it in step with `text`.
/// - `vectors.embedding` is a pgvector `vector(<dimension>)` with an HNSW index using inner
///   product (`vector_ip_ops`): embeddings are unit length, so inner product is cosine similarity.
///   SQLite's int8 codes are not needed (the server searches the vectors itself).
/// - The write generation is a sequence (`write_generation`), not a `meta` row: every writer
///   bumps it without queueing behind the others on one row lock.
enum PostgresSchema {
    /// Keys of the `meta` table (as SQLite's `IndexSchema.MetaKey`).
    enum MetaKey {
        static let modelId = "model_id"
        static let dimension = "dimension"
        static let createdAt = "created_at"
    }

    /// The channel every write notifies, with the new write generation as payload.
    static let changeChannel = "seek_index_changed"

    /// Text search configuration of `chunks.search_text` and of the queries against it.
    static let textSearchConfiguration = "english"

    /// Key of the transaction-level advisory lock that serialises migrations between processes.
    static let migrationLockKey: Int64 = 0x5345_454B_4D49_4752 // "SEEKMIGR"

    /// Name of the HNSW index on `vectors.embedding`.
    static let vectorIndexName = "vectors_embedding_hnsw"

    /// Creates the HNSW index on `vectors.embedding` (inner product: embeddings are unit length).
    static func vectorIndexStatement(hnswM: Int, hnswEfConstruction: Int) -> String {
        """
        CREATE INDEX \(vectorIndexName) ON vectors
            USING hnsw (embedding vector_ip_ops) WITH (m = \(hnswM), ef_construction = \(hnswEfConstruction))
        """
    }

    /// Every migration, in order. The dimension and HNSW parameters come from the first
    /// process that creates the index; later ones check the model marker against it.
    static func migrations(dimension: Int, hnswM: Int, hnswEfConstruction: Int) -> [PostgresMigration] {
        [
            PostgresMigration(version: 1, name: "tables, full-text and HNSW indexes", statements: [
                "CREATE EXTENSION IF NOT EXISTS vector",
                "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)",
                "CREATE SEQUENCE write_generation AS bigint MINVALUE 0 START 1",
                """
                CREATE TABLE roots (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    namespace text NOT NULL,
                    path text NOT NULL,
                    added_at double precision NOT NULL,
                    UNIQUE (namespace, path)
                )
                """,
                """
                CREATE TABLE files (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    root_id bigint NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
                    namespace text NOT NULL,
                    path text NOT NULL,
                    size bigint NOT NULL,
                    mtime double precision NOT NULL,
                    content_hash text,
                    parser text,
                    parser_version text,
                    status text NOT NULL CHECK (status IN ('indexed', 'failed', 'skipped')),
                    reason text,
                    chunk_count integer NOT NULL DEFAULT 0,
                    title text,
                    indexed_at double precision,
                    updated_at double precision NOT NULL,
                    ctime double precision,
                    device bigint,
                    inode bigint,
                    vector_precision text,
                    UNIQUE (namespace, path)
                )
                """,
                "CREATE INDEX files_root_id ON files (root_id)",
                "CREATE INDEX files_status ON files (status)",
                """
                CREATE TABLE documents (
                    file_id bigint PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                    text text NOT NULL,
                    metadata jsonb NOT NULL
                )
                """,
                // Identity ids are never reused, so a chunk id a reader holds never names another chunk.
                """
                CREATE TABLE chunks (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    file_id bigint NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    ordinal integer NOT NULL,
                    text text NOT NULL,
                    start_offset integer NOT NULL,
                    end_offset integer NOT NULL,
                    page integer,
                    heading_path jsonb NOT NULL,
                    token_count integer NOT NULL,
                    text_hash text NOT NULL,
                    search_text tsvector GENERATED ALWAYS AS (to_tsvector('\(textSearchConfiguration)', text)) STORED,
                    UNIQUE (file_id, ordinal)
                )
                """,
                "CREATE INDEX chunks_text_hash ON chunks (text_hash)",
                "CREATE INDEX chunks_search_text ON chunks USING gin (search_text)",
                """
                CREATE TABLE vectors (
                    chunk_id bigint PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
                    embedding vector(\(dimension)) NOT NULL
                )
                """,
                vectorIndexStatement(hnswM: hnswM, hnswEfConstruction: hnswEfConstruction),
            ]),
            // Search filters (`PostgresFileFilter`) on an index of many files: the extension as an
            // expression index, paths in byte order (a folder is one range), modification times.
            PostgresMigration(version: 2, name: "indexes for search filters", statements: [
                "CREATE INDEX files_extension ON files ((\(PostgresFileFilter.extensionExpression(of: "path"))))",
                #"CREATE INDEX files_path_bytes ON files ((path COLLATE "C"))"#,
                "CREATE INDEX files_mtime ON files (mtime)",
            ]),
            // The knowledge graph, as SQLite's schema v5 (`IndexSchema+Graph`), each row carrying
            // its namespace: links resolve among the files of the host that wrote them. Existing
            // files get their name keys (in Swift: `GraphKeys`, Unicode case rules included);
            // indexed ones lose their parser version so that the next run extracts them again
            // (their links and document vectors), their vectors coming from the embedding cache.
            PostgresMigration(version: 3, name: "link graph", statements: [
                "ALTER TABLE files ADD COLUMN name_key text",
                "UPDATE files SET parser_version = NULL WHERE status = 'indexed'",
                "CREATE INDEX files_name_key ON files (namespace, name_key)",
                """
                CREATE TABLE file_aliases (
                    file_id bigint NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    namespace text NOT NULL,
                    alias_key text NOT NULL,
                    PRIMARY KEY (file_id, alias_key)
                )
                """,
                "CREATE INDEX file_aliases_key ON file_aliases (namespace, alias_key)",
                """
                CREATE TABLE edges (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    source_file_id bigint NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    namespace text NOT NULL,
                    chunk_id bigint REFERENCES chunks(id) ON DELETE CASCADE,
                    kind text NOT NULL CHECK (kind IN ('link', 'wikilink', 'embed', 'tag', 'frontmatter')),
                    target_text text NOT NULL,
                    anchor text,
                    target_path text,
                    target_name text,
                    target_file_id bigint REFERENCES files(id) ON DELETE SET NULL
                )
                """,
                "CREATE INDEX edges_source ON edges (source_file_id)",
                "CREATE INDEX edges_chunk ON edges (chunk_id)",
                "CREATE INDEX edges_target ON edges (target_file_id)",
                "CREATE INDEX edges_target_name ON edges (namespace, target_name)",
                "CREATE INDEX edges_target_path ON edges (namespace, target_path)",
                "CREATE INDEX edges_kind_text ON edges (kind, target_text)",
                """
                CREATE TABLE document_vectors (
                    file_id bigint PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                    embedding vector(\(dimension)) NOT NULL
                )
                """,
            ], finish: PostgresIndexStore.fillNameKeys),
        ]
    }
}
