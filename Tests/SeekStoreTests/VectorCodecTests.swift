import Foundation
import SeekStore
import Testing

struct VectorCodecTests {
    @Test func float32BlobIsLittleEndian() throws {
        let data = VectorCodec.encodeFloat32([1.0, -2.0, 0.15625])
        #expect(Array(data) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x20, 0x3E])
        #expect(try VectorCodec.decodeFloat32(data, dimension: 3) == [1.0, -2.0, 0.15625])
    }

    @Test func float32RoundTripIsBitExact() throws {
        let vector: [Float] = [0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1e-30, 3.14159265, 0.1]
        let decoded = try VectorCodec.decodeFloat32(VectorCodec.encodeFloat32(vector), dimension: vector.count)
        #expect(decoded.map(\.bitPattern) == vector.map(\.bitPattern))
    }

    @Test func float32DecodeRejectsWrongSize() {
        let data = VectorCodec.encodeFloat32([1, 2, 3])
        #expect(throws: StoreError.self) { try VectorCodec.decodeFloat32(data, dimension: 4) }
        #expect(throws: StoreError.self) { try VectorCodec.decodeFloat32(data.dropLast(), dimension: 3) }
    }

    @Test func quantizationFollowsTheSymmetricRule() throws {
        let quantized = try VectorCodec.quantize([0.3, -1.0, 0.25, 0, -0.004])
        #expect(quantized.scale == Float(1.0) / 127)
        // 0.3*127 = 38.1, 0.25*127 = 31.75, 0.004*127 = 0.508.
        #expect(quantized.codes == [38, -127, 32, 0, -1])
    }

    @Test func zeroVectorHasZeroScaleAndCodes() throws {
        let quantized = try VectorCodec.quantize([0, 0, 0, 0])
        #expect(quantized.scale == 0)
        #expect(quantized.codes == [0, 0, 0, 0])
        #expect(VectorCodec.dequantize(quantized) == [0, 0, 0, 0])
    }

    @Test func nonFiniteComponentIsRejected() {
        #expect(throws: StoreError.self) { try VectorCodec.quantize([0.5, .nan]) }
        #expect(throws: StoreError.self) { try VectorCodec.quantize([.infinity, 0.5]) }
    }

    @Test func dequantizationErrorIsAtMostHalfAStep() throws {
        var state: UInt64 = 42
        for _ in 0..<20 {
            let vector = IndexFixture.unitVector(state: &state)
            let quantized = try VectorCodec.quantize(vector)
            let maxMagnitude = vector.map(abs).max() ?? 0
            #expect(quantized.codes.map { abs(Int($0)) }.max() == 127)
            #expect(abs(quantized.scale - maxMagnitude / 127) <= 1e-9)
            for (original, approximation) in zip(vector, VectorCodec.dequantize(quantized)) {
                #expect(abs(original - approximation) <= quantized.scale * 0.5 + 1e-6)
            }
        }
    }

    @Test func int8BlobRoundTrips() throws {
        let codes: [Int8] = [-128, -127, -1, 0, 1, 127]
        let data = VectorCodec.encodeInt8(codes)
        #expect(Array(data) == [0x80, 0x81, 0xFF, 0x00, 0x01, 0x7F])
        #expect(try VectorCodec.decodeInt8(data, dimension: 6) == codes)
        #expect(throws: StoreError.self) { try VectorCodec.decodeInt8(data, dimension: 5) }
    }
}
