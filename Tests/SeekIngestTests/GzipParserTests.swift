import Foundation
import SeekCore
import SeekIngest
import Testing

struct GzipParserTests {
    private var parser: any DocumentParser { ParserRegistry.standard.parser(named: "gzip")! }

    @Test func theInnerFileIsParsedByItsOwnExtension() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("guide.md.gz"))
        let plain = try MarkdownParser().parse(fileAt: DocumentFixtures.url("guide.md"))
        #expect(document.text == plain.text)
        #expect(document.segments == plain.segments)
        #expect(document.title == plain.title)
        #expect(document.metadata["compression"] == "gzip")
        #expect(document.metadata["inner_parser"] == "markdown")
    }

    @Test func brokenAndOversizedDataIsCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = [UInt8](try Data(contentsOf: DocumentFixtures.url("guide.md.gz")))
        let truncated = try DocumentFixtures.write(Array(bytes.prefix(bytes.count / 2)), named: "cut.md.gz", in: folder)
        #expect(throws: IngestError.corrupt(path: truncated.path, parser: "gzip", reason: "truncated gzip data (the compressed stream ends early)")) {
            try parser.parse(fileAt: truncated)
        }
        let plain = try DocumentFixtures.write(Array("hello".utf8), named: "plain.txt.gz", in: folder)
        #expect(throws: IngestError.corrupt(path: plain.path, parser: "gzip", reason: "not gzip data (no 1F 8B signature)")) {
            try parser.parse(fileAt: plain)
        }
        let small = try #require(ParserRegistry(maxDecompressedBytes: 100).parser(named: "gzip"))
        let guide = DocumentFixtures.url("guide.md.gz")
        #expect(throws: IngestError.corrupt(path: guide.path, parser: "gzip", reason: "decompresses to more than 100 bytes (the size limit)")) {
            try small.parse(fileAt: guide)
        }
        // A tar archive inside (.tgz) is not indexed.
        let tarLike = try Self.gzip(Array(repeating: 0, count: 257) + Array("ustar".utf8) + Array(repeating: 0, count: 250))
        let tgz = try DocumentFixtures.write(tarLike, named: "backup.tgz", in: folder)
        #expect(throws: IngestError.unsupported(path: tgz.path, reason: "backup.tar inside is a binary file of unknown type")) {
            try parser.parse(fileAt: tgz)
        }
    }

    /// `bytes` compressed by the gzip command.
    private static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try DocumentFixtures.write(bytes, named: "data", in: folder)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", url.path]
        try process.run()
        process.waitUntilExit()
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent("data.gz")))
    }
}
