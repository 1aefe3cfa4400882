import Foundation
import Logging
import SeekCore

/// Rich Text Format (RTF): the body text read by `RTFReader`, title from `\info{\title ...}`.
///
/// Metadata: `codePage` (the declared ANSI code page), and `subject`, `author`, `keywords` from
/// `\info` when present. A file that does not start with `{\rtf` (after optional whitespace) or is
/// empty throws `.corrupt`.
public struct RTFParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "rtf"
    /// Bumped whenever this parser's output changes.
    public let version = 1

    private static let logger = Logger(label: "seek.ingest")

    /// Creates the parser.
    public init() {}

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { throw IngestError.corrupt(path: url.path, parser: name, reason: "empty file (0 bytes)") }
        let bytes = [UInt8](data)
        let start = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? bytes.endIndex
        guard bytes[start...].starts(with: Array("{\\rtf".utf8)) else {
            throw IngestError.corrupt(path: url.path, parser: name, reason: "not an RTF file (no {\\rtf header)")
        }
        var reader = RTFReader(bytes: bytes)
        reader.read()
        if !reader.unsupportedCodePages.isEmpty {
            Self.logger.warning(
                "unsupported RTF code page, read as windows-1252",
                metadata: ["path": "\(url.path)", "codePages": "\(reader.unsupportedCodePages.sorted())"]
            )
        }
        var metadata = ["codePage": reader.codePage.rawValue]
        for key in ["subject", "author", "keywords"] {
            if let value = reader.infoFields[key] { metadata[key] = value }
        }
        var builder = DocumentTextBuilder()
        builder.append(String(reader.text).trimmingWhitespaceAndNewlines())
        return builder.document(title: reader.infoFields["title"], metadata: metadata)
    }
}
