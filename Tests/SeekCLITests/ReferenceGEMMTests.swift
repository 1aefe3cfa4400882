import Foundation
import SeekTestSupport
import Testing

/// `SEEK_GEMM=reference`: the fallback Seek takes when the BLAS library fails its known-answer check
/// gives the same embeddings, and says so in `seek doctor` and the run log.
struct ReferenceGEMMTests {
    @Test func theReferenceKernelEmbedsLikeTheReferenceAndIsReported() throws {
        let fixture = try CLIFixture()
        let lines = try String(contentsOf: ProjectFixtures.directory.appendingPathComponent("minilm-reference.jsonl"), encoding: .utf8)
            .split(separator: "\n").prefix(24)
        let references = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let input = try references.map { reference in
            String(decoding: try JSONSerialization.data(withJSONObject: ["text": try #require(reference["text"] as? String)]), as: UTF8.self)
        }.joined(separator: "\n")
        let environment = ["SEEK_GEMM": "reference", "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let result = try SeekProcess.run(["embed"], in: fixture.directory, input: Data(input.utf8), environment: environment)
        try #require(result.status == 0, "\(result.standardError)")
        let outputs = result.output.split(separator: "\n")
        try #require(outputs.count == references.count)
        for (output, reference) in zip(outputs, references) {
            let embedded = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let vector = try #require(embedded["embedding"] as? [Double])
            let expected = try #require(reference["embedding"] as? [Double])
            #expect(embedded["ids"] as? [Int] == reference["ids"] as? [Int])
            let cosine = Self.dot(vector, expected) / (Self.dot(vector, vector) * Self.dot(expected, expected)).squareRoot()
            #expect(cosine >= 0.9999, "\(reference["text"] ?? "")")
        }

        let doctor = try SeekProcess.run(["doctor", "--json"], in: fixture.directory, environment: environment).json()
        let blas = try #require((doctor["checks"] as? [[String: Any]])?.first { $0["check"] as? String == "blas" })
        #expect(blas["ok"] as? Bool == true)
        #expect((blas["detail"] as? String ?? "").contains("known-answer check not run: SEEK_GEMM=reference; using Seek's reference kernel"))
    }

    private static func dot(_ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
