import SeekCore

extension VectorIndex {
    /// The `k` files most similar to the file at `path`, best first, the file itself left out.
    ///
    /// A file is represented by the normalised mean of its chunk vectors (its document vector),
    /// and files are ranked by the cosine of their document vector with `path`'s; equal scores go
    /// by path. The document vectors are computed at query time from this snapshot's chunk vectors
    /// (the Float32 ones in `.full` residency, the dequantised Int8 codes otherwise): one pass
    /// over the matrix, cheap next to a search (`seek bench mcp` reports its latency).
    /// - Throws: `SearchError.invalidQuery` when `k` is below 1, when the index has no
    ///   chunk-to-file map, or when `path` has no chunk in this snapshot.
    public func similarFiles(to path: String, k: Int) throws(SearchError) -> [FileSimilarity] {
        guard k >= 1 else { throw .invalidQuery(reason: "k must be at least 1, not \(k)") }
        guard !files.fileIndexes.isEmpty else {
            throw .invalidQuery(reason: "this vector index has no file information to compare files with")
        }
        guard let target = files.files.firstIndex(where: { $0.path == path }) else {
            throw .invalidQuery(reason: "\(path) has no chunk vectors to compare (an empty file, or indexed after this search snapshot)")
        }
        let sums = documentVectorSums()
        let targetVector = Array(sums.values[(target * dimension)..<((target + 1) * dimension)])
        let targetNorm = Self.norm(targetVector[...])
        guard targetNorm > 0 else { throw .invalidQuery(reason: "\(path) has only zero vectors") }
        var ranked: [FileSimilarity] = []
        ranked.reserveCapacity(files.files.count)
        for fileIndex in files.files.indices where fileIndex != target && sums.counts[fileIndex] > 0 {
            let vector = sums.values[(fileIndex * dimension)..<((fileIndex + 1) * dimension)]
            let norm = Self.norm(vector)
            guard norm > 0 else { continue }
            var dot: Float = 0
            for (a, b) in zip(targetVector, vector) { dot += a * b }
            ranked.append(FileSimilarity(
                path: files.files[fileIndex].path, score: Double(dot / (targetNorm * norm)), chunks: sums.counts[fileIndex],
                firstChunkId: sums.firstChunkIds[fileIndex]))
        }
        ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.path < $1.path) }
        return Array(ranked.prefix(k))
    }

    /// Per file: the sum of its chunk vectors (`files.files.count × dimension`, row-major), its
    /// chunk count and its first chunk id.
    private func documentVectorSums() -> (values: [Float], counts: [Int], firstChunkIds: [Int64]) {
        var values = [Float](repeating: 0, count: files.files.count * dimension)
        var counts = [Int](repeating: 0, count: files.files.count)
        var firstChunkIds = [Int64](repeating: 0, count: files.files.count)
        for row in 0..<count {
            let fileIndex = Int(files.fileIndexes[row])
            if counts[fileIndex] == 0 { firstChunkIds[fileIndex] = chunkIds[row] }
            counts[fileIndex] += 1
            let target = fileIndex * dimension
            let source = row * dimension
            if let vectors {
                for component in 0..<dimension { values[target + component] += vectors[source + component] }
            } else {
                let scale = scales[row]
                for component in 0..<dimension { values[target + component] += Float(codes[source + component]) * scale }
            }
        }
        return (values, counts, firstChunkIds)
    }

    private static func norm(_ vector: ArraySlice<Float>) -> Float {
        var sum: Float = 0
        for value in vector { sum += value * value }
        return sum.squareRoot()
    }
}
