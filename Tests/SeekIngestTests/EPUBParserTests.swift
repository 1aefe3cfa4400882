import Foundation
import SeekCore
import SeekIngest
import Testing
import ZIPFoundation

struct EPUBParserTests {
    private let parser = EPUBParser()

    @Test func chaptersInSpineOrderWithTheirTitlesAsHeadings() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("lighthouse.epub"))
        #expect(document.title == "The Lighthouse Keeper")
        #expect(document.metadata["author"] == "Mara Example")
        #expect(document.metadata["chapters"] == "3")
        // The manifest lists chapter 3 first; the spine decides.
        #expect(document.segments.map(\.headingPath) == [["The Storm"], ["The Ship"], ["Morning"]])
        #expect(document.segmentTexts == [
            "The Storm\n\nThe storm reached the island at dusk.\n\nElin climbed the tower to light the lamp.",
            "The Ship\n\nA ship without lights drifted toward the rocks.",
            "Morning\n\nBy morning the sea was calm and the crew was safe.",
        ])
    }

    @Test func brokenBooksAreCorruptWithAReason() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notZip = try DocumentFixtures.write(Array("<html/>".utf8), named: "fake.epub", in: folder)
        #expect(throws: IngestError.corrupt(path: notZip.path, parser: "epub", reason: "not a zip archive (truncated or damaged)")) {
            try parser.parse(fileAt: notZip)
        }
        let noContainer = folder.appendingPathComponent("bare.epub")
        try FileManager.default.copyItem(at: DocumentFixtures.url("lighthouse.epub"), to: noContainer)
        let archive = try Archive(url: noContainer, accessMode: .update)
        try archive.remove(try #require(archive["META-INF/container.xml"]))
        #expect(throws: IngestError.corrupt(path: noContainer.path, parser: "epub", reason: "META-INF/container.xml missing")) {
            try parser.parse(fileAt: noContainer)
        }
        let locked = folder.appendingPathComponent("locked.epub")
        try FileManager.default.copyItem(at: DocumentFixtures.url("lighthouse.epub"), to: locked)
        let lockedArchive = try Archive(url: locked, accessMode: .update)
        let encryption = Data("""
            <encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
            <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
            <enc:CipherData><enc:CipherReference URI="OEBPS/text/chapter2.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>
            """.utf8)
        try lockedArchive.addEntry(with: "META-INF/encryption.xml", type: .file, uncompressedSize: Int64(encryption.count)) { position, size in
            encryption.subdata(in: Int(position)..<Int(position) + size)
        }
        #expect(throws: IngestError.corrupt(path: locked.path, parser: "epub", reason: "encrypted (DRM-protected) book: OEBPS/text/chapter2.xhtml cannot be read")) {
            try parser.parse(fileAt: locked)
        }
    }
}
