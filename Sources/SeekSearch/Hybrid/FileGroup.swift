import SeekCore

/// The chunks of one file in a ranked list: the best one (the file's score) and the others.
public struct FileGroup: Sendable, Equatable {
    /// Path of the file.
    public var path: String
    /// The file's best chunk; its score is the file's score.
    public var best: RankedChunk
    /// The file's other chunks in the list, best first.
    public var others: [RankedChunk]
    /// Retrievers that found any chunk of the file, in `Retriever` order.
    public var foundBy: [Retriever]

    public init(path: String, best: RankedChunk, others: [RankedChunk], foundBy: [Retriever]) {
        self.path = path
        self.best = best
        self.others = others
        self.foundBy = foundBy
    }

    /// Groups a ranked chunk list per file, files ordered by their best chunk (score, then chunk
    /// id). Chunks whose file `pathOf` does not know are left out.
    public static func group(_ chunks: [RankedChunk], pathOf: (Int64) -> String?) -> [FileGroup] {
        var groups: [FileGroup] = []
        var groupIndexByPath: [String: Int] = [:]
        for chunk in chunks.sorted(by: RankedChunk.ranksBefore) {
            guard let path = pathOf(chunk.chunkId) else { continue }
            if let index = groupIndexByPath[path] {
                groups[index].others.append(chunk)
                groups[index].foundBy = Array(Set(groups[index].foundBy).union(chunk.foundBy)).sorted()
            } else {
                groupIndexByPath[path] = groups.count
                groups.append(FileGroup(path: path, best: chunk, others: [], foundBy: chunk.foundBy))
            }
        }
        return groups
    }
}
