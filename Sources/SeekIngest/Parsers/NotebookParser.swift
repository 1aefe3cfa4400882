import Foundation
import SeekCore

/// Jupyter notebooks (`.ipynb`, nbformat 4, and nbformat 3's worksheets): the cells in order.
///
/// Markdown cells are kept as written, and their `#` headings make sections (like Markdown
/// files); code cells follow as their source, then their outputs' text (stream text, the
/// `text/plain` of results and displays, and errors as "name: value"), each output cut to
/// `maxOutputCharacters` with "… [output truncated]". Raw cells are kept; images and other rich
/// outputs are left out. Title: the first heading. Metadata: `language`, `cells`.
///
/// Errors (`.corrupt`): an empty file, bytes that are not JSON, JSON without a cell list.
public struct NotebookParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "notebook"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Longest text kept from one output (characters). Default 1,000.
    public let maxOutputCharacters: Int

    /// Creates the parser; outputs are cut to `maxOutputCharacters`.
    public init(maxOutputCharacters: Int = 1_000) {
        self.maxOutputCharacters = maxOutputCharacters
    }

    /// Extracts the notebook at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { throw IngestError.corrupt(path: path, parser: name, reason: "empty file (0 bytes)") }
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw IngestError.corrupt(path: path, parser: name, reason: "not a Jupyter notebook (the JSON is not an object)")
            }
            root = object
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError.corrupt(path: path, parser: name, reason: "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription))")
        }
        let cells: [[String: Any]]
        if let list = root["cells"] as? [[String: Any]] {
            cells = list
        } else if let worksheets = root["worksheets"] as? [[String: Any]] {
            cells = worksheets.flatMap { $0["cells"] as? [[String: Any]] ?? [] }
        } else {
            throw IngestError.corrupt(path: path, parser: name, reason: "not a Jupyter notebook (no \"cells\" list)")
        }

        var builder = DocumentTextBuilder()
        for cell in cells {
            let source = Self.text(cell["source"] ?? cell["input"])
            switch cell["cell_type"] as? String {
            case "markdown":
                appendMarkdown(source, to: &builder)
            case "code":
                appendBlock(source, to: &builder)
                for output in cell["outputs"] as? [[String: Any]] ?? [] {
                    appendBlock(truncated(Self.outputText(output)), to: &builder)
                }
            default:
                appendBlock(source, to: &builder)
            }
        }
        let metadata = root["metadata"] as? [String: Any]
        let language = ((metadata?["kernelspec"] as? [String: Any])?["language"] as? String)
            ?? ((metadata?["language_info"] as? [String: Any])?["name"] as? String)
        var documentMetadata = ["cells": String(cells.count)]
        if let language { documentMetadata["language"] = language }
        return builder.document(title: builder.firstHeadingTitle, metadata: documentMetadata)
    }

    private func appendMarkdown(_ source: String, to builder: inout DocumentTextBuilder) {
        var paragraph: [Substring] = []
        func flush() {
            appendBlock(paragraph.joined(separator: "\n"), to: &builder)
            paragraph = []
        }
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let hashes = line.prefix { $0 == "#" }.count
            if (1...6).contains(hashes), line.dropFirst(hashes).first == " " {
                flush()
                let title = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
                builder.breakParagraph()
                builder.markHeading(level: hashes, title: title)
                builder.append(title)
            } else {
                paragraph.append(line)
            }
        }
        flush()
    }

    private func appendBlock(_ text: String, to builder: inout DocumentTextBuilder) {
        let trimmed = TextDecoder.normalizingLineEndings(text).trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else { return }
        builder.breakParagraph()
        builder.append(trimmed)
    }

    private func truncated(_ text: String) -> String {
        guard text.count > maxOutputCharacters else { return text }
        return String(text.prefix(maxOutputCharacters)) + "… [output truncated]"
    }

    /// The text of one output: stream text, `text/plain` data, or "ename: evalue".
    private static func outputText(_ output: [String: Any]) -> String {
        switch output["output_type"] as? String {
        case "stream":
            return text(output["text"])
        case "error", "pyerr":
            return [output["ename"] as? String, output["evalue"] as? String].compactMap { $0 }.joined(separator: ": ")
        default:
            let data = output["data"] as? [String: Any] ?? output
            return text(data["text/plain"] ?? data["text"])
        }
    }

    /// A notebook string: one string, or a list of lines to concatenate.
    private static func text(_ value: Any?) -> String {
        if let string = value as? String { return string }
        if let lines = value as? [String] { return lines.joined() }
        return ""
    }
}
