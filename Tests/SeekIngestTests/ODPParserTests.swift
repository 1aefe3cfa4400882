import Foundation
import SeekCore
import SeekIngest
import Testing

struct ODPParserTests {
    @Test func slidesWithTitlesTablesAndNotes() throws {
        let document = try ODPParser().parse(fileAt: DocumentFixtures.url("review.odp"))
        #expect(document.metadata["slides"] == "3")
        #expect(document.segments.map(\.headingPath) == [["Slide 1: Team"], ["Slide 2: Quarterly Review"], ["Slide 3: Results"]])
        #expect(document.segmentTexts == [
            "Team\nRole | Person\nLead | Dana",
            "Quarterly Review\nNumbers and plans",
            "Results\nRevenue grew twelve percent\nCosts stayed flat\n\nNotes: Mention the new contract.",
        ])
    }

    @Test func aTruncatedPresentationIsCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = [UInt8](try Data(contentsOf: DocumentFixtures.url("review.odp")))
        let url = try DocumentFixtures.write(Array(bytes.prefix(bytes.count / 2)), named: "cut.odp", in: folder)
        #expect(throws: IngestError.corrupt(path: url.path, parser: "odp", reason: "not a zip archive (truncated or damaged)")) {
            try ODPParser().parse(fileAt: url)
        }
    }
}
