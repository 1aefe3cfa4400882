import SeekCore
import SeekKernels
import SeekStore

extension VectorIndex {
    /// The `k` chunks with the highest exact Float32 dot product with `query` among the chunks
    /// `filter` keeps, best first, equal scores by ascending chunk id. In `.codesOnly` residency
    /// this is `approximate`, which returns the same result.
    public func exact(query: [Float], k: Int, filter: SearchFilter = SearchFilter()) throws(SearchError) -> [VectorHit] {
        try validate(query: query, k: k)
        guard let vectors else { return try approximate(query: query, k: k, filter: filter) }
        let selection = try selection(for: filter)
        return VectorScan.topK(query: query, matrix: vectors, dimension: dimension, k: k, selection: selection, threads: threads)
            .map { VectorHit(chunkId: chunkIds[$0.row], score: $0.score) }
    }

    /// The exact top `k` computed fast: an Int8 scan scores every allowed chunk approximately,
    /// then every chunk whose approximate score is within the provable error bound of the k-th
    /// best (see `QuantizationErrorBound`) is rescored exactly. The result equals `exact`.
    public func approximate(query: [Float], k: Int, filter: SearchFilter = SearchFilter()) throws(SearchError) -> [VectorHit] {
        try validate(query: query, k: k)
        let selection = try selection(for: filter)
        guard !chunkIds.isEmpty else { return [] }
        let bound = try QuantizationErrorBound(query: query, rowNormBound: rowNormBound)
        let scan = VectorScan.approximateTopK(
            queryCodes: bound.queryCodes, queryScale: bound.queryScale, codes: codes, rowScales: scales,
            dimension: dimension, k: k, selection: selection, threads: threads)
        guard let kthBest = scan.top.last else { return [] }
        let candidates: [UInt32]
        if scan.top.count < k {
            // Fewer allowed rows than k: all of them are the answer.
            candidates = scan.top.map { UInt32($0.row) }.sorted()
        } else {
            let worstBound = scan.top.reduce(Float(0)) {
                max($0, bound.bound(scale: scales[$1.row], scaledCodeNorm: scaledCodeNorms[$1.row]))
            }
            // The candidate's own ε is left out of its side of the test, so it moves here, with one
            // more ε for the rounding of the comparison itself.
            let threshold = kthBest.score - worstBound - 2 * bound.roundingSlack
            candidates = VectorScan.selectRows(
                scores: scan.scores, rowA: scales, a: bound.scaleWeight, rowB: scaledCodeNorms, b: bound.codeNormWeight,
                threshold: threshold, selection: selection)
        }
        return try rescore(query: query, candidateRows: candidates, k: k)
    }

    /// Exact scores of the candidate rows (ascending), best `k` first.
    private func rescore(query: [Float], candidateRows: [UInt32], k: Int) throws(SearchError) -> [VectorHit] {
        if let vectors {
            return VectorScan.topK(query: query, matrix: vectors, dimension: dimension, k: k, selection: .rows(candidateRows))
                .map { VectorHit(chunkId: chunkIds[$0.row], score: $0.score) }
        }
        guard let reader else { throw .inconsistentIndex(reason: "a codes-only vector index needs its index reader") }
        let ids = candidateRows.map { chunkIds[Int($0)] }
        let fetched: [Int64: [Float]]
        do {
            fetched = try reader.vectors(chunkIds: ids)
        } catch {
            throw .store(error)
        }
        // Chunks removed since loading are skipped: the index changed, the caller should reload.
        var hits: [ScoredRow] = []
        hits.reserveCapacity(ids.count)
        for (row, id) in zip(candidateRows, ids) {
            guard let vector = fetched[id] else { continue }
            hits.append(ScoredRow(row: Int(row), score: VectorScan.dot(query, vector)))
        }
        return hits.sorted(by: ScoredRow.ranksBefore).prefix(k).map { VectorHit(chunkId: chunkIds[$0.row], score: $0.score) }
    }
}

extension VectorIndex {
    /// The Float32 embeddings of `chunkIds` (from memory for `.full`, from the index for
    /// `.codesOnly`). Chunks not in this index, or removed from the index since loading, are absent.
    public func embeddings(of chunkIds: [Int64]) throws(SearchError) -> [Int64: [Float]] {
        if let vectors {
            var found: [Int64: [Float]] = [:]
            for chunkId in chunkIds {
                guard let row = row(of: chunkId) else { continue }
                found[chunkId] = Array(vectors[(row * dimension)..<((row + 1) * dimension)])
            }
            return found
        }
        guard let reader else { throw .inconsistentIndex(reason: "a codes-only vector index needs its index reader") }
        do {
            return try reader.vectors(chunkIds: chunkIds.filter { row(of: $0) != nil })
        } catch {
            throw .store(error)
        }
    }
}
