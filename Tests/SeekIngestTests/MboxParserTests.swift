import Foundation
import SeekCore
import SeekIngest
import Testing

struct MboxParserTests {
    private let parser = MboxParser()

    @Test func oneSegmentPerMessageNumberedLikePages() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("three-messages.mbox"))
        #expect(document.metadata["messages"] == "3")
        #expect(document.segments.map(\.page) == [1, 2, 3])
        #expect(document.segments.map(\.headingPath) == [["Garden plans"], ["Re: Garden plans"], ["Seed order"]])
        let messages = document.segmentTexts
        #expect(messages[0].hasPrefix("Subject: Garden plans\nFrom: ann@example.org\nTo: garden@example.org\nDate: Sat, 04 Apr 2026 10:00:00 +0000"))
        // The body line ">From now on" was escaped when the mailbox was written.
        #expect(messages[1].hasSuffix("Agreed.\nFrom now on I water them every morning."))
        #expect(messages[2].hasSuffix("I ordered basil, chard and three kinds of beans."))
    }

    @Test func emptyMailboxIsEmptyAndOtherTextIsCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try DocumentFixtures.write([], named: "empty.mbox", in: folder)
        #expect(try parser.parse(fileAt: empty).text.isEmpty)
        let prose = try DocumentFixtures.write(Array("Subject: hi\n\nno separator line\n".utf8), named: "one.mbox", in: folder)
        #expect(throws: IngestError.corrupt(path: prose.path, parser: "mbox", reason: "not an mbox file (it does not start with a \"From \" line)")) {
            try parser.parse(fileAt: prose)
        }
    }
}
