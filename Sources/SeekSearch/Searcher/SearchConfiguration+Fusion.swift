import SeekCore
import SeekStore

extension SearchConfiguration {
    /// One retrieval's candidate lists (each best first) fused per `fusionMethod` and
    /// `fusionLevel`, and grouped per file: the ranking every store's searcher returns. Chunks
    /// whose file `pathOf` does not know are left out; ties break by chunk id.
    public func fusedFileGroups(mode: SearchMode, vectorHits: [RankedChunk], keywordHits: [RankedChunk],
                                pathOf: (Int64) -> String?) -> [FileGroup] {
        switch (mode, fusionMethod, fusionLevel) {
        case (.vector, _, _): FileGroup.group(vectorHits, pathOf: pathOf)
        case (.keyword, _, _): FileGroup.group(keywordHits, pathOf: pathOf)
        case (.hybrid, .combSUM, _):
            FileGroup.group(ScoreFusion(rule: .combSUM, weights: fusion.weights).fuse([.vector: vectorHits, .keyword: keywordHits]), pathOf: pathOf)
        case (.hybrid, .combMNZ, _):
            FileGroup.group(ScoreFusion(rule: .combMNZ, weights: fusion.weights).fuse([.vector: vectorHits, .keyword: keywordHits]), pathOf: pathOf)
        case (.hybrid, .rrf, .chunk):
            FileGroup.group(fusion.fuse([.vector: vectorHits.map(\.chunkId), .keyword: keywordHits.map(\.chunkId)]), pathOf: pathOf)
        case (.hybrid, .rrf, .file):
            fusion.fuseFiles(
                [.vector: FileGroup.group(vectorHits, pathOf: pathOf), .keyword: FileGroup.group(keywordHits, pathOf: pathOf)],
                chunkScores: fusion.fuse([.vector: vectorHits.map(\.chunkId), .keyword: keywordHits.map(\.chunkId)]))
        }
    }
}

extension SearchConfiguration {
    /// The results shown for ranked `groups`: each file's best chunk with its title, page and a
    /// snippet highlighting the words of `query`. A chunk without details (removed since it was
    /// ranked) is left out.
    public func results(of groups: [FileGroup], details: [Int64: ChunkDetail], query: String) -> [SearchResult] {
        let terms = queryBuilder.terms(in: query)
        return groups.compactMap { group -> SearchResult? in
            guard let detail = details[group.best.chunkId] else { return nil }
            let snippet = snippets.snippet(of: detail.text, terms: terms)
            return SearchResult(
                path: detail.path, title: detail.title, score: group.best.score, page: detail.page, snippet: snippet.text,
                chunk: ChunkLocation(ordinal: detail.ordinal, start: detail.start, end: detail.end), foundBy: group.foundBy,
                chunkId: detail.chunkId, highlights: snippet.highlights, otherChunks: group.others)
        }
    }
}
