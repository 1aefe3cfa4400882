import Foundation
import Logging
import SeekCore

/// PDF through poppler-utils: `pdftotext` for the text, `pdfinfo` for the title and properties,
/// and OCR for scanned pages.
///
/// `pdftotext` runs in its default reading-order mode rather than `-layout`: `-layout` keeps the
/// physical layout, which interleaves the lines of two-column pages, while the default mode reads
/// each column in turn; paragraphs survive either way. Pages are split at the form feeds pdftotext
/// writes after each page: one segment per page with its 1-based page number (pages without text
/// get no segment but keep their number).
///
/// OCR (unless `OCRConfiguration.enabled` is false): a page whose text layer has fewer than
/// `minPageCharacters` non-whitespace characters and that holds an image (`pdfimages -list`) is
/// rendered with `pdftoppm` and read by tesseract (`OCREngine`); its number stays the same, and
/// `metadata["ocr_pages"]` lists the pages read so ("2,5"). A failed OCR page fails the file.
///
/// Errors: a file without a `%PDF-` header, or that pdftotext cannot read (damaged, encrypted with a
/// password) throws `.corrupt` with pdftotext's own messages; a file that lost its end (no `%%EOF`
/// in the last 1,024 bytes) throws `.corrupt` as truncated even when pdftotext recovers some pages.
/// pdftotext missing throws `.unreadable` saying to install poppler-utils; a run over the time
/// limit is killed and throws `.corrupt`.
public struct PDFParser: DocumentParser {
    /// Settings of the PDF parser.
    public struct Configuration: Sendable, Equatable {
        /// Seconds pdftotext (and pdfinfo) may run before being killed. Default 60.
        public var timeoutSeconds: Double
        /// Path of the pdftotext executable; nil (default) searches `$PATH` and the usual folders.
        public var pdftotextPath: String?
        /// Path of the pdfinfo executable; nil (default) searches `$PATH` and the usual folders.
        public var pdfinfoPath: String?

        /// Creates a value from its fields (see each field for defaults).
        public init(timeoutSeconds: Double = 60, pdftotextPath: String? = nil, pdfinfoPath: String? = nil) {
            self.timeoutSeconds = timeoutSeconds
            self.pdftotextPath = pdftotextPath
            self.pdfinfoPath = pdfinfoPath
        }
    }

    /// The parser's name, stored with each file it parsed.
    public let name = "pdf"
    /// Bumped whenever this parser's output changes (2: OCR of scanned pages).
    public let version = 2
    /// The settings this parser runs with.
    public let configuration: Configuration
    /// Reads scanned pages; shared with the image parser of the same registry.
    let ocrEngine: OCREngine

    private static let logger = Logger(label: "seek.ingest")
    /// pdfinfo fields copied into metadata, with their metadata keys.
    private static let infoFields: [String: String] = [
        "Author": "author", "Subject": "subject", "Keywords": "keywords", "Creator": "creator",
        "Producer": "producer", "CreationDate": "creationDate", "ModDate": "modificationDate", "Pages": "pages",
    ]

    /// Creates the parser with `configuration` and OCR settings `ocr` (defaults when omitted).
    public init(configuration: Configuration = Configuration(), ocr: OCRConfiguration = OCRConfiguration()) {
        self.init(configuration: configuration, ocrEngine: OCREngine(configuration: ocr))
    }

    /// Creates the parser with `configuration`, reading scanned pages through `ocrEngine`.
    init(configuration: Configuration, ocrEngine: OCREngine) {
        self.configuration = configuration
        self.ocrEngine = ocrEngine
    }

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { throw IngestError.corrupt(path: path, parser: name, reason: "empty file (0 bytes)") }
        guard data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil else {
            throw IngestError.corrupt(path: path, parser: name, reason: "not a PDF file (no %PDF- header)")
        }
        let pdftotext = try tool("pdftotext", configuredPath: configuration.pdftotextPath, path: path)
        let result = try run(pdftotext, ["-enc", "UTF-8", "-eol", "unix", path, "-"], path: path)
        guard result.exitStatus == 0 else {
            throw IngestError.corrupt(path: path, parser: name, reason: Self.reason(fromStandardError: result.standardError, exitStatus: result.exitStatus))
        }
        guard data.suffix(1024).range(of: Data("%%EOF".utf8)) != nil else {
            throw IngestError.corrupt(path: path, parser: name, reason: "truncated PDF (no %%EOF marker at the end of the file)")
        }

        var pages = String(decoding: result.standardOutput, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.count > 1, pages.last?.trimmingWhitespaceAndNewlines().isEmpty == true { pages.removeLast() }
        let ocrPages = try readScannedPages(&pages, url: url)
        var builder = DocumentTextBuilder()
        for (index, page) in pages.enumerated() {
            builder.appendSegment(TextDecoder.normalizingLineEndings(page), page: index + 1)
        }

        var metadata = ["pages": String(pages.count)]
        if !ocrPages.isEmpty { metadata["ocr_pages"] = ocrPages.map(String.init).joined(separator: ",") }
        var title: String?
        for (key, value) in info(of: path) {
            if key == "Title" {
                title = value
            } else if let metadataKey = Self.infoFields[key] {
                metadata[metadataKey] = value
            }
        }
        return builder.document(title: title, metadata: metadata)
    }

    /// Replaces the text of scanned pages (little text, an image) with their OCR text; returns the
    /// numbers of the pages it replaced.
    private func readScannedPages(_ pages: inout [String], url: URL) throws -> [Int] {
        let ocr = ocrEngine.configuration
        guard ocr.enabled else { return [] }
        let candidates = pages.indices.filter { Self.visibleCharacterCount(pages[$0]) < ocr.minPageCharacters }.map { $0 + 1 }
        guard !candidates.isEmpty else { return [] }
        let withImages = pagesWithImages(path: url.path)
        var replaced: [Int] = []
        for page in candidates where withImages?.contains(page) ?? true {
            let text = try ocrEngine.recognizePDFPage(page, of: url, parser: name)
            guard Self.visibleCharacterCount(text) > Self.visibleCharacterCount(pages[page - 1]) else { continue }
            pages[page - 1] = text
            replaced.append(page)
        }
        return replaced
    }

    /// Pages holding at least one image, from `pdfimages -list`; nil when pdfimages is missing or
    /// fails (then every page with too little text is tried).
    private func pagesWithImages(path: String) -> Set<Int>? {
        guard let command = ExternalCommand.locate("pdfimages"),
              let result = try? command.run(arguments: ["-list", path], timeoutSeconds: configuration.timeoutSeconds),
              !result.timedOut, result.exitStatus == 0
        else { return nil }
        // Two header lines ("page num type ...", dashes), then one line per image starting with its page.
        let lines = String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n").dropFirst(2)
        return Set(lines.compactMap { line in line.split(separator: " ").first.flatMap { Int($0) } })
    }

    private static func visibleCharacterCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.isWhitespaceScalar ? 0 : 1) }
    }

    /// The `Key: value` lines pdfinfo prints; empty when pdfinfo is missing or fails (the title is
    /// optional, so this never fails the parse).
    private func info(of path: String) -> [(String, String)] {
        let command = configuration.pdfinfoPath.map { ExternalCommand(executable: URL(fileURLWithPath: $0)) }
            ?? ExternalCommand.locate("pdfinfo")
        guard let command, let result = try? command.run(arguments: ["-enc", "UTF-8", path], timeoutSeconds: configuration.timeoutSeconds),
              !result.timedOut, result.exitStatus == 0
        else {
            Self.logger.debug("pdfinfo gave no properties", metadata: ["path": "\(path)"])
            return []
        }
        let lines = String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n")
        return lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = String(line[colon...].dropFirst()).trimmingWhitespaceAndNewlines()
            return value.isEmpty ? nil : (String(line[..<colon]), value)
        }
    }

    private func tool(_ toolName: String, configuredPath: String?, path: String) throws -> ExternalCommand {
        if let configuredPath {
            guard FileManager.default.isExecutableFile(atPath: configuredPath) else {
                throw IngestError.unreadable(path: path, reason: "\(toolName) not found at \(configuredPath): install poppler-utils")
            }
            return ExternalCommand(executable: URL(fileURLWithPath: configuredPath))
        }
        guard let command = ExternalCommand.locate(toolName) else {
            throw IngestError.unreadable(
                path: path,
                reason: "\(toolName) not found: install poppler-utils (apt-get install poppler-utils, or brew install poppler)"
            )
        }
        return command
    }

    private func run(_ command: ExternalCommand, _ arguments: [String], path: String) throws -> ExternalCommand.Result {
        let result: ExternalCommand.Result
        do {
            result = try command.run(arguments: arguments, timeoutSeconds: configuration.timeoutSeconds)
        } catch {
            throw IngestError.unreadable(path: path, reason: "cannot run \(command.executable.path): \(error)")
        }
        if result.timedOut {
            throw IngestError.corrupt(path: path, parser: name, reason: "pdftotext took longer than \(Self.seconds(configuration.timeoutSeconds)) s and was stopped")
        }
        return result
    }

    /// "pdftotext: " and the distinct lines of its standard error (at most three), or the exit status.
    static func reason(fromStandardError standardError: String, exitStatus: Int32) -> String {
        var seen = Set<String>()
        let lines = standardError.split(separator: "\n").map { $0.trimmingTrailingSpaces() }.map(String.init)
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !lines.isEmpty else { return "pdftotext failed with exit status \(exitStatus)" }
        return "pdftotext: " + lines.prefix(3).joined(separator: "; ")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
