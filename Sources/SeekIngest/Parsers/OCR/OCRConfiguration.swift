/// How Seek reads text out of images and scanned PDF pages with tesseract.
///
/// OCR runs inside the parse stage, so it must not starve embedding: tesseract is started with
/// `OMP_THREAD_LIMIT=1` (one thread per process), and at most `maxConcurrentProcesses` OCR
/// processes run at once across all parse workers.
public struct OCRConfiguration: Sendable, Equatable {
    /// Read images and text-less PDF pages with OCR. Default true; `--no-ocr` or `"ocr":
    /// {"enabled": false}` turns it off (images are then skipped, scanned pages stay empty).
    public var enabled: Bool
    /// tesseract language codes, joined with "+" for tesseract's `-l` ("eng", "deu"...). Each needs
    /// its data package (`tesseract-ocr-deu`). Default ["eng"].
    public var languages: [String]
    /// Seconds one page (rendering plus recognition) may take before its processes are killed and
    /// the file fails. Default 120.
    public var pageTimeoutSeconds: Double
    /// OCR processes (pdftoppm or tesseract) running at once in this Seek process. Default 1.
    public var maxConcurrentProcesses: Int
    /// Resolution scanned PDF pages are rendered at for recognition. Default 300 dpi.
    public var renderDPI: Int
    /// A PDF page with fewer non-whitespace characters than this in its text layer, and an image,
    /// is read with OCR. Default 20.
    public var minPageCharacters: Int
    /// Path of the tesseract executable; nil (default) searches `$PATH` and the usual folders.
    public var tesseractPath: String?
    /// Path of poppler's pdftoppm; nil (default) searches `$PATH` and the usual folders.
    public var pdftoppmPath: String?

    /// Creates a value from its fields (see each field for defaults).
    public init(
        enabled: Bool = true, languages: [String] = ["eng"], pageTimeoutSeconds: Double = 120, maxConcurrentProcesses: Int = 1,
        renderDPI: Int = 300, minPageCharacters: Int = 20, tesseractPath: String? = nil, pdftoppmPath: String? = nil
    ) {
        self.enabled = enabled
        self.languages = languages
        self.pageTimeoutSeconds = pageTimeoutSeconds
        self.maxConcurrentProcesses = maxConcurrentProcesses
        self.renderDPI = renderDPI
        self.minPageCharacters = minPageCharacters
        self.tesseractPath = tesseractPath
        self.pdftoppmPath = pdftoppmPath
    }

    /// The configuration checked: at least one language made of letters, digits, `_` or `-`
    /// ("chi_sim"), a positive timeout, 1...64 processes, 70...1200 dpi. Throws `OCRConfigurationError`.
    public func validated() throws(OCRConfigurationError) -> OCRConfiguration {
        guard !languages.isEmpty else { throw OCRConfigurationError(key: "languages", reason: "must name at least one language") }
        for language in languages where language.isEmpty || !language.unicodeScalars.allSatisfy({
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }) {
            throw OCRConfigurationError(key: "languages", reason: "'\(language)' is not a tesseract language code (eng, deu, chi_sim...)")
        }
        guard pageTimeoutSeconds > 0 else { throw OCRConfigurationError(key: "page_timeout_seconds", reason: "must be positive") }
        guard (1...64).contains(maxConcurrentProcesses) else {
            throw OCRConfigurationError(key: "max_processes", reason: "must be 1...64, not \(maxConcurrentProcesses)")
        }
        guard (70...1200).contains(renderDPI) else { throw OCRConfigurationError(key: "dpi", reason: "must be 70...1200, not \(renderDPI)") }
        return self
    }
}
