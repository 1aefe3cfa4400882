/// Settings shared by the zip-based Office parsers (DOCX, XLSX, PPTX, ODT).
public struct OfficeParserConfiguration: Sendable, Equatable {
    /// Largest uncompressed size of one XML part the parsers will inflate; bigger parts make the
    /// file `.corrupt` (protects against zip bombs). Default 256 MiB.
    public var maxPartBytes: Int

    /// Creates a value from its fields (see each field for defaults).
    public init(maxPartBytes: Int = 256 << 20) {
        self.maxPartBytes = maxPartBytes
    }
}
