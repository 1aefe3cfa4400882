import Foundation
import SeekCore
import SeekIngest
import Testing

struct RTFParserTests {
    private let parser = RTFParser()

    @Test func windows1252EscapesUnicodeAndSpecials() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("menu-cp1252.rtf"))
        #expect(document.title == "Café Menu")
        #expect(document.metadata["author"] == "Chef André")
        #expect(document.metadata["codePage"] == "windows-1252")
        let lines = document.text.components(separatedBy: "\n")
        #expect(lines == [
            "Café crème brûlée costs 5€ today.",
            "Unicode skip: — dash and 한 negative.",
            "Emoji pair: 😀 done.",
            "Specials: a\u{00A0}b, well\u{2011}known, hyphen, {braces} and \\backslash.",
            "link text",
            "Col A\tCol B",
            "A1 | B1",
        ])
    }

    @Test func skippedDestinationsLeaveNoText() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("menu-cp1252.rtf"))
        for hidden in ["Arial", "Symbol", "Normal", "should not appear", "Hand 1.0", "Running header", "89504e47", "HYPERLINK"] {
            #expect(!document.text.contains(hidden), "\(hidden)")
        }
    }

    @Test func cyrillicCodePageIsDecoded() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("greeting-cp1251.rtf"))
        #expect(document.text == "Привет, мир!")
        #expect(document.metadata["codePage"] == "windows-1251")
    }

    @Test func macRomanCodePageIsDecoded() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("note-macroman.rtf"))
        #expect(document.text == "Café naïve")
        #expect(document.metadata["codePage"] == "macintosh")
    }

    @Test func fontCharsetOverridesTheDocumentCodePage() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rtf = #"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset204 Arial Cyr;}}\f0 caf\'e9 {\f1 \'e4\'e0} caf\'e9}"#
        let url = try DocumentFixtures.write(Array(rtf.utf8), named: "fonts.rtf", in: folder)
        #expect(try parser.parse(fileAt: url).text == "café да café")
    }

    @Test func nonRTFAndEmptyFilesAreCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DocumentFixtures.write(Array("plain words".utf8), named: "fake.rtf", in: folder)
        #expect(throws: IngestError.corrupt(path: text.path, parser: "rtf", reason: "not an RTF file (no {\\rtf header)")) {
            try parser.parse(fileAt: text)
        }
        let empty = try DocumentFixtures.write([], named: "empty.rtf", in: folder)
        #expect(throws: IngestError.corrupt(path: empty.path, parser: "rtf", reason: "empty file (0 bytes)")) {
            try parser.parse(fileAt: empty)
        }
    }

    @Test func unbalancedBracesDoNotCrash() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rtf = #"{\rtf1 one}} two {{\b three\'"#
        let url = try DocumentFixtures.write(Array(rtf.utf8), named: "unbalanced.rtf", in: folder)
        #expect(try parser.parse(fileAt: url).text == "one two three")
    }
}
