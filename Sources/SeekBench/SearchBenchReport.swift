import SeekSearch

/// `seek bench search --json`: the scan benchmark's keys at the top level, plus `end_to_end`.
public struct SearchBenchReport: Sendable, Encodable {
    public var scan: SearchBenchmark.Report
    public var endToEnd: SearchLatencyBenchmark.Report?

    public init(scan: SearchBenchmark.Report, endToEnd: SearchLatencyBenchmark.Report?) {
        self.scan = scan
        self.endToEnd = endToEnd
    }

    enum CodingKeys: String, CodingKey {
        case endToEnd = "end_to_end"
    }

    public func encode(to encoder: any Encoder) throws {
        try scan.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(endToEnd, forKey: .endToEnd)
    }
}
