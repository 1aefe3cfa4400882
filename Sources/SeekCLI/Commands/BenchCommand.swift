import ArgumentParser
import Foundation
import SeekCore
import SeekEngine
import SeekPool
import SeekSearch

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks printing JSON.",
        subcommands: [Embed.self, Index.self, Search.self, Suite.self, Compare.self, Chunk.self]
    )

    struct Embed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Embedding throughput: the first 600 Cranfield abstracts by default; best of 2 passes.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var embedding: EmbeddingOptions

        @Option(name: .long, help: "Texts to embed: JSON lines with \"text\" (optional \"title\"), or plain lines.")
        var texts: String?

        @Option(name: .long, help: "Timed passes; the best is reported.")
        var passes = 2

        @Flag(name: .long, help: "Add CPU seconds per encoder operation (a per-op profile).")
        var profile = false

        func run() async throws {
            let engine = try global.engine(adding: embedding.apply)
            let corpus = try texts.map { try TextCorpus.load(URL(fileURLWithPath: $0)) } ?? EmbedBenchmark.cranfieldTexts()
            let result = try EmbedBenchmark(texts: corpus, passes: passes).run(embedder: try await engine.embedder(), profile: profile)
            BenchCommand.logEmbedRun(result, engine: engine)
            if global.json || !Terminal.isStandardOutput {
                try JSONOutput.print(result)
                return
            }
            print(Terminal.bold(String(format: "%.0f tokens/s", result.tokensPerSecond))
                + String(format: "  (%d texts, %d tokens in %.2f s; %.1f texts/s; %d threads, batch %d; peak RSS %.0f MB)",
                         result.texts, result.tokens, result.seconds, result.textsPerSecond, result.threads, result.batch, result.peakRSSMB))
            if let profile = result.profile {
                let total = profile.values.reduce(0, +)
                for (operation, seconds) in profile.sorted(by: { $0.value > $1.value }) {
                    print("  " + operation.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %7.3f s  %5.1f%%", seconds, seconds / total * 100))
                }
            }
        }
    }

    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End-to-end indexing throughput into a fresh temporary index (default: Cranfield as 1,400 .txt files), then an unchanged re-run.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var embedding: EmbeddingOptions

        @Argument(help: "Folder to index (default: the Cranfield corpus written as .txt files).")
        var folder: String?

        @Flag(name: .customLong("in-process"), help: "Embed in this process instead of worker processes.")
        var inProcess = false

        @Option(name: .long, help: "Embedder worker processes (default: number of cores).")
        var workers: Int?

        func run() async throws {
            let engine = try global.engine { settings in
                embedding.apply(to: &settings)
                settings.inProcess = inProcess ? true : nil
                settings.workers = workers
            }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-bench-index-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let target: URL
            if let folder {
                target = URL(fileURLWithPath: folder)
            } else {
                target = scratch.appendingPathComponent("cranfield")
                _ = try IndexBenchmark.writeCranfieldFolder(to: target)
            }
            let result = try await IndexBenchmark.run(folder: target, settings: engine.settings, indexDirectory: scratch.appendingPathComponent("index"))
            BenchCommand.logIndexRun(scratchIndex: scratch.appendingPathComponent("index"), engine: engine)
            try JSONOutput.print(result)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vector scan latency over N synthetic unit vectors (exact Float32, Int8 + rescoring, recall@10), "
                + "then warm end-to-end queries and cold `seek search` processes on a synthetic index of N chunks.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Vectors (and chunks of the end-to-end index), default 100,000.")
        var vectors = 100_000

        @Option(name: .long, help: "Timed scan queries per method (default 200).")
        var queries = 200

        @Flag(name: .customLong("scan-only"), help: "Only the vector scan (no index, no model).")
        var scanOnly = false

        func run() async throws {
            let engine = try global.engine()
            let started = ContinuousClock.now
            let scan = try SearchBenchmark(configuration: .init(vectors: vectors, queries: queries)).run()
            var report = SearchBenchReport(scan: scan, endToEnd: nil)
            if !scanOnly {
                let cacheRoot = engine.modelStore.configuration.cacheRoot.deletingLastPathComponent()
                if Terminal.isStandardError { Terminal.note("preparing a synthetic index of \(vectors) chunks (built once, then cached)…") }
                let (directory, buildSeconds) = try SyntheticIndex(chunks: vectors).prepare(cacheRoot: cacheRoot)
                var settings = engine.settings
                settings.indexDirectory = directory
                report.endToEnd = try await SearchLatencyBenchmark().run(
                    engine: SeekEngine(settings: settings), executable: PoolConfiguration.currentExecutable, indexBuildSeconds: buildSeconds)
            }
            let elapsed = ContinuousClock.now - started
            BenchCommand.append(RunRecord(operation: "bench search", seconds: elapsed.seconds), engine: engine)
            try JSONOutput.print(report)
        }
    }
}
