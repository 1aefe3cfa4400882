import SeekKernels
import SeekTestSupport
import Testing

struct VectorScanTests {
    /// Deterministic pseudo-random values in [-1, 1).
    static func values(count: Int, seed: UInt64) -> [Float] {
        SeededGenerator.signedValues(count: count, seed: seed)
    }

    /// Every selected row scored with the scan's own dot product, fully sorted.
    static func reference(query: [Float], matrix: [Float], dimension: Int, k: Int, rows: [Int]) -> [ScoredRow] {
        let scored = rows.map { row in
            ScoredRow(row: row, score: VectorScan.dot(query, Array(matrix[(row * dimension)..<((row + 1) * dimension)])))
        }
        return Array(scored.sorted(by: ScoredRow.ranksBefore).prefix(k))
    }

    @Test(arguments: [7, 33, 384])
    func exactTopKMatchesAFullSort(dimension: Int) {
        let rowCount = 3_000
        let matrix = Self.values(count: rowCount * dimension, seed: UInt64(dimension))
        let query = Self.values(count: dimension, seed: 99)
        for k in [1, 10, 250, rowCount + 5] {
            let expected = Self.reference(query: query, matrix: matrix, dimension: dimension, k: k, rows: Array(0..<rowCount))
            #expect(VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: k) == expected, "k = \(k)")
        }
    }

    @Test func dotAgreesWithDoublePrecision() {
        for n in [0, 1, 7, 8, 31, 32, 33, 384, 385] {
            let a = Self.values(count: n, seed: 1), b = Self.values(count: n, seed: 2)
            let expected = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(Double(VectorScan.dot(a, b)) - expected) < 1e-5, "n = \(n)")
        }
    }

    @Test func twoThreadsGiveTheSameResultAsOne() {
        let dimension = 16, rowCount = 40_000
        let matrix = Self.values(count: rowCount * dimension, seed: 5)
        let query = Self.values(count: dimension, seed: 6)
        let single = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 50, threads: 1)
        let parallel = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 50, threads: 2)
        #expect(parallel == single)
        #expect(single == Self.reference(query: query, matrix: matrix, dimension: dimension, k: 50, rows: Array(0..<rowCount)))
    }

    @Test func equalScoresRankTheLowerRowFirst() {
        let dimension = 8
        // Rows 0, 3, 5 and 40,001 are equal; across the thread split too.
        var matrix = [Float](repeating: 0, count: 40_010 * dimension)
        for row in [40_001, 5, 3, 0] { matrix[row * dimension] = 1 }
        let query: [Float] = [1, 0, 0, 0, 0, 0, 0, 0]
        for threads in [1, 2] {
            let top = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 3, threads: threads)
            #expect(top.map(\.row) == [0, 3, 5], "threads = \(threads)")
            let rest = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 6, threads: threads)
            #expect(rest.map(\.row) == [0, 3, 5, 40_001, 1, 2], "threads = \(threads)")
        }
    }

    @Test func filtersAreAppliedInsideTheScan() {
        let dimension = 12, rowCount = 40_000
        let matrix = Self.values(count: rowCount * dimension, seed: 11)
        let query = Self.values(count: dimension, seed: 12)
        // Sparse: every 97th row; dense: rows not divisible by 3.
        let sparse = Array(stride(from: 4, to: rowCount, by: 97))
        let dense = (0..<rowCount).filter { $0 % 3 != 0 }
        for kept in [sparse, dense] {
            let expected = Self.reference(query: query, matrix: matrix, dimension: dimension, k: 20, rows: kept)
            let list = RowSelection.rows(kept.map { UInt32($0) })
            var bitmap = RowBitmap(rowCount: rowCount)
            kept.forEach { bitmap.insert($0) }
            for selection in [list, .bitmap(bitmap), RowSelection.filter(rows: kept.map { UInt32($0) }, rowCount: rowCount)] {
                for threads in [1, 2] {
                    let top = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 20, selection: selection, threads: threads)
                    #expect(top == expected)
                    #expect(top.count == 20)
                }
            }
        }
        // A filter keeping fewer rows than k returns exactly those rows.
        let few = RowSelection.rows([7, 19_000, 39_999])
        let top = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 10, selection: few, threads: 2)
        #expect(Set(top.map(\.row)) == [7, 19_000, 39_999])
        #expect(VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 10, selection: .rows([])).isEmpty)
        #expect(VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 10, selection: .bitmap(RowBitmap(rowCount: rowCount))).isEmpty)
    }

    @Test func bitmapRangesCoverWordEdges() {
        let dimension = 4, rowCount = 130
        let matrix = Self.values(count: rowCount * dimension, seed: 21)
        let query = Self.values(count: dimension, seed: 22)
        let kept = [0, 1, 62, 63, 64, 65, 127, 128, 129]
        var bitmap = RowBitmap(rowCount: rowCount)
        kept.forEach { bitmap.insert($0) }
        #expect(bitmap.cardinality == kept.count)
        #expect(bitmap.rows == kept.map { UInt32($0) })
        #expect(bitmap.contains(64) && !bitmap.contains(66) && !bitmap.contains(500))
        let top = VectorScan.topK(query: query, matrix: matrix, dimension: dimension, k: 100, selection: .bitmap(bitmap))
        #expect(top == Self.reference(query: query, matrix: matrix, dimension: dimension, k: 100, rows: kept))
    }

    @Test func approximateScoresAreExactIntegerDotProducts() {
        let dimension = 45, rowCount = 40_000
        let codes = Self.values(count: rowCount * dimension, seed: 31).map { Int8(($0 * 127.9).rounded(.towardZero)) }
        let scales = Self.values(count: rowCount, seed: 32).map { abs($0) / 100 + 1e-4 }
        let queryCodes = Self.values(count: dimension, seed: 33).map { Int8(($0 * 127.9).rounded(.towardZero)) }
        var withExtremes = codes
        withExtremes[0] = -128
        withExtremes[1] = 127
        let queryScale: Float = 0.003
        let kept = (0..<rowCount).filter { $0 % 5 != 2 }
        var bitmap = RowBitmap(rowCount: rowCount)
        kept.forEach { bitmap.insert($0) }
        for threads in [1, 2] {
            let scan = VectorScan.approximateTopK(
                queryCodes: queryCodes, queryScale: queryScale, codes: withExtremes, rowScales: scales, dimension: dimension, k: 30,
                selection: .bitmap(bitmap), threads: threads)
            var expected: [ScoredRow] = []
            for row in 0..<rowCount {
                guard row % 5 != 2 else {
                    #expect(scan.scores[row] == -.infinity)
                    continue
                }
                var sum = 0
                for j in 0..<dimension { sum += Int(withExtremes[row * dimension + j]) * Int(queryCodes[j]) }
                let score = (queryScale * scales[row]) * Float(sum)
                #expect(scan.scores[row] == score)
                expected.append(ScoredRow(row: row, score: score))
            }
            #expect(scan.top == Array(expected.sorted(by: ScoredRow.ranksBefore).prefix(30)))
        }
    }

    @Test func selectRowsKeepsRowsAtOrAboveTheThreshold() {
        let scores: [Float] = [0.5, 0.1, -.infinity, 0.3, 0.2]
        let rowA: [Float] = [1, 2, 3, 4, 5]
        let rowB: [Float] = [0, 1, 0, 1, 0]
        // score + 0.01·a + 0.1·b >= 0.3
        #expect(VectorScan.selectRows(scores: scores, rowA: rowA, a: 0.01, rowB: rowB, b: 0.1, threshold: 0.3) == [0, 3])
        #expect(VectorScan.selectRows(scores: scores, rowA: rowA, a: 0.01, rowB: rowB, b: 0.1, threshold: 0.25) == [0, 3, 4])
        #expect(VectorScan.selectRows(scores: scores, rowA: rowA, a: 0.01, rowB: rowB, b: 0.1, threshold: 0.25, selection: .rows([1, 4])) == [4])
    }

    @Test func codeNormsAreEuclidean() {
        let codes: [Int8] = [3, 4, 0, -128, 0, 0, 0, 0, 0]
        #expect(VectorScan.codeNorms(codes: codes, dimension: 3) == [5, 128, 0])
    }
}
