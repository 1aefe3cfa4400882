import Foundation

/// A structured header value such as `text/plain; charset="utf-8"` or
/// `attachment; filename*=utf-8''R%C3%A9sum%C3%A9.pdf`: the main value and its parameters
/// (names lowercased; quoted strings unquoted; RFC 2231 extended and continued values and RFC 2047
/// encoded words decoded).
struct MIMEHeaderParameters {
    /// The part before the first `;`, trimmed ("text/plain").
    var value: String
    /// Parameters by lowercased name.
    var parameters: [String: String]

    init(_ header: String) {
        var pieces = Self.split(header)
        value = pieces.isEmpty ? "" : pieces.removeFirst().trimmingCharacters(in: .whitespaces)
        var plain: [String: String] = [:]
        var extended: [String: [(Int, String, Bool)]] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
                raw = String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            // RFC 2231: name*=charset'lang'percent-encoded, name*0=..., name*1*=...
            let isEncoded = name.hasSuffix("*")
            if isEncoded { name.removeLast() }
            if let star = name.firstIndex(of: "*"), let section = Int(name[name.index(after: star)...]) {
                extended[String(name[..<star]), default: []].append((section, raw, isEncoded))
            } else if isEncoded {
                extended[name, default: []].append((0, raw, true))
            } else {
                plain[name] = raw
            }
        }
        for (name, sections) in extended {
            let ordered = sections.sorted { $0.0 < $1.0 }
            var charset: String?
            var bytes: [UInt8] = []
            for (index, section) in ordered.enumerated() {
                var text = section.1
                if section.2, index == 0 {
                    let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if fields.count == 3 {
                        charset = String(fields[0])
                        text = String(fields[2])
                    }
                }
                bytes += section.2 ? Self.percentDecoded(text) : Array(text.utf8)
            }
            let encoding = charset.flatMap { DetectedEncoding(charsetLabel: $0) } ?? .utf8
            plain[name] = TextDecoder.decode(Data(bytes), as: encoding)
        }
        parameters = plain.mapValues(EncodedWordDecoder.decode)
    }

    /// Splits at `;` outside quoted strings.
    private static func split(_ header: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && inQuotes {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
                current.append(character)
            } else if character == ";" && !inQuotes {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }

    private static func percentDecoded(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == 0x25, index + 2 < utf8.count, let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return bytes
    }
}
