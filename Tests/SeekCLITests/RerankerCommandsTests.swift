import Foundation
import SeekTestSupport
import Testing

/// Cross-encoder reranking through the real binary: `seek search --rerank cross-encoder` without a
/// reranker says what to fetch; `seek model fetch --reranker NAME` from a local hub installs the
/// tiny fixture model; then search reranks the top files with it.
struct RerankerCommandsTests {
    @Test func fetchThenSearchWithTheCrossEncoder() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<12)
        let hub = fixture.scratch.file("hub/test-owner/tiny-cross-encoder/resolve")
        try FileManager.default.createDirectory(at: hub, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: hub.appendingPathComponent("main"),
                                                   withDestinationURL: ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder"))
        let server = try LocalHTTPServer(root: fixture.scratch.file("hub"))
        defer { server.stop() }
        let model = try ModelLocation.testModelDirectory().path
        let environment = ["XDG_CACHE_HOME": fixture.scratch.file("cache").path, "SEEK_HUB_ENDPOINT": server.baseURL.absoluteString]
        func seek(_ arguments: String...) throws -> SeekProcess.Result {
            try SeekProcess.run(arguments + ["--model-dir", model], in: fixture.directory, environment: environment)
        }
        #expect(try seek("index", "docs", "--in-process", "--json").status == 0)

        let missing = try seek("search", "boundary layer", "--rerank", "cross-encoder", "--json")
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("seek model fetch --reranker"), "\(missing.standardError)")
        let wrongName = try seek("model", "fetch", "--reranker", "../../etc")
        #expect(wrongName.status != 0)

        let fetched = try seek("model", "fetch", "--reranker", "test-owner/tiny-cross-encoder", "--json")
        #expect(fetched.status == 0, "\(fetched.standardError)")
        let record = try JSONSerialization.jsonObject(with: fetched.standardOutput) as? [String: Any] ?? [:]
        #expect((record["sha256"] as? String)?.count == 64)

        let config = fixture.scratch.file("config.json")
        try Data(#"{"search": {"reranker": "test-owner/tiny-cross-encoder", "rerank_depth": 5}}"#.utf8).write(to: config)
        let plain = try seek("search", "boundary layer", "-k", "8", "--json", "--config", config.path)
        let reranked = try seek("search", "boundary layer", "-k", "8", "--rerank", "cross-encoder", "--json", "--config", config.path)
        #expect(reranked.status == 0, "\(reranked.standardError)")
        func paths(_ result: SeekProcess.Result) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] ?? [:]
            return (object["results"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        }
        let before = try paths(plain), after = try paths(reranked)
        #expect(after.count == 8)
        // The top 5 are the same files, reordered; the rest keep the first stage's order.
        #expect(Set(after.prefix(5)) == Set(before.prefix(5)))
        #expect(Array(after.dropFirst(5)) == Array(before.dropFirst(5)))
    }
}
