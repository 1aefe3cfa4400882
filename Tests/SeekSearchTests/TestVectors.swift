import Foundation
import SeekTestSupport

/// Deterministic test vectors: SplitMix64 unit vectors and the real MiniLM embeddings of the
/// reference fixture.
enum TestVectors {

    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// `count` unit vectors, row-major.
    static func unitVectors(count: Int, dimension: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = []
        values.reserveCapacity(count * dimension)
        for _ in 0..<count { values += generator.unitVector(dimension: dimension) }
        return values
    }

    struct Reference: Decodable {
        let text: String
        let embedding: [Float]
    }

    /// The 200 texts of Tests/Fixtures/minilm-reference.jsonl with their reference embeddings.
    static func reference() throws -> [Reference] {
        let data = try Data(contentsOf: ProjectFixtures.directory.appendingPathComponent("minilm-reference.jsonl"))
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Reference.self, from: Data($0)) }
    }
}

extension SeededGenerator {
    /// A unit vector with components drawn uniformly before normalisation.
    mutating func unitVector(dimension: Int) -> [Float] {
        TestVectors.normalized(signedValues(count: dimension))
    }
}
