import PostgresNIO
import SeekCore
import SeekStore

/// Okapi BM25 over the `tsvector` column, computed by one SQL statement (PostgreSQL has no BM25
/// of its own and no extension providing it is assumed; `ts_rank_cd` ranks long OR queries far
/// worse: Cranfield keyword nDCG@10 0.26 against BM25's 0.38).
extension PostgresIndexStore {
    /// BM25 parameters: term-frequency saturation `k1` and length normalisation `b` (the usual
    /// 1.2 and 0.75, as SQLite FTS5's `bm25()`).
    public static let bm25K1 = 1.2
    public static let bm25B = 0.75

    /// The chunks matching any word of `text` (English configuration: stemmed, stop words
    /// dropped), best first by BM25, ties by ascending chunk id; at most `limit`; with a
    /// non-empty `filter`, only chunks of files it keeps (the statistics, N, df and the average
    /// length, stay those of the whole index, as SQLite FTS5's `bm25()` under a filter).
    ///
    /// For each query lexeme t: idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) with N the chunks of
    /// the database and df those containing t; a chunk scores Σ idf · tf·(k1+1) / (tf + k1·(1 − b +
    /// b·len/avglen)), tf = the positions of t in the chunk, len = its `token_count`. A text with no
    /// searchable word (only stop words, punctuation) matches nothing and returns no hits.
    public func bm25Search(text: String, limit: Int, filter: PostgresFileFilter? = nil) async throws(PostgresStoreError) -> [KeywordHit] {
        guard limit > 0 else { throw .invalidData(operation: "bm25Search", path: nil, reason: "limit must be positive, got \(limit)") }
        let logger = logger
        let k1 = Self.bm25K1, b = Self.bm25B
        let filter = filter ?? PostgresFileFilter(SearchFilter())
        return try await transaction("bm25Search") { connection in
            let rows = try await connection.query("""
                WITH terms AS (
                    SELECT DISTINCT lexeme FROM unnest(to_tsvector('\(unescaped: PostgresSchema.textSearchConfiguration)', \(text)))
                ),
                any_term AS (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS query FROM terms),
                stats AS (SELECT count(*)::float8 AS n, greatest(avg(token_count), 1)::float8 AS average_length FROM chunks),
                frequencies AS MATERIALIZED (
                    SELECT t.lexeme, (SELECT count(*) FROM chunks c WHERE c.search_text @@ quote_literal(t.lexeme)::tsquery)::float8 AS df
                    FROM terms t
                ),
                matched AS (
                    SELECT c.id, c.token_count, c.search_text FROM chunks c\(joiningFilesOn: "c.file_id", for: filter), any_term
                    WHERE c.search_text @@ any_term.query AND \(matching: filter)
                )
                SELECT m.id, sum(
                        ln(1 + (s.n - f.df + 0.5) / (f.df + 0.5))
                        * x.tf * (\(k1) + 1) / (x.tf + \(k1) * (1 - \(b) + \(b) * m.token_count / s.average_length))
                    )::float8 AS score
                FROM matched m CROSS JOIN stats s
                CROSS JOIN LATERAL (
                    SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1)::float8 AS tf FROM unnest(m.search_text) AS u
                ) AS x
                JOIN frequencies f ON f.lexeme = x.lexeme
                GROUP BY m.id
                ORDER BY score DESC, m.id
                LIMIT \(limit)
                """, logger: logger)
            var hits: [KeywordHit] = []
            for try await (chunkId, score) in rows.decode((Int64, Double).self) {
                hits.append(KeywordHit(chunkId: chunkId, score: score))
            }
            return hits
        }
    }
}
