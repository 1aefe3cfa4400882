import Foundation

/// Turns the bytes of a text file into a `String`, detecting the encoding.
///
/// Order of detection:
/// 1. A byte order mark: UTF-8, UTF-32 LE/BE (checked before UTF-16), UTF-16 LE/BE.
/// 2. UTF-32 or UTF-16 without a byte order mark, in either byte order, from the structure of the
///    code units (valid surrogate pairs, only plausible code points; see `UnmarkedUnicodeDetector`),
///    so CJK and emoji text is found as well as mostly-ASCII text.
/// 3. Valid UTF-8 (plain ASCII included).
/// 4. uchardet (`UniversalCharsetDetector`) for the CJK multi-byte encodings (Shift-JIS, EUC-JP,
///    GB18030, Big5, EUC-KR) and the non-Western code pages (Windows-1250/1251, KOI8-R,
///    ISO-8859-2...), decoded through iconv. Its answer must pass a confidence floor, because the
///    Debian version reports no confidence: the bytes decode with no invalid sequence, and a
///    single-byte answer reads at least as plausibly as the Western guess of step 6. Western
///    answers (Windows-1252, ISO-8859-1/15) are left to step 6, which also knows Mac Roman.
/// 5. Mostly UTF-8 with a few invalid bytes (at least as many valid multi-byte sequences as invalid
///    bytes): decoded as UTF-8, each invalid byte read as Windows-1252. We chose this over U+FFFD
///    replacement characters because such bytes are almost always a legacy character pasted into a
///    UTF-8 file ("caf\xE9"), and reading it as Windows-1252 keeps the word searchable.
/// 6. Otherwise a Western 8-bit code page, chosen by a plausibility score of the non-ASCII bytes:
///    Windows-1252 vs Mac Roman, or ISO 8859-1 vs Mac Roman when no byte is in 0x80...0x9F (there
///    ISO 8859-1 and Windows-1252 decode identically, and ISO 8859-1 is the precise name).
///
/// Decoding never fails: invalid sequences become U+FFFD. The detection is hand-written around
/// uchardet and iconv: uchardet knows neither BOM-less UTF-16 nor Mac Roman, and Foundation's
/// detection (`stringEncodingForData`) is not available on Linux.
public enum TextDecoder {
    /// How many leading bytes the BOM-less UTF-16/32 check and the binary checks look at.
    public static let sampleBytes = 8192

    /// Detects the encoding of `data` and decodes it. Never fails: undecodable units become U+FFFD.
    public static func decode(_ data: Data) -> DecodedText {
        let bytes = [UInt8](data)
        if let (encoding, bomLength) = byteOrderMark(of: bytes) {
            let text = decode(bytes[bomLength...], as: encoding)
            return DecodedText(text: normalizingLineEndings(text), encoding: encoding, hadByteOrderMark: true)
        }
        let encoding = detectEncoding(ofUnmarked: bytes)
        return DecodedText(
            text: normalizingLineEndings(decode(bytes[...], as: encoding)), encoding: encoding, hadByteOrderMark: false)
    }

    /// Decodes `data` with a known encoding (a byte order mark matching it is skipped), with line
    /// endings normalized to LF.
    public static func decode(_ data: Data, as encoding: DetectedEncoding) -> String {
        let bytes = [UInt8](data)
        var body = bytes[...]
        if let (marked, bomLength) = byteOrderMark(of: bytes), marked == encoding {
            body = bytes[bomLength...]
        }
        return normalizingLineEndings(decode(body, as: encoding))
    }

    /// The encoding `decode(_:)` would use for `data`.
    public static func detectEncoding(of data: Data) -> DetectedEncoding {
        let bytes = [UInt8](data)
        if let (encoding, _) = byteOrderMark(of: bytes) { return encoding }
        return detectEncoding(ofUnmarked: bytes)
    }

    /// The encoding announced by a byte order mark at the start of `bytes`, with the mark's length.
    public static func byteOrderMark(of bytes: [UInt8]) -> (DetectedEncoding, Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32LittleEndian, 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32BigEndian, 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        return nil
    }

    /// Turns CRLF and lone CR line endings into LF.
    public static func normalizingLineEndings(_ text: String) -> String {
        // CR and LF are single ASCII bytes in UTF-8 and never part of another character's encoding,
        // so the bytes can be rewritten directly.
        var utf8 = Array(text.utf8)
        guard utf8.contains(0x0D) else { return text }
        var write = 0
        var read = 0
        while read < utf8.count {
            let byte = utf8[read]
            read += 1
            if byte == 0x0D {
                utf8[write] = 0x0A
                if read < utf8.count, utf8[read] == 0x0A { read += 1 }
            } else {
                utf8[write] = byte
            }
            write += 1
        }
        return String(decoding: utf8[..<write], as: UTF8.self)
    }

    // MARK: - Detection

    private static func detectEncoding(ofUnmarked bytes: [UInt8]) -> DetectedEncoding {
        if let unicode = UnmarkedUnicodeDetector.detect(bytes) { return unicode }
        let census = UTF8Census(bytes)
        if census.invalidBytes == 0 { return .utf8 }
        let western = legacyCodePage(of: bytes)
        let detected = detectedCharset(of: bytes, westernFallback: western)
        if let detected, !detected.isSingleByte { return detected.encoding }
        if census.validMultiByteSequences > 0, census.validMultiByteSequences >= census.invalidBytes {
            return .utf8WithWindows1252Bytes
        }
        return detected?.encoding ?? .singleByte(western)
    }

    /// uchardet's answer for `bytes` when it passes the confidence floor (see the type's comment).
    private static func detectedCharset(
        of bytes: [UInt8], westernFallback: SingleByteCodePage
    ) -> (encoding: DetectedEncoding, isSingleByte: Bool)? {
        guard let name = UniversalCharsetDetector.detect(bytes[...]) else { return nil }
        let upper = name.uppercased()
        if ["ASCII", "UTF-8", "UTF-16", "UTF-32", "WINDOWS-1252", "ISO-8859-1", "ISO-8859-15"].contains(upper)
            || upper.hasPrefix("UTF-") {
            return nil
        }
        // uchardet names EUC-KR text "UHC" (its Windows superset): keep the precise name when it fits.
        let candidates = upper == "UHC" ? ["EUC-KR", "CP949"] : [upper]
        let sample = Array(bytes.prefix(legacySampleBytes))
        for charset in candidates {
            let encoding = DetectedEncoding(charsetLabel: charset)
            guard let encoding, case let scalars = Array(decode(sample[...], as: encoding).unicodeScalars) else { continue }
            let invalid = scalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
            guard invalid == 0 else { continue }
            let isSingleByte = scalars.count == sample.count
            if isSingleByte {
                let westernScalars = sample.map { westernFallback.scalar(for: $0) }
                guard plausibility(of: sample, reading: scalars) >= plausibility(of: sample, reading: westernScalars) else { return nil }
            }
            return (encoding, isSingleByte)
        }
        return nil
    }

    /// How many leading bytes the legacy code page guess looks at.
    static let legacySampleBytes = 65_536

    /// Picks the most plausible Western legacy code page for `bytes` (ties go to the Windows page),
    /// judging by the first `legacySampleBytes` bytes.
    static func legacyCodePage(of allBytes: [UInt8]) -> SingleByteCodePage {
        let bytes = Array(allBytes.prefix(legacySampleBytes))
        let hasC1Range = bytes.contains { (0x80...0x9F).contains($0) }
        let windowsCandidate: SingleByteCodePage = hasC1Range ? .windows1252 : .isoLatin1
        let windowsScore = plausibility(of: bytes, in: windowsCandidate)
        let macScore = plausibility(of: bytes, in: .macRoman)
        return macScore > windowsScore ? .macRoman : windowsCandidate
    }

    /// How much the non-ASCII bytes of `bytes` look like real text when read in `page`: letters
    /// inside words score up, control characters, capitals after lowercase letters ("cafÉ") and
    /// symbols inside words ("na•ve") score down.
    static func plausibility(of bytes: [UInt8], in page: SingleByteCodePage) -> Int {
        plausibility(of: bytes, reading: bytes.map { page.scalar(for: $0) })
    }

    /// `plausibility(of:in:)` for a single-byte reading given as one scalar per byte of `bytes`.
    static func plausibility(of bytes: [UInt8], reading scalars: [Unicode.Scalar]) -> Int {
        precondition(scalars.count == bytes.count, "one scalar per byte")
        var score = 0
        for index in bytes.indices where bytes[index] >= 0x80 {
            let scalar = scalars[index]
            let previous: Unicode.Scalar = index > 0 ? scalars[index - 1] : " "
            let next: Unicode.Scalar = index + 1 < scalars.count ? scalars[index + 1] : " "
            let previousIsLetter = previous.properties.isAlphabetic
            let nextIsLetter = next.properties.isAlphabetic
            let properties = scalar.properties
            if scalar == "\u{FFFD}" || (0x80...0x9F).contains(scalar.value) {
                score -= 10
            } else if properties.isAlphabetic {
                if properties.isUppercase {
                    score += previous.properties.isLowercase ? -2 : 1
                } else {
                    score += previousIsLetter || nextIsLetter ? 2 : 1
                }
            } else if apostrophesAndDashes.contains(scalar) {
                score += 1
            } else if commonSymbols.contains(scalar) {
                score += previousIsLetter && nextIsLetter ? -2 : 1
            } else {
                score -= previousIsLetter && nextIsLetter ? 3 : 1
            }
        }
        return score
    }

    private static let apostrophesAndDashes: Set<Unicode.Scalar> = ["\u{2019}", "\u{2018}", "\u{2013}", "\u{2014}", "\u{00AD}"]
    private static let commonSymbols: Set<Unicode.Scalar> = [
        "\u{201C}", "\u{201D}", "\u{201E}", "\u{201A}", "\u{2026}", "\u{2022}", "\u{20AC}", "\u{00A3}", "\u{00B0}",
        "\u{00A9}", "\u{00AE}", "\u{2122}", "\u{00AB}", "\u{00BB}", "\u{00BF}", "\u{00A1}", "\u{00A0}", "\u{00A7}",
        "\u{00B7}", "\u{00B1}", "\u{00BD}", "\u{00BC}", "\u{00D7}", "\u{2039}", "\u{203A}",
    ]

    // MARK: - Decoding

    static func decode(_ bytes: ArraySlice<UInt8>, as encoding: DetectedEncoding) -> String {
        switch encoding {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .utf8WithWindows1252Bytes:
            return decodeUTF8ReadingInvalidBytesAsWindows1252(bytes)
        case .utf16LittleEndian, .utf16BigEndian:
            let littleEndian = encoding == .utf16LittleEndian
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index + 1 < bytes.endIndex {
                let first = UInt16(bytes[index])
                let second = UInt16(bytes[index + 1])
                units.append(littleEndian ? first | second << 8 : first << 8 | second)
                index += 2
            }
            var text = String(decoding: units, as: UTF16.self)
            if index < bytes.endIndex { text.unicodeScalars.append("\u{FFFD}") }
            return text
        case .utf32LittleEndian, .utf32BigEndian:
            let littleEndian = encoding == .utf32LittleEndian
            var scalars: [Unicode.Scalar] = []
            var index = bytes.startIndex
            while index + 3 < bytes.endIndex {
                let quad = (0..<4).map { UInt32(bytes[index + $0]) }
                let value = littleEndian
                    ? quad[0] | quad[1] << 8 | quad[2] << 16 | quad[3] << 24
                    : quad[0] << 24 | quad[1] << 16 | quad[2] << 8 | quad[3]
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index += 4
            }
            if index < bytes.endIndex { scalars.append("\u{FFFD}") }
            return String(scalars: scalars)
        case .singleByte(let page):
            return page.decode(bytes)
        case .charset(let name):
            // Only charsets iconv supports become `.charset` (see `DetectedEncoding(charsetLabel:)`).
            return (try? IconvConverter.decode(bytes, charset: name).text) ?? SingleByteCodePage.windows1252.decode(bytes)
        }
    }

    private static func decodeUTF8ReadingInvalidBytesAsWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars: [Unicode.Scalar] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let length = UTF8Census.validSequenceLength(in: bytes, at: index)
            if length > 0 {
                scalars.append(contentsOf: String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars)
                index += length
            } else {
                scalars.append(SingleByteCodePage.windows1252.scalar(for: bytes[index]))
                index += 1
            }
        }
        return String(scalars: scalars)
    }
}
