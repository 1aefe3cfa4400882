import Foundation
import SeekCore
import SeekIngest
import Testing

struct DOCXParserTests {
    private let parser = DOCXParser()

    @Test func bodyTextWithHeadingsTablesTabsAndBreaks() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("guide.docx"))
        #expect(document.title == "Field Guide to Seek")
        #expect(document.segments.map(\.headingPath) == [
            ["Seek Field Guide"],
            ["Seek Field Guide", "Installation"],
            ["Seek Field Guide", "Installation", "Linux"],
            ["Seek Field Guide", "Usage"],
        ])
        #expect(document.segmentTexts == [
            "Seek Field Guide\n\nAn opening paragraph before any heading.",
            "Installation\n\nRun the installer.\tThen wait.\nA second line in the same paragraph.",
            "Linux\n\nUse apt-get on Debian.",
            "Usage\n\nCommand | Effect\nseek index | Indexes folders\nseek search | Finds passages\n\nClosing words.",
        ])
    }

    @Test func brokenZipIsCorrupt() {
        let url = DocumentFixtures.url("guide-truncated.docx")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "docx", reason: "not a zip archive (truncated or damaged)")) {
            try parser.parse(fileAt: url)
        }
        let text = DocumentFixtures.url("not-a-zip.docx")
        #expect(throws: IngestError.corrupt(path: text.path, parser: "docx", reason: "not a zip archive (truncated or damaged)")) {
            try parser.parse(fileAt: text)
        }
    }

    @Test func zipWithoutTheDocumentPartIsCorrupt() {
        let url = DocumentFixtures.url("missing-body.docx")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "docx", reason: "word/document.xml missing")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func emptyFileIsCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write([], named: "empty.docx", in: folder)
        #expect(throws: IngestError.corrupt(path: url.path, parser: "docx", reason: "empty file (0 bytes)")) {
            try parser.parse(fileAt: url)
        }
    }
}
