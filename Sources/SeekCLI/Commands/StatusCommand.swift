import ArgumentParser
import SeekEngine

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Roots, files per status, chunks, vectors, size, model.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.withEngine { engine in
            let status = try await engine.catalog.storeStatus()
            if global.printsJSON {
                try JSONOutput.print(status)
                return
            }
            print(Terminal.bold("Seek index") + " (\(status.model))")
            if let store = status.store { print("  store    \(TerminalText.line(store))") }
            for root in status.roots { print("  root     \(TerminalText.line(root))") }
            print("  files    \(status.files[.indexed] ?? 0) indexed, \(status.files[.failed] ?? 0) failed, \(status.files[.skipped] ?? 0) skipped")
            print("  chunks   \(status.chunks) (\(status.vectors) vectors)")
            if !status.vectorPrecisions.isEmpty {
                let precisions = status.vectorPrecisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.files) files" }
                print("  vectors  " + precisions.joined(separator: ", "))
            }
            if status.store == nil {
                print("  graph    \(status.graph.edges) links (\(status.graph.unresolvedLinks) unresolved), \(status.graph.tags) tags")
            }
            print("  size     \(ByteFormat.string(status.dbBytes))")
            if let live = status.live { print("  " + LiveStatusLine.text(live)) }
        }
    }
}

struct FilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "files", abstract: "Every file with its status, reason, chunks and parser.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Only failed files.")
    var failed = false

    func run() async throws {
        try await global.withEngine { engine in
            let rows = try await engine.catalog.files(status: failed ? .failed : nil)
            if global.printsJSON {
                try JSONOutput.print(rows)
                return
            }
            if rows.isEmpty {
                Terminal.note(failed ? "No failed files." : "The index holds no files yet: `seek index FOLDER` adds some.")
            }
            for row in rows {
                let mark = row.status == .indexed ? Terminal.green("✓") : row.status == .failed ? Terminal.red("✗") : Terminal.dim("–")
                let detail = row.status == .indexed ? "\(row.chunks) chunks, \(row.parser ?? "?")" : (row.reason ?? row.status.rawValue)
                print("\(mark) \(TerminalText.line(row.path))  \(Terminal.dim(TerminalText.line(detail)))")
            }
        }
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The extracted text of an indexed file and its chunks.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The file's path.")
    var path: String

    func run() async throws {
        try await global.withEngine { engine in
            let document = try await engine.catalog.document(path: path)
            if global.printsJSON {
                try JSONOutput.print(document)
                return
            }
            print(Terminal.bold(TerminalText.line(document.title)) + "  " + Terminal.dim(TerminalText.line(document.path)))
            for chunk in document.chunks {
                let place = (chunk.page.map { "page \($0), " } ?? "") + "chars \(chunk.start)–\(chunk.end)"
                let heading = chunk.headingPath.isEmpty ? "" : "  " + TerminalText.line(chunk.headingPath.joined(separator: " › "))
                print(Terminal.dim("── chunk \(chunk.ordinal) (\(place))\(heading)"))
                print(TerminalText.block(chunk.text))
            }
        }
    }
}

struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Drop a root and everything indexed under it.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The root's path, as given to `seek index`.")
    var path: String

    struct Output: Encodable {
        let root: String
        let filesRemoved: Int
        let chunksRemoved: Int
        enum CodingKeys: String, CodingKey {
            case root
            case filesRemoved = "files_removed"
            case chunksRemoved = "chunks_removed"
        }
    }

    func run() async throws {
        try await global.withEngine { engine in
            let removed = try await engine.indexing.removeRoot(path)
            let output = Output(root: path, filesRemoved: removed.files, chunksRemoved: removed.chunks)
            if global.printsJSON {
                try JSONOutput.print(output)
            } else {
                print("Removed \(TerminalText.line(path)): \(removed.files) files, \(removed.chunks) chunks")
            }
        }
    }
}
