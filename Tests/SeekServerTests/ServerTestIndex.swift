import Foundation
import Hummingbird
import SeekEngine
import SeekServer
import SeekTestSupport

/// A scratch folder with Cranfield abstracts in `docs/`, indexed in process by a `.service`
/// engine with the test model, and a server over it on a free loopback port (`LoopbackServer`).
final class ServerTestIndex: Sendable {
    let scratch: TemporaryDirectory
    let engine: SeekEngine
    let paths: [String]

    var docs: String { scratch.file("docs").path }

    init(documents range: Range<Int> = 0..<8) async throws {
        scratch = try TemporaryDirectory("seek-serve")
        let modelDirectory = try ModelLocation.testModelDirectory().path
        paths = try Self.writeCranfield(range, into: scratch, folder: "docs")
        var flags = CommandLineSettings(indexDirectory: scratch.file("index").path, modelDirectory: modelDirectory, threads: 2)
        flags.inProcess = true
        let settings = try SeekSettings.resolve(flags, environment: ["XDG_CONFIG_HOME": scratch.file("xdg").path])
        engine = SeekEngine(settings: settings, role: .service)
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([scratch.file("docs").path])))
    }

    func close() async {
        await engine.shutdown()
        scratch.remove()
    }

    /// A server over the index with `configuration`, on a free port (port 0).
    func server(_ configuration: ServerConfiguration = ServerConfiguration()) throws -> SeekHTTPServer {
        var configuration = configuration
        configuration.port = 0
        return try SeekHTTPServer(engine: engine, configuration: configuration)
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
