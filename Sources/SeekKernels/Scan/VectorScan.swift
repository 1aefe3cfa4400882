import CSeekKernels
import Dispatch

/// Brute-force scans of one query against every row of a contiguous row-major matrix, fused with
/// a bounded top-k selection (never a full sort): exact Float32 dot products, and approximate
/// scores from Int8 codes (integer dot products). AVX2 in C where the CPU has it.
///
/// Filters (`RowSelection`) are applied inside the scan. Scans of many rows are split across
/// `threads` threads (disjoint row ranges, each with its own top-k, merged at the end).
/// Results are deterministic: higher score first, equal scores by lower row.
public enum VectorScan {
    /// True when the AVX2 scan paths are in use.
    public static var usesAVX2: Bool { seek_scan_uses_avx2() != 0 }

    /// Rows each thread gets at least before a scan is split: below this, one thread is faster.
    public static let minimumRowsPerThread = 16_384

    /// The Float32 dot product every exact scan uses for its scores: a score recomputed with it
    /// for the same row is bit-identical to the scan's.
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in seek_dot_f32(pa.baseAddress, pb.baseAddress, a.count) }
        }
    }

    /// The best `k` rows of `matrix` (rows of `dimension` floats) by exact dot product with `query`,
    /// best first, among the rows of `selection`.
    public static func topK(
        query: [Float], matrix: [Float], dimension: Int, k: Int, selection: RowSelection = .all, threads: Int = 1
    ) -> [ScoredRow] {
        let rowCount = validatedRowCount(elements: matrix.count, dimension: dimension, k: k, selection: selection)
        precondition(query.count == dimension, "topK: query of \(query.count) for dimension \(dimension)")
        guard k > 0, rowCount > 0 else { return [] }
        return query.withUnsafeBufferPointer { q in
            matrix.withUnsafeBufferPointer { m in
                let base = ScanPointers(matrix: UnsafeRawPointer(m.baseAddress!), query: UnsafeRawPointer(q.baseAddress!))
                return run(selection: selection, rowCount: rowCount, k: k, threads: threads) { set, topScores, topRows in
                    seek_scan_f32_topk(
                        base.matrix.assumingMemoryBound(to: Float.self), dimension, base.query.assumingMemoryBound(to: Float.self),
                        set, k, topScores, topRows)
                }
            }
        }
    }

    /// The result of an approximate scan.
    public struct ApproximateScan: Sendable, Equatable {
        /// The best `k` rows by approximate score, best first.
        public var top: [ScoredRow]
        /// The approximate score of every row; `-infinity` for rows the selection excluded.
        public var scores: [Float]
    }

    /// Approximate scores from Int8 codes: `score(r) = queryScale · rowScales[r] · Σ queryCodes[j]·codes[r][j]`,
    /// the integer sum computed exactly (sign-extended to 16 bits, multiplied pairwise into 32-bit lanes).
    /// Returns every visited row's score and the best `k` of them.
    public static func approximateTopK(
        queryCodes: [Int8], queryScale: Float, codes: [Int8], rowScales: [Float], dimension: Int, k: Int,
        selection: RowSelection = .all, threads: Int = 1
    ) -> ApproximateScan {
        let rowCount = validatedRowCount(elements: codes.count, dimension: dimension, k: k, selection: selection)
        precondition(queryCodes.count == dimension, "approximateTopK: query of \(queryCodes.count) codes for dimension \(dimension)")
        precondition(rowScales.count == rowCount, "approximateTopK: \(rowScales.count) scales for \(rowCount) rows")
        var scores = [Float](repeating: -.infinity, count: rowCount)
        guard rowCount > 0 else { return ApproximateScan(top: [], scores: scores) }
        let top = queryCodes.withUnsafeBufferPointer { q in
            codes.withUnsafeBufferPointer { c in
                rowScales.withUnsafeBufferPointer { s in
                    scores.withUnsafeMutableBufferPointer { out in
                        let base = ApproximatePointers(
                            codes: UnsafeRawPointer(c.baseAddress!), scales: UnsafeRawPointer(s.baseAddress!),
                            query: UnsafeRawPointer(q.baseAddress!), scores: UnsafeMutableRawPointer(out.baseAddress!))
                        return run(selection: selection, rowCount: rowCount, k: k, threads: threads) { set, topScores, topRows in
                            seek_scan_i8_topk(
                                base.codes.assumingMemoryBound(to: Int8.self), dimension, base.scales.assumingMemoryBound(to: Float.self),
                                base.query.assumingMemoryBound(to: Int8.self), queryScale, set,
                                base.scores.assumingMemoryBound(to: Float.self), k, topScores, topRows)
                        }
                    }
                }
            }
        }
        return ApproximateScan(top: top, scores: scores)
    }

    /// The rows `r` of `selection`, ascending, with `scores[r] + a · rowA[r] + b · rowB[r] >= threshold`
    /// (the candidate test of a bounded-error first pass).
    public static func selectRows(
        scores: [Float], rowA: [Float], a: Float, rowB: [Float], b: Float, threshold: Float, selection: RowSelection = .all
    ) -> [UInt32] {
        let rowCount = scores.count
        precondition(rowA.count == rowCount && rowB.count == rowCount, "selectRows: arrays of \(rowA.count) and \(rowB.count) for \(rowCount) scores")
        validate(selection, rowCount: rowCount)
        let capacity = selection.count(rowCount: rowCount)
        guard capacity > 0 else { return [] }
        return [UInt32](unsafeUninitializedCapacity: capacity) { buffer, initializedCount in
            scores.withUnsafeBufferPointer { s in
                rowA.withUnsafeBufferPointer { ra in
                    rowB.withUnsafeBufferPointer { rb in
                        withRowSet(selection, rowCount: rowCount) { set in
                            initializedCount = seek_select_rows(s.baseAddress, ra.baseAddress, a, rb.baseAddress, b, threshold, set, buffer.baseAddress)
                        }
                    }
                }
            }
        }
    }

    /// Euclidean norm of each row of Int8 codes.
    public static func codeNorms(codes: [Int8], dimension: Int) -> [Float] {
        precondition(dimension > 0 && codes.count % dimension == 0, "codeNorms: \(codes.count) codes are not rows of \(dimension)")
        let rowCount = codes.count / dimension
        return [Float](unsafeUninitializedCapacity: rowCount) { buffer, initializedCount in
            codes.withUnsafeBufferPointer { c in seek_i8_row_norms(c.baseAddress, dimension, rowCount, buffer.baseAddress) }
            initializedCount = rowCount
        }
    }

    // MARK: - Internals

    /// Raw base addresses handed to the worker threads (valid for the duration of the scan call).
    private struct ScanPointers: @unchecked Sendable {
        let matrix: UnsafeRawPointer
        let query: UnsafeRawPointer
    }

    private struct ApproximatePointers: @unchecked Sendable {
        let codes: UnsafeRawPointer
        let scales: UnsafeRawPointer
        let query: UnsafeRawPointer
        let scores: UnsafeMutableRawPointer
    }

    /// Checks the matrix shape, k and the selection; returns the row count.
    private static func validatedRowCount(elements: Int, dimension: Int, k: Int, selection: RowSelection) -> Int {
        precondition(dimension > 0, "scan: dimension must be positive, got \(dimension)")
        precondition(elements % dimension == 0, "scan: \(elements) values are not rows of \(dimension)")
        precondition(k >= 0, "scan: k must not be negative, got \(k)")
        let rowCount = elements / dimension
        precondition(rowCount <= Int(UInt32.max), "scan: \(rowCount) rows exceed the 32-bit row index")
        validate(selection, rowCount: rowCount)
        return rowCount
    }

    private static func validate(_ selection: RowSelection, rowCount: Int) {
        switch selection {
        case .all:
            break
        case .bitmap(let bitmap):
            precondition(bitmap.rowCount == rowCount, "scan: bitmap over \(bitmap.rowCount) rows for a matrix of \(rowCount)")
        case .rows(let rows):
            var previous: Int = -1
            for row in rows {
                precondition(Int(row) > previous && Int(row) < rowCount, "scan: row list must be strictly ascending rows below \(rowCount)")
                previous = Int(row)
            }
        }
    }

    /// Calls `body` with the C row set of `selection` restricted to `part` of `parts` equal shares.
    private static func withRowSet<T>(
        _ selection: RowSelection, rowCount: Int, part: Int = 0, parts: Int = 1, _ body: (seek_row_set) -> T
    ) -> T {
        switch selection {
        case .all:
            return body(seek_row_set(begin: rowCount * part / parts, end: rowCount * (part + 1) / parts, bits: nil, rows: nil, row_count: 0))
        case .bitmap(let bitmap):
            return bitmap.words.withUnsafeBufferPointer { words in
                body(seek_row_set(
                    begin: rowCount * part / parts, end: rowCount * (part + 1) / parts, bits: words.baseAddress, rows: nil, row_count: 0))
            }
        case .rows(let rows):
            let start = rows.count * part / parts, end = rows.count * (part + 1) / parts
            return rows.withUnsafeBufferPointer { list in
                body(seek_row_set(begin: 0, end: 0, bits: nil, rows: list.baseAddress! + start, row_count: end - start))
            }
        }
    }

    /// Runs `scanPart` over `parts` shares of the selection (in parallel when there are several),
    /// each keeping its own top k, and merges them.
    private static func run(
        selection: RowSelection, rowCount: Int, k: Int, threads: Int,
        _ scanPart: @escaping @Sendable (seek_row_set, UnsafeMutablePointer<Float>, UnsafeMutablePointer<UInt32>) -> Int
    ) -> [ScoredRow] {
        let visited = selection.count(rowCount: rowCount)
        guard visited > 0 else { return [] }
        let parts = max(1, min(threads, visited / minimumRowsPerThread))
        let capacity = max(k, 1)
        var topScores = [Float](repeating: 0, count: capacity * parts)
        var topRows = [UInt32](repeating: 0, count: capacity * parts)
        var kept = [Int](repeating: 0, count: parts)
        topScores.withUnsafeMutableBufferPointer { scores in
            topRows.withUnsafeMutableBufferPointer { rows in
                kept.withUnsafeMutableBufferPointer { counts in
                    let output = PartOutput(scores: scores.baseAddress!, rows: rows.baseAddress!, counts: counts.baseAddress!)
                    let scanOne: @Sendable (Int) -> Void = { part in
                        withRowSet(selection, rowCount: rowCount, part: part, parts: parts) { set in
                            output.counts[part] = scanPart(set, output.scores + part * capacity, output.rows + part * capacity)
                        }
                    }
                    if parts == 1 {
                        scanOne(0)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: parts, execute: scanOne)
                    }
                }
            }
        }
        var merged: [ScoredRow] = []
        merged.reserveCapacity(kept.reduce(0, +))
        for part in 0..<parts {
            for index in 0..<kept[part] {
                merged.append(ScoredRow(row: Int(topRows[part * capacity + index]), score: topScores[part * capacity + index]))
            }
        }
        if parts > 1 { merged.sort(by: ScoredRow.ranksBefore) }
        return Array(merged.prefix(k))
    }

    /// Per-part output buffers shared with the worker threads; each part writes only its own slice.
    private struct PartOutput: @unchecked Sendable {
        let scores: UnsafeMutablePointer<Float>
        let rows: UnsafeMutablePointer<UInt32>
        let counts: UnsafeMutablePointer<Int>
    }
}
