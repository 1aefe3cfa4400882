import Foundation
import GRDB
import SeekCore
import SeekEmbedding
import SeekIndexing
import SeekStore
import SeekTestSupport
import Testing

/// A folder of real files, an index beside it, and the real model embedding in process.
final class IndexFixture {
    static let embedder: Embedder? = {
        guard let directory = try? ModelLocation.testModelDirectory(),
              let files = try? ModelStore(configuration: .init(explicitDirectory: directory,
                                                               cacheRoot: FileManager.default.temporaryDirectory.appendingPathComponent("seek-index-tests")))
                .verify(directory: directory, source: .explicitDirectory),
              let model = try? EmbeddingModel(files: files)
        else { return nil }
        return try? Embedder(model: model, configuration: EmbeddingConfiguration(threads: 2))
    }()

    let scratch: TemporaryDirectory
    var root: URL { scratch.file("docs") }
    var indexDirectory: URL { scratch.file("index") }

    init() throws {
        scratch = try TemporaryDirectory("seek-indexing")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { scratch.remove() }

    /// Writes the first `count` Cranfield abstracts as `<id>.txt` (title on the first line).
    func writeCranfield(count: Int, offset: Int = 0) throws {
        for document in try CranfieldDataset.documents().dropFirst(offset).prefix(count) {
            let title = document.title.trimmingCharacters(in: .whitespaces)
            try Data((title + "\n" + document.text).utf8).write(to: root.appendingPathComponent("\(document.id).txt"))
        }
    }

    func pipeline(_ configuration: IndexingConfiguration = IndexingConfiguration()) throws -> (IndexStore, IndexingPipeline) {
        let embedder = try #require(Self.embedder, "the model must be installed (make model)")
        let store = try IndexStore.open(directory: indexDirectory, model: .miniLML6V2, create: true)
        let pipeline = try IndexingPipeline(store: store, backend: InProcessEmbeddingBackend(embedder: embedder),
                                            tokenizer: embedder.tokenizer, configuration: configuration)
        return (store, pipeline)
    }

    /// Runs one indexing pass of `root` (or of every stored root when `roots` is empty).
    @discardableResult
    func index(_ roots: [URL]? = nil, configuration: IndexingConfiguration = IndexingConfiguration()) async throws -> IndexingReport {
        let (store, pipeline) = try pipeline(configuration)
        defer { try? store.close() }
        return try await pipeline.run(roots: roots ?? [root])
    }

    /// Independent SQL checks of the index file (not the store's own diagnostics).
    func sql<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: indexDirectory.appendingPathComponent("index.sqlite").path)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    func count(_ sql: String) throws -> Int {
        try self.sql { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// Every invariant that a stale chunk or an orphan row would break; empty when the index is clean.
    func invariantViolations() throws -> [String] {
        let checks = [
            "chunks without a vector": "SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id)",
            "vectors without a chunk": "SELECT COUNT(*) FROM vectors v WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = v.chunk_id)",
            "codes without a chunk": "SELECT COUNT(*) FROM vector_codes q WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = q.chunk_id)",
            "chunks without an FTS row": "SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM chunks_fts t WHERE t.rowid = c.id)",
            "FTS rows without a chunk": "SELECT COUNT(*) FROM chunks_fts t WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = t.rowid)",
            "chunks of missing files": "SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = c.file_id)",
            "chunks of unindexed files": "SELECT COUNT(*) FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.status != 'indexed'",
            "wrong chunk counts": """
                SELECT COUNT(*) FROM files f WHERE f.chunk_count != (SELECT COUNT(*) FROM chunks c WHERE c.file_id = f.id)
                """,
        ]
        return try checks.compactMap { name, query in
            let found = try count(query)
            return found == 0 ? nil : "\(found) \(name)"
        }
    }

    /// Chunk texts of one file, in order.
    func chunkTexts(of name: String) throws -> [String] {
        try sql {
            try String.fetchAll($0, sql: """
                SELECT c.text FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = ? ORDER BY c.ordinal
                """, arguments: [root.appendingPathComponent(name).path])
        }
    }
}
