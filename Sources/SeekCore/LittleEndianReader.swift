import Foundation

/// Reads little-endian fields from the front of a byte buffer, refusing to read past its end —
/// the decoding half of Seek's small binary cache formats (`Data.appendLittleEndian` writes them).
/// Hand-written because Foundation has no bounds-checked binary reader.
public struct LittleEndianReader {
    private let bytes: [UInt8]
    /// Where the next field starts.
    public private(set) var offset = 0

    public init(_ data: Data) {
        bytes = [UInt8](data)
    }

    /// True once every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// The next 4 bytes as a little-endian UInt32, or nil when fewer remain.
    public mutating func uint32() -> UInt32? {
        guard bytes.count - offset >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    /// The next `count` bytes, or nil when fewer remain.
    public mutating func bytes(count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}
