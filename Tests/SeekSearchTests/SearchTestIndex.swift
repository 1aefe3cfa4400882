import Foundation
import SeekCore
import SeekStore
import SeekTestSupport

/// A real index in a fresh temporary directory, written through the store's writer.
final class SearchTestIndex {
    static let model = ModelMarker.miniLML6V2
    static let root = "/corpus"

    let directory: TemporaryDirectory
    let store: IndexStore

    init() throws {
        directory = try TemporaryDirectory("seek-search")
        store = try IndexStore.open(directory: directory.url.appendingPathComponent(".seek"), model: Self.model, create: true)
        try store.writer.addRoot(Self.root)
    }

    deinit {
        try? store.close()
        directory.remove()
    }

    var indexingReader: IndexingReader { store.indexingReader }
    var searchReader: SearchReader { store.searchReader }
    var catalogReader: CatalogReader { store.catalogReader }
    var diagnosticsReader: DiagnosticsReader { store.diagnosticsReader }

    /// Writes one indexed file whose chunks are `texts` with `embeddings` (unit vectors).
    func writeFile(_ relativePath: String, title: String? = nil, texts: [String], embeddings: [[Float]], mtime: Double = 1_700_000_000) throws {
        var chunks: [ChunkDraft] = []
        var offset = 0
        for (ordinal, text) in texts.enumerated() {
            let length = text.unicodeScalars.count
            chunks.append(ChunkDraft(
                ordinal: ordinal, text: text, start: offset, end: offset + length, page: nil, headingPath: [],
                tokenIds: [101, 102], textHash: ContentHash.sha256Hex(text)))
            offset += length + 2
        }
        let path = Self.root + "/" + relativePath
        let file = FileInput(
            path: path, rootPath: Self.root, size: Int64(offset), mtime: mtime,
            contentHash: ContentHash.sha256Hex(path + texts.joined()), parser: "text", parserVersion: "1")
        try store.writer.writeIndexedFile(
            file, document: ExtractedDocument(text: texts.joined(separator: "\n\n"), title: title), chunks: chunks, embeddings: embeddings)
    }
}
