import Foundation

extension Data {
    /// Appends `value` as 4 little-endian bytes (read back by `LittleEndianReader.uint32()`).
    public mutating func appendLittleEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
