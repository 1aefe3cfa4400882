import Foundation
import SeekCore
import SeekIngest
import Testing

struct PPTParserTests {
    private let parser = PPTParser()

    @Test func slidesComeInPresentationOrderWithTitlesAndNotes() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("review.ppt"))
        #expect(document.metadata["slides"] == "3")
        #expect(document.title == "Team")
        #expect(document.segments.map(\.headingPath) == [["Slide 1: Team"], ["Slide 2: Quarterly Review"], ["Slide 3: Results"]])
        let slides = document.segmentTexts
        #expect(slides[0].hasPrefix("Team\n"))
        #expect(slides[0].contains("Dana"))
        #expect(slides[1] == "Quarterly Review\nNumbers and plans")
        #expect(slides[2] == "Results\nRevenue grew twelve percent\nCosts stayed flat\n\nNotes: Mention the new contract.")
    }

    @Test func brokenPresentationsAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DocumentFixtures.write(Array("slides".utf8), named: "fake.ppt", in: folder)
        #expect(throws: IngestError.corrupt(path: text.path, parser: "ppt", reason: "not a PowerPoint 97-2003 file (no OLE2 compound file signature)")) {
            try parser.parse(fileAt: text)
        }
        let workbook = folder.appendingPathComponent("workbook.ppt")
        try FileManager.default.copyItem(at: DocumentFixtures.url("roster.xls"), to: workbook)
        #expect(throws: IngestError.corrupt(path: workbook.path, parser: "ppt", reason: "no \"PowerPoint Document\" stream (not a presentation)")) {
            try parser.parse(fileAt: workbook)
        }
        let bytes = [UInt8](try Data(contentsOf: DocumentFixtures.url("review.ppt")))
        let truncated = try DocumentFixtures.write(Array(bytes.prefix(4096)), named: "cut.ppt", in: folder)
        do {
            _ = try parser.parse(fileAt: truncated)
            Issue.record("a truncated presentation parsed")
        } catch let IngestError.corrupt(_, parserName, reason) {
            #expect(parserName == "ppt")
            #expect(reason.hasPrefix("damaged"))
        }
    }
}
