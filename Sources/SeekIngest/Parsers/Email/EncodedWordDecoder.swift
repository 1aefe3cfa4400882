import Foundation

/// Decodes RFC 2047 encoded words in header values: `=?utf-8?Q?caf=C3=A9?=` and
/// `=?iso-8859-1?B?Y2Fm6Q==?=` become "café"; whitespace between two adjacent encoded words is
/// dropped (RFC 2047 6.2). A word with an unknown charset or broken encoding is kept as written.
enum EncodedWordDecoder {
    /// `value` with its encoded words decoded.
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let pattern = #/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/#
        var result = ""
        var rest = value[...]
        var previousWasEncoded = false
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(previousWasEncoded && between.allSatisfy(\.isWhitespace)) { result += between }
            if let decoded = decodeWord(charset: String(match.output.1), encoding: String(match.output.2), text: String(match.output.3)) {
                result += decoded
                previousWasEncoded = true
            } else {
                result += rest[match.range]
                previousWasEncoded = false
            }
            rest = rest[match.range.upperBound...]
        }
        return result + rest
    }

    private static func decodeWord(charset: String, encoding: String, text: String) -> String? {
        // RFC 2231 allows a language after '*' in the charset ("utf-8*en").
        let label = charset.split(separator: "*").first.map(String.init) ?? charset
        guard let detected = DetectedEncoding(charsetLabel: label) else { return nil }
        let bytes: [UInt8]
        if encoding.lowercased() == "b" {
            guard let data = Data(base64Encoded: TransferDecoding.paddedBase64(text)) else { return nil }
            bytes = [UInt8](data)
        } else {
            bytes = TransferDecoding.quotedPrintable(Array(text.replacingOccurrences(of: "_", with: " ").utf8)[...])
        }
        return TextDecoder.decode(Data(bytes), as: detected)
    }
}
