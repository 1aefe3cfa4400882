import Foundation
import SeekCore

/// Images of text (PNG, JPEG, TIFF, WebP, GIF, BMP) read with OCR (`OCREngine`: tesseract).
///
/// The text is one segment on page 1, marked as OCR text by `metadata["ocr_pages"] = "1"`; an
/// image without text gives an empty document. The file must start with the signature of one of
/// those formats (whatever its extension says), else it is `.corrupt`; HEIC/HEIF, which tesseract
/// cannot decode, and any image while OCR is off are `.unsupported` with the reason.
public struct ImageParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "image"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Runs tesseract; shared with the PDF parser of the same registry.
    let ocrEngine: OCREngine

    /// File extensions (lowercased) this parser is registered for.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "jpe", "tif", "tiff", "webp", "gif", "bmp", "heic", "heif"]

    /// Creates the parser with OCR settings `ocr` (defaults when omitted).
    public init(ocr: OCRConfiguration = OCRConfiguration()) {
        self.init(ocrEngine: OCREngine(configuration: ocr))
    }

    /// Creates the parser reading images through `ocrEngine`.
    init(ocrEngine: OCREngine) {
        self.ocrEngine = ocrEngine
    }

    /// Extracts the text of the image at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let fileExtension = url.pathExtension.lowercased()
        if fileExtension == "heic" || fileExtension == "heif" {
            throw IngestError.unsupported(path: path, reason: "HEIC/HEIF images are not read (tesseract cannot decode them): convert them to PNG or JPEG")
        }
        guard ocrEngine.configuration.enabled else {
            throw IngestError.unsupported(path: path, reason: "image not read: OCR is off (--no-ocr or \"ocr\": {\"enabled\": false})")
        }
        let prefix = try DocumentFileReader.readPrefix(of: url, count: 16)
        guard !prefix.isEmpty else { throw IngestError.corrupt(path: path, parser: name, reason: "empty file (0 bytes)") }
        guard Self.isReadableImage(prefix) else {
            throw IngestError.corrupt(path: path, parser: name, reason: "not an image (no PNG, JPEG, TIFF, WebP, GIF or BMP signature)")
        }
        let text = try ocrEngine.recognizeImage(at: url, parser: name)
        var builder = DocumentTextBuilder()
        builder.appendSegment(text, page: 1)
        var metadata = ["ocr_languages": ocrEngine.configuration.languages.joined(separator: "+")]
        if !builder.isEmpty { metadata["ocr_pages"] = "1" }
        return builder.document(title: nil, metadata: metadata)
    }

    /// True when `prefix` starts like a PNG, JPEG, TIFF, WebP, GIF or BMP file.
    static func isReadableImage(_ prefix: [UInt8]) -> Bool {
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A],
            Array("GIF8".utf8), Array("BM".utf8),
        ]
        if signatures.contains(where: { prefix.starts(with: $0) }) { return true }
        return prefix.count >= 12 && prefix.starts(with: Array("RIFF".utf8)) && Array(prefix[8..<12]) == Array("WEBP".utf8)
    }
}
