import SeekCore
import SeekEmbedding
import SeekSearch

extension Searcher {
    /// What the engine's search service does: the query embedded with the tests' shared model
    /// (unless the mode is keyword), then `search(_:queryVector:)`.
    func search(_ request: SearchRequest) throws -> SearchResponse {
        let vector = request.mode == .keyword ? nil : try SearchCorpus.embedder.get().embed(text: request.query)
        return try search(request, queryVector: vector)
    }
}
