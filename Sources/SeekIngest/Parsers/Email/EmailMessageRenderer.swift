import Foundation

/// Turns one parsed e-mail message into searchable text: the main header fields, the body
/// (text/plain preferred over text/html, which goes through the HTML parser's extractor), the
/// contents of text attachments, and the names of all attachments.
///
/// Charsets: a part's `charset` parameter when Seek can decode it, else `TextDecoder`'s detection.
struct EmailMessageRenderer {
    /// The rendered message.
    struct Rendered {
        /// "Subject: ...\nFrom: ...\n...\n\nbody\n\nAttachments: a.pdf, b.txt".
        var text: String
        /// The decoded Subject, if any.
        var subject: String?
        /// from, to, cc, date, subject, message_id, attachments (names joined with ", ").
        var metadata: [String: String]
    }

    /// Header fields written at the top of the text, in this order.
    private static let shownFields = ["Subject", "From", "To", "Cc", "Date"]

    /// Renders `message`.
    static func render(_ message: MIMEEntity) -> Rendered {
        var collected = Collected()
        collect(message, into: &collected, inAlternative: false)
        var lines: [String] = []
        var metadata: [String: String] = [:]
        for field in shownFields {
            guard let value = message.decodedHeader(field)?.collapsingWhitespace(), !value.isEmpty else { continue }
            lines.append("\(field): \(value)")
            metadata[field.lowercased()] = value
        }
        if let identifier = message.header("Message-ID") { metadata["message_id"] = identifier }
        var blocks = [lines.joined(separator: "\n")]
        blocks += collected.bodies.map { $0.trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
        for (name, text) in collected.textAttachments {
            blocks.append("Attachment \(name):\n" + text.trimmingWhitespaceAndNewlines())
        }
        if !collected.attachmentNames.isEmpty {
            blocks.append("Attachments: " + collected.attachmentNames.joined(separator: ", "))
            metadata["attachments"] = collected.attachmentNames.joined(separator: ", ")
        }
        let text = blocks.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return Rendered(text: text, subject: metadata["subject"], metadata: metadata)
    }

    private struct Collected {
        var bodies: [String] = []
        var textAttachments: [(String, String)] = []
        var attachmentNames: [String] = []
    }

    private static func collect(_ entity: MIMEEntity, into collected: inout Collected, inAlternative: Bool) {
        let type = entity.mediaType
        if let parts = entity.parts {
            if type == "multipart/alternative" {
                // The plain-text version when there is one, else the richest (last) one.
                let chosen = parts.first { containsPlainText($0) } ?? parts.last
                if let chosen { collect(chosen, into: &collected, inAlternative: true) }
                for part in parts where part.isAttachment { collected.attachmentNames.append(part.fileName ?? part.mediaType) }
            } else {
                for part in parts { collect(part, into: &collected, inAlternative: inAlternative) }
            }
            return
        }
        if entity.isAttachment {
            let name = entity.fileName ?? "unnamed \(type)"
            collected.attachmentNames.append(name)
            if type.hasPrefix("text/") { collected.textAttachments.append((name, bodyText(of: entity))) }
            return
        }
        switch type {
        case "text/html", "application/xhtml+xml":
            var extractor = HTMLTextExtractor(html: bodyText(of: entity))
            collected.bodies.append(extractor.extract(metadata: [:]).text)
        case "message/rfc822":
            let inner = render(MIMEEntity(entity.decodedBody[...]))
            collected.bodies.append("Forwarded message:\n" + inner.text)
        default:
            if type.hasPrefix("text/") {
                collected.bodies.append(bodyText(of: entity))
            } else {
                collected.attachmentNames.append(entity.fileName ?? "unnamed \(type)")
            }
        }
    }

    /// True when `entity` is or contains a non-attachment text/plain part.
    private static func containsPlainText(_ entity: MIMEEntity) -> Bool {
        if let parts = entity.parts { return parts.contains(where: containsPlainText) }
        return entity.mediaType == "text/plain" && !entity.isAttachment
    }

    /// The decoded body of a text part, in its declared charset or the detected one.
    static func bodyText(of entity: MIMEEntity) -> String {
        let data = Data(entity.decodedBody)
        if let label = entity.contentType.parameters["charset"], let encoding = DetectedEncoding(charsetLabel: label) {
            return TextDecoder.decode(data, as: encoding)
        }
        return TextDecoder.decode(data).text
    }
}
