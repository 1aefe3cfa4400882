import Foundation
import SeekCore

/// PowerPoint presentations (PPTX): one segment per slide, in presentation order
/// (`ppt/presentation.xml`, else slide file numbers), heading path `["Slide N: <title>"]` (or
/// `["Slide N"]` without a title placeholder).
///
/// A slide's text is every paragraph (`a:p`) of its shapes and tables, one per line (table cells
/// joined by " | "); date, footer and slide-number placeholders are left out. Speaker notes follow
/// as "Notes: ...". Metadata: `slides` (count). Title: `docProps/core.xml` `dc:title`, else the first
/// slide title.
public struct PPTXParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "pptx"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Limits for reading the archive.
    public let configuration: OfficeParserConfiguration

    /// Creates the parser with `configuration` (defaults when omitted).
    public init(configuration: OfficeParserConfiguration = OfficeParserConfiguration()) {
        self.configuration = configuration
    }

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let archive = try OfficeArchive(url: url, parser: name, configuration: configuration)
        let slideParts = try slidePartsInOrder(of: archive)
        guard !slideParts.isEmpty || archive.contains("ppt/presentation.xml") else {
            throw IngestError.corrupt(path: url.path, parser: name, reason: "ppt/presentation.xml missing")
        }
        var builder = DocumentTextBuilder()
        var firstSlideTitle: String?
        for (index, part) in slideParts.enumerated() {
            var slide = SlideHandler()
            try archive.read(part, data: try archive.requiredData(of: part), into: &slide)
            var text = slide.writer.builder.text
            if let notesPart = try OfficeRelationships(of: part, in: archive).first(ofType: "notesSlide")?.target,
               let notesData = try archive.data(of: notesPart) {
                var notes = SlideHandler(onlyPlaceholderType: "body")
                try archive.read(notesPart, data: notesData, into: &notes)
                let notesText = notes.writer.builder.text.trimmingWhitespaceAndNewlines()
                if !notesText.isEmpty { text += "\n\nNotes: " + notesText }
            }
            let number = index + 1
            let heading = slide.title.map { "Slide \(number): \($0)" } ?? "Slide \(number)"
            if firstSlideTitle == nil { firstSlideTitle = slide.title }
            builder.appendSegment(text, headingPath: [heading])
        }
        let title = ElementTextCollector.title(in: "docProps/core.xml", of: archive) ?? firstSlideTitle
        return builder.document(title: title, metadata: ["slides": String(slideParts.count)])
    }

    /// Slide parts in the order of `p:sldIdLst`, or by the number in `ppt/slides/slideN.xml`.
    private func slidePartsInOrder(of archive: OfficeArchive) throws -> [String] {
        let presentationPart = "ppt/presentation.xml"
        if let data = try archive.data(of: presentationPart) {
            var list = SlideListCollector()
            try archive.read(presentationPart, data: data, into: &list)
            let relationships = try OfficeRelationships(of: presentationPart, in: archive)
            let parts = list.relationshipIDs.compactMap { relationships[$0]?.target }.filter { archive.contains($0) }
            if !parts.isEmpty { return parts }
        }
        let numbered = archive.partPaths.compactMap { path -> (Int, String)? in
            let lowered = path.lowercased()
            guard lowered.hasPrefix("ppt/slides/slide"), lowered.hasSuffix(".xml") else { return nil }
            let number = lowered.dropFirst("ppt/slides/slide".count).dropLast(".xml".count)
            return Int(number).map { ($0, path) }
        }
        return numbered.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private struct SlideListCollector: XMLEventHandling {
        var relationshipIDs: [String] = []

        mutating func startElement(_ name: String, attributes: [String: String]) {
            if name == "sldId", let id = attributes.first(where: { key, _ in key.hasSuffix(":id") })?.value {
                relationshipIDs.append(id)
            }
        }

        mutating func endElement(_ name: String) {}
        mutating func characters(_ text: String) {}
    }

    /// Collects the paragraphs of a slide (or notes page), and the title placeholder's text.
    private struct SlideHandler: XMLEventHandling {
        /// Only shapes with this placeholder type count (notes pages: "body"); nil takes all shapes.
        var onlyPlaceholderType: String?
        var writer = OfficeTextWriter(separator: .lineBreak)
        private(set) var title: String?
        private var shapes: [(placeholderType: String?, text: String)] = []
        private var inText = false
        private var skipDepth = 0

        private static let ignoredPlaceholders: Set<String> = ["dt", "ftr", "sldNum", "hdr", "sldImg"]

        init(onlyPlaceholderType: String? = nil) {
            self.onlyPlaceholderType = onlyPlaceholderType
        }

        private var shapeIsIgnored: Bool {
            guard let shape = shapes.last else { return onlyPlaceholderType != nil }
            if let type = shape.placeholderType, Self.ignoredPlaceholders.contains(type) { return true }
            if let onlyPlaceholderType { return shape.placeholderType != onlyPlaceholderType }
            return false
        }

        mutating func startElement(_ name: String, attributes: [String: String]) {
            if skipDepth > 0 || name == "Fallback" {
                skipDepth += 1
                return
            }
            switch name {
            case "sp", "graphicFrame", "cxnSp":
                shapes.append((nil, ""))
            case "ph" where !shapes.isEmpty:
                // A placeholder without a type is the body placeholder.
                shapes[shapes.count - 1].placeholderType = attributes["type"] ?? "body"
            case "p" where !shapeIsIgnored:
                writer.beginParagraph()
            case "t" where writer.isInParagraph:
                inText = true
            case "br" where writer.isInParagraph:
                writer.appendText("\n")
            case "tbl" where !shapeIsIgnored: writer.beginTable()
            case "tr" where !shapeIsIgnored: writer.beginRow()
            case "tc" where !shapeIsIgnored: writer.beginCell()
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            if skipDepth > 0 {
                skipDepth -= 1
                return
            }
            switch name {
            case "sp", "graphicFrame", "cxnSp":
                if let shape = shapes.popLast(), title == nil, shape.placeholderType == "title" || shape.placeholderType == "ctrTitle" {
                    let text = shape.text.collapsingWhitespace()
                    if !text.isEmpty { title = text }
                }
            case "p" where writer.isInParagraph:
                writer.endParagraph()
                if !shapes.isEmpty { shapes[shapes.count - 1].text += " " }
            case "t": inText = false
            case "tbl" where !shapeIsIgnored: writer.endTable()
            case "tr" where !shapeIsIgnored: writer.endRow()
            case "tc" where !shapeIsIgnored: writer.endCell()
            default: break
            }
        }

        mutating func characters(_ text: String) {
            guard inText, skipDepth == 0 else { return }
            writer.appendText(text)
            if !shapes.isEmpty { shapes[shapes.count - 1].text += text }
        }
    }
}
