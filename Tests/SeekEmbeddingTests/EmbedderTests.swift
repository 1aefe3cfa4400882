import Foundation
import SeekEmbedding
import SeekKernels
import SeekTestSupport
import Testing

/// The public embedding API end to end: text in, reference-exact ids and embeddings out.
@Suite(.serialized)
struct EmbedderTests {
    static let model: EmbeddingModel? = {
        guard let directory = try? ModelLocation.testModelDirectory() else { return nil }
        return try? EmbeddingModel(files: ModelStore(configuration: .init(
            explicitDirectory: directory, cacheRoot: FileManager.default.temporaryDirectory.appendingPathComponent("seek-embedder-tests")))
            .verify(directory: directory, source: .explicitDirectory))
    }()

    func embedder(threads: Int = 2, batch: Int = 32) throws -> Embedder {
        let model = try #require(Self.model, "the model must be installed (make model)")
        return try Embedder(model: model, configuration: EmbeddingConfiguration(threads: threads, batchSize: batch))
    }

    @Test func reproducesTheReferenceFromText() throws {
        let fixtures = try ReferenceFixture.all()
        let results = try embedder().embed(texts: fixtures.map(\.text))
        var identicalIds = 0
        var worst: Float = 1
        for (fixture, result) in zip(fixtures, results) {
            if result.ids == fixture.ids { identicalIds += 1 }
            worst = min(worst, VectorMath.cosine(result.vector, fixture.embedding))
        }
        #expect(identicalIds == 200)
        #expect(worst >= 0.9999, "worst cosine \(worst)")
    }

    @Test func laneCountAndBatchSizeDoNotChangeResults() throws {
        let texts = try ReferenceFixture.all().prefix(40).map(\.text)
        let one = try embedder(threads: 1, batch: 32).embed(texts: texts)
        let many = try embedder(threads: 3, batch: 5).embed(texts: texts)
        for (a, b) in zip(one, many) {
            #expect(a.ids == b.ids)
            #expect(VectorMath.cosine(a.vector, b.vector) > 0.999999)
        }
    }

    @Test func concurrentCallsShareTheLanes() async throws {
        let embedder = try embedder()
        let texts = try ReferenceFixture.all().map(\.text)
        let expected = try embedder.embed(texts: texts).map(\.vector)
        let ids = texts.map { embedder.tokenizer.encode($0) }
        try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for part in 0..<4 {
                let slice = Array(ids[(part * 50)..<((part + 1) * 50)])
                group.addTask { (part, try await embedder.embed(tokenIds: slice)) }
            }
            for try await (part, vectors) in group {
                for (offset, vector) in vectors.enumerated() {
                    #expect(VectorMath.cosine(vector, expected[part * 50 + offset]) > 0.999999)
                }
            }
        }
    }

    @Test func badInputStillEmbeds() throws {
        let embedder = try embedder()
        let invalidUTF8 = embedder.tokenizer.encode(utf8: [0x68, 0x69, 0xFF, 0xFE, 0x20, 0xC3, 0x28, 0x6F, 0x6B])
        let huge = String(repeating: "semantic search over local files ", count: 32_000)  // ~1 MB
        #expect(huge.utf8.count > 1_000_000)
        let results = try embedder.embed(texts: ["", "   \n\t", huge])
        #expect(results[0].ids == [embedder.tokenizer.clsTokenId, embedder.tokenizer.sepTokenId])
        #expect(results[1].ids == results[0].ids)
        #expect(results[2].ids.count == 256)
        let fromBytes = try embedder.embed(tokenIds: [invalidUTF8])
        for vector in results.map(\.vector) + fromBytes {
            #expect(vector.count == 384)
            #expect(abs(VectorMath.norm(vector) - 1) < 1e-4)
        }
    }

    @Test func tenThousandTextsInOneCall() throws {
        let embedder = try embedder()
        let texts = (0..<10_000).map { "note \($0): the \($0 % 7 == 0 ? "wing" : "flow") test number \($0 * 37)" }
        let results = try embedder.embed(texts: texts)
        #expect(results.count == 10_000)
        // Input order is kept: each result equals the text embedded alone.
        for index in [0, 1, 4_999, 9_999] {
            #expect(VectorMath.cosine(results[index].vector, try embedder.embed(text: texts[index])) > 0.999999)
        }
    }

    @Test func invalidConfigurationIsAnError() throws {
        let model = try #require(Self.model)
        #expect(throws: EmbeddingError.self) { try Embedder(model: model, configuration: .init(threads: 0)) }
        #expect(throws: EmbeddingError.self) { try Embedder(model: model, configuration: .init(batchSize: 0)) }
    }
}
