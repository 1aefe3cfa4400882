import Foundation
import SeekEmbedding
import SeekKernels
import SeekTestSupport
import Testing

/// Reduced precision against the 200 reference texts (sentence-transformers, fp32): bf16 must
/// meet the fp32 bar (every cosine ≥ 0.9999), int8 mean ≥ 0.995 and min ≥ 0.99. A CPU without
/// the instructions skips the accuracy tests (the reason shows in the test report) and still
/// checks that the request falls back instead of failing.
@Suite(.serialized)
struct EmbeddingPrecisionTests {
    static let files: ModelFiles? = {
        guard let directory = try? ModelLocation.testModelDirectory() else { return nil }
        return try? ModelStore(configuration: .init(
            explicitDirectory: directory, cacheRoot: FileManager.default.temporaryDirectory.appendingPathComponent("seek-precision-tests")))
            .verify(directory: directory, source: .explicitDirectory)
    }()

    /// Cosines of every reference text's embedding in `precision` to the reference.
    func cosines(_ precision: ComputePrecision) throws -> [Float] {
        let files = try #require(Self.files, "the model must be installed (make model)")
        let model = try EmbeddingModel(files: files, precision: precision)
        #expect(model.precision == precision)
        let embedder = try Embedder(model: model, configuration: EmbeddingConfiguration(threads: 2))
        let fixtures = try ReferenceFixture.all()
        let results = try embedder.embed(texts: fixtures.map(\.text))
        return zip(fixtures, results).map { VectorMath.cosine($1.vector, $0.embedding) }
    }

    @Test(.enabled(if: PrecisionSupport.current.supports(.bf16), "needs oneDNN and a CPU with AVX-512 BF16 or AMX"))
    func bf16MeetsTheFP32Bar() throws {
        let cosines = try cosines(.bf16)
        #expect(cosines.count == 200)
        let worst = cosines.min() ?? 0
        #expect(worst >= 0.9999, "worst bf16 cosine \(worst)")
    }

    @Test(.enabled(if: PrecisionSupport.current.supports(.int8), "needs oneDNN and a CPU with VNNI"))
    func int8MeetsItsBar() throws {
        let cosines = try cosines(.int8)
        #expect(cosines.count == 200)
        let mean = cosines.reduce(0, +) / Float(cosines.count)
        let worst = cosines.min() ?? 0
        #expect(mean >= 0.995, "mean int8 cosine \(mean)")
        #expect(worst >= 0.99, "worst int8 cosine \(worst)")
    }

    @Test func autoPicksBF16OnlyWhereTheCPUHasIt() {
        let withBF16 = PrecisionSupport(oneDNN: true, isaBits: 0xe7)
        let vnniOnly = PrecisionSupport(oneDNN: true, isaBits: 0x67)
        let avx2 = PrecisionSupport(oneDNN: true, isaBits: 0x7)
        #expect(EmbeddingPrecision.auto.resolved(support: withBF16).precision == .bf16)
        #expect(EmbeddingPrecision.auto.resolved(support: vnniOnly).precision == .fp32)
        #expect(EmbeddingPrecision.auto.resolved(support: avx2).precision == .fp32)
        #expect(EmbeddingPrecision.auto.resolved(support: withBF16).note == nil)
    }

    @Test func aMissingInstructionFallsBackWithAReason() {
        let vnniOnly = PrecisionSupport(oneDNN: true, isaBits: 0x67)
        let noOneDNN = PrecisionSupport(oneDNN: false, isaBits: 0)
        let bf16 = EmbeddingPrecision.bf16.resolved(support: vnniOnly)
        #expect(bf16.precision == .fp32)
        #expect(bf16.note?.contains("AVX-512 BF16") == true)
        #expect(EmbeddingPrecision.int8.resolved(support: vnniOnly).precision == .int8)
        let int8 = EmbeddingPrecision.int8.resolved(support: noOneDNN)
        #expect(int8.precision == .fp32)
        #expect(int8.note?.contains("oneDNN") == true)
        #expect(EmbeddingPrecision.int8.resolved(support: PrecisionSupport(oneDNN: true, isaBits: 0xe7 & ~0x40)).precision == .bf16)
        #expect(EmbeddingPrecision.fp32.resolved(support: noOneDNN) == (.fp32, nil))
    }

    @Test func reducedWeightsHalveTheResidentSize() throws {
        let files = try #require(Self.files, "the model must be installed (make model)")
        let fp32 = try EmbeddingModel(files: files, precision: .fp32).weights.linearResidentBytes
        let bf16 = try EmbeddingModel(files: files, precision: .bf16).weights.linearResidentBytes
        let int8 = try EmbeddingModel(files: files, precision: .int8).weights.linearResidentBytes
        #expect(bf16 * 2 == fp32)
        #expect(int8 < bf16 && int8 > fp32 / 4)
    }
}
