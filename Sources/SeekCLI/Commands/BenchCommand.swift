import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks printing JSON.",
        subcommands: [
            Embed.self, Index.self, Search.self, Watch.self, MCP.self, Serve.self, Chunk.self, Suite.self, Compare.self, Graph.self, Rerank.self,
            Store.self, StoreWriterCommand.self,
        ]
    )

    struct Embed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Embedding throughput: the first 600 Cranfield abstracts by default; best of 2 passes.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var embedding: EmbeddingOptions
        @OptionGroup var precisionOptions: PrecisionOptions

        @Option(name: .long, help: "Texts to embed: JSON lines with \"text\" (optional \"title\"), or plain lines.")
        var texts: String?

        @Option(name: .long, help: "Timed passes; the best is reported.")
        var passes = 2

        @Flag(name: .long, help: "Add CPU seconds per encoder operation (a per-op profile).")
        var profile = false

        @Option(name: .long, help: ArgumentHelp(
            "Compare modes side by side, each in its own process: precision[/gemm][@unpinned], comma-separated, or all.",
            discussion: "e.g. fp32/openblas,fp32/onednn,bf16,int8. @unpinned runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE. "
                + "all = fp32 through each backend (OpenBLAS also unpinned when the machine pins it), bf16, int8."))
        var modes: String?

        @Option(name: .long, help: "Interleaved rounds over the modes (with --modes); each mode's best is reported.")
        var rounds = 2

        @Option(name: .long, help: ArgumentHelp(
            "With --modes: a shell command timed in the same rounds, whose last output line is its tokens/s.",
            discussion: "e.g. \"python3 ../shared/anchors/ort_anchor.py\" (ONNX Runtime fp32 on the same 600 abstracts)."))
        var anchor: String?

        func run() async throws {
            if let modes {
                try compare(modes)
                return
            }
            try await global.withEngine(adding: { embedding.apply(to: &$0); precisionOptions.apply(to: &$0) }) { engine in
                let result = try await BenchRunner.embed(
                    engine: engine, textsFile: texts.map { URL(fileURLWithPath: $0) }, passes: passes, profile: profile)
                if global.printsJSON {
                    try JSONOutput.print(BenchReport(result))
                    return
                }
                print(Terminal.bold(String(format: "%.0f tokens/s", result.tokensPerSecond))
                    + String(format: "  (%d texts, %d tokens in %.2f s; %.1f texts/s; %d threads, batch %d; peak RSS %.0f MB)",
                             result.texts, result.tokens, result.seconds, result.textsPerSecond, result.threads, result.batch, result.peakRSSMB))
                if let profile = result.profile {
                    let total = profile.values.reduce(0, +)
                    for (operation, seconds) in profile.sorted(by: { $0.value > $1.value }) {
                        print("  " + operation.padding(toLength: 20, withPad: " ", startingAt: 0)
                            + String(format: " %7.3f s  %5.1f%%", seconds, seconds / total * 100))
                    }
                }
            }
        }

        /// Runs `seek bench embed --json` once per mode per round and prints the modes side by side.
        private func compare(_ list: String) throws {
            LogSetup.bootstrap(verbosity: global.verbose)
            // The report's machine section names the GEMM choice: the cached timings, as the children use.
            ModelService.useGEMMCalibrationCache(try SeekSettings.resolve(global.commandLine))
            let environment = ProcessInfo.processInfo.environment
            let comparison = try EmbedComparison(modes: EmbedComparison.Mode.list(list, environment: environment), rounds: rounds,
                                                 anchor: anchor)
            let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
            let report = try comparison.run(executable: executable, arguments: { mode in
                var arguments = ["bench", "embed", "--json", "--precision", mode.precision, "--gemm", mode.gemm, "--passes", String(passes)]
                if let texts { arguments += ["--texts", texts] }
                if let threads = embedding.threads { arguments += ["--threads", String(threads)] }
                if let batch = embedding.batch { arguments += ["--batch", String(batch)] }
                if let directory = global.modelDirectory { arguments += ["--model-dir", directory] }
                if let config = global.config { arguments += ["--config", config] }
                if let index = global.index { arguments += ["--index", index] }
                return arguments
            }, environment: environment, progress: { line in
                if !global.printsJSON { FileHandle.standardError.write(Data((Terminal.dim(line) + "\n").utf8)) }
            })
            if global.printsJSON {
                try JSONOutput.print(BenchReport(report))
                return
            }
            print(Terminal.bold("\(report.texts) texts, \(report.tokens) tokens, \(report.threads) threads, best of \(report.rounds) rounds"))
            for row in report.rows {
                let weights = row.linearWeightsMB.map { String(format: ", weights %.1f MB", $0) } ?? ""
                print(row.mode.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%8.0f tokens/s  %5.2fx  (%@ via %@, core %@%@)", row.tokensPerSecond, row.speedup,
                             row.precision, row.gemm, row.coreType, weights))
            }
            if let anchor = report.anchor {
                print("anchor".padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%8.0f tokens/s  %5.2fx  (%@)", anchor.tokensPerSecond, anchor.speedup, anchor.command))
            }
        }
    }

    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End-to-end indexing throughput into a fresh temporary index (default: Cranfield as 1,400 .txt files), then an unchanged re-run.",
            discussion: """
                Last, a mirror of the folder (hard links, else copies, in the scratch folder) is indexed into the same \
                index: every chunk comes from the embedding cache, so cached_copy.index_process_cpu_seconds is the \
                indexing process's own work (parse, chunk, tokenise, write) without embedding.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var embedding: EmbeddingOptions
        @OptionGroup var precisionOptions: PrecisionOptions

        @Argument(help: "Folder to index (default: the Cranfield corpus written as .txt files).")
        var folder: String?

        @Flag(name: .customLong("in-process"), help: "Embed in this process instead of worker processes.")
        var inProcess = false

        @Option(name: .long, help: "Embedder worker processes (default: number of cores).")
        var workers: Int?

        @Option(name: .customLong("against-embed"), help: ArgumentHelp(
            "Rounds: each fresh index run is followed by one embed-benchmark pass over the chunks it stored.",
            discussion: "Reports the best of each side and index_to_embed, their ratio, measured in one process."))
        var againstEmbed: Int?

        func run() async throws {
            try await global.withEngine(adding: { settings in
                embedding.apply(to: &settings)
                precisionOptions.apply(to: &settings)
                settings.inProcess = inProcess ? true : nil
                settings.workers = workers
            }) { engine in
                try JSONOutput.print(BenchReport(try await BenchRunner.index(
                    engine: engine, folder: folder.map { URL(fileURLWithPath: $0) }, againstEmbed: againstEmbed)))
            }
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
            try await global.withEngine { engine in
                let report = try await BenchRunner.search(engine: engine, vectors: vectors, queries: queries, scanOnly: scanOnly) { note in
                    if Terminal.isStandardError { Terminal.note(note) }
                }
                try JSONOutput.print(BenchReport(report))
            }
        }
    }
}

extension BenchCommand {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A real `seek watch` on a scratch folder: idle CPU, change-to-commit latency per kind of change, and a burst of files.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("idle-seconds"), help: "Seconds to leave the watcher idle (default 60).")
        var idleSeconds = 60.0

        @Option(name: .long, help: "Files created in the burst (default 1,000).")
        var files = 1_000

        @Option(name: .customLong("debounce-ms"), help: "The watcher's debounce (default 500).")
        var debounceMilliseconds = 500

        @Flag(name: .customLong("in-process"), help: "The watcher embeds in its own process instead of worker processes.")
        var inProcess = false

        func run() async throws {
            try await global.withEngine { engine in
                let result = try BenchRunner.watch(
                    engine: engine, idleSeconds: idleSeconds, files: files, debounceMilliseconds: debounceMilliseconds, inProcess: inProcess)
                try JSONOutput.print(BenchReport(result))
            }
        }
    }
}
