import Foundation
import GRDB
import SeekCore
import SeekStore
import SeekTestSupport

/// A real index in a fresh temporary directory, with helpers to build inputs and to inspect the
/// SQLite file directly (independently of the store's own SQL).
final class IndexFixture {
    static let model = ModelMarker.miniLML6V2
    static let rootPath = "/data/notes"

    let directory: URL
    let store: IndexStore

    init(configuration: StoreConfiguration = StoreConfiguration()) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("seek-store-\(UUID().uuidString)")
            .appendingPathComponent(".seek")
        store = try IndexStore.open(directory: directory, model: Self.model, create: true, configuration: configuration)
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    var writer: IndexWriter { store.writer }
    var indexingReader: IndexingReader { store.indexingReader }
    var searchReader: SearchReader { store.searchReader }
    var catalogReader: CatalogReader { store.catalogReader }
    var diagnosticsReader: DiagnosticsReader { store.diagnosticsReader }

    /// A file input under `rootPath`, with a hash derived from `version` so rewrites differ.
    static func file(_ name: String, root: String = rootPath, version: Int = 1, parser: String? = "markdown") -> FileInput {
        FileInput(
            path: root + "/" + name, rootPath: root, size: Int64(100 * version), mtime: 1_700_000_000.25 + Double(version),
            contentHash: ContentHash.sha256Hex("\(name) v\(version)"), parser: parser, parserVersion: parser == nil ? nil : "1")
    }

    /// A document whose text is `texts` joined by blank lines, with one chunk per text and
    /// deterministic unit embeddings (seeded by the chunk text, so equal texts embed equally).
    static func document(_ texts: [String], title: String? = "A title", metadata: [String: String] = ["author": "Ann"])
        -> (document: ExtractedDocument, chunks: [ChunkDraft], embeddings: [[Float]])
    {
        var chunks: [ChunkDraft] = []
        var offset = 0
        for (ordinal, text) in texts.enumerated() {
            let length = text.unicodeScalars.count
            chunks.append(ChunkDraft(
                ordinal: ordinal, text: text, start: offset, end: offset + length, page: ordinal % 2 == 0 ? nil : ordinal,
                headingPath: ["Part \(ordinal)", "Sub"], tokenIds: [101] + Array(repeating: 2000, count: ordinal) + [102],
                textHash: ContentHash.sha256Hex(text)))
            offset += length + 2
        }
        let document = ExtractedDocument(text: texts.joined(separator: "\n\n"), title: title, metadata: metadata)
        return (document, chunks, texts.map { unitVector(seed: $0) })
    }

    /// Writes an indexed file made of `texts`; the root is added first.
    @discardableResult
    func writeFile(_ name: String, texts: [String], root: String = rootPath, version: Int = 1, title: String? = "A title") throws
        -> (file: FileInput, chunks: [ChunkDraft], embeddings: [[Float]])
    {
        try writer.addRoot(root)
        let file = Self.file(name, root: root, version: version)
        let (document, chunks, embeddings) = Self.document(texts, title: title)
        try writer.writeIndexedFile(file, document: document, chunks: chunks, embeddings: embeddings)
        return (file, chunks, embeddings)
    }

    /// A deterministic pseudo-random unit vector of the model dimension.
    static func unitVector(seed text: String, dimension: Int = model.dimension) -> [Float] {
        // FNV-1a of the text seeds the generator.
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            state = (state ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return unitVector(state: &state, dimension: dimension)
    }

    /// A seeded unit vector: cheap, deterministic, different for every state (advanced past it).
    static func unitVector(state: inout UInt64, dimension: Int = model.dimension) -> [Float] {
        var generator = SeededGenerator(seed: state)
        let vector = generator.signedValues(count: dimension)
        state = generator.state
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / norm }
    }

    // MARK: - Direct SQL on the file

    /// Opens the index file on a separate, read-only connection.
    func rawReader() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: store.databaseURL.path, configuration: configuration)
    }

    /// One integer from a query on a separate connection.
    func rawInt(_ sql: String) throws -> Int {
        try rawReader().read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// Every cross-table invariant of the index, checked with anti-joins on a separate connection:
    /// the number of offending rows per check (all 0 when the index is consistent).
    func rawOrphans() throws -> [String: Int] {
        let checks = [
            "vector without chunk": "SELECT COUNT(*) FROM vectors v LEFT JOIN chunks c ON c.id = v.chunk_id WHERE c.id IS NULL",
            "code without chunk": "SELECT COUNT(*) FROM vector_codes q LEFT JOIN chunks c ON c.id = q.chunk_id WHERE c.id IS NULL",
            "fts row without chunk": "SELECT COUNT(*) FROM chunks_fts t LEFT JOIN chunks c ON c.id = t.rowid WHERE c.id IS NULL",
            "chunk without vector": "SELECT COUNT(*) FROM chunks c LEFT JOIN vectors v ON v.chunk_id = c.id WHERE v.chunk_id IS NULL",
            "chunk without code": "SELECT COUNT(*) FROM chunks c LEFT JOIN vector_codes q ON q.chunk_id = c.id WHERE q.chunk_id IS NULL",
            "chunk without fts row": "SELECT COUNT(*) FROM chunks c LEFT JOIN chunks_fts t ON t.rowid = c.id WHERE t.rowid IS NULL",
            "chunk without file": "SELECT COUNT(*) FROM chunks c LEFT JOIN files f ON f.id = c.file_id WHERE f.id IS NULL",
            "document without file": "SELECT COUNT(*) FROM documents d LEFT JOIN files f ON f.id = d.file_id WHERE f.id IS NULL",
            "file without root": "SELECT COUNT(*) FROM files f LEFT JOIN roots r ON r.id = f.root_id WHERE r.id IS NULL",
        ]
        return try rawReader().read { db in
            try checks.mapValues { sql in try Int.fetchOne(db, sql: sql) ?? -1 }
        }
    }

    /// `rawOrphans()` with only the failing checks: empty when consistent.
    func rawInconsistencies() throws -> [String: Int] {
        try rawOrphans().filter { $0.value != 0 }
    }
}
