import Foundation
import SeekCore

/// Single gzip-compressed files (`notes.md.gz`, `server.log.gz`): decompressed (up to
/// `maxDecompressedBytes`), then parsed by the parser of the inner name's extension
/// (`notes.md` → Markdown), or by content sniffing when that extension is unknown.
///
/// The document is the inner parser's, with `metadata["compression"] = "gzip"` and
/// `metadata["inner_parser"]`. Errors: data without the gzip signature, damaged or truncated
/// data, or more than `maxDecompressedBytes` after decompression is `.corrupt`; an inner file of
/// an unindexed binary type (a tar archive from `.tgz`) is `.unsupported`; the inner parser's
/// errors are reported for the `.gz` file, prefixed with the inner name.
public struct GzipParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "gzip"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Largest decompressed size read; bigger files are `.corrupt`. Default 50 MiB, the default
    /// file size limit of the scan.
    public let maxDecompressedBytes: Int
    private let inner: ParserRegistry

    /// Creates the parser; `inner` chooses the parser of the decompressed file.
    init(inner: ParserRegistry, maxDecompressedBytes: Int) {
        self.inner = inner
        self.maxDecompressedBytes = maxDecompressedBytes
    }

    /// Extracts the document inside the gzip file at `url` as described above; see
    /// `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { throw IngestError.corrupt(path: path, parser: name, reason: "empty file (0 bytes)") }
        guard data.starts(with: [0x1F, 0x8B]) else { throw IngestError.corrupt(path: path, parser: name, reason: "not gzip data (no 1F 8B signature)") }
        let decompressed: Data
        do {
            decompressed = try GzipInflater.inflate(data, maxBytes: maxDecompressedBytes)
        } catch {
            throw IngestError.corrupt(path: path, parser: name, reason: error.description)
        }
        var innerName = url.deletingPathExtension().lastPathComponent
        if url.pathExtension.lowercased() == "tgz" { innerName += ".tar" }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-gzip-\(UUID().uuidString)", isDirectory: true)
        let innerURL = scratch.appendingPathComponent(innerName)
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try decompressed.write(to: innerURL)
        } catch {
            throw IngestError.unreadable(path: path, reason: "cannot write the decompressed file to a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            guard let parser = try inner.parser(for: innerURL) else {
                throw IngestError.unsupported(path: path, reason: "\(innerName) inside is a \(ParserRegistry.unknownBinaryReason)")
            }
            var document = try parser.parse(fileAt: innerURL)
            document.metadata["compression"] = "gzip"
            document.metadata["inner_parser"] = parser.name
            return document
        } catch let error as IngestError {
            switch error {
            case .corrupt(_, let innerParser, let reason):
                throw IngestError.corrupt(path: path, parser: name, reason: "\(innerName) (\(innerParser)): \(reason)")
            case .unreadable(_, let reason):
                throw IngestError.unreadable(path: path, reason: "\(innerName): \(reason)")
            case .unsupported(_, let reason):
                throw IngestError.unsupported(path: path, reason: reason)
            }
        }
    }
}
