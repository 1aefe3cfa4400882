import SeekIngest
import Testing

struct SingleByteCodePageTests {
    @Test func tablesMapTheCharactersThatDifferBetweenCodePages() {
        #expect(SingleByteCodePage.windows1252.decode([0x80, 0x93, 0x94, 0xE9]) == "€“”é")
        #expect(SingleByteCodePage.macRoman.decode([0x8E, 0x8F, 0x9A, 0xA7, 0xDB]) == "éèöß€")
        #expect(SingleByteCodePage.windows1251.decode([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]) == "Привет")
        #expect(SingleByteCodePage.windows1250.decode([0x8A, 0xE8, 0xF8]) == "Ščř")
        #expect(SingleByteCodePage.ibm437.decode([0x82, 0xC9, 0xE1]) == "é╔ß")
        #expect(SingleByteCodePage.ibm850.decode([0x82, 0xD4]) == "éÈ")
        #expect(SingleByteCodePage.isoLatin1.decode([0x80, 0xE9]) == "\u{80}é")
    }

    @Test func undefinedBytesBecomeReplacementCharacters() {
        #expect(SingleByteCodePage.windows1252.scalar(for: 0x81) == "\u{FFFD}")
        #expect(SingleByteCodePage.windows1252.scalar(for: 0x41) == "A")
    }

    @Test func windowsCodePageNumbersAndCharsetLabelsResolve() {
        #expect(SingleByteCodePage(windowsCodePage: 1252) == .windows1252)
        #expect(SingleByteCodePage(windowsCodePage: 10000) == .macRoman)
        #expect(SingleByteCodePage(windowsCodePage: 1251) == .windows1251)
        #expect(SingleByteCodePage(windowsCodePage: 932) == nil)
        #expect(SingleByteCodePage(charsetLabel: "ISO-8859-1") == .windows1252)
        #expect(SingleByteCodePage(charsetLabel: "x-mac-roman") == .macRoman)
        #expect(SingleByteCodePage(charsetLabel: "shift_jis") == nil)
    }
}
