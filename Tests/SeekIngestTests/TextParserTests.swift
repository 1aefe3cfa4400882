import Foundation
import SeekCore
import SeekIngest
import Testing

struct TextParserTests {
    private let parser = TextParser()

    @Test func decodesLegacyTextAndRecordsTheEncoding() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("text-macroman.txt"))
        #expect(document.text == "Die Größe der Brücke überraschte.\nCafé naïve: crème brûlée für alle.\n")
        #expect(document.metadata["encoding"] == "macintosh")
        #expect(document.title == nil)
        #expect(document.segments.isEmpty)
    }

    @Test func emptyFileIsAnEmptyDocument() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("text-empty.txt"))
        #expect(document.text.isEmpty)
        #expect(document.segments.isEmpty)
        #expect(document.metadata["encoding"] == "utf-8")
    }

    @Test func sourceCodeKeepsItsText() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = "func greet() -> String {\r\n    \"héllo\"\r\n}\r\n"
        let url = try DocumentFixtures.write(Array(source.utf8), named: "greet.swift", in: folder)
        let document = try parser.parse(fileAt: url)
        #expect(document.text == "func greet() -> String {\n    \"héllo\"\n}\n")
        #expect(document.metadata["encoding"] == "utf-8")
    }

    @Test func binaryBytesUnderATextExtensionAreCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = [UInt8](try Data(contentsOf: DocumentFixtures.url("binary-image")))
        let url = try DocumentFixtures.write(png, named: "photo.txt", in: folder)
        #expect(throws: IngestError.corrupt(path: url.path, parser: "text", reason: "binary content (PNG image), not text")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func folderIsUnreadable() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = folder.appendingPathComponent("looks-like.txt", isDirectory: true)
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
        do {
            _ = try parser.parse(fileAt: inner)
            Issue.record("parsing a folder succeeded")
        } catch let IngestError.unreadable(path, reason) {
            #expect(path == inner.path)
            #expect(reason.lowercased().contains("directory"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func missingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent-seek-folder/notes.txt")
        do {
            _ = try parser.parse(fileAt: url)
            Issue.record("parsing a missing file succeeded")
        } catch let IngestError.unreadable(path, reason) {
            #expect(path == url.path)
            #expect(!reason.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
