import Foundation
import SeekCore
import SeekEmbedding
import SeekSearch
import SeekStore
import SeekTestSupport

/// Builds an index of BEIR documents with the real model: one file per document
/// ("/<dataset>/<id>.txt"), one chunk of `title + " " + text` embedded truncated at the model's
/// 256 tokens (as the reference pipeline does), the full text in the full-text index.
enum CranfieldIndex {
    static func loadEmbedder() throws -> Embedder {
        let files = try ModelStore().verify(directory: try ModelLocation.testModelDirectory(), source: .explicitDirectory)
        return try Embedder(model: EmbeddingModel(files: files))
    }

    static func path(of document: BEIRDataset.Document, dataset: String) -> String {
        "/\(dataset)/\(document.id).txt"
    }

    static func documentId(path: String) -> String? {
        guard path.hasSuffix(".txt"), let name = path.split(separator: "/").last else { return nil }
        return String(name.dropLast(4))
    }

    /// Writes `documents` into `store` (which must not hold them yet).
    static func write(_ documents: [BEIRDataset.Document], dataset: String, into store: IndexStore, embedder: Embedder) throws {
        let root = "/\(dataset)"
        try store.writer.addRoot(root)
        for batch in stride(from: 0, to: documents.count, by: 256).map({ Array(documents[$0..<min($0 + 256, documents.count)]) }) {
            let embedded = try embedder.embed(texts: batch.map(\.indexedText))
            for (document, embedding) in zip(batch, embedded) {
                let text = document.indexedText
                let length = text.unicodeScalars.count
                let chunk = ChunkDraft(
                    ordinal: 0, text: text, start: 0, end: length, page: nil, headingPath: [], tokenIds: embedding.ids,
                    textHash: ContentHash.sha256Hex(text))
                let file = FileInput(
                    path: path(of: document, dataset: dataset), rootPath: root, size: Int64(text.utf8.count), mtime: 1_700_000_000,
                    contentHash: ContentHash.sha256Hex(text), parser: "text", parserVersion: "1")
                try store.writer.writeIndexedFile(file, document: ExtractedDocument(text: text), chunks: [chunk], embeddings: [embedding.vector])
            }
        }
    }
}
