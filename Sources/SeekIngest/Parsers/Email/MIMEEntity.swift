import Foundation

/// One MIME entity (RFC 2045/2046): a message or a body part, with its header fields and raw body.
///
/// Hand-written: no listed Swift library parses MIME. Tolerant like a mail reader: header lines
/// without a colon are skipped, a multipart without its closing boundary ends at the end of the
/// data, and LF or CRLF line ends both work.
struct MIMEEntity {
    /// Header fields in order: name as written, value unfolded (continuation lines joined), raw
    /// (encoded words are decoded by `decodedHeader`).
    var headers: [(name: String, value: String)]
    /// The body bytes, still in their transfer encoding.
    var body: ArraySlice<UInt8>

    /// Splits `bytes` into header fields and body at the first empty line.
    init(_ bytes: ArraySlice<UInt8>) {
        var lines: [ArraySlice<UInt8>] = []
        var index = bytes.startIndex
        var bodyStart = bytes.endIndex
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(lineEnd + 1, bytes.endIndex)
            if line.isEmpty {
                bodyStart = index
                break
            }
            lines.append(line)
        }
        var fields: [(name: String, value: String)] = []
        for line in lines {
            let text = Self.headerText(line)
            if let first = text.unicodeScalars.first, first == " " || first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += " " + text.trimmingCharacters(in: .whitespaces) }
                continue
            }
            guard let colon = text.firstIndex(of: ":") else { continue }
            let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains(" ") else { continue }
            fields.append((name, String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        headers = fields
        body = bytes[bodyStart...]
    }

    /// True when the data starts with at least one well-formed header field.
    var hasHeaders: Bool { !headers.isEmpty }

    /// The raw value of the first field called `name` (case-insensitive), or nil.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The value of field `name` with RFC 2047 encoded words decoded, or nil.
    func decodedHeader(_ name: String) -> String? {
        header(name).map(EncodedWordDecoder.decode)
    }

    /// The media type, lowercased ("text/plain"); "text/plain" when absent (RFC 2045 default).
    var mediaType: String {
        contentType.value.isEmpty ? "text/plain" : contentType.value.lowercased()
    }

    /// The Content-Type value and its parameters.
    var contentType: MIMEHeaderParameters { MIMEHeaderParameters(header("Content-Type") ?? "") }

    /// The Content-Disposition value and its parameters.
    var contentDisposition: MIMEHeaderParameters { MIMEHeaderParameters(header("Content-Disposition") ?? "") }

    /// The file name of an attachment: Content-Disposition `filename`, else Content-Type `name`.
    var fileName: String? {
        contentDisposition.parameters["filename"] ?? contentType.parameters["name"]
    }

    /// True when the part is marked as an attachment, or names a file and is not text.
    var isAttachment: Bool {
        if contentDisposition.value.lowercased() == "attachment" { return true }
        return fileName != nil && !mediaType.hasPrefix("text/")
    }

    /// The body with its Content-Transfer-Encoding (base64, quoted-printable) undone.
    var decodedBody: [UInt8] {
        switch (header("Content-Transfer-Encoding") ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "base64": TransferDecoding.base64(body)
        case "quoted-printable": TransferDecoding.quotedPrintable(body)
        default: Array(body)
        }
    }

    /// The parts of a multipart entity (split at its boundary), or nil when it is not multipart or
    /// has no boundary. The preamble and epilogue are dropped.
    var parts: [MIMEEntity]? {
        guard mediaType.hasPrefix("multipart/"), let boundary = contentType.parameters["boundary"], !boundary.isEmpty else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [MIMEEntity] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            var line = body[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let closing = rest.starts(with: [0x2D, 0x2D])
                if closing || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let start = partStart { parts.append(MIMEEntity(Self.trimmingLastLineBreak(body[start..<index]))) }
                    partStart = closing ? nil : min(lineEnd + 1, body.endIndex)
                    if closing { break }
                }
            }
            index = min(lineEnd + 1, body.endIndex)
        }
        if let start = partStart, start < body.endIndex { parts.append(MIMEEntity(body[start...])) }
        return parts
    }

    /// The line break before a boundary belongs to the boundary (RFC 2046 5.1.1).
    private static func trimmingLastLineBreak(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        if result.last == 0x0A { result = result.dropLast() }
        if result.last == 0x0D { result = result.dropLast() }
        return result
    }

    /// A header line's text: UTF-8 when valid (RFC 6532), else Windows-1252.
    private static func headerText(_ line: ArraySlice<UInt8>) -> String {
        String(validating: line, as: UTF8.self) ?? SingleByteCodePage.windows1252.decode(line)
    }
}
