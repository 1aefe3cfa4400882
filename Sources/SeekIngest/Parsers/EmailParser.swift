import Foundation
import SeekCore

/// E-mail messages saved as `.eml` (RFC 5322 with MIME).
///
/// The text starts with the Subject, From, To, Cc and Date fields (RFC 2047 encoded words
/// decoded), then the body: text/plain preferred over text/html (converted like an HTML file),
/// quoted-printable and base64 undone, each part decoded in its declared charset or the detected
/// one; then the contents of text attachments, and a last line naming every attachment. Title: the
/// Subject. Metadata: from, to, cc, date, subject, message_id, attachments.
///
/// Errors: an empty file, binary bytes, or data that does not start with header fields is `.corrupt`.
public struct EmailParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "email"
    /// Bumped whenever this parser's output changes.
    public let version = 1

    /// Creates the parser.
    public init() {}

    /// Extracts the message at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { throw IngestError.corrupt(path: path, parser: name, reason: "empty file (0 bytes)") }
        if ContentSniffer.looksBinary(data.prefix(ContentSniffer.sampleBytes)) {
            throw IngestError.corrupt(path: path, parser: name, reason: "binary content (NUL or control bytes), not an e-mail message")
        }
        let message = MIMEEntity([UInt8](data)[...])
        guard message.hasHeaders, message.headers.contains(where: { Self.messageFields.contains($0.name.lowercased()) }) else {
            throw IngestError.corrupt(path: path, parser: name, reason: "not an e-mail message (no From, To, Subject, Date or MIME header fields)")
        }
        let rendered = EmailMessageRenderer.render(message)
        var builder = DocumentTextBuilder()
        builder.appendSegment(rendered.text)
        return builder.document(title: rendered.subject, metadata: rendered.metadata)
    }

    /// Header fields of which a message has at least one.
    static let messageFields: Set<String> = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type", "received"]
}
