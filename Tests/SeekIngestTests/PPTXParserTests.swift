import Foundation
import SeekCore
import SeekIngest
import Testing

struct PPTXParserTests {
    private let parser = PPTXParser()

    @Test func slidesFollowPresentationOrderWithTitlesAndNotes() throws {
        // The fixture's last slide file (slide3.xml, "Team") was moved to the front of the deck.
        let document = try parser.parse(fileAt: DocumentFixtures.url("review.pptx"))
        #expect(document.metadata["slides"] == "3")
        #expect(document.segments.map(\.headingPath) == [["Slide 1: Team"], ["Slide 2: Quarterly Review"], ["Slide 3: Results"]])
        #expect(document.segmentTexts == [
            "Team\n\nRole | Person\nLead | Dana",
            "Quarterly Review\nNumbers and plans",
            "Results\nRevenue grew twelve percent\nCosts stayed flat\n\nNotes: Mention the new contract.",
        ])
    }

    @Test func titleFallsBackToTheFirstSlideTitle() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("review.pptx"))
        #expect(document.title == "Team")
    }

    @Test func notAZipIsCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write(Array("slides".utf8), named: "deck.pptx", in: folder)
        #expect(throws: IngestError.corrupt(path: url.path, parser: "pptx", reason: "not a zip archive (truncated or damaged)")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func zipWithoutSlidesIsCorrupt() {
        let url = DocumentFixtures.url("missing-body.docx")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "pptx", reason: "ppt/presentation.xml missing")) {
            try parser.parse(fileAt: url)
        }
    }
}
