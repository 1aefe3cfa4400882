import ArgumentParser
import Foundation
import SeekEngine

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Index, then keep the index in sync with its roots as files change, until interrupted (Ctrl-C).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var embedding: EmbeddingOptions
    @OptionGroup var precision: PrecisionOptions

    @Argument(help: "Folders or files to add and watch (default: every root of the index).")
    var paths: [String] = []

    @Option(name: .customLong("debounce-ms"), help: "Quiet time after a change before indexing it (default 500).")
    var debounceMilliseconds: Int?

    @Flag(name: .long, help: "Also index hidden files and folders.")
    var hidden = false

    @Flag(name: .long, help: "Follow symbolic links whose target lies inside an indexed root.")
    var follow = false

    @Flag(name: .customLong("in-process"), help: "Embed in this process instead of worker processes.")
    var inProcess = false

    @Option(name: .long, help: "Embedder worker processes (default: number of cores).")
    var workers: Int?

    func run() async throws {
        try await global.withEngine(role: .service, adding: { settings in
            embedding.apply(to: &settings)
            precision.apply(to: &settings)
            settings.debounceMilliseconds = debounceMilliseconds
            settings.includeHidden = hidden ? true : nil
            settings.followSymlinks = follow ? true : nil
            settings.inProcess = inProcess ? true : nil
            settings.workers = workers
        }) { engine in
            let printer = WatchEventPrinter(json: global.printsJSON)
            let events = engine.events.subscribe(bufferLimit: 100_000)
            let printing = Task { for await event in events { printer.show(event) } }
            let watch = Task { try await engine.watching.run(roots: paths) }
            // SIGINT/SIGTERM: stop watching and the run going on after its current transaction.
            let trap = SignalTrap(signals: [SIGINT, SIGTERM]) { _ in
                watch.cancel()
                Task { await engine.indexing.cancelRunning() }
            }
            defer { trap.cancel() }
            var failure: (any Error)?
            do {
                try await watch.value
            } catch EngineError.cancelled {
                // Interrupted during the catch-up run: a clean stop.
            } catch {
                failure = error
            }
            await engine.shutdown()
            await printing.value
            printer.finish()
            if let failure { throw failure }
        }
    }
}
