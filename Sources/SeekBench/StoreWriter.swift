import Foundation
import SeekCore
import SeekPostgres
import SeekStore

/// Writes a range of the files of a `SyntheticStoreFiles` set into an index, one file per
/// transaction through the store's own write API (what `seek index` pays per file), and times it.
/// The store benchmark runs it in process for the main load, and in `seek bench store-writer`
/// child processes for the concurrent-writers comparison.
public struct StoreWriter: Sendable {
    /// The index written to.
    public enum Target: Sendable {
        case postgres(PostgresIndexStore)
        case sqlite(IndexStore)
    }

    /// What a writer process is asked to do (the JSON argument of `seek bench store-writer --job`).
    /// The PostgreSQL server's URL travels in the environment (`SEEK_BENCH_POSTGRES_URL`), never
    /// on a command line where `ps` would show its password.
    public struct Job: Sendable, Codable, Equatable {
        public var backend: StoreBenchmark.Backend
        /// PostgreSQL: the database to write into (on the server of the URL).
        public var database: String?
        /// PostgreSQL: the namespace of the files.
        public var namespace: String?
        /// SQLite: the index directory.
        public var indexDirectory: String?
        /// The set's parameters (see `SyntheticStoreFiles`).
        public var vectors: Int
        public var chunksPerFile: Int
        public var dimension: Int
        public var clusters: Int
        public var seed: UInt64
        /// The files this writer writes: `firstFile..<firstFile + fileCount`.
        public var firstFile: Int
        public var fileCount: Int

        public init(
            backend: StoreBenchmark.Backend, database: String? = nil, namespace: String? = nil, indexDirectory: String? = nil,
            vectors: Int, chunksPerFile: Int, dimension: Int, clusters: Int, seed: UInt64, firstFile: Int, fileCount: Int
        ) {
            self.backend = backend
            self.database = database
            self.namespace = namespace
            self.indexDirectory = indexDirectory
            self.vectors = vectors
            self.chunksPerFile = chunksPerFile
            self.dimension = dimension
            self.clusters = clusters
            self.seed = seed
            self.firstFile = firstFile
            self.fileCount = fileCount
        }

        enum CodingKeys: String, CodingKey {
            case backend, database, namespace, vectors, dimension, clusters, seed
            case indexDirectory = "index_directory"
            case chunksPerFile = "chunks_per_file"
            case firstFile = "first_file"
            case fileCount = "file_count"
        }

        /// The set this job writes part of.
        public var set: SyntheticStoreFiles {
            SyntheticStoreFiles(vectors: vectors, chunksPerFile: chunksPerFile, dimension: dimension, clusters: clusters, seed: seed)
        }
    }

    /// What one writer did: JSON {"files","chunks","seconds","generate_seconds","started_at","finished_at"}
    /// (the times are Unix seconds, so the parent can take the span of several processes).
    public struct Report: Sendable, Codable, Equatable {
        public var files: Int
        public var chunks: Int
        /// Wall time of the write loop (data generation included).
        public var seconds: Double
        /// Of which making the synthetic files' texts and vectors.
        public var generateSeconds: Double
        public var startedAt: Double
        public var finishedAt: Double

        enum CodingKeys: String, CodingKey {
            case files, chunks, seconds
            case generateSeconds = "generate_seconds"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }
    }

    public init() {}

    /// Writes files `range` of `set` into `target`; `progress` gets the files written so far
    /// about every 10% of the range.
    public func write(
        _ range: Range<Int>, of set: SyntheticStoreFiles, into target: Target, progress: (Int) -> Void = { _ in }
    ) async throws -> Report {
        let startedAt = Date().timeIntervalSince1970
        let started = ContinuousClock.now
        var generating = Duration.zero
        var chunks = 0
        let step = max(1, range.count / 10)
        for (done, number) in range.enumerated() {
            let generationStarted = ContinuousClock.now
            let file = set.file(number)
            generating += ContinuousClock.now - generationStarted
            switch target {
            case .postgres(let store):
                try await store.writeIndexedFile(file.input, document: file.document, chunks: file.chunks, embeddings: file.embeddings)
            case .sqlite(let store):
                try store.writer.writeIndexedFile(file.input, document: file.document, chunks: file.chunks, embeddings: file.embeddings)
            }
            chunks += file.chunks.count
            if (done + 1) % step == 0 { progress(done + 1) }
        }
        return Report(
            files: range.count, chunks: chunks, seconds: (ContinuousClock.now - started).seconds, generateSeconds: generating.seconds,
            startedAt: startedAt, finishedAt: Date().timeIntervalSince1970)
    }

    /// Runs `job` in this process (the body of `seek bench store-writer`): opens its index, writes
    /// its files, closes the index. `postgresURL` is the server's URL for a PostgreSQL job.
    public func run(_ job: Job, postgresURL: String?) async throws -> Report {
        let set = job.set
        let range = job.firstFile..<(job.firstFile + job.fileCount)
        guard range.lowerBound >= 0, range.upperBound <= set.files else {
            throw StoreBenchmarkError.invalidConfiguration(reason: "files \(range) are outside the set's 0..<\(set.files)")
        }
        switch job.backend {
        case .postgres:
            guard let postgresURL, let database = job.database else {
                throw StoreBenchmarkError.invalidConfiguration(reason: "a PostgreSQL writer needs SEEK_BENCH_POSTGRES_URL and a database")
            }
            var configuration = try PostgresStoreConfiguration(url: postgresURL)
            configuration.database = database
            configuration.namespace = job.namespace ?? StoreBenchmark.namespace
            let store = try await PostgresIndexStore.open(configuration: configuration, model: StoreBenchmark.model(dimension: job.dimension))
            do {
                let report = try await write(range, of: set, into: .postgres(store))
                await store.close()
                return report
            } catch {
                await store.close()
                throw error
            }
        case .sqlite:
            guard let directory = job.indexDirectory else {
                throw StoreBenchmarkError.invalidConfiguration(reason: "a SQLite writer needs an index directory")
            }
            let store = try IndexStore.open(
                directory: URL(fileURLWithPath: directory), model: StoreBenchmark.model(dimension: job.dimension), create: false)
            do {
                let report = try await write(range, of: set, into: .sqlite(store))
                try store.close()
                return report
            } catch {
                try? store.close()
                throw error
            }
        }
    }
}
