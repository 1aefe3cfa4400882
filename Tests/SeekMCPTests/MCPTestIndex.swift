import Foundation
import SeekTestSupport

/// A scratch folder with Cranfield abstracts in `docs/`, an empty `inbox/` (inside which the
/// server may add roots), and an index of `docs/` built by the real `seek index`.
final class MCPTestIndex {
    let scratch: TemporaryDirectory
    let modelDirectory: String
    /// The Cranfield ids written, in order, and their paths.
    private(set) var paths: [String] = []

    var indexDirectory: String { scratch.file("index").path }
    var docs: String { scratch.file("docs").path }
    var inbox: String { scratch.file("inbox").path }

    /// Writes Cranfield abstracts `range` into `docs/` and indexes them (in process, with the test model).
    init(_ range: Range<Int> = 0..<12) throws {
        scratch = try TemporaryDirectory("seek-mcp")
        modelDirectory = try ModelLocation.testModelDirectory().path
        paths = try Self.writeCranfield(range, into: scratch, folder: "docs")
        try FileManager.default.createDirectory(atPath: scratch.file("inbox").path, withIntermediateDirectories: true)
        let result = try seek(["index", docs, "--in-process"])
        guard result.status == 0 else { throw SeekProcess.Failure(message: "seek index failed: \(result.standardError)") }
    }

    deinit { scratch.remove() }

    /// `seek arguments… --index <index> --model-dir <model> --json`, run to completion.
    func seek(_ arguments: [String]) throws -> SeekProcess.Result {
        try SeekProcess.run(arguments + ["--index", indexDirectory, "--model-dir", modelDirectory, "--json"], in: scratch.url)
    }

    /// The arguments that start `seek mcp` on this index (with `inbox/` allowed).
    var serverArguments: [String] {
        ["mcp", "--index", indexDirectory, "--model-dir", modelDirectory, "--allow-root", inbox]
    }

    /// Cranfield abstracts `range` as `<folder>/<id>.txt` (title on the first line); their paths.
    static func writeCranfield(_ range: Range<Int>, into scratch: TemporaryDirectory, folder: String) throws -> [String] {
        let lines = try Data(contentsOf: ProjectFixtures.cranfield.appendingPathComponent("corpus.jsonl")).split(separator: UInt8(ascii: "\n"))
        return try range.map { index in
            let object = try JSONSerialization.jsonObject(with: Data(lines[index])) as? [String: Any] ?? [:]
            let title = (object["title"] as? String ?? "").trimmingCharacters(in: .whitespaces)
            return try scratch.write(title + "\n" + (object["text"] as? String ?? ""), to: "\(folder)/\(object["_id"] as? String ?? "\(index)").txt").path
        }
    }
}
