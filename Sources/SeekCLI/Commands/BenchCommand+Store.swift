import ArgumentParser
import Foundation
import SeekBench

extension BenchCommand {
    /// `seek bench store`: the index store at scale (see `StoreBenchmark`).
    struct Store: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The index store at scale: N synthetic chunks written one file per transaction, search p50/p95 "
                + "(HNSW or Int8, and exact) with recall@10, then one writer process against two.",
            discussion: """
                --backend postgres measures PostgreSQL with pgvector (the server from --url or $\(StoreBenchmark.urlEnvironmentKey); \
                the role needs CREATEDB: every set goes into a fresh database that is dropped afterwards). \
                --backend sqlite measures Seek's own index in a temporary directory, for comparison.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "postgres or sqlite.")
        var backend: StoreBenchmark.Backend

        @Option(name: .long, help: "Chunks (and vectors) to write, default 100,000.")
        var vectors = 100_000

        @Option(name: .long, help: ArgumentHelp(
            "PostgreSQL server (or $\(StoreBenchmark.urlEnvironmentKey)): postgres://user@host:port/db.",
            discussion: "Its hnsw_m and hnsw_ef_construction parameters set the index's."))
        var url: String?

        @Option(name: .long, help: "Timed queries per method (default 200).")
        var queries = 200

        @Option(name: .customLong("ef-search"), help: "PostgreSQL: hnsw.ef_search values, comma-separated (default 40,100).")
        var efSearch = "40,100"

        @Option(name: .customLong("hnsw-build"), help: "PostgreSQL: incremental (the index grows with every insert, as seek index) or after-load.")
        var hnswBuild: StoreBenchmark.HNSWBuild = .incremental

        @Option(name: .customLong("maintenance-work-mem-mb"), help: "PostgreSQL: memory of an after-load HNSW build in MB (default 2048).")
        var maintenanceWorkMemoryMB = 2048

        @Option(name: .customLong("concurrent-vectors"), help: "Chunks of the one-versus-two writer processes run (default min(N, 50,000); 0 skips it).")
        var concurrentVectors: Int?

        @Option(name: .customLong("chunks-per-file"), help: "Chunks per synthetic file (default 10).")
        var chunksPerFile = 10

        @Option(name: .long, help: "Seed of the vectors and queries (default 42).")
        var seed: UInt64 = 42

        func run() async throws {
            LogSetup.bootstrap(verbosity: global.verbose)
            let efValues = efSearch.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !efValues.isEmpty, efValues.count == efSearch.split(separator: ",").count else {
                throw ArgumentError("--ef-search takes comma-separated integers, got \(efSearch)")
            }
            let environmentURL = ProcessInfo.processInfo.environment[StoreBenchmark.urlEnvironmentKey].flatMap { $0.isEmpty ? nil : $0 }
            let postgresURL = url ?? environmentURL
            if backend == .postgres, postgresURL == nil { throw ArgumentError(StoreBenchmark.serverHint) }
            let benchmark = StoreBenchmark(configuration: .init(
                backend: backend, vectors: vectors, chunksPerFile: chunksPerFile, seed: seed, queries: queries, efSearch: efValues,
                hnswBuild: hnswBuild, maintenanceWorkMemoryMB: maintenanceWorkMemoryMB, concurrentVectors: concurrentVectors,
                postgresURL: postgresURL))
            let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
            let report = try await benchmark.run(executable: executable) { line in
                if Terminal.isStandardError { Terminal.note(Terminal.dim(line)) }
            }
            if global.printsJSON {
                try JSONOutput.print(BenchReport(report))
                return
            }
            Self.printText(report)
        }

        static func printText(_ report: StoreBenchmarkReport) {
            var title = "\(report.backend.rawValue): \(report.vectors) chunks × \(report.dimension) in \(report.files) files"
            if let server = report.server { title += " (PostgreSQL \(server.postgresql), pgvector \(server.pgvector))" }
            if let hnsw = report.hnsw { title += ", HNSW m=\(hnsw.m) ef_construction=\(hnsw.efConstruction) \(hnsw.build)" }
            print(Terminal.bold(title))
            let ingest = report.ingest
            var line = String(format: "ingest   %.0f chunks/s, %.0f files/s (%.1f s)", ingest.chunksPerSecond, ingest.filesPerSecond, ingest.seconds)
            if let build = ingest.indexBuildSeconds { line += String(format: ", HNSW build %.1f s", build) }
            print(line)
            if let bytes = report.sizes["database"] { print("size     \(ByteFormat.string(bytes))") }
            var table = TextTable([("search", .left), ("p50 ms", .right), ("p95 ms", .right), ("mean ms", .right), ("recall@10", .right)])
            let exact = report.search.exact
            table.append(["exact", format(exact.p50Milliseconds), format(exact.p95Milliseconds), format(exact.meanMilliseconds), "1.000"])
            for approximate in report.search.approximate {
                let name = approximate.method + (approximate.efSearch.map { " ef=\($0)" } ?? "")
                let latency = approximate.latency
                table.append([name, format(latency.p50Milliseconds), format(latency.p95Milliseconds), format(latency.meanMilliseconds),
                              String(format: "%.3f", approximate.recall)])
            }
            for tableLine in table.lines() { print(tableLine) }
            if let concurrent = report.concurrentWriters {
                for run in concurrent.runs {
                    print(String(format: "writers  %d process%@: %.0f chunks/s (%d chunks in %.1f s, %d stored)", run.processes,
                                 run.processes == 1 ? "" : "es", run.chunksPerSecond, concurrent.vectors, run.seconds, run.chunksStored))
                }
                print(String(format: "speed-up %.2fx", concurrent.speedup))
            }
        }

        private static func format(_ milliseconds: Double) -> String {
            String(format: milliseconds < 10 ? "%.2f" : "%.1f", milliseconds)
        }
    }

    /// `seek bench store-writer` (hidden): one writer process of `seek bench store`'s concurrent
    /// run. Writes its share of a synthetic set and prints its report as JSON.
    struct StoreWriterCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store-writer", abstract: "One writer process of `seek bench store` (its job as JSON).", shouldDisplay: false)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The job, as JSON (see StoreWriter.Job).")
        var job: String

        func run() async throws {
            LogSetup.bootstrap(verbosity: global.verbose)
            let decoded: StoreWriter.Job
            do {
                decoded = try JSONDecoder().decode(StoreWriter.Job.self, from: Data(job.utf8))
            } catch {
                throw ArgumentError("--job is not a store writer job: \(error)")
            }
            let report = try await StoreWriter().run(
                decoded, postgresURL: ProcessInfo.processInfo.environment[StoreBenchmark.urlEnvironmentKey])
            try JSONOutput.print(report)
        }
    }
}

extension StoreBenchmark.Backend: ExpressibleByArgument {}
extension StoreBenchmark.HNSWBuild: ExpressibleByArgument {}
