@_spi(Testing) import SeekIngest
import Testing

/// The chunker's scalar array: the same scalars as `String.unicodeScalars` at every offset, kept one
/// byte each only when the whole text is ASCII.
struct ScalarBufferTests {
    static let texts = [
        "", "a", "plain ASCII text.\n\nWith a paragraph\r\nand\ttabs \u{7F}",
        "café", "naïve text ending in ASCII", "\u{00E9}", "emoji 🧪 and CJK 文字。", "\u{0000}nul first",
        String(repeating: "x", count: 10_000) + "é",
    ]

    @Test(arguments: texts)
    func holdsTheScalarsOfTheText(_ text: String) {
        let buffer = ScalarBuffer(text)
        let expected = Array(text.unicodeScalars)
        #expect(buffer.count == expected.count)
        #expect(Array(buffer) == expected)
        for offset in expected.indices { #expect(buffer[offset] == expected[offset]) }
        #expect(buffer.isASCII == text.utf8.allSatisfy { $0 < 0x80 })
    }

    /// A buffer made from an array keeps the array's scalars, ASCII or not.
    @Test func anArrayIsKeptAsItIs() {
        let scalars = Array("ascii only".unicodeScalars)
        let buffer = ScalarBuffer(scalars)
        #expect(Array(buffer) == scalars)
        #expect(!buffer.isASCII)
    }
}
