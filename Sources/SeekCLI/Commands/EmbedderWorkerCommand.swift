import ArgumentParser
import Foundation
import SeekEmbedding
import SeekPool

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
        // First: die with the pool process, even when it is killed with SIGKILL.
        guard ParentDeathSignal.arm() != .parentGone else { return }
        let engine = try global.engine()
        var embedding = engine.settings.embedding
        embedding.threads = threads
        let worker = try EmbedderWorker(modelFiles: try await engine.modelFiles(allowFetch: false), configuration: embedding)
        try await worker.run()
    }
}
