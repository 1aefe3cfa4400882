import ArgumentParser
import Foundation
import SeekCore
import SeekEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add folders (or files) and index them; with no path, update every root.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var embedding: EmbeddingOptions
    @OptionGroup var precision: PrecisionOptions

    @Argument(help: "Folders or files to add and index.")
    var paths: [String] = []

    @Option(name: .customLong("max-file-mb"), help: "Skip files larger than this (default 50).")
    var maxFileMB: Int?

    @Flag(name: .long, help: "Also index hidden files and folders.")
    var hidden = false

    @Flag(name: .long, help: "Follow symbolic links whose target lies inside an indexed root (never into /proc, /sys, /dev).")
    var follow = false

    @Option(name: .customLong("overlap-tokens"), help: "Tokens shared by consecutive chunks (default 32).")
    var overlapTokens: Int?

    @Flag(name: .customLong("retry-failed"), help: "Parse again files that failed before, even when unchanged.")
    var retryFailed = false

    @Flag(name: .customLong("prune-missing"), help: "Drop roots that are missing or unreadable, with their files (default: keep them).")
    var pruneMissing = false

    @Flag(name: .customLong("no-wait"), help: "Fail at once when another seek process is indexing this index.")
    var noWait = false

    @Flag(name: .long, help: "Re-index every root into a fresh database, replacing the old one when done (repairs a damaged index).")
    var rebuild = false

    @Flag(name: .long, help: "Embed every file again in the current --precision, even unchanged ones (no embedding cache).")
    var reembed = false

    @Flag(name: .customLong("in-process"), help: "Embed in this process instead of worker processes.")
    var inProcess = false

    @Option(name: .long, help: "Embedder worker processes (default: number of cores).")
    var workers: Int?

    @Flag(name: .customLong("no-ocr"), help: "Do not read images and scanned PDF pages with OCR (tesseract).")
    var noOCR = false

    @Flag(name: .long, help: "End with the time per stage and its share (JSON: \"profile\").")
    var profile = false

    func run() async throws {
        try await global.withEngine(adding: { settings in
            embedding.apply(to: &settings)
            precision.apply(to: &settings)
            settings.maxFileMB = maxFileMB
            settings.includeHidden = hidden ? true : nil
            settings.followSymlinks = follow ? true : nil
            settings.overlapTokens = overlapTokens
            settings.inProcess = inProcess ? true : nil
            settings.workers = workers
            settings.ocrEnabled = noOCR ? false : nil
        }) { engine in
            let request = IndexRequest(
                scope: paths.isEmpty ? .allRoots : .roots(paths), retryFailed: retryFailed, pruneMissingRoots: pruneMissing,
                waitsForWriter: !noWait, reembed: reembed)
            let bar = !global.json && Terminal.isStandardError ? ProgressBar() : nil
            let watcher = RunEventPrinter.start(engine: engine, bar: bar)
            defer { watcher.cancel() }
            // SIGINT/SIGTERM: stop after the transaction going on (what is committed stays indexed),
            // stop the workers, say so and exit 128 + the signal; a second signal ends it at once.
            let trap = SignalTrap(signals: [SIGINT, SIGTERM], defaultsAfterFirst: true) { _ in
                Task { await engine.shutdown() }
            }
            defer { trap.cancel() }
            var report: IndexingReport
            do {
                report = rebuild ? try await engine.indexing.rebuild(roots: paths).report : try await engine.indexing.run(request).report
            } catch {
                // What a signal leads to; anything else (or these without a signal) is the error.
                let stopped = switch error as? EngineError {
                case .cancelled?, .shutDown?: true
                default: false
                }
                guard stopped, let number = trap.caughtSignal else { throw error }
                bar?.finish()
                Terminal.note(Terminal.yellow("interrupted") + " (\(number == SIGINT ? "SIGINT" : "SIGTERM")): the files committed so far stay indexed; "
                    + "`seek index` again finishes the run.")
                throw ExitCode(128 + number)
            }
            bar?.finish()
            if profile { report.profile = IndexingProfile(report: report).entries }
            for problem in report.problems { Terminal.note(Terminal.yellow("warning: ") + TerminalText.line(problem)) }
            if let note = report.embedder?.precisionNote { Terminal.note(Terminal.yellow("warning: ") + TerminalText.line(note)) }
            for notice in report.notices { Terminal.note(Terminal.yellow("note: ") + TerminalText.line(notice)) }
            if global.printsJSON {
                try JSONOutput.print(report)
            } else {
                Self.printSummary(report)
                if profile { ProfileTable.lines(IndexingProfile(report: report)).forEach { print($0) } }
            }
        }
    }

    static func printSummary(_ report: IndexingReport) {
        print(Terminal.bold("Indexed \(report.filesIndexed) files") + " (\(report.chunks) chunks, \(report.chunksEmbedded) embedded, "
            + "\(report.cacheHits) from cache) in " + String(format: "%.1f s, %.0f tokens/s", report.seconds, report.tokensPerSecond))
        if let precision = report.embedder?.precision { print("  vectors in \(precision)") }
        print("  unchanged \(report.filesUnchanged), removed \(report.filesRemoved), skipped \(report.filesSkipped), "
            + (report.filesFailed > 0 ? Terminal.red("failed \(report.filesFailed)") : "failed 0"))
        for failure in report.failures.prefix(10) {
            print("  " + Terminal.red("✗") + " \(TerminalText.line(failure.path)): \(TerminalText.line(failure.reason))")
        }
        if report.failures.count > 10 { print(Terminal.dim("  … `seek files --failed` lists them all")) }
    }
}
