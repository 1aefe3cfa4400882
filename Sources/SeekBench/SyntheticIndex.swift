import Foundation
import SeekCore
import SeekEmbedding
import SeekSearch
import SeekStore

/// A large index for latency benchmarks, built without the model: `chunks` chunks in files of
/// `chunksPerFile`, each chunk 40-80 words drawn (seeded) from the Cranfield vocabulary, each
/// vector a seeded random unit vector. Real enough for timing (loading, scanning, BM25, hydration);
/// its rankings mean nothing. Built once and kept under the cache directory.
public struct SyntheticIndex: Sendable {
    /// Chunks in the index. Default 100,000.
    public var chunks: Int
    /// Chunks per file. Default 10.
    public var chunksPerFile: Int
    /// Seed of the words and vectors. Default 7.
    public var seed: UInt64

    public init(chunks: Int = 100_000, chunksPerFile: Int = 10, seed: UInt64 = 7) {
        self.chunks = chunks
        self.chunksPerFile = chunksPerFile
        self.seed = seed
    }

    /// The index directory under `cacheRoot`, built first when absent or incomplete.
    /// Returns the directory and the seconds spent building (0 when it was there).
    public func prepare(cacheRoot: URL) throws -> (directory: URL, buildSeconds: Double) {
        guard chunks >= 1, chunksPerFile >= 1 else { throw SearchError.invalidQuery(reason: "a synthetic index needs at least one chunk per file") }
        let directory = cacheRoot.appendingPathComponent("bench/synthetic-\(chunks)-\(chunksPerFile)-\(seed)")
        let complete = directory.appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: complete.path) { return (directory, 0) }
        let started = ContinuousClock.now
        try? FileManager.default.removeItem(at: directory)
        try build(at: directory)
        try Data().write(to: complete)
        return (directory, (ContinuousClock.now - started).seconds)
    }

    private func build(at directory: URL) throws {
        let identity = ModelIdentity.miniLM
        let store = try IndexStore.open(directory: directory, model: ModelMarker(id: identity.id, dimension: identity.dimension), create: true)
        let words = try Self.vocabulary()
        let root = Self.root
        _ = try store.writer.addRoot(root)
        var vectors = SeededUnitVectors(seed: seed)
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let files = (chunks + chunksPerFile - 1) / chunksPerFile
        for fileNumber in 0..<files {
            let count = min(chunksPerFile, chunks - fileNumber * chunksPerFile)
            var texts: [String] = []
            for _ in 0..<count {
                texts.append((0..<(40 + next(41))).map { _ in words[next(words.count)] }.joined(separator: " "))
            }
            let text = texts.joined(separator: "\n\n")
            var drafts: [ChunkDraft] = []
            var embeddings: [[Float]] = []
            var offset = 0
            for (ordinal, chunkText) in texts.enumerated() {
                let length = chunkText.unicodeScalars.count
                drafts.append(ChunkDraft(
                    ordinal: ordinal, text: chunkText, start: offset, end: offset + length, page: nil, headingPath: [],
                    tokenIds: [Int32](repeating: 100, count: length / 5 + 2), textHash: ContentHash.sha256Hex(chunkText)))
                offset += length + 2
                var vector: [Float] = []
                vectors.append(dimension: identity.dimension, to: &vector)
                embeddings.append(vector)
            }
            let path = self.path(ofFile: fileNumber)
            let file = FileInput(path: path, rootPath: root, size: Int64(text.utf8.count), mtime: 1_700_000_000 + Double(fileNumber),
                                 contentHash: ContentHash.sha256Hex(text), parser: "synthetic", parserVersion: "1")
            try store.writer.writeIndexedFile(file, document: ExtractedDocument(text: text, title: "Note \(fileNumber)"),
                                              chunks: drafts, embeddings: embeddings)
        }
        try store.close()
    }

    /// The root every synthetic file lies under (it does not exist on disk).
    static let root = "/synthetic"

    /// The path of the synthetic file `number` (0-based).
    public func path(ofFile number: Int) -> String {
        "\(Self.root)/\(String(format: "%03d", number % 1000))/note-\(number).md"
    }

    /// Distinct lowercase words of the Cranfield corpus, sorted (so the same seed gives the same text).
    static func vocabulary() throws -> [String] {
        let documents = try BEIRDataset.loadCorpus(DatasetLocator.cranfield().appendingPathComponent("corpus.jsonl"))
        var words = Set<String>()
        for document in documents {
            for word in document.text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count >= 3 {
                words.insert(String(word))
            }
        }
        return words.sorted()
    }
}
