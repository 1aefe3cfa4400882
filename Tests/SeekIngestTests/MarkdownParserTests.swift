import Foundation
import SeekCore
import SeekIngest
import SeekTestSupport
import Testing

struct MarkdownParserTests {
    private let parser = MarkdownParser()

    @Test func frontMatterBecomesMetadataAndLeavesTheText() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("guide.md"))
        #expect(document.title == "Seek User Guide")
        #expect(document.metadata["tags"] == "search, offline, swift")
        #expect(document.metadata["date"] == "2024-01-05")
        #expect(document.metadata["version"] == "1.10")
        #expect(document.metadata["author.name"] == "Ada Example")
        #expect(document.metadata["encoding"] == "utf-8")
        #expect(document.text.hasPrefix("Seek finds passages in your own files.\n\n# Guide"))
        #expect(!document.text.contains("tags:"))
    }

    @Test func nestedHeadingsMakeSegmentsThatSliceTheirSections() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("guide.md"))
        #expect(document.segments.map(\.headingPath) == [
            [], ["Guide"], ["Guide", "Install"], ["Guide", "Install", "Linux"], ["Guide", "Install", "macOS"],
            ["Guide", "Configuration"], ["Reference"],
        ])
        #expect(document.segmentTexts == [
            "Seek finds passages in your own files.",
            "# Guide\n\nAn introduction to the guide.",
            "## Install\n\nPick your platform.",
            "### Linux\n\nRun `make deps` first.\n\n```sh\n# this is a shell comment, not a heading\nmake build\n```",
            "### macOS ###\n\nUse Homebrew.",
            "Configuration\n-------------\n\nSettings live in `seek.toml`.",
            "# Reference\n\nSee the [API docs](https://example.invalid/api) for details.",
        ])
        #expect(document.segments.allSatisfy { $0.layout == .prose && $0.page == nil })
        for (earlier, later) in zip(document.segments, document.segments.dropFirst()) {
            #expect(earlier.end <= later.start)
        }
    }

    @Test func setextHeadingIsTitleWithoutFrontMatterAndFencesHideHashes() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("plain-headings.md"))
        #expect(document.title == "Top Title")
        #expect(document.segments.map(\.headingPath) == [[], ["Top Title"]])
        #expect(document.segmentTexts[0] == "Only a paragraph line.")
        #expect(document.segmentTexts[1].hasPrefix("Top Title\n=========\n\nBody under a setext heading."))
        #expect(document.segmentTexts[1].hasSuffix("~~~\n# not a heading in a tilde fence\n~~~"))
    }

    @Test func offsetsCountUnicodeScalarsNotUTF16() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = "Intro 😀 e\u{301}\n\n# Émoji 🎉 *bold* [link](x)\n\nBody 日本.\n"
        let url = try DocumentFixtures.write(Array(markdown.utf8), named: "emoji.md", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.title == "Émoji 🎉 bold link")
        #expect(document.segments.count == 2)
        #expect(document.segments[0] == DocumentSegment(start: 0, end: 10, headingPath: []))
        #expect(document.segments[1].start == 12)
        #expect(document.segmentTexts[1] == "# Émoji 🎉 *bold* [link](x)\n\nBody 日本.")
        #expect(document.segments[1].headingPath == ["Émoji 🎉 bold link"])
    }

    @Test func documentWithoutHeadingsHasNoSegmentsAndNoTitle() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write(Array("Just a note.\n#hashtag is not a heading\n".utf8), named: "note.md", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text == "Just a note.\n#hashtag is not a heading")
        #expect(document.title == nil)
        #expect(document.segments.isEmpty)
    }

    @Test func brokenFrontMatterStaysInTheText() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = "---\ntitle: [unclosed\n...\n# Real Title\n"
        let url = try DocumentFixtures.write(Array(markdown.utf8), named: "broken.md", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text.hasPrefix("---\ntitle: [unclosed"))
        #expect(document.metadata["title"] == nil)
        #expect(document.title == "Real Title")
    }

    @Test func emptyFileIsAnEmptyDocument() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write([], named: "empty.md", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text.isEmpty)
        #expect(document.segments.isEmpty)
        #expect(document.title == nil)
    }
}

struct MarkdownParserLinkTests {
    @Test func frontMatterTagsAliasesAndRelatedBecomeEdges() throws {
        let directory = try TemporaryDirectory("seek-md-links")
        defer { directory.remove() }
        let url = try directory.write("""
            ---
            title: Linked
            tags: [Research, "#ml"]
            aliases:
              - Linked note
              - LN
            related:
              - [[Other Note#Part]]
              - "[[Third]]"
              - ../papers/p1.md
              - https://example.org/skip
            ---
            Body with [[Fourth]] and #inline.
            """, to: "linked.md")
        let document = try MarkdownParser().parse(fileAt: url)
        #expect(document.aliases == ["Linked note", "LN"])
        #expect(document.links.map { "\($0.kind.rawValue) \($0.target) #\($0.anchor ?? "-") \($0.offset.map(String.init) ?? "fm")" } == [
            "tag research #- fm", "tag ml #- fm",
            "frontmatter Other Note #Part fm", "frontmatter Third #- fm", "frontmatter ../papers/p1.md #- fm",
            "wikilink Fourth #- 10", "tag inline #- 25",
        ])
    }
}
