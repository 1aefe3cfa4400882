import Foundation
import SeekCore
import SeekEmbedding
import SeekKernels
import SeekSearch

/// `seek bench embed`: end-to-end embedding throughput (tokenisation included) over a fixed set of
/// texts. One warm-up pass over the first 64 texts, then `passes` timed passes; the best is reported,
/// as the reference anchors do.
public struct EmbedBenchmark: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        public var texts: Int
        public var tokens: Int
        public var seconds: Double
        public var tokensPerSecond: Double
        public var textsPerSecond: Double
        public var threads: Int
        public var batch: Int
        public var passes: Int
        public var tokenizeSeconds: Double
        public var peakRSSMB: Double
        public var avx2: Bool
        /// CPU seconds per encoder operation, summed over lanes (with `profile`).
        public var profile: [String: Double]?
        /// The precision the linear layers ran in (after any fallback).
        public var precision: String?
        /// MB the linear layers' weights occupy in that precision (fp32 MiniLM-L6: 42.5).
        public var linearWeightsMB: Double?

        enum CodingKeys: String, CodingKey {
            case texts, tokens, seconds, threads, batch, passes, avx2, profile
            case tokensPerSecond = "tokens_per_s"
            case textsPerSecond = "texts_per_s"
            case tokenizeSeconds = "tokenize_seconds"
            case peakRSSMB = "peak_rss_mb"
            case precision
            case linearWeightsMB = "linear_weights_mb"
        }
    }

    public let texts: [String]
    public var passes: Int = 2

    public init(texts: [String], passes: Int = 2) {
        self.texts = texts
        self.passes = passes
    }

    /// The first `count` Cranfield abstracts, `title + " " + text`, as the anchors use them.
    public static func cranfieldTexts(count: Int = 600) throws -> [String] {
        let corpus = try DatasetLocator.cranfield().appendingPathComponent("corpus.jsonl")
        return try BEIRDataset.loadCorpus(corpus).prefix(count).map(\.indexedText)
    }

    public func run(embedder: Embedder, profile: Bool) throws -> Result {
        guard !texts.isEmpty else { throw EmbeddingError.invalidInput(reason: "the benchmark needs at least one text") }
        let tokenizeStart = Date()
        let ids = texts.map { embedder.tokenizer.encode($0) }
        let tokenizeSeconds = Date().timeIntervalSince(tokenizeStart)
        let tokens = ids.reduce(0) { $0 + $1.count }
        _ = try embedder.embed(tokenIds: Array(ids.prefix(64)))
        var best = Double.infinity
        for _ in 0..<max(1, passes) {
            let start = Date()
            _ = try embedder.embed(texts: texts)
            best = min(best, Date().timeIntervalSince(start))
        }
        var operations: [String: Double]?
        if profile {
            let profiled = try embedder.embedProfiled(tokenIds: ids).profile
            operations = Dictionary(uniqueKeysWithValues: profiled.seconds.map { ($0.key.rawValue, $0.value) })
        }
        return Result(
            texts: texts.count, tokens: tokens, seconds: best, tokensPerSecond: Double(tokens) / best,
            textsPerSecond: Double(texts.count) / best, threads: embedder.configuration.threads,
            batch: embedder.configuration.batchSize, passes: max(1, passes), tokenizeSeconds: tokenizeSeconds,
            peakRSSMB: Double(ProcessMemory.peakResidentBytes()) / 1_048_576, avx2: ElementwiseKernels.usesAVX2,
            profile: operations, precision: embedder.model.precision.rawValue,
            linearWeightsMB: (Double(embedder.weights.linearResidentBytes) / 1_048_576 * 10).rounded() / 10)
    }
}
