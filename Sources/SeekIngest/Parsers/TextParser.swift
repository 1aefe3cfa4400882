import Foundation
import SeekCore

/// Plain text and source code: the whole decoded file is one prose document, with
/// `metadata["encoding"]` naming the detected encoding (see `TextDecoder`).
///
/// A file whose bytes are binary (a known binary signature, NUL bytes outside UTF-16/32, or many
/// control characters) throws `.corrupt`: it carries a text extension but holds no text.
public struct TextParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "text"
    /// Bumped whenever this parser's output changes (2: charset detection with uchardet, BOM-less UTF-16 of any script).
    public let version = 2

    /// Creates the parser.
    public init() {}

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let data = try DocumentFileReader.read(url)
        let decoded = try Self.decodeText(data, path: url.path, parser: name)
        return ExtractedDocument(text: decoded.text, metadata: ["encoding": decoded.encoding.name])
    }

    /// Decodes the bytes of a text-like file (shared by the text-based parsers); throws `.corrupt`
    /// when the bytes are binary. Zero bytes decode to an empty UTF-8 text. A `declaredEncoding`
    /// (HTML `<meta charset>`) replaces a guessed legacy encoding; it never overrides a byte order
    /// mark or bytes that are valid UTF-8 (a page saved as UTF-8 that still declares windows-1252
    /// is common, and valid non-ASCII UTF-8 almost never happens by accident).
    static func decodeText(
        _ data: Data, path: String, parser: String, declaredEncoding: DetectedEncoding? = nil
    ) throws -> DecodedText {
        let prefix = [UInt8](data.prefix(ContentSniffer.sampleBytes))
        switch ContentSniffer.sniff(prefix) {
        case .knownBinary(let kind):
            throw IngestError.corrupt(path: path, parser: parser, reason: "binary content (\(kind)), not text")
        case .unknownBinary:
            throw IngestError.corrupt(path: path, parser: parser, reason: "binary content (NUL or control bytes), not text")
        case .text, .pdf, .rtf:
            break
        }
        var decoded = TextDecoder.decode(data)
        if let declared = declaredEncoding, !decoded.hadByteOrderMark, decoded.encoding != .utf8, declared != .utf8 {
            decoded = DecodedText(text: TextDecoder.decode(data, as: declared), encoding: declared, hadByteOrderMark: false)
        }
        let sample = decoded.text.unicodeScalars.prefix(ContentSniffer.sampleBytes)
        let nulCount = sample.reduce(0) { $0 + ($1 == "\u{0}" ? 1 : 0) }
        if nulCount * 100 > sample.count {
            throw IngestError.corrupt(path: path, parser: parser, reason: "binary content (NUL characters after decoding as \(decoded.encoding.name)), not text")
        }
        return decoded
    }
}
