import Foundation
import SeekCore
import SeekEngine
import SeekSearch

extension BenchRunner {
    /// `seek bench serve`: copies the cached synthetic index of `chunks` chunks into a scratch
    /// folder, writes `files` Cranfield abstracts to add, opens a `.service` engine (`engine`'s
    /// model; the run embeds in process, or in worker processes with `pool`) on the copy, has
    /// `startServer` serve it on loopback, and runs `benchmark` against it; logged as "bench serve".
    public static func serve(engine: SeekEngine, benchmark: ServeBenchmark, chunks: Int, files: Int, pool: Bool = false,
                             startServer: @Sendable (SeekEngine) async throws -> ServeBenchmark.RunningServer,
                             progress: (String) -> Void = { _ in }) async throws -> ServeBenchmark.Result {
        guard benchmark.clients >= 1, benchmark.seconds > 0, chunks >= 10, files >= 1 else {
            throw EngineError.invalidRequest(reason: "--clients, --seconds and --files must be positive and --chunks at least 10")
        }
        let started = ContinuousClock.now
        let cacheRoot = engine.model.modelStore.configuration.cacheRoot.deletingLastPathComponent()
        progress("preparing a synthetic index of \(chunks) chunks (built once, then cached)…")
        let (cached, buildSeconds) = try SyntheticIndex(chunks: chunks).prepare(cacheRoot: cacheRoot)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-bench-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let indexCopy = scratch.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: cached, to: indexCopy)
        let addFolder = scratch.appendingPathComponent("add")
        try FileManager.default.createDirectory(at: addFolder, withIntermediateDirectories: true)
        let documents = try BEIRDataset.loadCorpus(DatasetLocator.cranfield().appendingPathComponent("corpus.jsonl"))
        for document in documents.prefix(files) {
            try Data((document.title.trimmingCharacters(in: .whitespaces) + "\n" + document.text).utf8)
                .write(to: addFolder.appendingPathComponent("\(document.id).txt"))
        }
        let queries = try BEIRDataset(directory: DatasetLocator.cranfield()).queries.map(\.text)

        var settings = engine.settings
        settings.indexDirectory = indexCopy
        settings.inProcessEmbedding = !pool
        let served = SeekEngine(settings: settings, role: .service)
        let server = try await startServer(served)
        progress("serving on port \(server.port); \(benchmark.warmQueries) warm searches, then \(benchmark.clients) clients for \(benchmark.seconds) s…")
        do {
            let result = try await benchmark.run(port: server.port, engine: served, queries: queries, addFolder: addFolder,
                                                 filesAdded: min(files, documents.count), chunks: chunks, indexBuildSeconds: buildSeconds)
            await server.stop()
            await served.shutdown()
            log(RunRecord(operation: "bench serve", seconds: (ContinuousClock.now - started).seconds), engine: engine)
            return result
        } catch {
            await server.stop()
            await served.shutdown()
            throw error
        }
    }
}
