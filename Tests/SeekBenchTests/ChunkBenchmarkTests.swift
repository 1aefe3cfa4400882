import Foundation
import SeekBench
import SeekEmbedding
import SeekTestSupport
import Testing

/// `ChunkBenchmark` at a small size: every input is made at the asked size, chunked, measured and
/// reported (never timed here: `seek bench chunk` reports the speeds).
struct ChunkBenchmarkTests {
    static let prose = "Wing flutter at high speed.\n\nThe boundary layer (see [1]) separates; \"shock\" waves form."

    @Test func measuresProseAndEveryPathologicalInput() throws {
        let size = 64 << 10
        let benchmark = try ChunkBenchmark(prose: Self.prose, sizeBytes: size, passes: 1)
        #expect(benchmark.inputs.map(\.name) == [
            "prose", "run of ]", "run of .", "run of -", "one line", "no spaces", "one word", "nested brackets", "nested JSON",
        ])
        for input in benchmark.inputs {
            let bytes = input.text.utf8.count
            // "one line" and "no spaces" are made from the prose (the latter without its spaces).
            #expect(bytes <= size && bytes >= (input.name == "no spaces" ? size * 3 / 4 : size - 16), "\(input.name): \(bytes) bytes")
        }
        #expect(!benchmark.inputs[4].text.contains("\n") && !benchmark.inputs[5].text.contains(" "))
        #expect(benchmark.inputs[8].text.hasPrefix(#"{"a":[{"a":["#) && benchmark.inputs[8].text.hasSuffix("]}]}"))

        let tokenizer = try WordPieceTokenizer(contentsOf: ProjectFixtures.tokenizerJSON)
        let result = try benchmark.run(tokenizer: tokenizer)
        #expect(result.inputs.map(\.name) == benchmark.inputs.map(\.name))
        #expect(result.inputs[0].slowdown == 1)
        for measurement in result.inputs {
            #expect(measurement.chunks > 0 && measurement.tokens > 0 && measurement.seconds > 0 && measurement.mbPerSecond > 0,
                    "\(measurement)")
        }
        // A run of `]` is one token per character, cut into chunks of at most 254 text tokens.
        let brackets = result.inputs[1]
        #expect(brackets.tokens >= size && brackets.chunks >= size / 254)
        #expect(result.maxSlowdown == result.inputs.map(\.slowdown).max())
        #expect(result.withinLimit == (result.maxSlowdown <= result.slowdownLimit) && result.slowdownLimit == 10)

        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        #expect(Set(json.keys) == ["inputs", "max_slowdown", "slowdown_limit", "within_limit", "passes"])
        let first = try #require((json["inputs"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["name", "bytes", "chunks", "tokens", "seconds", "mb_per_s", "slowdown"])
    }

    @Test func rejectsInputsItCannotRunOn() {
        #expect(throws: ChunkBenchmarkError.self) { try ChunkBenchmark(prose: " \n ", sizeBytes: 1 << 20) }
        #expect(throws: ChunkBenchmarkError.self) { try ChunkBenchmark(prose: Self.prose, sizeBytes: 100) }
        #expect(throws: ChunkBenchmarkError.self) { try ChunkBenchmark(prose: Self.prose, sizeBytes: 1 << 20, passes: 0) }
    }
}
