import Foundation
import SeekCore
import SeekIngest
import Testing

struct XLSParserTests {
    private let parser = XLSParser()

    @Test func everySheetIsARecordsSegment() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("roster.xls"))
        #expect(document.metadata["sheets"] == "2")
        #expect(document.segments.map(\.headingPath) == [["Sheet 1"], ["Sheet 2"]])
        #expect(document.segments.allSatisfy { $0.layout == .records })
        #expect(document.segmentTexts == [
            // xls2csv prints dates in custom formats as Excel serial numbers.
            "Name: Alice | City: Paris | Born: 32933 | Score: 91.5\nName: Bob | City: Berlin | Born: 31405 | Score: 78\nCity: Oslo | Score: 3.25",
            "A: 1.5 | B: 2 | C: first\nA: 3 | B: 4.25 | C: inline second",
        ])
    }

    @Test func brokenWorkbooksAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DocumentFixtures.write(Array("a,b\n1,2\n".utf8), named: "fake.xls", in: folder)
        #expect(throws: IngestError.corrupt(path: text.path, parser: "xls", reason: "not an Excel 97-2003 file (no OLE2 compound file signature)")) {
            try parser.parse(fileAt: text)
        }
        let bytes = [UInt8](try Data(contentsOf: DocumentFixtures.url("roster.xls")))
        let truncated = try DocumentFixtures.write(Array(bytes.prefix(600)), named: "cut.xls", in: folder)
        do {
            _ = try parser.parse(fileAt: truncated)
            Issue.record("a truncated workbook parsed")
        } catch let IngestError.corrupt(_, parserName, reason) {
            #expect(parserName == "xls")
            #expect(reason.hasPrefix("xls2csv"))
        }
    }
}
