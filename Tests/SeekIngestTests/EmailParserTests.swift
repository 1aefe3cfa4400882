import Foundation
import SeekCore
import SeekIngest
import Testing

struct EmailParserTests {
    private let parser = EmailParser()

    @Test func headersBodyAndAttachmentsOfAMultipartMessage() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("budget-meeting.eml"))
        // Subject: base64 encoded word; From: quoted-printable encoded word.
        #expect(document.title == "Réunion budget: café ☕ à 10h")
        #expect(document.metadata["from"] == "Zoë Müller <zoe@example.org>")
        #expect(document.metadata["date"] == "Tue, 03 Mar 2026 09:15:00 +0100")
        #expect(document.metadata["attachments"] == "Prévisions 2026.pdf, ordre-du-jour.txt")
        #expect(document.text.hasPrefix("""
            Subject: Réunion budget: café ☕ à 10h
            From: Zoë Müller <zoe@example.org>
            To: Bob Example <bob@example.org>
            Date: Tue, 03 Mar 2026 09:15:00 +0100

            Bonjour Bob,

            La réunion sur le budget commence à dix heures précises dans la salle Verte.
            """))
        // The quoted-printable soft line breaks are joined, text/plain wins over the base64 HTML part.
        #expect(document.text.contains("les dépenses ont augmenté de 12 % depuis janvier."))
        #expect(!document.text.contains("version HTML"))
        #expect(document.text.contains("Attachment ordre-du-jour.txt:\nOrdre du jour: budget, recrutement, locaux."))
        #expect(document.text.hasSuffix("Attachments: Prévisions 2026.pdf, ordre-du-jour.txt"))
    }

    @Test func htmlOnlyMessageInWindows1252GoesThroughTheHTMLExtractor() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("newsletter-html.eml"))
        #expect(document.title == "Nouveautés de février")
        #expect(document.text.hasSuffix("Février\n\nLe thé vert coûte 5 € cette semaine."))
        #expect(!document.text.contains("p{}"))
    }

    @Test func brokenMessagesAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try DocumentFixtures.write([], named: "empty.eml", in: folder)
        #expect(throws: IngestError.corrupt(path: empty.path, parser: "email", reason: "empty file (0 bytes)")) {
            try parser.parse(fileAt: empty)
        }
        let prose = try DocumentFixtures.write(Array("Just some notes\nwithout any header.\n".utf8), named: "notes.eml", in: folder)
        #expect(throws: IngestError.corrupt(path: prose.path, parser: "email", reason: "not an e-mail message (no From, To, Subject, Date or MIME header fields)")) {
            try parser.parse(fileAt: prose)
        }
        let binary = try DocumentFixtures.write([0x46, 0x72, 0x00, 0x01, 0x02, 0x00], named: "blob.eml", in: folder)
        #expect(throws: IngestError.corrupt(path: binary.path, parser: "email", reason: "binary content (NUL or control bytes), not an e-mail message")) {
            try parser.parse(fileAt: binary)
        }
    }
}
