import Foundation
import SeekEmbedding
import SeekEngine
import SeekTestSupport
import Synchronization

/// Engines over scratch indexes with the test model, and documents to index.
enum EngineTestSupport {
    /// Settings of an index in `folder/index`, embedding in this process with 2 threads.
    static func settings(_ folder: TemporaryDirectory, inProcess: Bool = true) throws -> SeekSettings {
        var flags = CommandLineSettings(indexDirectory: folder.file("index").path, modelDirectory: try ModelLocation.testModelDirectory().path,
                                        threads: 2)
        flags.inProcess = inProcess
        return try SeekSettings.resolve(flags, environment: ["XDG_CONFIG_HOME": folder.file("xdg").path])
    }

    /// `count` Cranfield abstracts written as `docs/<id>.txt` (title on the first line).
    @discardableResult
    static func writeCranfield(_ folder: TemporaryDirectory, _ range: Range<Int>, into subfolder: String = "docs") throws -> [URL] {
        let lines = try Data(contentsOf: ProjectFixtures.cranfield.appendingPathComponent("corpus.jsonl"))
            .split(separator: UInt8(ascii: "\n"))
        var written: [URL] = []
        for index in range {
            let object = try JSONSerialization.jsonObject(with: Data(lines[index])) as? [String: Any] ?? [:]
            let id = object["_id"] as? String ?? "\(index)"
            let text = (object["title"] as? String ?? "") + "\n" + (object["text"] as? String ?? "")
            written.append(try folder.write(text, to: "\(subfolder)/\(id).txt"))
        }
        return written
    }
}

/// An embedding backend that embeds in process but holds every batch until the test opens its
/// gate: a deterministic way to keep a run going while the test does something else.
final class GatedEmbeddingBackend: EmbeddingBackend {
    private let inner: InProcessEmbeddingBackend
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>], calls: Int)>((false, [], 0))

    init(embedder: Embedder) {
        inner = InProcessEmbeddingBackend(embedder: embedder)
    }

    var dimension: Int { inner.dimension }

    /// Batches that reached the backend (held or not).
    var calls: Int { state.withLock { $0.calls } }

    func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { state in
                state.calls += 1
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
        return try await inner.embed(tokenIds: tokenIds)
    }

    /// Lets every held and later batch through.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func shutdown() async {
        open()
    }
}
