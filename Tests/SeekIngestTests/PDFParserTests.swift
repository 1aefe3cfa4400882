import Foundation
import SeekCore
import SeekIngest
import Testing

struct PDFParserTests {
    private let parser = PDFParser()

    @Test func pagesBecomeSegmentsWithPageNumbers() throws {
        let document = try parser.parse(fileAt: DocumentFixtures.url("report.pdf"))
        #expect(document.title == "Wind Tunnel Report")
        #expect(document.metadata["author"] == "Ada Example")
        #expect(document.metadata["pages"] == "3")
        #expect(document.segments.map(\.page) == [1, 2, 3])
        #expect(document.segmentTexts == [
            "Page one: boundary layer transition on a flat plate.\nSecond line of the first page.",
            "Page two: shock waves over a swept wing.",
            "Page three: conclusions and further work.",
        ])
    }

    @Test func truncatedPDFIsCorruptWithPdftotextsMessage() throws {
        let url = DocumentFixtures.url("report-truncated.pdf")
        do {
            _ = try parser.parse(fileAt: url)
            Issue.record("a truncated PDF parsed")
        } catch let IngestError.corrupt(path, parserName, reason) {
            #expect(path == url.path)
            #expect(parserName == "pdf")
            #expect(reason.hasPrefix("pdftotext: Syntax Error"))
        }
    }

    @Test func cutJustBeforeTheEndIsCorruptEvenWhenPagesAreRecovered() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = try Data(contentsOf: DocumentFixtures.url("report.pdf"))
        let url = folder.appendingPathComponent("cut.pdf")
        try full.prefix(full.count - 12).write(to: url)
        #expect(throws: IngestError.corrupt(path: url.path, parser: "pdf", reason: "truncated PDF (no %%EOF marker at the end of the file)")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func passwordProtectedPDFIsCorrupt() throws {
        let url = DocumentFixtures.url("encrypted.pdf")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "pdf", reason: "pdftotext: Command Line Error: Incorrect password")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func nonPDFAndEmptyFilesAreCorrupt() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DocumentFixtures.write(Array("hello".utf8), named: "fake.pdf", in: folder)
        #expect(throws: IngestError.corrupt(path: text.path, parser: "pdf", reason: "not a PDF file (no %PDF- header)")) {
            try parser.parse(fileAt: text)
        }
        let empty = try DocumentFixtures.write([], named: "empty.pdf", in: folder)
        #expect(throws: IngestError.corrupt(path: empty.path, parser: "pdf", reason: "empty file (0 bytes)")) {
            try parser.parse(fileAt: empty)
        }
    }

    @Test func missingPdftotextSaysToInstallPopplerUtils() throws {
        let missing = PDFParser(configuration: .init(pdftotextPath: "/nonexistent-seek-folder/pdftotext"))
        let url = DocumentFixtures.url("report.pdf")
        do {
            _ = try missing.parse(fileAt: url)
            Issue.record("parsed without pdftotext")
        } catch let IngestError.unreadable(path, reason) {
            #expect(path == url.path)
            #expect(reason.contains("install poppler-utils"))
        }
    }

    @Test func runsOverTheTimeLimitAreStopped() throws {
        // A stand-in "pdftotext" that never finishes: the parser must kill it and report the timeout.
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try DocumentFixtures.write(Array("#!/bin/sh\nexec sleep 30\n".utf8), named: "pdftotext", in: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let slow = PDFParser(configuration: .init(timeoutSeconds: 0.5, pdftotextPath: script.path))
        let url = DocumentFixtures.url("report.pdf")
        #expect(throws: IngestError.corrupt(path: url.path, parser: "pdf", reason: "pdftotext took longer than 0.5 s and was stopped")) {
            try slow.parse(fileAt: url)
        }
    }
}
