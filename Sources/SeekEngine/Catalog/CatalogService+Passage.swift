extension CatalogService {
    /// Chunk `chunk` of the indexed file at `path` (made absolute) with up to `contextChunks`
    /// chunks before and after it, and the extracted text they span. Only files in the index can
    /// be read this way.
    /// - Throws: `EngineError.notIndexed` for a path that is not an indexed file,
    ///   `EngineError.invalidRequest` for a negative `contextChunks` or a chunk the file does not
    ///   have, `EngineError.noIndex` without an index.
    public func passage(path: String, chunk: Int, contextChunks: Int) async throws(EngineError) -> DocumentPassage {
        guard contextChunks >= 0 else { throw .invalidRequest(reason: "context_chunks must be at least 0, not \(contextChunks)") }
        let document = try await document(path: path)
        guard chunk >= 0, chunk < document.chunks.count else {
            let range = document.chunks.isEmpty ? "none" : "0…\(document.chunks.count - 1)"
            throw .invalidRequest(reason: "\(document.path) has no chunk \(chunk) (it has \(document.chunks.count): \(range))")
        }
        let lower = max(0, chunk - contextChunks), upper = min(document.chunks.count - 1, chunk + contextChunks)
        let chunks = Array(document.chunks[lower...upper])
        let scalars = document.text.unicodeScalars
        let start = min(chunks[0].start, scalars.count), end = min(max(chunks[chunks.count - 1].end, start), scalars.count)
        let from = scalars.index(scalars.startIndex, offsetBy: start), to = scalars.index(scalars.startIndex, offsetBy: end)
        return DocumentPassage(
            path: document.path, title: document.title, chunk: chunk, chunkCount: document.chunks.count, start: start, end: end,
            text: String(scalars[from..<to]), chunks: chunks)
    }
}
