import Foundation
import SeekCore
import SeekIngest
import Testing

struct ImageParserTests {
    private let parser = ImageParser()

    @Test(arguments: ["scan-text.png", "scan-text.jpg"])
    func textInAnImageIsReadWithOCR(name: String) throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url(name))
        #expect(document.text.contains("Page one: boundary layer transition on a flat plate."))
        #expect(document.text.contains("Second line of the first page."))
        #expect(document.segments.map(\.page) == [1])
        #expect(document.metadata["ocr_pages"] == "1")
        #expect(document.metadata["ocr_languages"] == "eng")
    }

    @Test func heicAndImagesWithOCROffAreUnsupported() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let heic = try DocumentFixtures.write([0, 0, 0, 24] + Array("ftypheic".utf8), named: "photo.heic", in: folder)
        #expect(throws: IngestError.unsupported(path: heic.path, reason: "HEIC/HEIF images are not read (tesseract cannot decode them): convert them to PNG or JPEG")) {
            try parser.parse(fileAt: heic)
        }
        let png = DocumentFixtures.url("scan-text.png")
        #expect(throws: IngestError.unsupported(path: png.path, reason: "image not read: OCR is off (--no-ocr or \"ocr\": {\"enabled\": false})")) {
            try ImageParser(ocr: OCRConfiguration(enabled: false)).parse(fileAt: png)
        }
    }

    @Test func brokenImagesAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DocumentFixtures.write(Array("not an image".utf8), named: "fake.png", in: folder)
        #expect(throws: IngestError.corrupt(path: text.path, parser: "image", reason: "not an image (no PNG, JPEG, TIFF, WebP, GIF or BMP signature)")) {
            try parser.parse(fileAt: text)
        }
        let empty = try DocumentFixtures.write([], named: "empty.jpg", in: folder)
        #expect(throws: IngestError.corrupt(path: empty.path, parser: "image", reason: "empty file (0 bytes)")) {
            try parser.parse(fileAt: empty)
        }
        let png = [UInt8](try Data(contentsOf: DocumentFixtures.url("scan-text.png")))
        let truncated = try DocumentFixtures.write(Array(png.prefix(40)), named: "cut.png", in: folder)
        do {
            _ = try parser.parse(fileAt: truncated)
            Issue.record("a truncated PNG parsed")
        } catch let IngestError.corrupt(_, parserName, reason) {
            #expect(parserName == "image")
            #expect(reason.hasPrefix("tesseract: "))
        }
    }
}
