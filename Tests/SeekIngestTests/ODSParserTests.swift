import Foundation
import SeekCore
import SeekIngest
import Testing

struct ODSParserTests {
    @Test func sheetsAreRecordsSegmentsLikeXLSX() throws {
        let document = try ODSParser().parse(fileAt: DocumentFixtures.url("roster.ods"))
        let xlsx = try XLSXParser().parse(fileAt: DocumentFixtures.url("roster.xlsx"))
        #expect(document.metadata["sheets"] == "People, Measurements")
        #expect(document.segments.map(\.headingPath) == [["People"], ["Measurements"]])
        #expect(document.segmentTexts == xlsx.segmentTexts)
        #expect(document.segmentTexts.first?.hasPrefix("Name: Alice | City: Paris | Born: 1990-03-01 | Score: 91.5") == true)
    }

    @Test func xlsmGoesThroughTheXLSXParser() throws {
        let parser = try #require(try ParserRegistry.standard.parser(for: DocumentFixtures.url("roster.xlsm")))
        #expect(parser.name == "xlsx")
        #expect(try parser.parse(fileAt: DocumentFixtures.url("roster.xlsm")).segmentTexts.count == 2)
    }

    @Test func aZipWithoutContentIsCorrupt() throws {
        let url = DocumentFixtures.url("missing-body.docx")
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("sheet.ods")
        try FileManager.default.copyItem(at: url, to: copy)
        #expect(throws: IngestError.corrupt(path: copy.path, parser: "ods", reason: "content.xml missing")) {
            try ODSParser().parse(fileAt: copy)
        }
    }
}
