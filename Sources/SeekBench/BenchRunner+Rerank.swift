import Foundation
import SeekCore
import SeekEmbedding
import SeekEngine
import SeekSearch

extension BenchRunner {
    /// `seek bench rerank`: `engine.evaluation.compareReranking` on the BEIR dataset in `dataset`
    /// (hybrid, depth 100), then (unless `latencyChunks` is 0) the added latency of each mode on a
    /// warm synthetic index of `latencyChunks` chunks, built once into the cache. The result, with
    /// the machine, is saved under `<index>/bench/`; logged as "bench rerank".
    /// `modeNames` are `RerankMode` raw values; an unknown name throws `EngineError.invalidRequest`.
    public static func rerank(engine: SeekEngine, dataset: URL, modeNames: [String], latencyChunks: Int,
                              progress: (String) -> Void = { _ in }) async throws -> RerankBenchResult {
        let modes = try modeNames.map { name throws(EngineError) -> RerankMode in
            guard let mode = RerankMode(rawValue: name) else {
                throw .invalidRequest(reason: "--modes: '\(name)' is not one of \(RerankMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return mode
        }
        guard latencyChunks >= 0 else { throw EngineError.invalidRequest(reason: "--latency-chunks must not be negative") }
        let started = ContinuousClock.now
        var result = RerankBenchResult(comparison: try await engine.evaluation.compareReranking(dataset: dataset, modes: modes))
        if latencyChunks > 0 {
            let cacheRoot = engine.model.modelStore.configuration.cacheRoot.deletingLastPathComponent()
            progress("preparing a synthetic index of \(latencyChunks) chunks (built once, then cached)…")
            let (directory, buildSeconds) = try SyntheticIndex(chunks: latencyChunks).prepare(cacheRoot: cacheRoot)
            let texts = try BEIRDataset(directory: dataset).queries.map(\.text)
            let embedder = try await engine.model.embedder()
            let vectors = try await embedder.embed(tokenIds: texts.map { embedder.tokenizer.encode($0) })
            var settings = engine.settings
            settings.indexDirectory = directory
            let warm = SeekEngine(settings: settings, role: .service, model: engine.model)
            do {
                let searcher = try await warm.searching.current()
                result.latency = try RerankLatencyBenchmark().run(
                    searcher: searcher, modes: modes, texts: texts, vectors: vectors, indexBuildSeconds: buildSeconds,
                    reranker: modes.contains(.crossEncoder) ? try warm.model.reranker() : nil)
                await warm.shutdown()
            } catch {
                await warm.shutdown()
                throw error
            }
        }
        let folder = engine.settings.indexDirectory.appendingPathComponent("bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("rerank-\(Self.timestamp()).json")
        result.savedTo = url.path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(BenchReport(result)).write(to: url, options: .atomic)
        log(RunRecord(operation: "bench rerank", seconds: (ContinuousClock.now - started).seconds), engine: engine)
        return result
    }

    /// UTC time to the millisecond, as in the suite's file names.
    static func timestamp() -> String {
        Date().formatted(Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)\(month: .twoDigits)\(day: .twoDigits)-\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)-\(secondFraction: .fractional(3))",
            timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }
}
