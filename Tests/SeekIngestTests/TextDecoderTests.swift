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
