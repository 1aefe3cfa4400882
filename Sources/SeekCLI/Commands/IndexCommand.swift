import ArgumentParser
import Foundation
import SeekEngine
import SeekIndexing

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add folders (or files) and index them; with no path, update every root.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var embedding: EmbeddingOptions

    @Argument(help: "Folders or files to add and index.")
    var paths: [String] = []

    @Option(name: .customLong("max-file-mb"), help: "Skip files larger than this (default 50).")
    var maxFileMB: Int?

    @Flag(name: .long, help: "Also index hidden files and folders.")
    var hidden = false

    @Flag(name: .customLong("no-follow-symlinks"), help: "Do not follow symbolic links.")
    var noFollowSymlinks = false

    @Option(name: .customLong("overlap-tokens"), help: "Tokens shared by consecutive chunks (default 32).")
    var overlapTokens: Int?

    @Flag(name: .customLong("retry-failed"), help: "Parse again files that failed before, even when unchanged.")
    var retryFailed = false

    @Flag(name: .customLong("in-process"), help: "Embed in this process instead of worker processes.")
    var inProcess = false

    @Option(name: .long, help: "Embedder worker processes (default: number of cores).")
    var workers: Int?

    @Flag(name: .customLong("no-ocr"), help: "Do not read images and scanned PDF pages with OCR (tesseract).")
    var noOCR = false

    @Flag(name: .long, help: "End with the time per stage and its share (JSON: \"profile\").")
    var profile = false

    func run() async throws {
        let engine = try global.engine { settings in
            embedding.apply(to: &settings)
            settings.maxFileMB = maxFileMB
            settings.includeHidden = hidden ? true : nil
            settings.followSymlinks = noFollowSymlinks ? false : nil
            settings.overlapTokens = overlapTokens
            settings.retryFailed = retryFailed ? true : nil
            settings.inProcess = inProcess ? true : nil
            settings.workers = workers
            settings.ocrEnabled = noOCR ? false : nil
        }
        let showProgress = !global.json && Terminal.isStandardError
        let bar = showProgress ? ProgressBar() : nil
        var progress: (@Sendable (IndexingProgress) -> Void)?
        if let bar { progress = { bar.update($0) } }
        var report = try await engine.index(paths: paths.map { URL(fileURLWithPath: $0) }, progress: progress)
        bar?.finish()
        if profile { report.profile = IndexingProfile(report: report).entries }
        if global.json || !Terminal.isStandardOutput {
            try JSONOutput.print(report)
        } else {
            Self.printSummary(report)
            if profile { IndexingProfile(report: report).tableLines().forEach { print($0) } }
        }
    }

    static func printSummary(_ report: IndexingReport) {
        print(Terminal.bold("Indexed \(report.filesIndexed) files") + " (\(report.chunks) chunks, \(report.chunksEmbedded) embedded, "
            + "\(report.cacheHits) from cache) in " + String(format: "%.1f s, %.0f tokens/s", report.seconds, report.tokensPerSecond))
        print("  unchanged \(report.filesUnchanged), removed \(report.filesRemoved), skipped \(report.filesSkipped), "
            + (report.filesFailed > 0 ? Terminal.red("failed \(report.filesFailed)") : "failed 0"))
        for failure in report.failures.prefix(10) {
            print("  " + Terminal.red("✗") + " \(failure.path): \(failure.reason)")
        }
        if report.failures.count > 10 { print(Terminal.dim("  … `seek files --failed` lists them all")) }
        for problem in report.problems.prefix(5) { print("  " + Terminal.yellow("!") + " \(problem)") }
    }
}
