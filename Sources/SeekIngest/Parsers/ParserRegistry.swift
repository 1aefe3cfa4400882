import Foundation
import SeekCore

/// Chooses the parser for a file: by extension first, else by sniffing the first bytes.
///
/// Known extensions map to their parser (source code and configuration files to the text parser;
/// images to the OCR image parser; `.gz` to the gzip parser, which parses the inner file with a
/// registry like this one without itself).
/// A file with an unknown extension, or none, is sniffed (`ContentSniffer`): text goes to the text
/// parser, a `%PDF-` or `{\rtf` header to the PDF or RTF parser, and anything binary gets no parser:
/// `parser(for:)` returns nil and the caller skips the file with `unknownBinaryReason`.
public struct ParserRegistry: Sendable {
    /// The reason to record for a file `parser(for:)` returned nil for.
    public static let unknownBinaryReason = "binary file of unknown type"

    /// The registry with every parser and default settings.
    public static let standard = ParserRegistry()

    /// Extensions (lowercased, without dot) of source code and text formats read by the text parser.
    public static let textExtensions: Set<String> = [
        "txt", "text", "log", "me", "nfo", "1st",
        // Source code.
        "swift", "py", "pyi", "pyw", "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "go", "rs", "c", "h",
        "cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h++", "inl", "ipp", "m", "mm", "java", "kt", "kts", "scala",
        "sc", "groovy", "gradle", "rb", "rake", "gemspec", "php", "pl", "pm", "t", "lua", "r", "jl", "dart", "cs",
        "csx", "fs", "fsi", "fsx", "vb", "vbs", "sh", "bash", "zsh", "fish", "ksh", "csh", "ps1", "psm1", "psd1",
        "bat", "cmd", "sql", "ddl", "hs", "lhs", "elm", "ml", "mli", "ex", "exs", "erl", "hrl", "clj", "cljs", "cljc",
        "edn", "el", "lisp", "lsp", "scm", "ss", "rkt", "nim", "zig", "d", "v", "sv", "svh", "vhd", "vhdl", "asm",
        "s", "f", "f90", "f95", "f03", "for", "pas", "pp", "ada", "adb", "ads", "cob", "cbl", "sol", "cu", "cuh",
        "metal", "glsl", "hlsl", "wgsl", "vert", "frag", "proto", "thrift", "graphql", "gql", "awk", "sed", "tcl",
        "vue", "svelte", "astro", "coffee", "purs", "cr", "odin", "gleam", "tf", "hcl", "nix", "bzl", "star",
        "cmake", "mk", "make", "mak", "dockerfile", "containerfile", "jenkinsfile",
        // Data, markup and configuration.
        "json", "jsonl", "ndjson", "json5", "jsonc", "geojson", "yaml", "yml", "toml", "ini", "cfg", "conf",
        "config", "properties", "env", "xml", "xsd", "xsl", "xslt", "svg", "xaml", "csproj", "vcxproj",
        "pom", "wsdl", "rss", "atom", "opml", "gpx", "kml", "css", "scss", "sass", "less", "styl", "tex", "sty",
        "cls", "bib", "rst", "adoc", "asciidoc", "org", "textile", "wiki", "mediawiki", "pod", "rdoc", "man",
        "diff", "patch", "srt", "vtt", "ics", "vcf", "lock", "sum", "gitignore",
        "gitattributes", "gitmodules", "editorconfig", "dockerignore", "npmrc", "htaccess", "service", "desktop",
        "reg", "inf", "po", "pot", "strings", "resx", "graphml", "gv", "mermaid", "mmd",
        "puml", "plantuml", "http", "rest", "prisma", "avsc", "avdl", "sbt", "cabal", "nimble", "podspec",
    ]

    /// Parser names by extension for the structured formats.
    private static let formatExtensions: [String: String] = [
        "md": "markdown", "markdown": "markdown", "mdown": "markdown", "mkd": "markdown", "mkdn": "markdown",
        "mdwn": "markdown", "mdx": "markdown", "rmd": "markdown", "qmd": "markdown",
        "html": "html", "htm": "html", "xhtml": "html", "shtml": "html", "xht": "html",
        "csv": "csv", "tsv": "csv", "tab": "csv", "psv": "csv",
        "pdf": "pdf",
        "docx": "docx", "docm": "docx", "dotx": "docx", "dotm": "docx",
        "xlsx": "xlsx", "xlsm": "xlsx", "xltx": "xlsx", "xltm": "xlsx",
        "pptx": "pptx", "pptm": "pptx", "potx": "pptx", "ppsx": "pptx",
        "odt": "odt", "ott": "odt",
        "ods": "ods", "ots": "ods",
        "odp": "odp", "otp": "odp",
        "rtf": "rtf",
        "doc": "doc", "dot": "doc",
        "xls": "xls", "xlt": "xls",
        "ppt": "ppt", "pps": "ppt", "pot": "ppt",
        "eml": "email",
        "mbox": "mbox",
        "epub": "epub",
        "ipynb": "notebook",
        "gz": "gzip", "tgz": "gzip",
        "png": "image", "jpg": "image", "jpeg": "image", "jpe": "image", "tif": "image", "tiff": "image",
        "webp": "image", "gif": "image", "bmp": "image", "heic": "image", "heif": "image",
    ]

    private let parsersByName: [String: any DocumentParser]

    /// A registry whose PDF parser uses `pdfConfiguration`, whose Office, EPUB and legacy Office
    /// parsers use `officeConfiguration`, whose PDF and image parsers share one OCR engine with
    /// `ocrConfiguration` (so its process limit holds for the whole registry), and whose gzip
    /// parser decompresses up to `maxDecompressedBytes` (default 50 MiB, the scan's default limit).
    public init(
        pdfConfiguration: PDFParser.Configuration = PDFParser.Configuration(),
        officeConfiguration: OfficeParserConfiguration = OfficeParserConfiguration(),
        ocrConfiguration: OCRConfiguration = OCRConfiguration(),
        maxDecompressedBytes: Int = 50 << 20
    ) {
        self.init(pdfConfiguration: pdfConfiguration, officeConfiguration: officeConfiguration,
                  ocrEngine: OCREngine(configuration: ocrConfiguration), maxDecompressedBytes: maxDecompressedBytes, includingGzip: true)
    }

    private init(
        pdfConfiguration: PDFParser.Configuration, officeConfiguration: OfficeParserConfiguration, ocrEngine: OCREngine,
        maxDecompressedBytes: Int, includingGzip: Bool
    ) {
        var parsers: [any DocumentParser] = [
            TextParser(), MarkdownParser(), HTMLParser(), CSVParser(), PDFParser(configuration: pdfConfiguration, ocrEngine: ocrEngine),
            DOCXParser(configuration: officeConfiguration), XLSXParser(configuration: officeConfiguration),
            PPTXParser(configuration: officeConfiguration), ODTParser(configuration: officeConfiguration), RTFParser(),
            ODSParser(configuration: officeConfiguration), ODPParser(configuration: officeConfiguration),
            DOCParser(configuration: officeConfiguration), XLSParser(configuration: officeConfiguration), PPTParser(),
            EmailParser(), MboxParser(), EPUBParser(configuration: officeConfiguration), NotebookParser(),
            ImageParser(ocrEngine: ocrEngine),
        ]
        if includingGzip {
            let inner = ParserRegistry(
                pdfConfiguration: pdfConfiguration, officeConfiguration: officeConfiguration, ocrEngine: ocrEngine,
                maxDecompressedBytes: maxDecompressedBytes, includingGzip: false)
            parsers.append(GzipParser(inner: inner, maxDecompressedBytes: maxDecompressedBytes))
        }
        parsersByName = Dictionary(uniqueKeysWithValues: parsers.map { ($0.name, $0) })
    }

    /// Every parser, sorted by name.
    public var parsers: [any DocumentParser] {
        parsersByName.keys.sorted().compactMap { parsersByName[$0] }
    }

    /// The parser called `name` ("text", "markdown", "pdf"...), or nil.
    public func parser(named name: String) -> (any DocumentParser)? {
        parsersByName[name]
    }

    /// The parser for the file at `url`, or nil for a binary file of unknown type (skip it with
    /// `unknownBinaryReason`). Reads the file's first bytes only when its extension is unknown;
    /// throws `IngestError.unreadable` when that read fails.
    public func parser(for url: URL) throws -> (any DocumentParser)? {
        let fileExtension = url.pathExtension.lowercased()
        if let name = Self.formatExtensions[fileExtension] { return parsersByName[name] }
        if Self.textExtensions.contains(fileExtension) { return parsersByName["text"] }
        let prefix = try DocumentFileReader.readPrefix(of: url, count: ContentSniffer.sampleBytes)
        switch ContentSniffer.sniff(prefix) {
        case .text: return parsersByName["text"]
        case .pdf: return parsersByName["pdf"]
        case .rtf: return parsersByName["rtf"]
        case .knownBinary, .unknownBinary: return nil
        }
    }
}
