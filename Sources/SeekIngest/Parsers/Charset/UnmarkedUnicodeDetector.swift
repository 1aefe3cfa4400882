/// Recognises UTF-32 and UTF-16 text that has no byte order mark, in either byte order, from the
/// structure of its code units rather than from Latin letters: CJK, Cyrillic or emoji text is found
/// as well as English.
///
/// A byte order is accepted when, in the first `TextDecoder.sampleBytes` bytes:
/// - every code unit decodes to a plausible character: surrogates come in valid high-low pairs, and
///   no unit is a control character other than tab, LF, VT, FF, CR, nor U+0000, a noncharacter,
///   a private-use or an unassigned code point;
/// - and the units show the other signs of real UTF-16 text: at least one unit below U+0100
///   (a line break, space, digit or Latin letter, which puts a zero byte in the high half) or
///   one surrogate pair (emoji, rare CJK).
/// When both byte orders pass, the one with more units below U+0100 plus surrogate pairs wins
/// (a tie: neither).
/// Bytes that are valid UTF-8 without any zero byte are never taken for UTF-16: ASCII read as
/// UTF-16 looks like CJK ("he" is U+6568).
///
/// Hand-written: no listed library detects BOM-less UTF-16 (uchardet needs a byte order mark).
enum UnmarkedUnicodeDetector {
    /// The encoding of BOM-less `bytes` when they are UTF-32 or UTF-16 text, else nil.
    static func detect(_ bytes: [UInt8]) -> DetectedEncoding? {
        let sample = bytes.prefix(TextDecoder.sampleBytes)
        guard sample.count >= 2, sample.contains(0) || !isValidUTF8(sample) else { return nil }
        if sample.count >= 4 {
            let little = utf32Score(sample, littleEndian: true)
            let big = utf32Score(sample, littleEndian: false)
            if let little, big == nil || little > big! { return .utf32LittleEndian }
            if let big, little == nil || big > little! { return .utf32BigEndian }
        }
        let little = utf16Score(sample, littleEndian: true)
        let big = utf16Score(sample, littleEndian: false)
        switch (little, big) {
        case (.some, nil): return .utf16LittleEndian
        case (nil, .some): return .utf16BigEndian
        case (let little?, let big?) where little != big: return little > big ? .utf16LittleEndian : .utf16BigEndian
        default: return nil
        }
    }

    /// Units below U+0100 plus surrogate pairs when `sample` reads as plausible UTF-16 in this byte
    /// order, else nil.
    static func utf16Score(_ sample: ArraySlice<UInt8>, littleEndian: Bool) -> Int? {
        var units: [UInt16] = []
        units.reserveCapacity(sample.count / 2)
        var index = sample.startIndex
        while index + 1 < sample.endIndex {
            let first = UInt16(sample[index])
            let second = UInt16(sample[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var lowUnits = 0
        var pairs = 0
        var position = 0
        while position < units.count {
            let unit = units[position]
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate needs a low one; one cut off by the end of the sample is fine.
                guard position + 1 < units.count else { break }
                let low = units[position + 1]
                guard (0xDC00...0xDFFF).contains(low) else { return nil }
                let value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                guard let scalar = Unicode.Scalar(value), isPlausible(scalar) else { return nil }
                pairs += 1
                position += 2
                continue
            }
            guard !(0xDC00...0xDFFF).contains(unit), let scalar = Unicode.Scalar(unit), isPlausible(scalar) else { return nil }
            if unit < 0x100 { lowUnits += 1 }
            position += 1
        }
        guard lowUnits > 0 || pairs > 0 else { return nil }
        return lowUnits + pairs
    }

    /// Units below U+0100 when `sample` reads as plausible UTF-32 in this byte order, else nil.
    static func utf32Score(_ sample: ArraySlice<UInt8>, littleEndian: Bool) -> Int? {
        var lowUnits = 0
        var units = 0
        var index = sample.startIndex
        while index + 3 < sample.endIndex {
            let quad = (0..<4).map { UInt32(sample[index + $0]) }
            let value = littleEndian
                ? quad[0] | quad[1] << 8 | quad[2] << 16 | quad[3] << 24
                : quad[0] << 24 | quad[1] << 16 | quad[2] << 8 | quad[3]
            guard let scalar = Unicode.Scalar(value), isPlausible(scalar) else { return nil }
            if value < 0x100 { lowUnits += 1 }
            units += 1
            index += 4
        }
        return units > 0 ? lowUnits : nil
    }

    /// True for a character that real text holds: not a control other than the whitespace ones,
    /// not U+0000, not a noncharacter, a private-use or an unassigned code point.
    static func isPlausible(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return (0x09...0x0D).contains(value) }
        if (0x7F...0x9F).contains(value) { return false }
        switch scalar.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate: return false
        default: return !scalar.properties.isNoncharacterCodePoint
        }
    }

    private static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let length = UTF8Census.validSequenceLength(in: bytes, at: index)
            // A sequence cut off by the end of the sample still counts as valid.
            if length == 0 { return bytes.endIndex - index < 4 && bytes.count == TextDecoder.sampleBytes }
            index += length
        }
        return true
    }
}
