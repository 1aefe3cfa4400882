import Foundation
import SeekCore
import SeekEmbedding
import SeekTestSupport
import Testing

/// Fetching a reranker from a real (local) hub: downloaded, loaded, its SHA-256 recorded and
/// checked on every later load; what is missing or changed says what to run.
final class RerankerStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory("seek-reranker-store")
    }

    deinit { scratch.remove() }

    func store(hub: URL) -> RerankerStore {
        var configuration = ModelStoreConfiguration(cacheRoot: scratch.file("cache"))
        configuration.hubEndpoint = hub
        configuration.hubTimeoutSeconds = 10
        return RerankerStore(configuration: configuration)
    }

    @Test func fetchRecordsTheDigestAndLaterLoadsCheckIt() async throws {
        // A local hub: <root>/<owner>/<name>/resolve/main/<file>, over HTTP.
        let folder = scratch.file("hub/test-owner/tiny-cross-encoder/resolve/main")
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder"))
        let server = try LocalHTTPServer(root: scratch.file("hub"))
        defer { server.stop() }
        let store = store(hub: server.baseURL)
        let name = "test-owner/tiny-cross-encoder"

        #expect { try store.resolve(name: name) } throws: { "\($0)".contains("seek model fetch --reranker \(name)") }
        let fetched = try await store.fetch(name: name, force: false)
        let weights = ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder/model.safetensors")
        #expect(fetched.sha256 == ContentHash.sha256Hex(try Data(contentsOf: weights)))
        #expect(fetched.directory == (try store.directory(name: name)).path)
        #expect(FileManager.default.fileExists(atPath: fetched.directory + "/tokenizer_config.json"))
        let resolved = try store.resolve(name: name)
        #expect(resolved.sha256 == fetched.sha256)
        _ = try CrossEncoder(modelDirectory: URL(fileURLWithPath: resolved.directory))

        // The weights change behind Seek's back: refused, with the command that repairs it.
        let installed = URL(fileURLWithPath: resolved.directory).appendingPathComponent("model.safetensors")
        let handle = try FileHandle(forWritingTo: installed)
        try handle.seekToEnd()
        handle.write(Data([0]))
        try handle.close()
        #expect { try store.resolve(name: name) } throws: { "\($0)".contains("--force") }
        let again = try await store.fetch(name: name, force: true)
        #expect(again.sha256 == fetched.sha256)
        #expect(try store.resolve(name: name).sha256 == fetched.sha256)
    }

    @Test func namesMustBeHubNamesAndAMissingModelFailsTheFetch() async throws {
        let store = store(hub: URL(string: "http://127.0.0.1:9")!)
        for bad in ["../etc", "owner/../x", "no-slash", "a/b/c", "owner/.hidden", ""] {
            #expect(throws: EmbeddingError.self) { try store.directory(name: bad) }
        }
        await #expect(throws: EmbeddingError.self) { try await store.fetch(name: "owner/absent", force: false) }
        #expect(!FileManager.default.fileExists(atPath: try store.directory(name: "owner/absent").path))
    }
}
