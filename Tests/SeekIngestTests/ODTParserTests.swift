import Foundation
import SeekCore
import SeekIngest
import Testing

struct ODTParserTests {
    private let parser = ODTParser()

    @Test func headingsByOutlineLevelParagraphsAndTables() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("garden.odt"))
        #expect(document.title == "Garden Notes")
        #expect(document.segments.map(\.headingPath) == [[], ["Vegetables"], ["Vegetables", "Tomatoes"], ["Flowers"]])
        #expect(document.segmentTexts == [
            "Preface before the first heading.",
            "Vegetables\n\nTomatoes need   sun.",
            "Tomatoes\n\nWater them every morning.",
            "Flowers\n\nPlant | Season\nTulip | Spring",
        ])
    }

    @Test func missingContentIsCorrupt() {
        let url = DocumentFixtures.url("missing-body.docx")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "odt", reason: "content.xml missing")) {
            try parser.parse(fileAt: url)
        }
    }
}
