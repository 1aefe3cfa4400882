import Foundation
import SeekCore
import SeekEmbedding
import SeekKernels
import SeekTestSupport
import Testing

struct Int8CalibrationCacheTests {
    /// A small table set whose values are all distinct, so a misplaced value shows.
    private static func samplePeaks(layers: Int = 2, hidden: Int = 3, intermediate: Int = 5) -> ActivationPeaks {
        var next: Float = 0.25
        func table(_ width: Int) -> [[Float]] {
            (0..<layers).map { _ in (0..<width).map { _ in next += 0.5; return next } }
        }
        return ActivationPeaks(qkvInput: table(hidden), attentionOutputInput: table(hidden), feedForwardInput: table(hidden),
                               feedForwardDownInput: table(intermediate))
    }

    private static func tables(_ peaks: ActivationPeaks) -> [[[Float]]] {
        [peaks.qkvInput, peaks.attentionOutputInput, peaks.feedForwardInput, peaks.feedForwardDownInput]
    }

    @Test func entriesReadBackExactlyAndOnlyForTheirDimensions() throws {
        let peaks = Self.samplePeaks()
        let data = Int8CalibrationCache.encode(peaks)
        let decoded = try #require(Int8CalibrationCache.decode(data, layers: 2, hidden: 3, intermediate: 5))
        #expect(Self.tables(decoded) == Self.tables(peaks))
        #expect(Int8CalibrationCache.decode(data, layers: 2, hidden: 5, intermediate: 3) == nil)
        #expect(Int8CalibrationCache.decode(data, layers: 1, hidden: 3, intermediate: 5) == nil)
        #expect(Int8CalibrationCache.decode(data, layers: 0, hidden: 0, intermediate: 0) == nil)
    }

    @Test func malformedPayloadsAndImpossibleValuesAreRefused() throws {
        let data = Int8CalibrationCache.encode(Self.samplePeaks())
        #expect(Int8CalibrationCache.decode(data.dropLast(), layers: 2, hidden: 3, intermediate: 5) == nil)
        #expect(Int8CalibrationCache.decode(data + Data([0]), layers: 2, hidden: 3, intermediate: 5) == nil)
        #expect(Int8CalibrationCache.decode(Data(), layers: 2, hidden: 3, intermediate: 5) == nil)
        // The magic, and the recorded dimensions (here hidden 3 → 7 with the same value count).
        for position in [0, Int8CalibrationCache.magic.count + 4] {
            var damaged = data
            damaged[position] ^= 0x04
            #expect(Int8CalibrationCache.decode(damaged, layers: 2, hidden: 3, intermediate: 5) == nil, "byte \(position) flipped was read")
        }
        // Well-formed but holding a value no peak can have.
        for bad in [Float.nan, -1, .infinity] {
            var tables = Self.tables(Self.samplePeaks())
            tables[3][1][4] = bad
            let odd = ActivationPeaks(qkvInput: tables[0], attentionOutputInput: tables[1], feedForwardInput: tables[2],
                                      feedForwardDownInput: tables[3])
            #expect(Int8CalibrationCache.decode(Int8CalibrationCache.encode(odd), layers: 2, hidden: 3, intermediate: 5) == nil)
        }
    }

    @Test func aDamagedEntryFileIsNotRead() throws {
        let scratch = try TemporaryDirectory("seek-int8-calibration")
        defer { scratch.remove() }
        let cache = Int8CalibrationCache(directory: scratch.url)
        let weights = String(repeating: "ef", count: 32)
        cache.record(Self.samplePeaks(), weightsSHA256: weights)
        let url = cache.fileURL(weightsSHA256: weights)
        let good = try Data(contentsOf: url)
        // A flipped bit inside a peak value keeps the payload well-formed: only the seal catches it.
        var flipped = good
        flipped[Int8CalibrationCache.magic.count + 12 + 9] ^= 0x01
        for damaged in [flipped, good.dropLast(), good + Data([0])] {
            try damaged.write(to: url)
            #expect(cache.peaks(weightsSHA256: weights, layers: 2, hidden: 3, intermediate: 5) == nil)
        }
    }

    @Test func recordThenReadUnderTheWeightsDigestAndTheCalibrationMethod() throws {
        let scratch = try TemporaryDirectory("seek-int8-calibration")
        defer { scratch.remove() }
        let cache = Int8CalibrationCache(directory: scratch.file("peaks"))
        let weights = String(repeating: "ab", count: 32)
        #expect(cache.peaks(weightsSHA256: weights, layers: 2, hidden: 3, intermediate: 5) == nil)
        cache.record(Self.samplePeaks(), weightsSHA256: weights)
        let read = try #require(cache.peaks(weightsSHA256: weights, layers: 2, hidden: 3, intermediate: 5))
        #expect(Self.tables(read) == Self.tables(Self.samplePeaks()))
        #expect(cache.peaks(weightsSHA256: String(repeating: "cd", count: 32), layers: 2, hidden: 3, intermediate: 5) == nil)
        #expect(cache.fileURL(weightsSHA256: weights).lastPathComponent == "\(weights)-\(Int8Calibration.method).peaks")
        // A directory that cannot be created (its path is a file) only loses the entry.
        let blocked = try scratch.write("a file", to: "blocked")
        Int8CalibrationCache(directory: blocked).record(Self.samplePeaks(), weightsSHA256: weights)
        #expect(try String(contentsOf: blocked, encoding: .utf8) == "a file")
    }

    /// The real pass over the real model, kept and read back: the peaks an int8 load would use.
    @Test func theModelsCalibrationPassRoundTripsThroughTheCache() throws {
        let directory = try ModelLocation.testModelDirectory()
        let configuration = try BertConfiguration(contentsOf: directory.appendingPathComponent("config.json"))
        let file = try SafetensorsFile(path: directory.appendingPathComponent("model.safetensors").path)
        let tokenizer = try WordPieceTokenizer(contentsOf: directory.appendingPathComponent("tokenizer.json"))
        let measured = try Int8Calibration.peaks(file: file, configuration: configuration, tokenizer: tokenizer)
        // BERT's outlier channels: the FFN down-projection's inputs peak far above their median.
        let down = measured.feedForwardDownInput[0].sorted()
        #expect(down.last! > 10 * down[down.count / 2])
        let data = Int8CalibrationCache.encode(measured)
        let read = try #require(Int8CalibrationCache.decode(data, layers: configuration.layerCount, hidden: configuration.hiddenSize,
                                                            intermediate: configuration.intermediateSize))
        #expect(Self.tables(read) == Self.tables(measured))
    }

    /// An int8 load records the peaks; the next load reads them and embeds alike; and an entry
    /// with other (valid) peaks changes the vectors: proof that loads take the entry.
    @Test(.enabled(if: PrecisionSupport.current.supports(.int8), "needs oneDNN and a CPU with VNNI (int8 falls back to fp32 here)"))
    func int8LoadsRecordThenUseThePeaks() throws {
        let scratch = try TemporaryDirectory("seek-int8-calibration")
        defer { scratch.remove() }
        let directory = try ModelLocation.testModelDirectory()
        let store = ModelStore(configuration: ModelStoreConfiguration(explicitDirectory: directory, cacheRoot: scratch.url))
        let files = try store.verify(directory: directory, source: .explicitDirectory)
        let cache = Int8CalibrationCache(directory: store.int8CalibrationCacheDirectory)
        let texts = try ReferenceFixture.all().prefix(20).map(\.text)
        func embed() throws -> [[Float]] {
            try Embedder(model: EmbeddingModel(files: files, precision: .int8)).embed(texts: texts).map(\.vector)
        }
        let first = try embed()
        let configuration = try BertConfiguration(contentsOf: directory.appendingPathComponent("config.json"))
        let recorded = try #require(cache.peaks(weightsSHA256: files.weightsSHA256, layers: configuration.layerCount,
                                                hidden: configuration.hiddenSize, intermediate: configuration.intermediateSize))
        let second = try embed()
        for (a, b) in zip(first, second) {
            #expect(VectorMath.cosine(a, b) >= 0.99999)
        }
        var qkv = recorded.qkvInput
        qkv[0] = qkv[0].map { $0 * 64 }
        cache.record(ActivationPeaks(qkvInput: qkv, attentionOutputInput: recorded.attentionOutputInput,
                                     feedForwardInput: recorded.feedForwardInput, feedForwardDownInput: recorded.feedForwardDownInput),
                     weightsSHA256: files.weightsSHA256)
        #expect(try embed() != first)
    }

    @Test func modelFilesKeepPeaksUnderTheCacheRoot() {
        let root = URL(fileURLWithPath: "/tmp/seek-cache-root")
        let store = ModelStore(configuration: ModelStoreConfiguration(explicitDirectory: URL(fileURLWithPath: "/models/mine"), cacheRoot: root))
        #expect(store.int8CalibrationCacheDirectory == root.appendingPathComponent(".int8-calibration"))
    }
}
