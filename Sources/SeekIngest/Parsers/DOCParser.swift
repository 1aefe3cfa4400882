import Foundation
import SeekCore

/// Word 97-2003 documents (`.doc`) through `antiword` (else `catdoc`), Debian packages of the same
/// names.
///
/// antiword writes paragraphs separated by blank lines and tables as `|cell |cell |` rows, which
/// become "cell | cell" lines. A `.doc` that is really RTF (Word's "save as .doc" of an RTF
/// file, common in old archives) goes to the RTF parser. Errors: an empty file or one without the
/// OLE2 signature, and files the converter rejects (password-protected, damaged), are `.corrupt`
/// with its message; no converter installed is `.unreadable` naming the packages.
public struct DOCParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "doc"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Converter time limit.
    public let configuration: OfficeParserConfiguration

    /// Creates the parser with `configuration` (defaults when omitted).
    public init(configuration: OfficeParserConfiguration = OfficeParserConfiguration()) {
        self.configuration = configuration
    }

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let prefix = try DocumentFileReader.readPrefix(of: url, count: 8)
        if prefix.starts(with: Array("{\\rtf".utf8)) { return try RTFParser().parse(fileAt: url) }
        let converter = LegacyOfficeConverter(
            parser: name,
            tools: [.init(name: "antiword", arguments: ["-m", "UTF-8.txt", "-w", "0"]), .init(name: "catdoc", arguments: ["-d", "utf-8", "-w"])],
            packages: "antiword or catdoc", timeoutSeconds: configuration.converterTimeoutSeconds)
        try converter.requireCompoundFile(prefix, path: path, format: "a Word 97-2003")
        let text = try converter.text(of: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Self.tableRow)
        var builder = DocumentTextBuilder()
        builder.append(lines.joined(separator: "\n").trimmingWhitespaceAndNewlines())
        return builder.document(title: nil, metadata: [:])
    }

    /// An antiword table row `|a   |b   |` as "a | b"; any other line unchanged.
    static func tableRow(_ line: Substring) -> String {
        let trimmed = line.trimmingTrailingSpaces()
        guard trimmed.hasPrefix("|"), trimmed.hasSuffix("|"), trimmed.count > 1 else { return String(line) }
        let cells = trimmed.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return cells.joined(separator: " | ")
    }
}
