import Foundation
import SeekIngest
import Testing

struct TextDecoderTests {
    @Test func windows1252IsDetectedAndDecoded() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-cp1252.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .singleByte(.windows1252))
        #expect(decoded.text.hasPrefix("Le café de la gare servait une crème brûlée.\nÀ côté, un garçon"))
        #expect(decoded.text.contains("« Les Misérables » – déjà vu ?"))
        #expect(decoded.text.contains("Prix : 12 €."))
        #expect(!decoded.text.contains("\r"))
    }

    @Test func macRomanIsDetectedAndDecoded() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-macroman.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .singleByte(.macRoman))
        #expect(decoded.text == "Die Größe der Brücke überraschte.\nCafé naïve: crème brûlée für alle.\n")
    }

    @Test func latin1WithoutC1BytesIsNamedISO88591() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-latin1.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .singleByte(.isoLatin1))
        #expect(decoded.encoding.name == "iso-8859-1")
        #expect(decoded.text == "Smørrebrød og æblegrød på Østerbro.\nØl og brød.\n")
    }

    @Test func utf16LittleEndianWithoutBOMIsFoundFromNULPattern() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-utf16le-nobom.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .utf16LittleEndian)
        #expect(!decoded.hadByteOrderMark)
        #expect(decoded.text == "Hello UTF-16 world.\nSecond line with ümlaut and 日本語.\n")
    }

    @Test func utf16BigEndianWithBOMDropsTheMark() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-utf16be-bom.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .utf16BigEndian)
        #expect(decoded.hadByteOrderMark)
        #expect(decoded.text == "Hello UTF-16 world.\nSecond line with ümlaut and 日本語.\n")
    }

    @Test func utf32LittleEndianBOMWinsOverUTF16() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-utf32le-bom.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .utf32LittleEndian)
        #expect(decoded.text.hasSuffix("ümlaut and 日本語.\n"))
    }

    @Test func utf8BOMIsRemovedAndCRLFBecomesLF() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-utf8-bom.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .utf8)
        #expect(decoded.hadByteOrderMark)
        #expect(decoded.text == "naïve résumé\nline two\n")
    }

    @Test func mostlyUTF8ReadsStrayBytesAsWindows1252() throws {
        let data = try Data(contentsOf: DocumentFixtures.url("text-mixed-utf8.txt"))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding == .utf8WithWindows1252Bytes)
        #expect(decoded.encoding.name == "utf-8+windows-1252")
        #expect(decoded.text == "Übersicht: Straße, Café, café au lait\n")
    }

    @Test func invalidUTF8WithoutValidSequencesIsLegacy() {
        // "na\xEFve" alone: no valid multi-byte sequence, so it is legacy text, not UTF-8 with a replacement.
        let decoded = TextDecoder.decode(Data([0x6E, 0x61, 0xEF, 0x76, 0x65]))
        #expect(decoded.encoding == .singleByte(.isoLatin1))
        #expect(decoded.text == "naïve")
        #expect(!decoded.text.contains("\u{FFFD}"))
    }

    @Test func loneCarriageReturnsBecomeLineFeeds() {
        #expect(TextDecoder.normalizingLineEndings("a\rb\r\nc\n\rd") == "a\nb\nc\n\nd")
        #expect(TextDecoder.normalizingLineEndings("no breaks") == "no breaks")
    }

    @Test func explicitEncodingOverridesDetection() {
        let bytes = Data([0x43, 0x61, 0x66, 0x8E])  // "Caf" + 0x8E: é in Mac Roman, Ž in Windows-1252
        #expect(TextDecoder.decode(bytes, as: .singleByte(.macRoman)) == "Café")
        #expect(TextDecoder.decode(bytes, as: .singleByte(.windows1252)) == "CafŽ")
    }

    @Test func truncatedUTF16EndsWithReplacementCharacter() {
        let decoded = TextDecoder.decode(Data([0xFF, 0xFE, 0x41, 0x00, 0x42]))
        #expect(decoded.encoding == .utf16LittleEndian)
        #expect(decoded.text == "A\u{FFFD}")
    }
}

/// Issue 16: BOM-less UTF-16/32 of non-Latin text and the legacy charsets found by uchardet.
struct TextDecoderCharsetTests {
    private static let cjkAndEmoji = "東京の天気は晴れです 🌸\n我们明天去北京看长城 😀\n한국어 문장도 있습니다 🎉\n"

    @Test(arguments: [
        ("text-utf16le-nobom-cjk.txt", DetectedEncoding.utf16LittleEndian),
        ("text-utf16be-nobom-cjk.txt", .utf16BigEndian),
        ("text-utf32be-nobom.txt", .utf32BigEndian),
    ])
    func unicodeWithoutBOMHoldingCJKAndEmojiIsDecodedExactly(name: String, encoding: DetectedEncoding) throws {
        let decoded = TextDecoder.decode(try Data(contentsOf: DocumentFixtures.url(name)))
        #expect(decoded.encoding == encoding)
        #expect(!decoded.hadByteOrderMark)
        #expect(decoded.text == Self.cjkAndEmoji)
    }

    @Test func utf16WithoutASCIIIsFoundFromItsSurrogatePairs() {
        // Only emoji and CJK, no line break: no zero byte anywhere.
        let text = "😀🌸東京🎉"
        for (encoding, littleEndian) in [(DetectedEncoding.utf16LittleEndian, true), (.utf16BigEndian, false)] {
            let bytes = text.utf16.flatMap { unit -> [UInt8] in
                littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            }
            let decoded = TextDecoder.decode(Data(bytes))
            #expect(decoded.encoding == encoding)
            #expect(decoded.text == text)
        }
    }

    @Test func asciiAndBrokenSurrogatesAreNotUTF16() {
        // ASCII read as UTF-16 looks like CJK ("he" = U+6568): valid UTF-8 without zero bytes stays UTF-8.
        #expect(TextDecoder.decode(Data("hello world, this is plain ASCII".utf8)).encoding == .utf8)
        // A lone low surrogate in both byte orders (DC 00 / 00 DC) with a NUL: not UTF-16.
        #expect(TextDecoder.detectEncoding(of: Data([0x41, 0x00, 0x00, 0xDC, 0x42, 0x00])) != .utf16LittleEndian)
    }

    @Test(arguments: [
        ("text-shiftjis.txt", "shift_jis", "東京の天気は今日も晴れです。"),
        ("text-gb18030.txt", "gb18030", "我们明天早上去北京参观长城和故宫。"),
        ("text-euckr.txt", "euc-kr", "오늘은 날씨가 정말 좋아서 친구들과 함께 한강 공원에 갔습니다."),
        ("text-cp1251.txt", "windows-1251", "Вчера мы ходили в библиотеку"),
        ("text-koi8r.txt", "koi8-r", "Вчера мы ходили в библиотеку"),
        ("text-iso8859-2.txt", "iso-8859-2", "Wczoraj wieczorem poszliśmy do teatru"),
    ])
    func legacyCharsetsAreDetectedAndDecodedExactly(name: String, charset: String, opening: String) throws {
        let data = try Data(contentsOf: DocumentFixtures.url(name))
        let decoded = TextDecoder.decode(data)
        #expect(decoded.encoding.name == charset)
        #expect(decoded.text.hasPrefix(opening))
        #expect(!decoded.text.contains("\u{FFFD}"))
        // Exact: encoding the text back gives the file's bytes.
        let reencoded = try #require(Self.encode(decoded.text, charset: charset))
        #expect(reencoded == data)
    }

    @Test func invalidSequencesBecomeReplacementCharacters() throws {
        var bytes = [UInt8](try Data(contentsOf: DocumentFixtures.url("text-shiftjis.txt")))
        // A Shift-JIS lead byte followed by a newline is an invalid sequence.
        bytes.insert(contentsOf: [0x81, 0x0A], at: bytes.count / 2 & ~1)
        let text = TextDecoder.decode(Data(bytes), as: .charset("shift_jis"))
        #expect(text.contains("\u{FFFD}"))
        #expect(text.hasPrefix("東京の天気は"))
    }

    @Test func charsetLabelsMapToEncodings() {
        #expect(DetectedEncoding(charsetLabel: "UTF-8") == .utf8)
        #expect(DetectedEncoding(charsetLabel: "us-ascii") == .utf8)
        #expect(DetectedEncoding(charsetLabel: "windows-1251") == .singleByte(.windows1251))
        #expect(DetectedEncoding(charsetLabel: "\"Shift_JIS\"") == .charset("shift_jis"))
        #expect(DetectedEncoding(charsetLabel: "x-no-such-charset") == nil)
    }

    /// `text` encoded with iconv's encoder (the `iconv` command), to check decoding round-trips.
    private static func encode(_ text: String, charset: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", charset]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
