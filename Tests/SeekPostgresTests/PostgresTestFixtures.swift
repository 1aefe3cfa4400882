import Foundation
import SeekCore
import SeekStore
import SeekTestSupport

/// Files, chunks and unit vectors for the store tests.
enum PostgresTestFixtures {
    static let dimension = ModelMarker.miniLML6V2.dimension

    /// A random direction in `dimension` dimensions, normalised to unit length.
    static func unitVector(_ generator: inout SeededGenerator) -> [Float] {
        let values = generator.signedValues(count: dimension)
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    static func unitVectors(count: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in unitVector(&generator) }
    }

    static func file(_ path: String, root: String = "/docs", hash: String = "h1", mtime: Double = 1_700_000_000) -> FileInput {
        FileInput(path: path, rootPath: root, size: 100, mtime: mtime, contentHash: hash, parser: "text", parserVersion: "1")
    }

    /// Chunks for `texts`, laid end to end in one document whose text is their concatenation.
    static func chunks(_ texts: [String]) -> (document: ExtractedDocument, chunks: [ChunkDraft]) {
        var offset = 0
        var chunks: [ChunkDraft] = []
        for (ordinal, text) in texts.enumerated() {
            let length = text.unicodeScalars.count
            chunks.append(ChunkDraft(
                ordinal: ordinal, text: text, start: offset, end: offset + length, page: ordinal == 0 ? nil : ordinal + 1,
                headingPath: ["Guide", "Part \(ordinal)"], tokenIds: [101, 102], textHash: "hash-\(text)"))
            offset += length
        }
        return (ExtractedDocument(text: texts.joined(), title: "A Guide"), chunks)
    }
}
