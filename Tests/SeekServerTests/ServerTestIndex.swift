import Foundation
import Hummingbird
import HummingbirdTesting
import SeekEngine
import SeekServer
import SeekTestSupport

/// A scratch folder with Cranfield abstracts in `docs/`, indexed in process by a `.service`
/// engine with the test model, and a server over it (router tests need no socket).
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

    /// A server over the index with `configuration`.
    func server(_ configuration: ServerConfiguration = ServerConfiguration()) throws -> SeekHTTPServer {
        try SeekHTTPServer(engine: engine, configuration: configuration)
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

/// Requests as a browser on this machine sends them (the test client's Host is `localhost`).
extension TestClientProtocol {
    @discardableResult
    func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil) async throws -> TestResponse {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    /// The `error` object of an error document.
    func apiError() throws -> (code: String, message: String) {
        let error = try json()["error"] as? [String: Any] ?? [:]
        return (error["code"] as? String ?? "", error["message"] as? String ?? "")
    }
}
