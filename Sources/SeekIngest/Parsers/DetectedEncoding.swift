/// The character encoding `TextDecoder` found for a file; its `name` goes into `metadata["encoding"]`.
public enum DetectedEncoding: Sendable, Equatable, Hashable {
    /// Valid UTF-8 (with or without a byte order mark).
    case utf8
    /// Mostly UTF-8 with a few invalid bytes; each invalid byte was read as Windows-1252
    /// (typically a stray legacy character pasted into a UTF-8 file), so no character is lost.
    case utf8WithWindows1252Bytes
    /// UTF-16 little endian (with a byte order mark, or detected from its NUL-byte pattern).
    case utf16LittleEndian
    /// UTF-16 big endian (with a byte order mark, or detected from its NUL-byte pattern).
    case utf16BigEndian
    /// UTF-32 little endian (byte order mark FF FE 00 00).
    case utf32LittleEndian
    /// UTF-32 big endian (byte order mark 00 00 FE FF).
    case utf32BigEndian
    /// A legacy 8-bit code page.
    case singleByte(SingleByteCodePage)

    /// Encoding name as written into document metadata ("utf-8", "utf-16le", "windows-1252"...).
    public var name: String {
        switch self {
        case .utf8: "utf-8"
        case .utf8WithWindows1252Bytes: "utf-8+windows-1252"
        case .utf16LittleEndian: "utf-16le"
        case .utf16BigEndian: "utf-16be"
        case .utf32LittleEndian: "utf-32le"
        case .utf32BigEndian: "utf-32be"
        case .singleByte(let page): page.rawValue
        }
    }
}
