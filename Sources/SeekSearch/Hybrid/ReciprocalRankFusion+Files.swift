import SeekCore

extension ReciprocalRankFusion {
    /// Fuses per-file rankings: each retriever's chunk list is first grouped per file, then a
    /// file's fused score is Σ `weight / (k + rank of the file in that retriever's list)`. A file
    /// whose best passage for the vector retriever differs from its best passage for BM25 is thus
    /// credited by both (chunk-level fusion would count two half-found chunks). The file's shown
    /// chunk is the best chunk of the retriever that ranks the file highest (vector on a tie); its
    /// other chunks follow in `chunkScores` order. Best first; equal scores by ascending chunk id.
    public func fuseFiles(_ lists: [Retriever: [FileGroup]], chunkScores: [RankedChunk]) -> [FileGroup] {
        struct Entry {
            var score = 0.0
            var foundBy = Set<Retriever>()
            var bestRank = Int.max
            var best: Int64 = 0
            var chunks = Set<Int64>()
        }
        var entries: [String: Entry] = [:]
        for retriever in Retriever.allCases {
            guard let list = lists[retriever] else { continue }
            let weight = weights[retriever] ?? 1
            for (index, group) in list.enumerated() {
                var entry = entries[group.path] ?? Entry()
                entry.score += weight / (k + Double(index + 1))
                entry.foundBy.formUnion(group.foundBy)
                if index < entry.bestRank {
                    entry.bestRank = index
                    entry.best = group.best.chunkId
                }
                entry.chunks.insert(group.best.chunkId)
                entry.chunks.formUnion(group.others.map(\.chunkId))
                entries[group.path] = entry
            }
        }
        let chunkOrder = Dictionary(chunkScores.enumerated().map { ($1.chunkId, $0) }, uniquingKeysWith: min)
        let chunkById = Dictionary(chunkScores.map { ($0.chunkId, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.map { path, entry in
            let foundBy = entry.foundBy.sorted()
            let others = entry.chunks.subtracting([entry.best])
                .sorted { (chunkOrder[$0] ?? .max, $0) < (chunkOrder[$1] ?? .max, $1) }
                .map { chunkById[$0] ?? RankedChunk(chunkId: $0, score: 0, foundBy: []) }
            return FileGroup(path: path, best: RankedChunk(chunkId: entry.best, score: entry.score, foundBy: foundBy), others: others, foundBy: foundBy)
        }.sorted { RankedChunk.ranksBefore($0.best, $1.best) }
    }
}
