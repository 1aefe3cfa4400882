import Foundation
import SeekCore
import SeekIngest
import Testing

struct CSVParserTests {
    private let parser = CSVParser()

    @Test func rowsBecomeSelfDescribingLines() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("people.csv"))
        #expect(document.text == """
            name: Alice | city: Paris | notes: Likes "quoted" words, and commas | age: 34
            name: Bob | city: New York | notes: Line one line two | age: 41
            name: Carol | city: Oslo | age: 29
            """)
        #expect(document.segments == [DocumentSegment(start: 0, end: document.text.unicodeScalars.count, layout: .records)])
        #expect(document.metadata["columns"] == "name, city, notes, age")
        #expect(document.metadata["rows"] == "3")
        #expect(document.metadata["header"] == "true")
        #expect(document.metadata["delimiter"] == "comma")
    }

    @Test func tsvExtensionUsesTabs() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("stock.tsv"))
        #expect(document.text == "id: 1 | product: Lamp | price: 19.90\nid: 2 | product: Desk, oak | price: 249")
        #expect(document.metadata["delimiter"] == "tab")
    }

    @Test func semicolonDelimiterIsSniffed() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("countries-semicolon.csv"))
        #expect(document.metadata["delimiter"] == "semicolon")
        #expect(document.text.hasPrefix("Land: Frankreich | Hauptstadt: Paris | Einwohner: 68000000\n"))
    }

    @Test func numericFirstRowIsNotAHeader() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("numbers-noheader.csv"))
        #expect(document.metadata["header"] == "false")
        #expect(document.metadata["columns"] == nil)
        #expect(document.metadata["rows"] == "2")
        #expect(document.text == "column 1: 1 | column 2: 2.5 | column 3: alpha\ncolumn 1: 2 | column 2: 3.5 | column 3: beta")
    }

    @Test func emptyFileHasNoRows() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write([], named: "empty.csv", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text.isEmpty)
        #expect(document.segments.isEmpty)
        #expect(document.metadata["rows"] == "0")
    }

    @Test func legacyEncodedCSVIsDecoded() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // "ville,prix\nMontréal,5 €\n" in Windows-1252.
        let bytes: [UInt8] = Array("ville,prix\nMontr".utf8) + [0xE9] + Array("al,5 ".utf8) + [0x80, 0x0A]
        let url = try DocumentFixtures.write(bytes, named: "prix.csv", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text == "ville: Montréal | prix: 5 €")
        #expect(document.metadata["encoding"] == "windows-1252")
    }
}
