import Foundation
import SeekCore

/// Turns one file into an `ExtractedDocument` (text, title, metadata, segments).
///
/// Contract shared by every parser:
/// - A file that cannot be read throws `IngestError.unreadable`; a broken file of the parser's type
///   throws `IngestError.corrupt` with a reason a person can act on. No input crashes a parser, and an
///   invalid file never yields an empty document.
/// - Empty files (0 bytes): a format for which zero bytes is a valid file (plain text, Markdown, HTML,
///   CSV) returns an empty document, which gets indexed with no chunks. A format whose files always
///   start with a header (PDF, RTF, the zip-based Office formats) throws `.corrupt("empty file (0 bytes)")`,
///   because an empty one is a truncated copy, not an empty document.
/// - Offsets in segments are Unicode scalar offsets into the extracted text; line endings are LF.
public protocol DocumentParser: Sendable {
    /// Short parser name stored with each file ("text", "markdown", "html", "csv", "pdf", "docx"...).
    var name: String { get }
    /// Bumped whenever the parser's output changes, so the index re-parses the files it produced.
    var version: Int { get }
    /// Extracts the document from the file at `url`.
    func parse(fileAt url: URL) throws -> ExtractedDocument
}
