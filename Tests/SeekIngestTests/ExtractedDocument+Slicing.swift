import SeekCore

extension ExtractedDocument {
    /// The text a segment covers, sliced by Unicode scalar offsets.
    func text(of segment: DocumentSegment) -> String {
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[segment.start..<segment.end]))
    }

    /// The texts of all segments, in order.
    var segmentTexts: [String] { segments.map { text(of: $0) } }
}
