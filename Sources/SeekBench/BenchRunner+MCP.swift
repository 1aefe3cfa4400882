import Foundation
import SeekCore
import SeekEngine
import SeekPool
import SeekSearch

extension BenchRunner {
    /// `seek bench mcp`: `calls` sequential `search` calls (and 20 `related` calls) to a real
    /// `seek mcp` child process (this executable, with `engine`'s model directory) over stdio, on
    /// a synthetic index of `chunks` chunks built once into the cache beside the model's; logged
    /// as "bench mcp". `progress` hears of the slow first build.
    public static func mcp(engine: SeekEngine, calls: Int, chunks: Int, progress: (String) -> Void = { _ in }) throws -> MCPBenchmark.Result {
        guard calls >= 1, chunks >= 10 else { throw EngineError.invalidRequest(reason: "--calls must be at least 1 and --chunks at least 10") }
        let started = ContinuousClock.now
        let cacheRoot = engine.model.modelStore.configuration.cacheRoot.deletingLastPathComponent()
        progress("preparing a synthetic index of \(chunks) chunks (built once, then cached)…")
        let synthetic = SyntheticIndex(chunks: chunks)
        let (directory, buildSeconds) = try synthetic.prepare(cacheRoot: cacheRoot)
        let queries = try BEIRDataset(directory: DatasetLocator.cranfield()).queries.map(\.text)
        let arguments = engine.settings.modelStore.explicitDirectory.map { ["--model-dir", $0.path] } ?? []
        let result = try MCPBenchmark(executable: PoolConfiguration.currentExecutable, serverArguments: arguments, calls: calls).run(
            indexDirectory: directory, chunks: chunks, queries: queries, relatedPath: synthetic.path(ofFile: 0),
            indexBuildSeconds: buildSeconds)
        log(RunRecord(operation: "bench mcp", seconds: (ContinuousClock.now - started).seconds), engine: engine)
        return result
    }
}
