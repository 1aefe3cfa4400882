import Foundation
import SeekCore

/// E-books in EPUB 2 or 3 format: the XHTML chapters in spine (reading) order, each read like an
/// HTML file.
///
/// `META-INF/container.xml` names the package document (OPF); its spine orders the manifest's
/// XHTML items. Each chapter's sections get the chapter title as the first heading: its first
/// heading, else its `<title>`, else "Chapter N". Title: the OPF `dc:title`; metadata: `author`
/// (`dc:creator`), `chapters`.
///
/// Errors (`.corrupt`): not a zip, container or package document missing or malformed, a spine
/// without chapters, a chapter the manifest names but the zip lacks, or chapters encrypted by DRM
/// (`META-INF/encryption.xml` listing them; obfuscated fonts are fine).
public struct EPUBParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "epub"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Limits for reading the archive.
    public let configuration: OfficeParserConfiguration

    /// Creates the parser with `configuration` (defaults when omitted).
    public init(configuration: OfficeParserConfiguration = OfficeParserConfiguration()) {
        self.configuration = configuration
    }

    /// Extracts the book at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let archive = try OfficeArchive(url: url, parser: name, configuration: configuration)
        var container = RootfileCollector()
        try archive.read("META-INF/container.xml", data: try archive.requiredData(of: "META-INF/container.xml"), into: &container)
        guard let packagePath = container.fullPath else {
            throw IngestError.corrupt(path: url.path, parser: name, reason: "META-INF/container.xml names no package document (rootfile)")
        }
        var package = PackageCollector()
        try archive.read(packagePath, data: try archive.requiredData(of: packagePath), into: &package)
        let folder = (packagePath as NSString).deletingLastPathComponent
        let chapters = package.spine.compactMap { package.manifest[$0] }.filter { Self.chapterTypes.contains($0.mediaType) }
            .map { Self.resolve($0.href, against: folder) }
        guard !chapters.isEmpty else { throw IngestError.corrupt(path: url.path, parser: name, reason: "the spine lists no XHTML chapter") }
        let encrypted = try encryptedParts(in: archive)
        if let locked = chapters.first(where: { encrypted.contains($0.lowercased()) }) {
            throw IngestError.corrupt(path: url.path, parser: name, reason: "encrypted (DRM-protected) book: \(locked) cannot be read")
        }

        var builder = DocumentTextBuilder()
        for (index, part) in chapters.enumerated() {
            let data = try archive.requiredData(of: part)
            let declared = HTMLParser.declaredEncoding(in: data)
            let decoded = try TextParser.decodeText(data, path: url.path, parser: name, declaredEncoding: declared)
            var extractor = HTMLTextExtractor(html: decoded.text)
            let chapter = extractor.extract(metadata: [:])
            let scalars = Array(chapter.text.unicodeScalars)
            let firstHeading = chapter.segments.first { !$0.headingPath.isEmpty }?.headingPath.first
            let chapterTitle = firstHeading ?? chapter.title ?? "Chapter \(index + 1)"
            let sections = chapter.segments.isEmpty ? [DocumentSegment(start: 0, end: scalars.count)] : chapter.segments
            for section in sections {
                let text = String(String.UnicodeScalarView(scalars[section.start..<section.end]))
                let path = section.headingPath.first == chapterTitle ? section.headingPath : [chapterTitle] + section.headingPath
                builder.appendSegment(text, headingPath: path)
            }
        }
        var metadata = ["chapters": String(chapters.count)]
        if let author = package.creator { metadata["author"] = author }
        return builder.document(title: package.title, metadata: metadata)
    }

    /// Media types of chapters.
    private static let chapterTypes: Set<String> = ["application/xhtml+xml", "text/html", "application/x-dtbook+xml"]

    /// Lowercased paths of parts that `META-INF/encryption.xml` encrypts with something other than
    /// font obfuscation.
    private func encryptedParts(in archive: OfficeArchive) throws -> Set<String> {
        guard let data = try archive.data(of: "META-INF/encryption.xml") else { return [] }
        var collector = EncryptionCollector()
        try archive.read("META-INF/encryption.xml", data: data, into: &collector)
        return Set(collector.encryptedURIs.map { Self.resolve($0, against: "").lowercased() })
    }

    /// `href` (relative, percent-encoded, maybe with a fragment) as a path inside the zip.
    static func resolve(_ href: String, against folder: String) -> String {
        let withoutFragment = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? href
        let decoded = withoutFragment.removingPercentEncoding ?? withoutFragment
        var components: [String] = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    // MARK: - XML parts

    private struct RootfileCollector: XMLEventHandling {
        var fullPath: String?
        mutating func startElement(_ name: String, attributes: [String: String]) {
            if name == "rootfile", fullPath == nil { fullPath = attributes["full-path"] }
        }
        mutating func endElement(_ name: String) {}
        mutating func characters(_ text: String) {}
    }

    private struct PackageCollector: XMLEventHandling {
        struct Item {
            var href: String
            var mediaType: String
        }
        var manifest: [String: Item] = [:]
        var spine: [String] = []
        var title: String?
        var creator: String?
        private var reading: String?
        private var buffer = ""

        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "item":
                if let id = attributes["id"], let href = attributes["href"] {
                    manifest[id] = Item(href: href, mediaType: (attributes["media-type"] ?? "").lowercased())
                }
            case "itemref":
                if let idref = attributes["idref"] { spine.append(idref) }
            case "title" where title == nil, "creator" where creator == nil:
                reading = name
                buffer = ""
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            guard name == reading else { return }
            let value = buffer.collapsingWhitespace()
            if !value.isEmpty {
                if name == "title" { title = value } else { creator = value }
            }
            reading = nil
        }

        mutating func characters(_ text: String) {
            if reading != nil { buffer += text }
        }
    }

    private struct EncryptionCollector: XMLEventHandling {
        var encryptedURIs: [String] = []
        private var algorithm: String?
        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "EncryptionMethod": algorithm = attributes["Algorithm"]
            case "CipherReference":
                let fontObfuscation = algorithm.map { $0.contains("idpf.org/2008/embedding") || $0.contains("ns.adobe.com/pdf/enc#RC") } ?? false
                if !fontObfuscation, let uri = attributes["URI"] { encryptedURIs.append(uri) }
            default: break
            }
        }
        mutating func endElement(_ name: String) {
            if name == "EncryptedData" { algorithm = nil }
        }
        mutating func characters(_ text: String) {}
    }
}
