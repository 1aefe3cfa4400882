import Foundation
import SeekCore
import SeekIngest
import Testing

struct DOCParserTests {
    private let parser = DOCParser()

    @Test func wordDocumentMadeByLibreOfficeIsRead() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("guide.doc"))
        #expect(document.text.hasPrefix("Seek Field Guide\n\nAn opening paragraph before any heading."))
        #expect(document.text.contains("Run the installer.\tThen wait.\nA second line in the same paragraph."))
        #expect(document.text.contains("Command | Effect\nseek index | Indexes folders\nseek search | Finds passages"))
        #expect(document.text.hasSuffix("Closing words."))
    }

    @Test func rtfSavedAsDocGoesToTheRTFParser() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("menu.doc")
        try FileManager.default.copyItem(at: DocumentFixtures.url("menu-cp1252.rtf"), to: url)
        let expected = try RTFParser().parse(fileAt: DocumentFixtures.url("menu-cp1252.rtf"))
        #expect(try parser.parse(fileAt: url).text == expected.text)
    }

    @Test func brokenWordFilesAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DocumentFixtures.write(Array("plain text".utf8), named: "fake.doc", in: folder)
        #expect(throws: IngestError.corrupt(path: text.path, parser: "doc", reason: "not a Word 97-2003 file (no OLE2 compound file signature)")) {
            try parser.parse(fileAt: text)
        }
        let empty = try DocumentFixtures.write([], named: "empty.doc", in: folder)
        #expect(throws: IngestError.corrupt(path: empty.path, parser: "doc", reason: "empty file (0 bytes)")) {
            try parser.parse(fileAt: empty)
        }
        // A spreadsheet is an OLE2 file too, but not a Word document: antiword says so.
        let sheet = folder.appendingPathComponent("sheet.doc")
        try FileManager.default.copyItem(at: DocumentFixtures.url("roster.xls"), to: sheet)
        #expect(throws: IngestError.corrupt(path: sheet.path, parser: "doc", reason: "antiword: Sorry, but this is an Excel spreadsheet")) {
            try parser.parse(fileAt: sheet)
        }
    }
}
