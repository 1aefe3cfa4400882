import Foundation
import SeekCore
import SeekStore

/// One file's chunks and embeddings, checked and laid out as columns (one array per column),
/// ready for a single `INSERT ... SELECT FROM unnest(...)` per table.
///
/// Validation happens here, before any transaction starts, so invalid input writes nothing:
/// one embedding per chunk, each finite, of the index's dimension and unit length (inner
/// product is then cosine similarity); distinct ordinals; sane offsets; no NUL characters
/// (PostgreSQL text cannot hold them).
struct PostgresChunkRows: Sendable {
    var ordinals: [Int] = []
    var texts: [String] = []
    var starts: [Int] = []
    var ends: [Int] = []
    /// 0 stands for "no page" (pages are 1-based); the insert turns it into NULL.
    var pages: [Int] = []
    /// Heading paths as JSON arrays, cast to jsonb on insert.
    var headingPaths: [String] = []
    var tokenCounts: [Int] = []
    var textHashes: [String] = []
    /// Embeddings in pgvector's text form, cast to `vector` on insert.
    var vectorLiterals: [String] = []

    /// How far from 1 an embedding's norm may be (Float32 rounding of a normalised vector), as SQLite's store.
    static let unitNormTolerance: Float = 1e-3

    init(file: FileInput, chunks: [ChunkDraft], embeddings: [[Float]], dimension: Int) throws(PostgresStoreError) {
        func invalid(_ reason: String) -> PostgresStoreError {
            .invalidData(operation: "writeIndexedFile", path: file.path, reason: reason)
        }
        guard embeddings.count == chunks.count else {
            throw invalid("\(chunks.count) chunks but \(embeddings.count) embeddings")
        }
        var seen = Set<Int>()
        for (chunk, embedding) in zip(chunks, embeddings) {
            guard seen.insert(chunk.ordinal).inserted else { throw invalid("chunk ordinal \(chunk.ordinal) appears twice") }
            guard chunk.start >= 0, chunk.start <= chunk.end else {
                throw invalid("chunk \(chunk.ordinal) has offsets \(chunk.start)..<\(chunk.end)")
            }
            guard !chunk.text.contains("\u{0}") else { throw invalid("chunk \(chunk.ordinal) contains NUL characters") }
            guard embedding.count == dimension else {
                throw invalid("chunk \(chunk.ordinal) has an embedding of dimension \(embedding.count), the index holds \(dimension)")
            }
            var squaredNorm: Float = 0
            for value in embedding {
                guard value.isFinite else { throw invalid("chunk \(chunk.ordinal) has a non-finite embedding component \(value)") }
                squaredNorm += value * value
            }
            guard abs(squaredNorm.squareRoot() - 1) <= Self.unitNormTolerance else {
                throw invalid("chunk \(chunk.ordinal) has an embedding of norm \(squaredNorm.squareRoot()), not unit length")
            }
            ordinals.append(chunk.ordinal)
            texts.append(chunk.text)
            starts.append(chunk.start)
            ends.append(chunk.end)
            pages.append(chunk.page ?? 0)
            headingPaths.append(try PostgresIndexStore.json(chunk.headingPath, operation: "writeIndexedFile", path: file.path))
            tokenCounts.append(chunk.tokenCount)
            textHashes.append(chunk.textHash)
            vectorLiterals.append(PostgresIndexStore.vectorLiteral(embedding))
        }
    }
}
