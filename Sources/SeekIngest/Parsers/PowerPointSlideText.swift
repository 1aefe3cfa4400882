/// The text of one PowerPoint 97-2003 slide, as `PowerPointRecordReader` finds it.
struct PowerPointSlideText: Equatable {
    /// The title placeholder's text, if any.
    var title: String?
    /// Every paragraph of the slide, title first, one per line.
    var lines: [String] = []
    /// The paragraphs of the speaker notes.
    var notes: [String] = []
}
