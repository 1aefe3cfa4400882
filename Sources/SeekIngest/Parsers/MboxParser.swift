import Foundation
import SeekCore

/// Mailboxes in mbox format (`.mbox`): one segment per message, in file order, each rendered like
/// an `.eml` file (`EmailParser`), with the message's 1-based ordinal as its page number (so
/// search results say "message 3") and its Subject as heading.
///
/// Messages start at lines beginning with "From " at the start of the file or after an empty
/// line; ">From " lines inside bodies are unescaped (mboxo and mboxrd). Metadata: `messages`
/// (the count). An empty file is an empty mailbox (an empty document); a file that does not start
/// with a "From " line, or holds binary bytes, is `.corrupt`.
public struct MboxParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "mbox"
    /// Bumped whenever this parser's output changes.
    public let version = 1

    /// Creates the parser.
    public init() {}

    /// Extracts the messages at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { return ExtractedDocument(text: "", metadata: ["messages": "0"]) }
        if ContentSniffer.looksBinary(data.prefix(ContentSniffer.sampleBytes)) {
            throw IngestError.corrupt(path: path, parser: name, reason: "binary content (NUL or control bytes), not an mbox file")
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: Self.fromLine) else {
            throw IngestError.corrupt(path: path, parser: name, reason: "not an mbox file (it does not start with a \"From \" line)")
        }
        let messages = Self.split(bytes)
        var builder = DocumentTextBuilder()
        for (index, message) in messages.enumerated() {
            let rendered = EmailMessageRenderer.render(MIMEEntity(message[...]))
            builder.appendSegment(rendered.text, headingPath: rendered.subject.map { [$0] } ?? [], page: index + 1)
        }
        return builder.document(title: nil, metadata: ["messages": String(messages.count)])
    }

    private static let fromLine = Array("From ".utf8)

    /// The messages of `bytes`, each without its "From " separator line and with ">From " unescaped.
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var current: [UInt8]?
        var previousLineEmpty = true
        var index = 0
        while index < bytes.count {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[index..<lineEnd]
            let next = min(lineEnd + 1, bytes.count)
            if previousLineEmpty, line.starts(with: fromLine) {
                if let finished = current { messages.append(finished) }
                current = []
            } else {
                var kept = line[...]
                // ">From ", ">>From "...: one ">" was added when the message was stored.
                if let firstNonQuote = line.firstIndex(where: { $0 != 0x3E }), firstNonQuote > line.startIndex,
                   line[firstNonQuote...].starts(with: fromLine) {
                    kept = line.dropFirst()
                }
                current?.append(contentsOf: kept)
                if lineEnd < bytes.count { current?.append(0x0A) }
            }
            previousLineEmpty = line.isEmpty || line == [0x0D]
            index = next
        }
        if let finished = current { messages.append(finished) }
        return messages
    }
}
