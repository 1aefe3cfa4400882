/// Settings shared by the Office parsers: the zip-based ones (DOCX, XLSX, PPTX, ODT, ODS, ODP,
/// EPUB) and the legacy ones that run a converter (DOC with antiword, XLS with xls2csv).
public struct OfficeParserConfiguration: Sendable, Equatable {
    /// Largest uncompressed size of one XML part the parsers will inflate; bigger parts make the
    /// file `.corrupt` (protects against zip bombs). Default 256 MiB.
    public var maxPartBytes: Int
    /// Seconds a converter (antiword, catdoc, xls2csv) may run before it is killed and the file
    /// fails. Default 60.
    public var converterTimeoutSeconds: Double

    /// Creates a value from its fields (see each field for defaults).
    public init(maxPartBytes: Int = 256 << 20, converterTimeoutSeconds: Double = 60) {
        self.maxPartBytes = maxPartBytes
        self.converterTimeoutSeconds = converterTimeoutSeconds
    }
}
