import Foundation
import Logging
import SeekCore
import SeekKernels
import SeekStore

/// The vector side of search: every chunk's embedding loaded once into contiguous matrices
/// (Float32 values, Int8 codes with one scale per row), with each chunk's file for filters.
/// Read-only after loading, thread-safe; reload it when the index's write generation changed.
///
/// Two residencies: `.full` keeps the Float32 matrix in memory (exact scans, rescoring in memory)
/// for a long-running process; `.codesOnly` keeps only the codes and fetches the Float32 vectors of
/// the few rescoring candidates from SQLite, so a one-shot `seek search` never loads every float.
public final class VectorIndex: Sendable {
    /// What stays in memory.
    public enum Residency: String, Sendable, Codable {
        /// Float32 vectors and Int8 codes.
        case full
        /// Int8 codes only; rescoring reads the candidates' vectors from the index.
        case codesOnly = "codes-only"
    }

    /// Components per vector.
    public let dimension: Int
    /// Chunk id of each row, ascending.
    public let chunkIds: [Int64]
    /// Each row's file (`files.fileIndexes[row]` indexes `files.files`).
    public let files: ChunkFileMap
    /// What is in memory.
    public let residency: Residency
    /// The index's write generation when it was loaded; nil for an index built in memory.
    public let writeGeneration: Int64?
    /// Threads a scan is split across.
    public let threads: Int

    /// Row-major Float32 vectors (`.full` only).
    let vectors: [Float]?
    /// Row-major Int8 codes.
    let codes: [Int8]
    /// s_x of each row.
    let scales: [Float]
    /// m_x = s_x·‖c_x‖₂ of each row (see `QuantizationErrorBound`).
    let scaledCodeNorms: [Float]
    /// An upper bound on every row's Euclidean norm, from the codes.
    let rowNormBound: Float
    /// Where `.codesOnly` fetches rescoring candidates.
    let reader: SearchReader?

    private static let logger = Logger(label: "seek.search")

    /// Number of chunks.
    public var count: Int { chunkIds.count }

    /// Loads every chunk's vector, code and file from the index, all in one read transaction, so
    /// from one state of the index however often a writer commits meanwhile. With `cache`, a
    /// `.codesOnly` load takes the codes and file map from the cache file when it matches the
    /// index's content version, and rewrites the file after loading from the index otherwise.
    public static func load(
        from reader: SearchReader, residency: Residency = .full, cache: VectorCacheFile? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(SearchError) -> VectorIndex {
        let cache = residency == .codesOnly ? cache : nil
        do {
            let version = try cache.map { _ throws(StoreError) in try reader.contentVersion() }
            if let cache, let version, let contents = cache.load(contentVersion: version.key) {
                return try VectorIndex(
                    chunkIds: contents.codes.chunkIds, dimension: contents.codes.dimension, vectors: nil, codes: contents.codes.codes,
                    scales: contents.codes.scales, files: contents.files, residency: residency,
                    writeGeneration: version.writeGeneration, reader: reader, threads: threads)
            }
            let started = ContinuousClock.now
            let snapshot = try reader.vectorSnapshot(includingFloat32: residency == .full)
            logger.debug("vectors read", metadata: [
                "ms": "\((ContinuousClock.now - started).milliseconds)", "chunks": "\(snapshot.codes.chunkIds.count)"])
            guard snapshot.codes.chunkIds == snapshot.files.chunkIds, snapshot.vectors.map({ $0.chunkIds == snapshot.files.chunkIds }) ?? true else {
                throw SearchError.inconsistentIndex(reason: "the chunks, vectors and vector codes tables list different chunks; run `seek validate`")
            }
            if let cache, let version, version.writeGeneration == snapshot.writeGeneration {
                do {
                    try cache.save(.init(contentVersion: version.key, codes: snapshot.codes, files: snapshot.files))
                } catch {
                    logger.warning("cannot write the vector cache", metadata: ["path": "\(cache.url.path)", "error": "\(error)"])
                }
            }
            return try VectorIndex(
                chunkIds: snapshot.codes.chunkIds, dimension: snapshot.codes.dimension, vectors: snapshot.vectors?.values,
                codes: snapshot.codes.codes, scales: snapshot.codes.scales, files: snapshot.files, residency: residency,
                writeGeneration: snapshot.writeGeneration, reader: reader, threads: threads)
        } catch let error as StoreError {
            throw .store(error)
        } catch let error as SearchError {
            throw error
        } catch {
            throw .inconsistentIndex(reason: "\(error)")
        }
    }

    /// An in-memory index of `vectors` (`chunkIds.count × dimension` values, chunk ids strictly
    /// ascending), quantised here like the store does. Without `files`, only unfiltered searches work.
    public convenience init(
        chunkIds: [Int64], vectors: [Float], dimension: Int, files: ChunkFileMap? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(SearchError) {
        guard dimension > 0, vectors.count == chunkIds.count * dimension else {
            throw .inconsistentIndex(reason: "\(vectors.count) values are not \(chunkIds.count) vectors of dimension \(dimension)")
        }
        var codes = [Int8](repeating: 0, count: vectors.count)
        var scales = [Float](repeating: 0, count: chunkIds.count)
        for row in 0..<chunkIds.count {
            let quantized: QuantizedVector
            do {
                quantized = try VectorCodec.quantize(Array(vectors[(row * dimension)..<((row + 1) * dimension)]))
            } catch {
                throw .inconsistentIndex(reason: "chunk \(chunkIds[row]): \(error)")
            }
            codes.replaceSubrange((row * dimension)..<((row + 1) * dimension), with: quantized.codes)
            scales[row] = quantized.scale
        }
        let fileMap = files ?? ChunkFileMap(files: [], chunkIds: chunkIds, fileIndexes: [])
        try self.init(
            chunkIds: chunkIds, dimension: dimension, vectors: vectors, codes: codes, scales: scales, files: fileMap,
            residency: .full, writeGeneration: nil, reader: nil, threads: threads)
    }

    private init(
        chunkIds: [Int64], dimension: Int, vectors: [Float]?, codes: [Int8], scales: [Float], files: ChunkFileMap,
        residency: Residency, writeGeneration: Int64?, reader: SearchReader?, threads: Int
    ) throws(SearchError) {
        guard threads >= 1 else { throw .invalidQuery(reason: "a vector index needs at least one thread, not \(threads)") }
        guard chunkIds.count <= Int(UInt32.max), codes.count == chunkIds.count * dimension, scales.count == chunkIds.count else {
            throw .inconsistentIndex(reason: "\(codes.count) codes and \(scales.count) scales for \(chunkIds.count) chunks of dimension \(dimension)")
        }
        guard zip(chunkIds, chunkIds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .inconsistentIndex(reason: "chunk ids must be strictly ascending")
        }
        guard files.chunkIds == chunkIds, files.fileIndexes.isEmpty || files.fileIndexes.count == chunkIds.count,
              files.fileIndexes.allSatisfy({ $0 >= 0 && Int($0) < files.files.count })
        else {
            throw .inconsistentIndex(reason: "the chunk-to-file map does not match the vectors")
        }
        self.chunkIds = chunkIds
        self.dimension = dimension
        self.vectors = vectors
        self.codes = codes
        self.scales = scales
        self.files = files
        self.residency = residency
        self.writeGeneration = writeGeneration
        self.reader = reader
        self.threads = threads
        let norms = chunkIds.isEmpty ? [] : VectorScan.codeNorms(codes: codes, dimension: dimension)
        let scaledCodeNorms = zip(scales, norms).map { $0 * $1 }
        self.scaledCodeNorms = scaledCodeNorms
        let halfRootDimension = Float(dimension).squareRoot() / 2
        self.rowNormBound = zip(scales, scaledCodeNorms).reduce(Float(0)) { max($0, $1.1 + $1.0 * halfRootDimension) } * (1 + 1e-6)
    }

    // MARK: - Lookups

    /// The row of `chunkId`, or nil when the index has no such chunk.
    public func row(of chunkId: Int64) -> Int? {
        var low = 0, high = chunkIds.count
        while low < high {
            let middle = (low + high) / 2
            if chunkIds[middle] < chunkId { low = middle + 1 } else { high = middle }
        }
        return low < chunkIds.count && chunkIds[low] == chunkId ? low : nil
    }

    /// The file of `chunkId`, or nil when the chunk is unknown (or the index has no file map).
    public func file(of chunkId: Int64) -> ChunkFileMap.File? {
        guard !files.fileIndexes.isEmpty, let row = row(of: chunkId) else { return nil }
        return files.files[Int(files.fileIndexes[row])]
    }

    /// The rows of the chunks whose file passes `filter` (`.all` for an empty filter).
    public func selection(for filter: SearchFilter) throws(SearchError) -> RowSelection {
        let filter = try filter.validated()
        guard !filter.isEmpty else { return .all }
        guard !files.fileIndexes.isEmpty || chunkIds.isEmpty else {
            throw .invalidQuery(reason: "this vector index has no file information to filter on")
        }
        let keptFiles = files.files.map { filter.matches($0) }
        var rows: [UInt32] = []
        for (row, fileIndex) in files.fileIndexes.enumerated() where keptFiles[Int(fileIndex)] {
            rows.append(UInt32(row))
        }
        return .filter(rows: rows, rowCount: chunkIds.count)
    }

    /// Checks a query vector before any scan.
    func validate(query: [Float], k: Int) throws(SearchError) {
        guard query.count == dimension else {
            throw .invalidQuery(reason: "the query vector has \(query.count) components, the index \(dimension)")
        }
        guard query.allSatisfy(\.isFinite) else { throw .invalidQuery(reason: "the query vector has a non-finite component") }
        guard k >= 1 else { throw .invalidQuery(reason: "k must be at least 1, not \(k)") }
    }
}
