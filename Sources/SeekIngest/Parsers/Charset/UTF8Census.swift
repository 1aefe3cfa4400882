/// Counts the valid multi-byte sequences and the invalid bytes of a byte string read as UTF-8.
///
/// Hand-written: the standard library can validate UTF-8 but not count how much of a string is
/// valid, which `TextDecoder` needs to tell "UTF-8 with a few stray bytes" from legacy 8-bit text.
struct UTF8Census {
    /// Well-formed sequences of 2 to 4 bytes.
    private(set) var validMultiByteSequences = 0
    /// Bytes that start no well-formed sequence.
    private(set) var invalidBytes = 0

    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = Self.validSequenceLength(in: bytes[...], at: index)
            if length > 0 {
                validMultiByteSequences += 1
                index += length
            } else {
                invalidBytes += 1
                index += 1
            }
        }
    }

    /// Length (1...4) of the well-formed UTF-8 sequence starting at `index`, or 0 when none starts
    /// there (stray continuation byte, overlong form, surrogate, value over U+10FFFF, truncation).
    static func validSequenceLength(in bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard index + length <= bytes.endIndex, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            return 0
        }
        return length
    }
}
