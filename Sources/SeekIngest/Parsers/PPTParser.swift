import Foundation
import SeekCore

/// PowerPoint 97-2003 presentations (`.ppt`): one segment per slide, in presentation order, with
/// heading path `["Slide N: <title>"]` (or `["Slide N"]`), like PPTX; speaker notes follow as
/// "Notes: ...". Metadata: `slides` (count). Title: the first slide title.
///
/// Seek reads the records itself ([MS-PPT], through `CompoundFile`) rather than with catppt:
/// catppt (catdoc 0.95) prints nothing for presentations written by LibreOffice, whose text sits in
/// the slides' shapes instead of the outline list. The persist directory of the last edit gives
/// the slides in order; each slide's text is its outline text (title and body placeholders) then
/// the text of its other shapes; master slides are left out.
///
/// Errors (`.corrupt`): an empty file, no OLE2 signature, no "PowerPoint Document" stream, or a
/// damaged record structure.
public struct PPTParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "ppt"
    /// Bumped whenever this parser's output changes.
    public let version = 1

    /// Creates the parser.
    public init() {}

    /// Extracts the presentation at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let data = try DocumentFileReader.read(url)
        guard !data.isEmpty else { throw IngestError.corrupt(path: path, parser: name, reason: "empty file (0 bytes)") }
        guard data.starts(with: LegacyOfficeConverter.compoundFileSignature) else {
            throw IngestError.corrupt(path: path, parser: name, reason: "not a PowerPoint 97-2003 file (no OLE2 compound file signature)")
        }
        let slides: [PowerPointSlideText]
        do {
            let file = try CompoundFile(data)
            guard let document = try file.stream(named: "PowerPoint Document") else {
                throw IngestError.corrupt(path: path, parser: name, reason: "no \"PowerPoint Document\" stream (not a presentation)")
            }
            slides = try PowerPointRecordReader(stream: document, currentUser: try file.stream(named: "Current User")).slides()
        } catch let failure as CompoundFile.Failure {
            throw IngestError.corrupt(path: path, parser: name, reason: "damaged compound file (\(failure))")
        } catch let failure as PowerPointRecordReader.Failure {
            throw IngestError.corrupt(path: path, parser: name, reason: "damaged presentation (\(failure))")
        }
        var builder = DocumentTextBuilder()
        for (index, slide) in slides.enumerated() {
            var text = slide.lines.joined(separator: "\n")
            if !slide.notes.isEmpty { text += "\n\nNotes: " + slide.notes.joined(separator: "\n") }
            let heading = slide.title.map { "Slide \(index + 1): \($0)" } ?? "Slide \(index + 1)"
            builder.appendSegment(text, headingPath: [heading])
        }
        return builder.document(title: slides.lazy.compactMap(\.title).first, metadata: ["slides": String(slides.count)])
    }
}
