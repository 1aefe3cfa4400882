import Foundation
import SeekCore
import SeekIngest

/// Chunking throughput (tokenization included, as in the indexing pipeline's chunk stage) on
/// normal prose and on pathological inputs of the same size: long runs of one punctuation
/// character, one line without line breaks, text without spaces, deeply nested brackets.
///
/// Each input is one document chunked whole with the default `ChunkingConfiguration`; the best
/// of `passes` timed passes counts. Chunking is linear, so no input may take more than
/// `maxSlowdown` times as long per byte as prose (`Result.withinLimit`).
public struct ChunkBenchmark: Sendable {
    /// One named input text.
    public struct Input: Sendable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The measurement of one input.
    public struct Measurement: Sendable, Codable, Equatable {
        public var name: String
        /// UTF-8 bytes of the input.
        public var bytes: Int
        /// Chunks it was cut into.
        public var chunks: Int
        /// Text tokens over all chunks (overlap counted twice).
        public var tokens: Int
        /// Best wall-clock seconds of one pass.
        public var seconds: Double
        /// Throughput in MB (2^20 bytes, as everywhere in Seek) per second.
        public var mbPerSecond: Double
        /// Seconds per byte relative to prose (1 for prose itself).
        public var slowdown: Double

        enum CodingKeys: String, CodingKey {
            case name, bytes, chunks, tokens, seconds, slowdown
            case mbPerSecond = "mb_per_s"
        }
    }

    /// The benchmark's report (`seek bench chunk --json`).
    public struct Result: Sendable, Codable, Equatable {
        /// Prose first, then the pathological inputs.
        public var inputs: [Measurement]
        /// The largest `slowdown` of any input.
        public var maxSlowdown: Double
        /// The allowed slowdown.
        public var slowdownLimit: Double
        /// True when `maxSlowdown <= slowdownLimit`.
        public var withinLimit: Bool
        public var passes: Int

        enum CodingKeys: String, CodingKey {
            case inputs, passes
            case maxSlowdown = "max_slowdown"
            case slowdownLimit = "slowdown_limit"
            case withinLimit = "within_limit"
        }
    }

    /// How much slower per byte than prose an input may be.
    public static let maxSlowdown = 10.0

    /// Prose first, then the pathological inputs.
    public let inputs: [Input]
    public let passes: Int

    /// - Parameters:
    ///   - prose: Normal text (e.g. Cranfield abstracts joined by blank lines), repeated or cut to
    ///     `sizeBytes`; the pathological inputs are derived from it or generated at that size.
    ///   - sizeBytes: Approximate UTF-8 size of every input (default 10 MB).
    ///   - passes: Timed passes per input; the best counts.
    /// - Throws: `ChunkBenchmarkError.invalidInput` for empty prose, a size under 1 KB or no pass.
    public init(prose: String, sizeBytes: Int = 10 << 20, passes: Int = 2) throws(ChunkBenchmarkError) {
        guard !prose.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            throw .invalidInput(reason: "the prose sample is empty")
        }
        guard sizeBytes >= 1024 else { throw .invalidInput(reason: "size \(sizeBytes) bytes is under 1 KB") }
        guard passes >= 1 else { throw .invalidInput(reason: "passes must be at least 1, not \(passes)") }
        inputs = Self.inputs(prose: prose, sizeBytes: sizeBytes)
        self.passes = passes
    }

    /// The inputs of `sizeBytes` each: prose, then the pathological ones.
    public static func inputs(prose: String, sizeBytes: Int) -> [Input] {
        let text = repeated(prose, toBytes: sizeBytes)
        let half = sizeBytes / 2
        let jsonLevel = #"{"a":["#
        let jsonDepth = (sizeBytes - 1) / (jsonLevel.utf8.count + 2)
        return [
            Input(name: "prose", text: text),
            Input(name: "run of ]", text: String(repeating: "]", count: sizeBytes)),
            Input(name: "run of .", text: String(repeating: ".", count: sizeBytes)),
            Input(name: "run of -", text: String(repeating: "-", count: sizeBytes)),
            Input(name: "one line", text: String(text.map { $0.isNewline ? " " : $0 })),
            Input(name: "no spaces", text: String(text.filter { !$0.isWhitespace })),
            Input(name: "one word", text: String(repeating: "abcdefghij", count: sizeBytes / 10)),
            Input(name: "nested brackets", text: String(repeating: "[", count: half) + String(repeating: "]", count: half)),
            Input(name: "nested JSON",
                  text: String(repeating: jsonLevel, count: jsonDepth) + "1" + String(repeating: "]}", count: jsonDepth)),
        ]
    }

    /// `text` repeated (joined by blank lines) until it has at least `bytes` UTF-8 bytes, then cut
    /// to about `bytes` at a character boundary.
    static func repeated(_ text: String, toBytes bytes: Int) -> String {
        var result = text
        while result.utf8.count < bytes { result += "\n\n" + text }
        return String(result.utf8.prefix(bytes)) ?? String(decoding: result.utf8.prefix(bytes), as: UTF8.self)
    }

    /// Chunks every input `passes` times with `tokenizer` and the default configuration.
    /// - Throws: `ChunkingConfigurationError` when the tokenizer takes fewer tokens than a default chunk.
    public func run(tokenizer: any TextTokenizing) throws -> Result {
        let chunker = try Chunker(tokenizer: tokenizer)
        let clock = ContinuousClock()
        var measured: [(input: Input, chunks: [ChunkDraft], seconds: Double)] = []
        for input in inputs {
            let document = ExtractedDocument(text: input.text)
            var best = Double.infinity
            var chunks: [ChunkDraft] = []
            for _ in 0..<passes {
                chunks = []
                let elapsed = clock.measure { chunks = chunker.chunks(of: document) }
                best = min(best, elapsed.seconds)
            }
            measured.append((input, chunks, best))
        }
        let proseSecondsPerByte = measured[0].seconds / Double(max(1, measured[0].input.text.utf8.count))
        let measurements = measured.map { entry in
            let bytes = entry.input.text.utf8.count
            return Measurement(
                name: entry.input.name, bytes: bytes, chunks: entry.chunks.count,
                tokens: entry.chunks.reduce(0) { $0 + $1.tokenIds.count - 2 }, seconds: entry.seconds,
                mbPerSecond: Double(bytes) / 1_048_576 / max(entry.seconds, 1e-9),
                slowdown: entry.seconds / Double(max(1, bytes)) / max(proseSecondsPerByte, 1e-15))
        }
        let worst = measurements.map(\.slowdown).max() ?? 1
        return Result(inputs: measurements, maxSlowdown: worst, slowdownLimit: Self.maxSlowdown,
                      withinLimit: worst <= Self.maxSlowdown, passes: passes)
    }
}
