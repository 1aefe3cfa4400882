import Foundation
import SeekPostgres

/// What `seek bench store` measured, JSON with snake_case keys:
///
///     {"backend","vectors","dimension","files","chunks_per_file","clusters","seed",
///      "server":{"postgresql","pgvector","settings":{...}} | null,
///      "hnsw":{"m","ef_construction","ef_search":[...],"build","build_maintenance_work_mem_mb"} | null,
///      "ingest":{"files","chunks","seconds","chunks_per_second","files_per_second","generate_seconds","index_build_seconds"},
///      "sizes":{"files":bytes,...,"database":bytes},
///      "search":{"queries","k","load_seconds","exact":{"count","p50_ms","p95_ms","mean_ms"},
///                "approximate":[{"method","ef_search","latency":{...},"recall@10"}]},
///      "concurrent_writers":{"vectors","files","runs":[{"processes","seconds","chunks_per_second",...}],"speedup"} | null,
///      "load_average":{"start":[1m,5m,15m],"end":[...]}}
public struct StoreBenchmarkReport: Sendable, Codable, Equatable {
    public struct Server: Sendable, Codable, Equatable {
        public var postgresql: String
        public var pgvector: String
        /// Server settings that move the numbers (fsync, shared_buffers, work memory, parallel workers).
        public var settings: [String: String]
    }

    public struct HNSW: Sendable, Codable, Equatable {
        public var m: Int
        public var efConstruction: Int
        /// The ef_search values measured.
        public var efSearch: [Int]
        /// `incremental` (the index exists while rows arrive, as with `seek index`) or `after-load`.
        public var build: String
        /// The `maintenance_work_mem` of an after-load build, in MB (nil for incremental).
        public var buildMaintenanceWorkMemoryMB: Int?

        enum CodingKeys: String, CodingKey {
            case m, build
            case buildMaintenanceWorkMemoryMB = "build_maintenance_work_mem_mb"
            case efConstruction = "ef_construction"
            case efSearch = "ef_search"
        }
    }

    public struct Ingest: Sendable, Codable, Equatable {
        public var files: Int
        public var chunks: Int
        /// Wall time of writing every file, one transaction each.
        public var seconds: Double
        public var chunksPerSecond: Double
        public var filesPerSecond: Double
        /// Of `seconds`, making the synthetic data.
        public var generateSeconds: Double
        /// Building the HNSW index after the load (`after-load` only).
        public var indexBuildSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case files, chunks, seconds
            case chunksPerSecond = "chunks_per_second"
            case filesPerSecond = "files_per_second"
            case generateSeconds = "generate_seconds"
            case indexBuildSeconds = "index_build_seconds"
        }
    }

    public struct ApproximateSearch: Sendable, Codable, Equatable {
        /// `hnsw` (pgvector) or `int8_rescore` (Seek's in-memory Int8 scan with exact rescoring).
        public var method: String
        public var efSearch: Int?
        public var latency: LatencySummary
        /// Mean recall@k against the exact answer of the same query.
        public var recall: Double

        enum CodingKeys: String, CodingKey {
            case method, latency
            case efSearch = "ef_search"
            case recall = "recall@10"
        }
    }

    public struct Search: Sendable, Codable, Equatable {
        public var queries: Int
        public var k: Int
        /// SQLite: loading every vector into memory before the first query (PostgreSQL: null).
        public var loadSeconds: Double?
        public var exact: LatencySummary
        public var approximate: [ApproximateSearch]

        enum CodingKeys: String, CodingKey {
            case queries, k, exact, approximate
            case loadSeconds = "load_seconds"
        }
    }

    public struct WriterRun: Sendable, Codable, Equatable {
        public var processes: Int
        /// From the first process's first write to the last process's last.
        public var seconds: Double
        public var chunksPerSecond: Double
        public var filesPerSecond: Double
        /// Each process's own report.
        public var writers: [StoreWriter.Report]
        /// What the index holds afterwards (equal to the set's size: nothing lost, nothing doubled).
        public var chunksStored: Int
        public var filesStored: Int

        enum CodingKeys: String, CodingKey {
            case processes, seconds, writers
            case chunksPerSecond = "chunks_per_second"
            case filesPerSecond = "files_per_second"
            case chunksStored = "chunks_stored"
            case filesStored = "files_stored"
        }
    }

    public struct ConcurrentWriters: Sendable, Codable, Equatable {
        /// Size of the fresh set each run writes.
        public var vectors: Int
        public var files: Int
        public var runs: [WriterRun]
        /// chunks/s of the last run (most processes) over the first (one process).
        public var speedup: Double

        enum CodingKeys: String, CodingKey {
            case vectors, files, runs, speedup
        }
    }

    public struct LoadAverage: Sendable, Codable, Equatable {
        public var start: [Double]
        public var end: [Double]
    }

    public var backend: StoreBenchmark.Backend
    public var vectors: Int
    public var dimension: Int
    public var files: Int
    public var chunksPerFile: Int
    public var clusters: Int
    public var seed: UInt64
    public var server: Server?
    public var hnsw: HNSW?
    public var ingest: Ingest
    /// Bytes on disk: PostgreSQL per table (with its indexes), the HNSW index alone and the
    /// database; SQLite the database file and its WAL.
    public var sizes: [String: Int64]
    public var search: Search
    public var concurrentWriters: ConcurrentWriters?
    public var loadAverage: LoadAverage

    enum CodingKeys: String, CodingKey {
        case backend, vectors, dimension, files, clusters, seed, server, hnsw, ingest, sizes, search
        case chunksPerFile = "chunks_per_file"
        case concurrentWriters = "concurrent_writers"
        case loadAverage = "load_average"
    }

    /// The 1, 5 and 15 minute load averages (`/proc/loadavg`), empty where they cannot be read.
    public static func currentLoadAverage() -> [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }
}
