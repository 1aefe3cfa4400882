import Foundation
import SeekCore
import SeekIngest
import Testing

struct NotebookParserTests {
    @Test func cellsInOrderWithHeadingsAndTruncatedOutputs() throws {
        let document = try NotebookParser().parse(fileAt: DocumentFixtures.url("rainfall.ipynb"))
        #expect(document.title == "Rainfall analysis")
        #expect(document.metadata["language"] == "python")
        #expect(document.metadata["cells"] == "5")
        #expect(document.segments.map(\.headingPath) == [["Rainfall analysis"], ["Rainfall analysis", "Long output"]])
        #expect(document.text.hasPrefix("""
            Rainfall analysis

            Monthly rainfall in Bergen, 2025.

            import statistics
            rain = [190, 152, 170, 114, 106, 106]
            print(statistics.mean(rain))

            139.66666666666666

            Long output

            list(range(2000))

            [0, 1, 2,
            """))
        #expect(document.text.contains("… [output truncated]\n\nraw cell text"))
        // The 9,000-character result is cut to 1,000 characters; the PNG output is left out.
        #expect(document.text.unicodeScalars.count < 1_400)
        #expect(!document.text.contains("iVBOR"))
    }

    @Test func brokenNotebooksAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parser = NotebookParser()
        let notJSON = try DocumentFixtures.write(Array("{\"cells\": [".utf8), named: "cut.ipynb", in: folder)
        do {
            _ = try parser.parse(fileAt: notJSON)
            Issue.record("truncated JSON parsed")
        } catch let IngestError.corrupt(_, parserName, reason) {
            #expect(parserName == "notebook")
            #expect(reason.hasPrefix("not valid JSON"))
        }
        let noCells = try DocumentFixtures.write(Array("{\"metadata\": {}}".utf8), named: "nocells.ipynb", in: folder)
        #expect(throws: IngestError.corrupt(path: noCells.path, parser: "notebook", reason: "not a Jupyter notebook (no \"cells\" list)")) {
            try parser.parse(fileAt: noCells)
        }
    }
}
