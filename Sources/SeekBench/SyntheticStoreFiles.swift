import Foundation
import SeekCore
import SeekStore

/// The files a store benchmark writes: `vectors` chunks in files of `chunksPerFile` (the last
/// file may be shorter), each chunk a short seeded text with the `ClusteredUnitVectors` vector of
/// its global number (file × chunksPerFile + ordinal). Everything about file `n` depends only on
/// the set's parameters and `n`, so writer processes each make their own share of one set.
public struct SyntheticStoreFiles: Sendable {
    /// One file's write: what `writeIndexedFile` takes.
    public struct File: Sendable {
        public var input: FileInput
        public var document: ExtractedDocument
        public var chunks: [ChunkDraft]
        public var embeddings: [[Float]]
    }

    /// Chunks (and vectors) in the set.
    public let vectors: Int
    /// Chunks per file.
    public let chunksPerFile: Int
    /// The vectors.
    public let generator: ClusteredUnitVectors

    /// The root every file lies under (it does not exist on disk).
    public static let root = "/synthetic"

    public init(vectors: Int, chunksPerFile: Int = 10, dimension: Int = 384, clusters: Int? = nil, seed: UInt64 = 42) {
        self.vectors = max(0, vectors)
        self.chunksPerFile = max(1, chunksPerFile)
        generator = ClusteredUnitVectors(
            dimension: dimension, clusters: clusters ?? ClusteredUnitVectors.defaultClusters(vectors: vectors), seed: seed)
    }

    /// Files in the set.
    public var files: Int { (vectors + chunksPerFile - 1) / chunksPerFile }

    /// The path of file `number`.
    public func path(ofFile number: Int) -> String {
        "\(Self.root)/\(String(format: "%03d", number % 1000))/note-\(number).md"
    }

    /// File `number` (0-based, below `files`).
    public func file(_ number: Int) -> File {
        let first = number * chunksPerFile
        let count = max(0, min(chunksPerFile, vectors - first))
        var drafts: [ChunkDraft] = []
        var embeddings: [[Float]] = []
        var texts: [String] = []
        var offset = 0
        for ordinal in 0..<count {
            let index = first + ordinal
            let text = Self.text(chunk: index, cluster: generator.cluster(of: index))
            let length = text.unicodeScalars.count
            drafts.append(ChunkDraft(
                ordinal: ordinal, text: text, start: offset, end: offset + length, page: nil, headingPath: ["Note \(number)"],
                tokenIds: [Int32](repeating: 100, count: length / 5 + 2), textHash: ContentHash.sha256Hex(text)))
            offset += length + 2
            texts.append(text)
            embeddings.append(generator.vector(index))
        }
        let text = texts.joined(separator: "\n\n")
        let input = FileInput(
            path: path(ofFile: number), rootPath: Self.root, size: Int64(text.utf8.count), mtime: 1_700_000_000 + Double(number),
            contentHash: ContentHash.sha256Hex(text), parser: "synthetic", parserVersion: "1")
        return File(input: input, document: ExtractedDocument(text: text, title: "Note \(number)"), chunks: drafts, embeddings: embeddings)
    }

    /// A short text for chunk `chunk`: about 20 words, a few of them shared by its cluster (so
    /// keyword search has something to find), the rest seeded by the chunk number.
    static func text(chunk: Int, cluster: Int) -> String {
        var state = ClusteredUnitVectors.mix(UInt64(truncatingIfNeeded: chunk))
        var words = ["chunk", String(chunk), "topic", "t\(cluster)"]
        for _ in 0..<(14 + Int(state % 9)) {
            state = ClusteredUnitVectors.mix(state)
            words.append(vocabulary[Int(state % UInt64(vocabulary.count))])
        }
        return words.joined(separator: " ")
    }

    private static let vocabulary = [
        "wing", "flow", "pressure", "boundary", "layer", "shock", "wave", "heat", "transfer", "supersonic", "laminar", "turbulent",
        "velocity", "surface", "plate", "cylinder", "nozzle", "drag", "lift", "mach", "number", "stream", "jet", "vortex", "body",
        "cone", "temperature", "density", "viscous", "inviscid", "solution", "theory", "experiment", "measurement", "model",
        "approximation", "equation", "stability", "buckling", "shell", "load", "stress", "panel", "flutter", "vibration", "frequency",
        "index", "search", "vector", "server", "query", "latency", "recall", "graph", "write", "commit", "table", "row",
    ]
}
