import Foundation
import Logging
import SeekCore
import SeekEngine
import SeekPool

/// The `seek bench` commands end to end: each prepares what its benchmark needs (a scratch
/// folder, the cached synthetic index, a warm engine), runs it, and appends a line to the
/// engine's run log (a failure to log is a warning, never an error).
public enum BenchRunner {
    private static let logger = Logger(label: "seek.bench")

    /// `seek bench embed`: embedding throughput over `textsFile` (JSON lines with "text", or
    /// plain lines), by default the first 600 Cranfield abstracts.
    public static func embed(engine: SeekEngine, textsFile: URL?, passes: Int, profile: Bool) async throws -> EmbedBenchmark.Result {
        let texts = try textsFile.map { try TextCorpus.load($0) } ?? EmbedBenchmark.cranfieldTexts()
        let result = try EmbedBenchmark(texts: texts, passes: passes).run(embedder: try await engine.model.embedder(), profile: profile)
        log(RunRecord(
            operation: "bench embed", chunksEmbedded: result.texts, tokens: result.tokens, seconds: result.seconds,
            tokensPerSecond: result.tokensPerSecond, stageSeconds: .init(embed: result.seconds), peakRSSMB: result.peakRSSMB), engine: engine)
        return result
    }

    /// `seek bench index`: indexes `folder` (by default the Cranfield corpus written as 1,400
    /// `.txt` files in a scratch folder) into a fresh scratch index twice, with `engine`'s
    /// settings; the fresh run is copied to the engine's run log as "bench index". With
    /// `againstEmbed` rounds, each fresh run is followed by the embed benchmark over its chunks
    /// (see `IndexBenchmark.run`).
    public static func index(engine: SeekEngine, folder: URL?, againstEmbed: Int? = nil) async throws -> IndexBenchmark.Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-bench-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let target: URL
        if let folder {
            target = folder
        } else {
            target = scratch.appendingPathComponent("cranfield")
            _ = try IndexBenchmark.writeCranfieldFolder(to: target)
        }
        let scratchIndex = scratch.appendingPathComponent("index")
        let result = try await IndexBenchmark.run(folder: target, settings: engine.settings, indexDirectory: scratchIndex,
                                                  againstEmbed: againstEmbed)
        if var record = try RunLog(directory: scratchIndex).read().first {
            record.operation = "bench index"
            log(record, engine: engine)
        } else {
            logger.warning("the benchmark's index logged no run; nothing added to the run log")
        }
        return result
    }

    /// `seek bench search`: the vector scan over `vectors` synthetic unit vectors, then (unless
    /// `scanOnly`) warm and cold end-to-end searches on a synthetic index of `vectors` chunks,
    /// built once into the cache beside the model's. `progress` hears of the slow first build.
    public static func search(engine: SeekEngine, vectors: Int, queries: Int, scanOnly: Bool,
                              progress: (String) -> Void = { _ in }) async throws -> SearchBenchReport {
        let started = ContinuousClock.now
        let scan = try SearchBenchmark(configuration: .init(vectors: vectors, queries: queries)).run()
        var report = SearchBenchReport(scan: scan, endToEnd: nil)
        if !scanOnly {
            let cacheRoot = engine.model.modelStore.configuration.cacheRoot.deletingLastPathComponent()
            progress("preparing a synthetic index of \(vectors) chunks (built once, then cached)…")
            let (directory, buildSeconds) = try SyntheticIndex(chunks: vectors).prepare(cacheRoot: cacheRoot)
            var settings = engine.settings
            settings.indexDirectory = directory
            let warm = SeekEngine(settings: settings, role: .service)
            do {
                report.endToEnd = try await SearchLatencyBenchmark().run(
                    engine: warm, executable: PoolConfiguration.currentExecutable, indexBuildSeconds: buildSeconds)
                await warm.shutdown()
            } catch {
                await warm.shutdown()
                throw error
            }
        }
        log(RunRecord(operation: "bench search", seconds: (ContinuousClock.now - started).seconds), engine: engine)
        return report
    }

    /// `seek bench graph`: link and tag extraction against index time on Cranfield notes, and
    /// `gaps` over `documents` synthetic documents (the synthetic index, built once into the cache).
    public static func graph(engine: SeekEngine, notes: Int, documents: Int) async throws -> GraphBenchmark.Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-bench-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cacheRoot = engine.model.modelStore.configuration.cacheRoot.deletingLastPathComponent()
        let result = try await GraphBenchmark(notes: notes, documents: documents)
            .run(settings: engine.settings, cacheRoot: cacheRoot, scratch: scratch)
        log(RunRecord(operation: "bench graph", seconds: result.indexSeconds + result.gapsSeconds), engine: engine)
        return result
    }

    /// `seek bench suite`: the search suite in `queriesFile` (default: the suite of the sample
    /// folder) on a warm engine over `engine`'s index; saved under `<index>/bench/`.
    public static func suite(engine: SeekEngine, queriesFile: URL?) async throws -> SuiteReport {
        let file = try queriesFile ?? SearchSuite.defaultFile()
        let suite = try SearchSuite.load(from: file)
        if queriesFile == nil {
            let indexed = try await engine.catalog.files(status: .indexed).map(\.path)
            let relevant = suite.queries.flatMap(\.relevant)
            if !relevant.isEmpty, !indexed.contains(where: { path in relevant.contains { path.hasSuffix("/" + $0) } }) {
                throw EngineError.invalidRequest(reason: "none of the default suite's files is in this index: the default suite "
                    + "(\(file.lastPathComponent)) is about the sample folder; index it (`seek index samples/notes`) or give your queries with --queries")
            }
        }
        let warm = SeekEngine(settings: engine.settings, role: .service)
        var report: SuiteReport
        do {
            report = try await suite.run(on: warm)
            await warm.shutdown()
        } catch {
            await warm.shutdown()
            throw error
        }
        _ = try SearchSuite.save(&report, indexDirectory: engine.settings.indexDirectory)
        return report
    }

    /// `seek bench watch`: a `seek watch` child process (this executable, with `engine`'s model
    /// directory) on a scratch folder; logged as "bench watch".
    public static func watch(engine: SeekEngine, idleSeconds: Double, files: Int, debounceMilliseconds: Int,
                             inProcess: Bool) throws -> WatchBenchmark.Result {
        guard idleSeconds > 0, files >= 1, debounceMilliseconds >= 0 else {
            throw EngineError.invalidRequest(reason: "--idle-seconds and --files must be positive, --debounce-ms not negative")
        }
        var arguments = engine.settings.modelStore.explicitDirectory.map { ["--model-dir", $0.path] } ?? []
        if inProcess { arguments.append("--in-process") }
        let started = ContinuousClock.now
        let result = try WatchBenchmark(
            executable: PoolConfiguration.currentExecutable, watchArguments: arguments, idleSeconds: idleSeconds, burstFiles: files,
            debounceMilliseconds: debounceMilliseconds).run()
        log(RunRecord(operation: "bench watch", filesProcessed: files, seconds: (ContinuousClock.now - started).seconds), engine: engine)
        return result
    }

    /// `seek bench chunk`: chunking throughput on Cranfield prose and on pathological inputs of
    /// `sizeMB` MB each, with the engine's tokenizer.
    public static func chunk(engine: SeekEngine, sizeMB: Double, passes: Int) async throws -> ChunkBenchmark.Result {
        let prose = try EmbedBenchmark.cranfieldTexts(count: 1_400).joined(separator: "\n\n")
        let benchmark = try ChunkBenchmark(prose: prose, sizeBytes: Int(sizeMB * Double(ByteCount.bytesPerMB)), passes: passes)
        return try benchmark.run(tokenizer: try await engine.model.tokenizer())
    }

    /// `seek profile memory` on a fresh engine of `settings`'s index.
    public static func memory(settings: SeekSettings, queriesFile: URL?, searches: Int) async throws -> MemoryProfile {
        let file = try queriesFile ?? SearchSuite.defaultFile()
        let texts = try SearchSuite.load(from: file).queries.filter { $0.difficulty != .edge }.map(\.query)
        let engine = SeekEngine(settings: settings, role: .service)
        do {
            let profile = try await MemoryProfile.measure(engine: engine, queries: texts, searches: searches)
            await engine.shutdown()
            return profile
        } catch {
            await engine.shutdown()
            throw error
        }
    }

    static func log(_ record: RunRecord, engine: SeekEngine) {
        do {
            try engine.catalog.runLog.append(record)
        } catch {
            logger.warning("could not append to the run log", metadata: ["error": "\(error)"])
        }
    }
}
