import Foundation

/// The byte layouts of stored vectors: Float32 embeddings as explicit little-endian BLOBs, and
/// the symmetric per-vector Int8 quantisation of the fast first-pass scan.
public enum VectorCodec {
    /// Bytes per stored Float32 component.
    public static let bytesPerFloat = MemoryLayout<UInt32>.size

    /// Little-endian Float32 bytes of `vector` (4 bytes per component), whatever the host's byte order.
    public static func encodeFloat32(_ vector: [Float]) -> Data {
        #if _endian(little)
        return vector.withUnsafeBytes { Data($0) }
        #else
        var data = Data(capacity: vector.count * bytesPerFloat)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
        #endif
    }

    /// Decodes little-endian Float32 bytes; throws unless `data` holds exactly `dimension` floats.
    public static func decodeFloat32(_ data: Data, dimension: Int) throws(StoreError) -> [Float] {
        guard data.count == dimension * bytesPerFloat else {
            throw .invalidData(reason: "a Float32 vector blob of \(data.count) bytes does not hold \(dimension) floats")
        }
        var vector = [Float](repeating: 0, count: dimension)
        vector.withUnsafeMutableBufferPointer { decodeFloat32(data, into: $0) }
        return vector
    }

    /// Symmetric Int8 quantisation: `scale = max|x| / 127` (0 for a zero vector) and
    /// `code[i] = Int8(clamping: (x[i] / scale).rounded())`. Throws on a non-finite component.
    public static func quantize(_ vector: [Float]) throws(StoreError) -> QuantizedVector {
        var maxMagnitude: Float = 0
        for (index, value) in vector.enumerated() {
            guard value.isFinite else {
                throw .invalidData(reason: "cannot quantise a vector with a non-finite component \(value) at \(index)")
            }
            maxMagnitude = max(maxMagnitude, abs(value))
        }
        guard maxMagnitude > 0 else {
            return QuantizedVector(codes: [Int8](repeating: 0, count: vector.count), scale: 0)
        }
        let scale = maxMagnitude / 127
        return QuantizedVector(codes: vector.map { Int8(clamping: Int(($0 / scale).rounded())) }, scale: scale)
    }

    /// The approximation `Float(code) * scale` of a quantised vector.
    public static func dequantize(_ quantized: QuantizedVector) -> [Float] {
        quantized.codes.map { Float($0) * quantized.scale }
    }

    /// The codes as raw bytes (one byte per component, two's complement).
    public static func encodeInt8(_ codes: [Int8]) -> Data {
        codes.withUnsafeBytes { Data($0) }
    }

    /// Decodes Int8 codes; throws unless `data` holds exactly `dimension` bytes.
    public static func decodeInt8(_ data: Data, dimension: Int) throws(StoreError) -> [Int8] {
        guard data.count == dimension else {
            throw .invalidData(reason: "an Int8 code blob of \(data.count) bytes does not hold \(dimension) codes")
        }
        var codes = [Int8](repeating: 0, count: dimension)
        codes.withUnsafeMutableBufferPointer { decodeInt8(data, into: $0) }
        return codes
    }

    /// Copies little-endian Float32 bytes into `destination`, which must hold `data.count / 4` floats.
    static func decodeFloat32(_ data: Data, into destination: UnsafeMutableBufferPointer<Float>) {
        data.withUnsafeBytes { decodeFloat32($0, into: destination) }
    }

    /// Copies little-endian Float32 bytes into `destination`, which must hold `source.count / 4`
    /// floats. The bulk loaders decode every BLOB straight into one preallocated matrix with this.
    static func decodeFloat32(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableBufferPointer<Float>) {
        precondition(source.count == destination.count * bytesPerFloat, "blob of \(source.count) bytes for \(destination.count) floats")
        #if _endian(little)
        UnsafeMutableRawBufferPointer(destination).copyMemory(from: source)
        #else
        for index in destination.indices {
            let bits = source.loadUnaligned(fromByteOffset: index * bytesPerFloat, as: UInt32.self)
            destination[index] = Float(bitPattern: UInt32(littleEndian: bits))
        }
        #endif
    }

    /// Copies Int8 code bytes into `destination`, which must hold `data.count` codes.
    static func decodeInt8(_ data: Data, into destination: UnsafeMutableBufferPointer<Int8>) {
        data.withUnsafeBytes { decodeInt8($0, into: destination) }
    }

    /// Copies Int8 code bytes into `destination`, which must hold `source.count` codes.
    static func decodeInt8(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableBufferPointer<Int8>) {
        precondition(source.count == destination.count, "blob of \(source.count) bytes for \(destination.count) codes")
        UnsafeMutableRawBufferPointer(destination).copyMemory(from: source)
    }
}
