import SeekEngine

/// `seek bench rerank`: quality and stage latency per reranking mode on a BEIR dataset, and the
/// latency reranking adds on a larger synthetic index. Saved as `<index>/bench/rerank-<time>.json`.
///
/// JSON: the keys of `RerankComparison`, plus "latency_index" (`RerankLatencyBenchmark.Result`,
/// absent with `--latency-chunks 0`) and "saved_to".
public struct RerankBenchResult: Sendable, Encodable {
    public var comparison: RerankComparison
    public var latency: RerankLatencyBenchmark.Result?
    public var savedTo: String?

    enum CodingKeys: String, CodingKey {
        case latency = "latency_index"
        case savedTo = "saved_to"
    }

    public func encode(to encoder: any Encoder) throws {
        try comparison.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(latency, forKey: .latency)
        try container.encodeIfPresent(savedTo, forKey: .savedTo)
    }
}
