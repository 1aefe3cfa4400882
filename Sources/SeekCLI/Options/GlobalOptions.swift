import ArgumentParser
import Foundation
import Logging
import SeekEngine

/// Flags every command shares: the index, the configuration file, the model, output and logging.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Index directory (default ./.seek, or $SEEK_INDEX).")
    var index: String?

    @Option(name: .long, help: "Configuration file (default <index>/config.json, or $SEEK_CONFIG).")
    var config: String?

    @Option(name: .long, help: "Where the index lives: sqlite (default, in --index) or postgres://user@host:port/db (or $SEEK_STORE).")
    var store: String?

    @Option(name: .customLong("model-dir"), help: "Model directory to use as is (or $SEEK_MODEL_DIR).")
    var modelDirectory: String?

    @Flag(name: .long, help: "Print JSON on standard output (the default when it is not a terminal).")
    var json = false

    @Flag(name: .shortAndLong, help: "Log more to standard error (-v info, -vv debug; or $SEEK_LOG_LEVEL).")
    var verbose: Int

    /// The one place that decides the output format: JSON when asked for, or when standard output
    /// is a pipe or a file; text for people on a terminal.
    var printsJSON: Bool { json || !Terminal.isStandardOutput }

    /// The command-line part of the settings; commands add their own flags to it.
    var commandLine: CommandLineSettings {
        var settings = CommandLineSettings(indexDirectory: index, configPath: config, modelDirectory: modelDirectory)
        settings.store = store
        return settings
    }

    /// Starts logging to standard error, resolves the settings (with the command's own `flags`),
    /// and runs `body` with an engine of `role`, shut down afterwards whatever happens.
    /// `allowsPostgres`: false for a long-running front end that needs the SQLite index (`mcp`:
    /// its memories and graph tools live there); `serve` and `watch` work on PostgreSQL too.
    func withEngine<T>(role: EngineRole = .oneShot, allowsPostgres: Bool = true, adding flags: (inout CommandLineSettings) -> Void = { _ in },
                       _ body: (SeekEngine) async throws -> T) async throws -> T {
        LogSetup.bootstrap(verbosity: verbose)
        var settings = commandLine
        flags(&settings)
        let resolved = try SeekSettings.resolve(settings)
        if role == .service, !allowsPostgres, resolved.store.postgres != nil {
            throw EngineError.invalidRequest(reason: "seek mcp works on the SQLite index only for now (its memories and graph tools live there), not with --store postgres://")
        }
        let engine = SeekEngine(settings: resolved, role: role)
        do {
            let result = try await body(engine)
            await engine.shutdown()
            return result
        } catch {
            await engine.shutdown()
            throw error
        }
    }
}

/// `--threads` / `--batch` for commands that embed.
struct EmbeddingOptions: ParsableArguments {
    @Option(name: .long, help: "Embedding threads (default: number of cores).")
    var threads: Int?

    @Option(name: .long, help: "Texts per forward pass (default 32).")
    var batch: Int?

    func apply(to settings: inout CommandLineSettings) {
        settings.threads = threads
        settings.batchSize = batch
    }
}

/// `--precision` / `--gemm` for commands that run the model (index, watch, embed, search, eval
/// and the pool's workers). Both are checked by `SeekSettings.resolve`, so a flag and a
/// configuration key fail with the same message listing the allowed values.
struct PrecisionOptions: ParsableArguments {
    @Option(name: .long, help: "Precision of the model's linear layers: auto, fp32, bf16 or int8 (default fp32; a CPU without the instructions falls back).")
    var precision: String?

    @Option(name: .long, help: "Library for fp32 products: auto, openblas, onednn or reference (default auto).")
    var gemm: String?

    func apply(to settings: inout CommandLineSettings) {
        settings.precision = precision
        settings.gemm = gemm
    }
}
