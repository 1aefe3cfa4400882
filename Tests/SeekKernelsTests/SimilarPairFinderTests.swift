import SeekKernels
import SeekTestSupport
import Testing

struct SimilarPairFinderTests {
    /// Every pair by brute force, for comparison.
    private func bruteForce(_ values: [Float], count: Int, dimension: Int, threshold: Float, excluding: (Int, Int) -> Bool) -> [SimilarPair] {
        var pairs: [SimilarPair] = []
        for i in 0..<count {
            for j in (i + 1)..<count where !excluding(i, j) {
                var dot: Float = 0
                for d in 0..<dimension { dot += values[i * dimension + d] * values[j * dimension + d] }
                if dot >= threshold { pairs.append(SimilarPair(first: i, second: j, score: dot)) }
            }
        }
        return pairs.sorted(by: SimilarPair.ranksBefore)
    }

    @Test func blockedProductFindsTheSamePairsAsBruteForceAcrossBlockEdges() {
        let count = 70, dimension = 8
        var values = SeededGenerator.signedValues(count: count * dimension, seed: 11)
        // Plant near-duplicates across and inside blocks of 16 rows.
        for (a, b) in [(3, 40), (17, 18), (0, 69)] {
            for d in 0..<dimension { values[b * dimension + d] = values[a * dimension + d] + 0.01 }
        }
        for row in 0..<count {
            var norm: Float = 0
            for d in 0..<dimension { norm += values[row * dimension + d] * values[row * dimension + d] }
            for d in 0..<dimension { values[row * dimension + d] /= norm.squareRoot() }
        }
        let excluded: (Int, Int) -> Bool = { $0 == 17 && $1 == 18 }
        let expected = bruteForce(values, count: count, dimension: dimension, threshold: 0.5, excluding: excluded)
        let found = SimilarPairFinder(blockRows: 16).pairs(values: values, count: count, dimension: dimension, threshold: 0.5, limit: 1000,
                                                           excluding: excluded)
        #expect(found.map { [$0.first, $0.second] } == expected.map { [$0.first, $0.second] })
        #expect(zip(found, expected).allSatisfy { abs($0.score - $1.score) < 1e-4 })
        let top = SimilarPairFinder(blockRows: 16).pairs(values: values, count: count, dimension: dimension, threshold: 0.5, limit: 2,
                                                         excluding: excluded)
        #expect(top.map { [$0.first, $0.second] } == expected.prefix(2).map { [$0.first, $0.second] })
        #expect(Set(top.map { [$0.first, $0.second] }).isSubset(of: [[3, 40], [0, 69]]))
    }

    @Test func nothingBelowTheThresholdAndNothingForOneRow() {
        let values = SeededGenerator.signedValues(count: 4, seed: 3)
        #expect(SimilarPairFinder().pairs(values: values, count: 1, dimension: 4, threshold: -1, limit: 5) { _, _ in false } == [])
        #expect(SimilarPairFinder().pairs(values: values + values, count: 2, dimension: 4, threshold: 2, limit: 5) { _, _ in false } == [])
    }
}
