/// Collects the text of the first element with a given local name (`dc:title` in docProps/core.xml
/// or meta.xml).
struct ElementTextCollector: XMLEventHandling {
    /// Local name of the element to read.
    let elementName: String
    /// Its text, whitespace collapsed; nil until found (or when empty).
    private(set) var text: String?
    private var depth = 0
    private var buffer = ""
    private var done = false

    init(elementName: String) {
        self.elementName = elementName
    }

    mutating func startElement(_ name: String, attributes: [String: String]) {
        guard !done else { return }
        if name == elementName || depth > 0 { depth += 1 }
    }

    mutating func endElement(_ name: String) {
        guard depth > 0 else { return }
        depth -= 1
        if depth == 0 {
            done = true
            let collapsed = buffer.collapsingWhitespace()
            text = collapsed.isEmpty ? nil : collapsed
        }
    }

    mutating func characters(_ text: String) {
        if depth > 0 { buffer += text }
    }

    /// The title in `part` of `archive` (nil when the part or the element is missing or unreadable:
    /// a title is optional, so a broken properties part does not fail the document).
    static func title(in part: String, of archive: OfficeArchive) -> String? {
        guard let data = try? archive.data(of: part) else { return nil }
        var collector = ElementTextCollector(elementName: "title")
        guard (try? archive.read(part, data: data, into: &collector)) != nil else { return nil }
        return collector.text
    }
}
