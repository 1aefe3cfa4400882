import ArgumentParser
import SeekEngine

/// `seek embedder-worker` (hidden): one process of the embedder pool. Frames on standard input
/// and output (see `WorkerProtocol`), logs on standard error, exit 0 when its input ends.
struct EmbedderWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embedder-worker",
        abstract: "Embedder pool worker: reads token-id batches on standard input, writes vectors on standard output.",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Encoder lanes inside this worker.")
    var threads = 1

    func run() async throws {
        try await global.withEngine { engine in
            try await engine.model.serveAsEmbedderWorker(threads: threads)
        }
    }
}
