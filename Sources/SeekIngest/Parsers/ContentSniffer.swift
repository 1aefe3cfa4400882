/// Classifies a file by its first bytes: known binary signatures, PDF/RTF headers, text or binary.
///
/// Hand-written: no listed library sniffs file types, and the signatures are short constants.
public enum ContentSniffer {
    /// How many leading bytes `sniff(_:)` wants to see.
    public static let sampleBytes = TextDecoder.sampleBytes

    /// Classifies `prefix`, the first bytes of a file (up to `sampleBytes`). An empty prefix is text.
    public static func sniff(_ prefix: [UInt8]) -> SniffedContent {
        if TextDecoder.byteOrderMark(of: prefix) != nil { return .text }
        if let kind = knownBinaryKind(of: prefix) { return .knownBinary(kind) }
        if prefix.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if prefix.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        if UnmarkedUnicodeDetector.detect(prefix) != nil { return .text }
        return looksBinary(prefix) ? .unknownBinary : .text
    }

    /// True when `bytes` hold a NUL byte, or more than 10% of control characters other than the
    /// whitespace ones (tab, LF, VT, FF, CR) and escape.
    public static func looksBinary<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var controls = 0
        for byte in bytes {
            if byte == 0 { return true }
            if byte < 0x20, !(0x09...0x0D).contains(byte), byte != 0x1B { controls += 1 }
            if byte == 0x7F { controls += 1 }
        }
        return controls * 10 > bytes.count
    }

    /// The name of the binary format whose signature starts `prefix`, or nil. Signatures made only of
    /// printable ASCII ("BM", "MZ", "FORM"...) count only when the bytes also look binary, so a text
    /// file starting with "BMW" stays text.
    public static func knownBinaryKind(of prefix: [UInt8]) -> String? {
        var binaryChecked: Bool?
        for signature in signatures where matches(signature, prefix) {
            if signature.bytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
                let isBinary = binaryChecked ?? looksBinary(prefix)
                binaryChecked = isBinary
                if !isBinary { continue }
            }
            return signature.kind
        }
        if prefix.count > 262, Array(prefix[257..<262]) == Array("ustar".utf8) { return "tar archive" }
        return nil
    }

    private struct Signature {
        var offset: Int
        var bytes: [UInt8]
        var kind: String
        init(_ bytes: [UInt8], at offset: Int = 0, _ kind: String) {
            self.offset = offset
            self.bytes = bytes
            self.kind = kind
        }
        init(_ ascii: String, at offset: Int = 0, _ kind: String) {
            self.init(Array(ascii.utf8), at: offset, kind)
        }
    }

    private static func matches(_ signature: Signature, _ prefix: [UInt8]) -> Bool {
        guard prefix.count >= signature.offset + signature.bytes.count else { return false }
        return prefix[signature.offset..<signature.offset + signature.bytes.count].elementsEqual(signature.bytes)
    }

    private static let signatures: [Signature] = [
        Signature([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
        Signature([0xFF, 0xD8, 0xFF], "JPEG image"),
        Signature("GIF87a", "GIF image"),
        Signature("GIF89a", "GIF image"),
        Signature("BM", "BMP image"),
        Signature([0x49, 0x49, 0x2A, 0x00], "TIFF image"),
        Signature([0x4D, 0x4D, 0x00, 0x2A], "TIFF image"),
        Signature("WEBP", at: 8, "WebP image"),
        Signature("WAVE", at: 8, "WAV audio"),
        Signature("AVI ", at: 8, "AVI video"),
        Signature([0x00, 0x00, 0x01, 0x00], "icon image"),
        Signature("8BPS", "Photoshop image"),
        Signature("ftyp", at: 4, "MP4/QuickTime/HEIF media"),
        Signature([0x1A, 0x45, 0xDF, 0xA3], "Matroska/WebM video"),
        Signature("ID3", "MP3 audio"),
        Signature([0xFF, 0xFB], "MP3 audio"),
        Signature([0xFF, 0xF3], "MP3 audio"),
        Signature([0xFF, 0xF2], "MP3 audio"),
        Signature("OggS", "Ogg media"),
        Signature("fLaC", "FLAC audio"),
        Signature("MThd", "MIDI audio"),
        Signature("FORM", "IFF/AIFF media"),
        Signature([0x50, 0x4B, 0x03, 0x04], "zip archive"),
        Signature([0x50, 0x4B, 0x05, 0x06], "zip archive"),
        Signature([0x1F, 0x8B], "gzip archive"),
        Signature("BZh", "bzip2 archive"),
        Signature([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz archive"),
        Signature([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-zip archive"),
        Signature("Rar!", "RAR archive"),
        Signature([0x28, 0xB5, 0x2F, 0xFD], "zstd archive"),
        Signature([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        Signature([0xFE, 0xED, 0xFA, 0xCE], "Mach-O executable"),
        Signature([0xFE, 0xED, 0xFA, 0xCF], "Mach-O executable"),
        Signature([0xCE, 0xFA, 0xED, 0xFE], "Mach-O executable"),
        Signature([0xCF, 0xFA, 0xED, 0xFE], "Mach-O executable"),
        Signature([0xCA, 0xFE, 0xBA, 0xBE], "Mach-O universal binary or Java class"),
        Signature("MZ", "Windows executable"),
        Signature([0x00, 0x61, 0x73, 0x6D], "WebAssembly module"),
        Signature("SQLite format 3\u{0}", "SQLite database"),
        Signature("bplist", "binary property list"),
        Signature("OTTO", "OpenType font"),
        Signature([0x00, 0x01, 0x00, 0x00, 0x00], "TrueType font"),
        Signature("wOFF", "WOFF font"),
        Signature("wOF2", "WOFF2 font"),
        Signature([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "legacy Microsoft Office document"),
        Signature("!<arch>\n", "static library archive"),
    ]
}
