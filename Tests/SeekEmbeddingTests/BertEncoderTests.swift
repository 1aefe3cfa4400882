import Foundation
import SeekEmbedding
import SeekTestSupport
import SeekKernels
import Testing

struct BertEncoderTests {
    static func loadWeights() throws -> BertWeights {
        let directory = try ModelLocation.testModelDirectory()
        let configuration = try BertConfiguration(contentsOf: directory.appendingPathComponent("config.json"))
        let file = try SafetensorsFile(path: directory.appendingPathComponent("model.safetensors").path)
        return try BertWeights(file: file, configuration: configuration)
    }

    @Test func reproducesReferenceEmbeddingsFromReferenceIds() throws {
        let fixtures = try ReferenceFixture.all()
        #expect(fixtures.count == 200)
        let encoder = BertEncoder(weights: try Self.loadWeights())
        // Batches of mixed lengths exercise the packed-sequence attention.
        var worst: Float = 1
        for start in stride(from: 0, to: fixtures.count, by: 24) {
            let batch = Array(fixtures[start..<min(start + 24, fixtures.count)])
            let vectors = try encoder.encode(batch.map(\.ids))
            for (fixture, vector) in zip(batch, vectors) {
                #expect(vector.count == 384)
                let cosine = VectorMath.cosine(vector, fixture.embedding)
                worst = min(worst, cosine)
                #expect(cosine >= 0.9999, "cosine \(cosine) for \(fixture.text.prefix(60))")
                #expect(abs(VectorMath.norm(vector) - 1) < 1e-4)
            }
        }
        #expect(worst >= 0.9999)
    }

    @Test func batchCompositionDoesNotChangeAResult() throws {
        let fixtures = try ReferenceFixture.all()
        let encoder = BertEncoder(weights: try Self.loadWeights())
        let alone = try encoder.encode([fixtures[150].ids])[0]
        let together = try encoder.encode([fixtures[3].ids, fixtures[150].ids, fixtures[42].ids])[1]
        #expect(VectorMath.cosine(alone, together) > 0.999999)
    }

    @Test func rejectsInvalidSequences() throws {
        let encoder = BertEncoder(weights: try Self.loadWeights())
        #expect(throws: EmbeddingError.self) { try encoder.encode([[]]) }
        #expect(throws: EmbeddingError.self) { try encoder.encode([[101, 40_000, 102]]) }
        #expect(throws: EmbeddingError.self) { try encoder.encode([[Int32](repeating: 1000, count: 513)]) }
        #expect(try encoder.encode([]).isEmpty)
    }
}
