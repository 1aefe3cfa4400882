import Foundation
import SeekIngest
import Testing

struct ContentSnifferTests {
    @Test func knownSignaturesAreNamed() throws {
        let png = [UInt8](try Data(contentsOf: DocumentFixtures.url("binary-image")))
        #expect(ContentSniffer.sniff(png) == .knownBinary("PNG image"))
        #expect(ContentSniffer.sniff(Array("SQLite format 3\u{0}".utf8) + [0x10, 0x00]) == .knownBinary("SQLite database"))
        #expect(ContentSniffer.sniff([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]) == .knownBinary("ELF executable"))
        #expect(ContentSniffer.sniff([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) == .knownBinary("zip archive"))
    }

    @Test func documentHeadersAreRecognised() {
        #expect(ContentSniffer.sniff(Array("%PDF-1.7\n%\u{E2}".utf8)) == .pdf)
        #expect(ContentSniffer.sniff(Array("{\\rtf1\\ansi hello}".utf8)) == .rtf)
    }

    @Test func textThatStartsLikeASignatureStaysText() {
        // "BM" is the BMP signature and "MZ" the Windows executable one; as plain words they are text.
        #expect(ContentSniffer.sniff(Array("BMW and Audi are car brands.\n".utf8)) == .text)
        #expect(ContentSniffer.sniff(Array("MZ is a two-letter prefix.\n".utf8)) == .text)
    }

    @Test func textAndBinaryAreToldApart() throws {
        #expect(ContentSniffer.sniff(Array("plain words\nand lines\n".utf8)) == .text)
        #expect(ContentSniffer.sniff([]) == .text)
        let utf16 = [UInt8](try Data(contentsOf: DocumentFixtures.url("text-utf16le-nobom.txt")))
        #expect(ContentSniffer.sniff(utf16) == .text)
        let blob = [UInt8](try Data(contentsOf: DocumentFixtures.url("binary-blob.dat")))
        #expect(ContentSniffer.sniff(blob) == .unknownBinary)
        #expect(ContentSniffer.looksBinary([0x01, 0x02, 0x03, 0x41]))
        #expect(!ContentSniffer.looksBinary(Array("tab\tand\u{1B}[0m escape".utf8)))
    }
}
