import Foundation
import SeekEmbedding
import SeekSearch
import SeekStore

/// A small real corpus for searcher tests: the reference fixture's sentences 48...199 (aeronautics
/// abstracts, information-retrieval queries) with their reference MiniLM embeddings, two chunks
/// per file, files alternating .md / .txt / .pdf under /corpus/a and /corpus/b.
final class SearchCorpus {
    let index: SearchTestIndex
    /// Path of each file, with the fixture texts of its chunks.
    let files: [(path: String, texts: [String])]

    init() throws {
        index = try SearchTestIndex()
        let reference = try TestVectors.reference()
        var files: [(path: String, texts: [String])] = []
        for (number, start) in stride(from: 48, to: 200, by: 2).enumerated() {
            let entries = reference[start..<min(start + 2, 200)]
            let relative = "\(number % 2 == 0 ? "a" : "b")/doc\(number).\(["md", "txt", "pdf"][number % 3])"
            try index.writeFile(
                relative, title: "Document \(number)", texts: entries.map(\.text), embeddings: entries.map { TestVectors.normalized($0.embedding) },
                mtime: 1_700_000_000 + Double(number))
            files.append((SearchTestIndex.root + "/" + relative, entries.map(\.text)))
        }
        self.files = files
    }

    /// The loaded embedder, shared by the tests of a process (the model is memory-mapped once).
    static let embedder: Result<Embedder, any Error> = Result { try CranfieldIndex.loadEmbedder() }

    func searcher(configuration: SearchConfiguration = SearchConfiguration(), residency: VectorIndex.Residency = .full,
                  reranker: CrossEncoder? = nil) throws -> Searcher {
        Searcher(
            reader: index.searchReader, vectorIndex: try VectorIndex.load(from: index.searchReader, residency: residency),
            configuration: configuration, reranker: reranker)
    }

    func path(containing fragment: String) -> String? {
        files.first { $0.texts.contains { $0.contains(fragment) } }?.path
    }
}
