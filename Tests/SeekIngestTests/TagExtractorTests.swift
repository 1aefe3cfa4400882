import SeekCore
import SeekIngest
import Testing

struct TagExtractorTests {
    private let extractor = TagExtractor()

    @Test func inlineTagsAreLowercasedAndNested() {
        let markdown = "#Start of a line, then #project/Seek and #to-do_2 (#not) a#not #123 #2024-review #trailing/ #ünïcode."
        #expect(extractor.tags(in: markdown).map(\.target) == ["start", "project/seek", "to-do_2", "2024-review", "trailing", "ünïcode"])
    }

    @Test func headingsCodeUrlsAndAnchorsAreNotTags() {
        let markdown = """
            # Heading #not
            ## Another
            Text with #real, a URL https://example.org/#frag, a link [x](#anchor) and [[Note#Heading]].

            ```
            #include <stdio.h>
            # also not
            ```
            Inline `#code` and `` #code2 `` stay code, but #after counts.
                #indented-still-a-tag
            """
        #expect(extractor.tags(in: markdown).map(\.target) == ["real", "after", "indented-still-a-tag"])
    }

    @Test func frontMatterTagsSplitOnCommasAndSpaces() {
        #expect(extractor.frontMatterTags(["Alpha", "#beta", "gamma delta", "e,f", "42"]).map(\.target) == ["alpha", "beta", "gamma", "delta", "e", "f"])
        #expect(extractor.frontMatterTags(["x"]).allSatisfy { $0.kind == .tag && $0.offset == nil })
    }
}
