import SeekCore
import SeekIngest
import Testing

struct LinkExtractorTests {
    private let extractor = LinkExtractor()

    /// (kind, target, anchor, isWikiTarget) of each link, in order.
    private func edges(_ markdown: String) -> [String] {
        extractor.links(in: markdown).map { "\($0.kind.rawValue) \($0.target) #\($0.anchor ?? "-")\($0.isWikiTarget ? " wiki" : "")" }
    }

    @Test func inlineLinksToLocalFilesKeepDecodedPathsAndAnchors() {
        let markdown = """
            See [the guide](docs/guide.md), [spaces](My%20Notes/a%20b.md#Set%20up), [up](../other/x.md?raw=1#top)
            and [angle](<folder/with space.md>) with [title](c.md "The title"), [abs](/srv/notes/d.md).
            Not local: [web](https://example.org/a.md), [mail](mailto:a@b.c), [self](#usage), [proto](//host/x.md).
            """
        #expect(edges(markdown) == [
            "link docs/guide.md #-", "link My Notes/a b.md #Set up", "link ../other/x.md #top",
            "link folder/with space.md #-", "link c.md #-", "link /srv/notes/d.md #-",
        ])
    }

    @Test func referenceLinksResolveThroughTheirDefinitions() {
        let markdown = """
            Read [the plan][plan], the [Roadmap][] and [notes] but not [unknown] or [ ] tasks.

            [plan]: plans/q3.md#goals "Q3"
            [roadmap]: <road map.md>
            [Notes]: ./notes.md
            [web]: https://example.org
            """
        #expect(edges(markdown) == ["link plans/q3.md #goals", "link road map.md #-", "link ./notes.md #-"])
    }

    @Test func wikilinksEmbedsAndImagesWithAliasesAndHeadings() {
        let markdown = "A [[Note]], [[folder/Other Note#Install|the install]], [[#Local heading]], ![[diagram.png]], "
            + "![alt](img/photo%201.jpg) and ![[Clip#^block]] | table [[Cell\\|alias]]."
        #expect(edges(markdown) == [
            "wikilink Note #- wiki", "wikilink folder/Other Note #Install wiki", "embed diagram.png #- wiki",
            "embed img/photo 1.jpg #-", "embed Clip #^block wiki", "wikilink Cell #- wiki",
        ])
    }

    @Test func htmlAnchorsToLocalFiles() {
        let markdown = #"Links: <a href="pages/a.html#top">A</a>, <A class="x" HREF='b%20c.html'>B</A>, <a href="https://x.org">web</a>, <abbr>no</abbr>."#
        #expect(edges(markdown) == ["link pages/a.html #top", "link b c.html #-"])
    }

    @Test func nothingInsideCodeCounts() {
        let markdown = """
            Real [[One]].

            ```swift
            let x = "[[Two]]" // [three](three.md)
            ```

            Inline `[[Four]]` and ``[five](five.md)`` but [six](six.md).

            ~~~
            [[Seven]]
            ~~~
            """
        #expect(edges(markdown) == ["wikilink One #- wiki", "link six.md #-"])
    }

    @Test func offsetsPointAtTheLinkInTheText() {
        let markdown = "ab [[X]] cd ![[Y]] é [z](z.md)"
        let scalars = Array(markdown.unicodeScalars)
        let links = extractor.links(in: markdown)
        #expect(links.compactMap(\.offset).map { String(String.UnicodeScalarView(scalars[$0..<($0 + 2)])) } == ["[[", "![", "[z"])
    }
}
