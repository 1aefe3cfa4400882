import Foundation
import SeekCore
import SeekIngest
import SeekTestSupport
import Testing

struct HTMLParserTests {
    private let parser = HTMLParser()

    @Test func visibleTextOnlyWithEntitiesDecoded() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("page.html"))
        #expect(document.title == "Café & Bistro — Menu")
        for hidden in ["STYLE", "SCRIPT TEXT", "NOSCRIPT TEXT", "TEMPLATE TEXT", "comment", "color: red", "Bistro"] {
            #expect(!document.text.contains(hidden), "\(hidden)")
        }
        #expect(document.text.contains("Fresh bread & butter daily.\nOpen 7 days, café é €5."))
        #expect(document.text.contains("Coffee\nTea <green>"))
        #expect(document.text.contains("Item | Price\nEspresso | 2.50"))
        #expect(document.text.contains("Mon-Fri   8-18\nSat       9-14"))
        #expect(document.text.contains("Unclosed div with attribute"))
        #expect(document.text.hasSuffix("Last paragraph &unknown; and a stray tag."))
    }

    @Test func headingsMakeSections() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("page.html"))
        #expect(document.segments.map(\.headingPath) == [["Our Menu"], ["Our Menu", "Drinks"], ["Our Menu", "Hours"]])
        #expect(document.segmentTexts[0] == "Our Menu\n\nFresh bread & butter daily.\nOpen 7 days, café é €5.")
        #expect(document.segmentTexts[1].hasPrefix("Drinks\n\nCoffee"))
        #expect(document.segmentTexts[2].hasPrefix("Hours\n\nMon-Fri"))
    }

    @Test func declaredWindows1252IsUsedForLegacyBytes() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("legacy-declared.html"))
        #expect(document.metadata["encoding"] == "windows-1252")
        #expect(document.title == "Prix")
        #expect(document.text == "Café crème – 5 €")
    }

    @Test func firstH1IsTheTitleWithoutTitleElementAndBrokenMarkupIsTolerated() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = "<body><h2>Intro</h2><p>One<h1>Main &#x1F600;</h1><p>Two <a href='x>y'>link</a><!-- never closed"
        let url = try DocumentFixtures.write(Array(html.utf8), named: "broken.html", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.title == "Main 😀")
        #expect(document.text == "Intro\n\nOne\n\nMain 😀\n\nTwo link")
        #expect(document.segments.map(\.headingPath) == [["Intro"], ["Main 😀"]])
    }

    @Test func unclosedHeadEndsAtTheFirstBodyElement() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = "<html><head><title>T</title><meta charset=utf-8><p>Visible text</p></html>"
        let url = try DocumentFixtures.write(Array(html.utf8), named: "head.html", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.title == "T")
        #expect(document.text == "Visible text")
    }

    @Test func emptyFileIsAnEmptyDocument() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write([], named: "empty.html", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text.isEmpty)
        #expect(document.title == nil)
    }
}

struct HTMLParserLinkTests {
    @Test func anchorsToLocalFilesBecomeLinksAtTheirTextOffsets() throws {
        let directory = try TemporaryDirectory("seek-html-links")
        defer { directory.remove() }
        let url = try directory.write("""
            <html><body><p>Read <a href="guide.html#install">the guide</a> or
            <a href="https://example.org">the web</a> and <a href='../notes/a%20b.md'>notes</a>.</p></body></html>
            """, to: "page.html")
        let document = try HTMLParser().parse(fileAt: url)
        #expect(document.links.map { "\($0.kind.rawValue) \($0.target) #\($0.anchor ?? "-")" } == ["link guide.html #install", "link ../notes/a b.md #-"])
        let scalars = Array(document.text.unicodeScalars)
        #expect(document.links.compactMap(\.offset).map { String(String.UnicodeScalarView(scalars[$0..<($0 + 3)])) } == ["the", "not"])
    }
}
