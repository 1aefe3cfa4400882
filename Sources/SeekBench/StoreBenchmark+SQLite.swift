import Foundation
import SeekCore
import SeekSearch
import SeekStore

/// The SQLite side, for comparison: Seek's own index in a temporary directory, searched the way
/// `seek serve` does (every vector loaded into memory once; exact Float32 scan, Int8 scan with
/// exact rescoring).
extension StoreBenchmark {
    func runSQLite(executable: String?, progress: @escaping @Sendable (String) -> Void) async throws -> StoreBenchmarkReport {
        let c = configuration
        let set = self.set
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-bench-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = Self.model(dimension: c.dimension)

        let directory = scratch.appendingPathComponent("main")
        let store = try IndexStore.open(directory: directory, model: model, create: true)
        let ingest: StoreBenchmarkReport.Ingest
        let search: StoreBenchmarkReport.Search
        let sizes: [String: Int64]
        do {
            _ = try store.writer.addRoot(SyntheticStoreFiles.root)
            progress("sqlite: writing \(set.vectors) chunks in \(set.files) files, one transaction each")
            let written = try await StoreWriter().write(
                0..<set.files, of: set, into: .sqlite(store), progress: Self.loadProgress("sqlite load", total: set.files, progress))
            _ = try store.writer.checkpoint()
            let counts = try store.diagnosticsReader.tableCounts()
            guard counts.chunks == set.vectors, counts.vectors == set.vectors, counts.files == set.files else {
                throw StoreBenchmarkError.inconsistentIndex(
                    reason: "\(counts.chunks) chunks, \(counts.vectors) vectors, \(counts.files) files; wrote \(set.vectors) chunks in \(set.files) files")
            }
            ingest = Self.ingest(written, indexBuildSeconds: nil)
            sizes = Self.fileSizes(in: directory)
            progress("sqlite: loading the vectors, then \(c.queries) queries, exact and Int8 with rescoring")
            search = try sqliteSearch(store)
            try store.close()
        } catch {
            try? store.close()
            throw error
        }

        var concurrent: StoreBenchmarkReport.ConcurrentWriters?
        if let executable, c.concurrentVectors > 0 {
            concurrent = try await concurrentWriters(executable: executable, progress: progress) { processes in
                let directory = scratch.appendingPathComponent("writers-\(processes)")
                let store = try IndexStore.open(directory: directory, model: model, create: true)
                do {
                    _ = try store.writer.addRoot(SyntheticStoreFiles.root)
                    try store.close()
                } catch {
                    try? store.close()
                    throw error
                }
                return WriterTarget(
                    job: StoreWriter.Job(backend: .sqlite, indexDirectory: directory.path, vectors: 0, chunksPerFile: 0, dimension: 0,
                                         clusters: 0, seed: 0, firstFile: 0, fileCount: 0),
                    environment: [:],
                    count: {
                        let store = try IndexStore.open(directory: directory, model: model, create: false)
                        defer { try? store.close() }
                        let counts = try store.diagnosticsReader.tableCounts()
                        return (counts.chunks, counts.files)
                    },
                    remove: { try FileManager.default.removeItem(at: directory) })
            }
        }
        return StoreBenchmarkReport(
            backend: .sqlite, vectors: c.vectors, dimension: c.dimension, files: set.files, chunksPerFile: c.chunksPerFile,
            clusters: set.generator.clusters, seed: c.seed, server: nil, hnsw: nil, ingest: ingest, sizes: sizes, search: search,
            concurrentWriters: concurrent, loadAverage: StoreBenchmarkReport.LoadAverage(start: [], end: []))
    }

    /// Exact Float32 and Int8-with-rescoring scans of the same queries over the loaded vectors.
    private func sqliteSearch(_ store: IndexStore) throws -> StoreBenchmarkReport.Search {
        let c = configuration
        let started = ContinuousClock.now
        let index = try VectorIndex.load(from: store.searchReader, residency: .full)
        let loadSeconds = (ContinuousClock.now - started).seconds
        var exactTimes: [Double] = [], approximateTimes: [Double] = [], recalls: [Double] = []
        for number in 0..<timedQueries.upperBound {
            let query = self.query(number)
            let exactStarted = ContinuousClock.now
            let exact = try index.exact(query: query, k: c.k).map(\.chunkId)
            let exactMilliseconds = (ContinuousClock.now - exactStarted).milliseconds
            let approximateStarted = ContinuousClock.now
            let approximate = try index.approximate(query: query, k: c.k).map(\.chunkId)
            let approximateMilliseconds = (ContinuousClock.now - approximateStarted).milliseconds
            guard timedQueries.contains(number) else { continue }
            exactTimes.append(exactMilliseconds)
            approximateTimes.append(approximateMilliseconds)
            recalls.append(RecallAtK.recall(approximate: approximate, exact: exact, k: c.k))
        }
        return StoreBenchmarkReport.Search(
            queries: c.queries, k: c.k, loadSeconds: loadSeconds, exact: LatencySummary(milliseconds: exactTimes),
            approximate: [StoreBenchmarkReport.ApproximateSearch(
                method: "int8_rescore", efSearch: nil, latency: LatencySummary(milliseconds: approximateTimes), recall: RecallAtK.mean(recalls))])
    }

    /// Bytes of each file of the index directory (`index.sqlite`, its `-wal`), and `database`: their sum.
    static func fileSizes(in directory: URL) -> [String: Int64] {
        var sizes: [String: Int64] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix("index.sqlite") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            sizes[name] = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        sizes["database"] = sizes.values.reduce(0, +)
        return sizes
    }
}
