import Foundation
import SeekCore
import SeekIngest
import Testing

struct XLSXParserTests {
    private let parser = XLSXParser()

    @Test func eachSheetIsARecordsSegmentNamedAfterIt() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("roster.xlsx"))
        #expect(document.title == "Team Roster")
        #expect(document.metadata["sheets"] == "People, Measurements")
        #expect(document.segments.map(\.headingPath) == [["People"], ["Measurements"]])
        #expect(document.segments.allSatisfy { $0.layout == .records })
    }

    @Test func headerRowNamesTheColumnsAndDatesAreISO() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("roster.xlsx"))
        #expect(document.segmentTexts[0] == """
            Name: Alice | City: Paris | Born: 1990-03-01 | Score: 91.5
            Name: Bob | City: Berlin | Born: 1985-12-24 | Score: 78
            City: Oslo | Score: 3.25
            """)
    }

    @Test func sheetWithoutHeaderUsesColumnLettersAndReadsInlineStrings() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("roster.xlsx"))
        #expect(document.segmentTexts[1] == "A: 1.5 | B: 2 | C: first\nA: 3 | B: 4.25 | C: inline second")
    }

    @Test func brokenZipIsCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = try Data(contentsOf: DocumentFixtures.url("roster.xlsx"))
        let url = folder.appendingPathComponent("cut.xlsx")
        try full.prefix(full.count / 2).write(to: url)
        #expect(throws: IngestError.corrupt(path: url.path, parser: "xlsx", reason: "not a zip archive (truncated or damaged)")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func docxIsNotAWorkbook() {
        let url = DocumentFixtures.url("guide.docx")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "xlsx", reason: "xl/workbook.xml missing")) {
            try parser.parse(fileAt: url)
        }
    }
}
