import Foundation
import SeekTestSupport
import Testing

/// `seek rerank score` as a user runs it: the tiny cross-encoder fixture's pairs in, transformers'
/// ids and scores out (within 1e-4), in order; bad input and a model that is no cross-encoder
/// refused with a message and a failing exit.
struct RerankCommandTests {
    @Test func scoresMatchTheReferenceLineByLine() throws {
        let fixture = try CLIFixture()
        let referenceFile = ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder-reference.jsonl")
        let references = try Data(contentsOf: referenceFile).split(separator: UInt8(ascii: "\n")).map {
            try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] ?? [:]
        }
        let input = try references.map { reference in
            String(decoding: try JSONSerialization.data(withJSONObject: ["query": reference["query"] ?? "", "passage": reference["passage"] ?? ""]),
                   as: UTF8.self)
        }.joined(separator: "\n")
        let model = ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder").path
        let result = try fixture.seek("rerank", "score", "--model-dir", model, input: Data((input + "\n\n").utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: UInt8(ascii: "\n")).map {
            (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) ?? [:]
        }
        #expect(lines.count == references.count)
        for (line, reference) in zip(lines, references) {
            #expect(line["input_ids"] as? [Int] == reference["input_ids"] as? [Int])
            let score = try #require(line["score"] as? Double), expected = try #require(reference["score"] as? Double)
            #expect(abs(score - expected) <= 1e-4)
        }
    }

    @Test func badLinesAndNonCrossEncodersAreRefused() throws {
        let fixture = try CLIFixture()
        let model = ProjectFixtures.directory.appendingPathComponent("tiny-cross-encoder").path
        let bad = try fixture.seek("rerank", "score", "--model-dir", model, input: Data("{\"query\":\"a\"}\n".utf8))
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("line 1"))
        let embedder = try ModelLocation.testModelDirectory().path
        let wrong = try fixture.seek("rerank", "score", "--model-dir", embedder, input: Data("{\"query\":\"a\",\"passage\":\"b\"}\n".utf8))
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("classifier"))
        let missing = try fixture.seek("rerank", "score", "--model-dir", fixture.directory.appendingPathComponent("nothing").path,
                                       input: Data("{\"query\":\"a\",\"passage\":\"b\"}\n".utf8))
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("config.json"))
    }
}
