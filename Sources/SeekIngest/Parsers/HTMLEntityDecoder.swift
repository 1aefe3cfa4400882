/// Decodes HTML character references: named (`&amp;`, `&eacute;`), decimal (`&#233;`) and
/// hexadecimal (`&#xE9;`). Unknown or malformed references stay as written, like browsers do.
///
/// Hand-written: Foundation has no HTML entity decoder on Linux (NSAttributedString's HTML import is
/// Darwin-only and loads WebKit).
enum HTMLEntityDecoder {
    /// Names browsers also accept without the trailing semicolon (`&amp` `&lt`...).
    private static let legacyNames: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT"]

    /// `text` with every character reference replaced by its character.
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "&", let (decoded, length) = reference(in: scalars, at: index) {
                result.append(decoded)
                index += length
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return String(result)
    }

    /// The character of the reference starting at `start` (an `&`) and the reference's length.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < scalars.count else { return nil }
        if scalars[index] == "#" {
            index += 1
            var radix: UInt32 = 10
            if index < scalars.count, scalars[index] == "x" || scalars[index] == "X" {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < scalars.count, let digit = digitValue(scalars[index], radix: radix) {
                value = min(value &* radix &+ digit, 0x11_0000)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < scalars.count, scalars[index] == ";" { index += 1 }
            return (numericCharacter(value), index - start)
        }
        var name = ""
        while index < scalars.count, isASCIILetterOrDigit(scalars[index]), name.count < 32 {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !name.isEmpty else { return nil }
        if index < scalars.count, scalars[index] == ";", let value = namedEntities[name], let character = Unicode.Scalar(value) {
            return (character, index + 1 - start)
        }
        if legacyNames.contains(name), let value = namedEntities[name.lowercased()], let character = Unicode.Scalar(value) {
            return (character, index - start)
        }
        return nil
    }

    /// The character for a numeric reference, with the HTML fix-ups: NUL, surrogates and values
    /// beyond Unicode become U+FFFD; 0x80...0x9F are read as Windows-1252 (as browsers do).
    private static func numericCharacter(_ value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value) { return SingleByteCodePage.windows1252.scalar(for: UInt8(value)) }
        if value == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46 where radix == 16: scalar.value - 0x41 + 10
        case 0x61...0x66 where radix == 16: scalar.value - 0x61 + 10
        default: nil
        }
    }

    private static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }
}
