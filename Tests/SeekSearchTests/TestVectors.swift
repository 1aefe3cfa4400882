import Foundation
import SeekTestSupport

/// Deterministic test vectors: SplitMix64 unit vectors and the real MiniLM embeddings of the
/// reference fixture.
enum TestVectors {
    /// A generator state advanced by `unitVector`.
    struct Generator {
        var state: UInt64

        mutating func nextUniform() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(Double(z >> 11) / Double(1 << 53)) * 2 - 1
        }

        /// A unit vector with components drawn uniformly before normalisation.
        mutating func unitVector(dimension: Int) -> [Float] {
            normalized((0..<dimension).map { _ in nextUniform() })
        }
    }

    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// `count` unit vectors, row-major.
    static func unitVectors(count: Int, dimension: Int, seed: UInt64) -> [Float] {
        var generator = Generator(state: seed)
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
