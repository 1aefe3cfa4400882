import Foundation

/// Undoes the MIME content transfer encodings (RFC 2045 6.7 and 6.8).
enum TransferDecoding {
    /// Base64 with line breaks and any other non-alphabet bytes ignored; missing padding is added.
    /// Returns what decodes (empty for nothing usable).
    static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let alphabet = bytes.filter { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2F
        }
        // A dangling single character cannot encode a byte: drop it.
        let usable = alphabet.count % 4 == 1 ? alphabet.dropLast() : alphabet[...]
        let text = paddedBase64(String(decoding: usable, as: UTF8.self))
        return Data(base64Encoded: text).map { [UInt8]($0) } ?? []
    }

    /// `text` padded with "=" to a multiple of four characters.
    static func paddedBase64(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "="))
        let remainder = trimmed.utf8.count % 4
        return remainder == 0 ? trimmed : trimmed + String(repeating: "=", count: 4 - remainder)
    }

    /// Quoted-printable: `=XX` escapes decoded, soft line breaks (`=` at a line end) removed, and
    /// a malformed `=` kept as is.
    static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x3D else {
                output.append(byte)
                index += 1
                continue
            }
            // Soft line break: "=" then optional spaces, then CRLF or LF.
            var lookahead = index + 1
            while lookahead < bytes.endIndex, bytes[lookahead] == 0x20 || bytes[lookahead] == 0x09 { lookahead += 1 }
            if lookahead < bytes.endIndex, bytes[lookahead] == 0x0A {
                index = lookahead + 1
                continue
            }
            if lookahead + 1 < bytes.endIndex, bytes[lookahead] == 0x0D, bytes[lookahead + 1] == 0x0A {
                index = lookahead + 2
                continue
            }
            if lookahead == bytes.endIndex {
                index = lookahead
                continue
            }
            if index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
