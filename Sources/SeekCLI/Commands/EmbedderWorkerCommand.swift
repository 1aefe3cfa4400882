import ArgumentParser
import SeekEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `seek embedder-worker` (hidden): one process of the embedder pool. Frames on standard input
/// and output (see `WorkerProtocol`), logs on standard error, exit 0 when its input ends.
struct EmbedderWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embedder-worker",
        abstract: "Embedder pool worker: reads token-id batches on standard input, writes vectors on standard output.",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    /// The pool passes the precision it resolved (never `auto`) and its GEMM preference, so every
    /// worker computes like the others and like the index records.
    @OptionGroup var precision: PrecisionOptions

    @Option(name: .long, help: "Encoder lanes inside this worker.")
    var threads = 1

    func run() async throws {
        // Ctrl-C in a terminal (or a service manager's stop) signals the whole process group: the
        // pool decides when a worker stops — it lets the batches in flight finish, then closes our
        // input. A pool that dies instead kills us (`ParentDeathSignal`), as SIGKILL still does.
        // Set here, for this process only: `EmbedderWorker.serve` also runs inside test processes.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        try await global.withEngine(adding: precision.apply) { engine in
            try await engine.model.serveAsEmbedderWorker(threads: threads)
        }
    }
}
