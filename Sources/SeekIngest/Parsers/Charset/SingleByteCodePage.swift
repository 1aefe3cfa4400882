/// A legacy 8-bit character set: bytes 0x00...0x7F are ASCII, bytes 0x80...0xFF map through a table.
///
/// Used by `TextDecoder` for legacy text files and by the RTF parser for `\'xx` escapes.
public enum SingleByteCodePage: String, Sendable, CaseIterable {
    /// Windows-1252, the Western European Windows code page (a superset of ISO 8859-1's printable range).
    case windows1252 = "windows-1252"
    /// ISO 8859-1 (Latin-1): byte value = code point; 0x80...0x9F are C1 control characters.
    case isoLatin1 = "iso-8859-1"
    /// Mac OS Roman, the classic Macintosh Western European character set.
    case macRoman = "macintosh"
    /// Windows-1250, Central European.
    case windows1250 = "windows-1250"
    /// Windows-1251, Cyrillic.
    case windows1251 = "windows-1251"
    /// IBM PC code page 437 (DOS, US).
    case ibm437 = "ibm437"
    /// IBM PC code page 850 (DOS, Western European).
    case ibm850 = "ibm850"

    /// The code page for a Windows code page number (RTF `\ansicpgN`), or nil when not supported.
    /// 10000 is Mac Roman, 28591 is ISO 8859-1.
    public init?(windowsCodePage: Int) {
        switch windowsCodePage {
        case 1252: self = .windows1252
        case 1250: self = .windows1250
        case 1251: self = .windows1251
        case 437: self = .ibm437
        case 850: self = .ibm850
        case 10000: self = .macRoman
        case 28591: self = .isoLatin1
        default: return nil
        }
    }

    /// The character set named by an HTML/MIME charset label (`<meta charset="...">`), or nil when
    /// the label names no single-byte code page supported here. Like browsers, ISO 8859-1 and ASCII
    /// labels decode as Windows-1252 (its superset).
    public init?(charsetLabel: String) {
        switch charsetLabel.lowercased() {
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "latin1", "l1",
             "us-ascii", "ascii", "iso_8859-1":
            self = .windows1252
        case "windows-1250", "cp1250", "x-cp1250": self = .windows1250
        case "windows-1251", "cp1251", "x-cp1251": self = .windows1251
        case "macintosh", "mac", "x-mac-roman", "macroman": self = .macRoman
        case "ibm437", "cp437": self = .ibm437
        case "ibm850", "cp850": self = .ibm850
        default: return nil
        }
    }

    /// The Unicode scalar for one byte (U+FFFD for bytes the code page leaves undefined).
    public func scalar(for byte: UInt8) -> Unicode.Scalar {
        guard byte >= 0x80, let table = upperHalf else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(table[Int(byte) - 0x80]) ?? "\u{FFFD}"
    }

    /// Decodes every byte of `bytes` through this code page.
    public func decode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
            } else {
                UTF8.encode(scalar(for: byte)) { utf8.append($0) }
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
