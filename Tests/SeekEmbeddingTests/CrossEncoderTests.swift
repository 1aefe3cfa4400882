import Foundation
import SeekEmbedding
import SeekTestSupport
import Testing

/// The native cross-encoder against transformers on the tiny random model of
/// `Tests/Fixtures/tiny-cross-encoder` (ms-marco-MiniLM-L-6-v2's layout, shrunk): every pair's ids
/// and token types identical, every logit within 1e-4, one by one and in one packed batch.
struct CrossEncoderTests {
    struct Reference: Decodable {
        let query: String
        let passage: String
        let input_ids: [Int32]
        let token_type_ids: [Int32]
        let score: Float
    }

    static func references() throws -> [Reference] {
        let data = try Data(contentsOf: ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder-reference.jsonl"))
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Reference.self, from: Data($0)) }
    }

    static let model = ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder")

    @Test func idsAndScoresMatchTransformers() throws {
        let encoder = try CrossEncoder(modelDirectory: Self.model)
        #expect(encoder.maxTokens == 128)
        let references = try Self.references()
        #expect(references.count == 12)
        let encodings = references.map { encoder.encode(query: $0.query, passage: $0.passage) }
        for (reference, encoding) in zip(references, encodings) {
            #expect(encoding.ids == reference.input_ids, "ids of \(reference.query.prefix(30)) / \(reference.passage.prefix(30))")
            #expect(encoding.tokenTypes == reference.token_type_ids)
        }
        let batched = try encoder.scores(encodings)
        for (index, reference) in references.enumerated() {
            let alone = try encoder.scores([encodings[index]])[0]
            #expect(abs(alone - reference.score) <= 1e-4, "pair \(index): \(alone) vs \(reference.score)")
            #expect(abs(batched[index] - reference.score) <= 1e-4, "pair \(index) in a batch: \(batched[index]) vs \(reference.score)")
        }
    }

    @Test func aModelWithoutAClassifierIsRefusedByName() throws {
        let scratch = try TemporaryDirectory("seek-cross-encoder")
        defer { scratch.remove() }
        // The embedding model of the tests is a BERT encoder without pooler and classifier.
        let embedder = try ModelLocation.testModelDirectory()
        #expect(throws: EmbeddingError.self) { try CrossEncoder(modelDirectory: embedder) }
        #expect(throws: EmbeddingError.self) { try CrossEncoder(modelDirectory: scratch.url) }
    }
}
