import Foundation
import SeekCore
import SeekSearch
import SeekStore

extension SearchService {
    /// The `k` indexed files most similar to the indexed file at `path` (made absolute), best
    /// first, the file itself left out: files compared by the normalised mean of their chunk
    /// vectors, on the current snapshot (`VectorIndex.similarFiles`), each marked when a link
    /// joins the two either way (the graph's edges). Never loads the model.
    /// - Throws: `EngineError.notIndexed` when `path` is not an indexed file,
    ///   `EngineError.invalidRequest` for a k out of range or a file without chunks,
    ///   `EngineError.noIndex` without an index, `EngineError.failed` when the index cannot be read.
    public func related(path: String, k: Int) async throws(EngineError) -> RelatedDocuments {
        let started = ContinuousClock.now
        let absolute = CatalogService.absolutePath(path)
        return try await EngineError.wrapping("related", directory: settings.indexDirectory) {
            guard k >= 1, k <= settings.search.maxResults else {
                throw EngineError.invalidRequest(reason: "k must be between 1 and \(settings.search.maxResults), not \(k)")
            }
            if let postgres {
                let database = try await postgres.open()
                let similar = try await database.similarFiles(to: absolute, k: k)
                let linked = try await GraphService.linkedPaths(of: absolute, reader: database)
                return RelatedDocuments(
                    path: absolute,
                    results: similar.map { .init(path: $0.path, title: $0.title, score: $0.score, chunks: $0.chunks, linked: linked.contains($0.path)) },
                    tookMilliseconds: (ContinuousClock.now - started).milliseconds)
            }
            let searcher = try await current()
            let similar: [FileSimilarity]
            do {
                similar = try searcher.vectorIndex.similarFiles(to: absolute, k: k)
            } catch SearchError.invalidQuery(let reason) {
                // Not in the snapshot: say why in the user's terms (not indexed at all, or failed).
                _ = try store.existing().catalogReader.document(path: absolute)
                throw EngineError.invalidRequest(reason: reason)
            }
            let details = try searcher.reader.chunkDetails(chunkIds: similar.map(\.firstChunkId))
            let linked = try await GraphService.linkedPaths(of: absolute, reader: try store.existing().graphReader)
            // A file removed since the snapshot was loaded has no details: it is left out.
            let results = similar.compactMap { file in
                details[file.firstChunkId].map {
                    RelatedDocuments.Document(path: file.path, title: $0.title, score: file.score, chunks: file.chunks,
                                              linked: linked.contains(file.path))
                }
            }
            return RelatedDocuments(path: absolute, results: results, tookMilliseconds: (ContinuousClock.now - started).milliseconds)
        }
    }
}
