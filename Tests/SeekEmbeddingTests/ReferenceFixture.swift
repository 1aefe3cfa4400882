import Foundation

/// The 200 reference texts with their token ids and embeddings from the Python reference
/// (sentence-transformers; see Tests/Fixtures/minilm-reference.jsonl), and where the model lives.
struct ReferenceFixture: Decodable {
    let text: String
    let ids: [Int32]
    let tokens: [String]
    let embedding: [Float]

    static let fixturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func all() throws -> [ReferenceFixture] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("minilm-reference.jsonl"))
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(ReferenceFixture.self, from: Data($0)) }
    }
}
