import Foundation

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
    /// A legacy 8-bit code page with a built-in table.
    case singleByte(SingleByteCodePage)
    /// Any other charset, decoded through iconv: the CJK multi-byte encodings and the code pages
    /// without a built-in table ("shift_jis", "gb18030", "euc-kr", "big5", "koi8-r", "iso-8859-2"...).
    /// The payload is the lowercased name, which iconv accepts.
    case charset(String)

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
        case .charset(let name): name
        }
    }

    /// The encoding a MIME or HTML charset label names ("utf-8", "ISO-8859-2", "Shift_JIS"...), or nil
    /// when neither a built-in table nor iconv can decode it. "us-ascii" reads as UTF-8 (its superset).
    public init?(charsetLabel: String) {
        let label = charsetLabel.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
        switch label {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968": self = .utf8
        case "utf-16le": self = .utf16LittleEndian
        case "utf-16be", "utf-16": self = .utf16BigEndian
        case "utf-32le": self = .utf32LittleEndian
        case "utf-32be", "utf-32": self = .utf32BigEndian
        default:
            if let page = SingleByteCodePage(charsetLabel: label) {
                self = .singleByte(page)
            } else if !label.isEmpty, IconvConverter.supports(label) {
                self = .charset(label)
            } else {
                return nil
            }
        }
    }
}
