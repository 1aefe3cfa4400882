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

/// Issue 16: OCR of scanned pages (pdftoppm + tesseract, installed by `make deps`).
struct PDFParserOCRTests {
    @Test func scannedPDFIsReadWithOCRKeepingPageNumbers() throws {
        let document = try PDFParser().parse(fileAt: DocumentFixtures.url("scanned.pdf"))
        #expect(document.metadata["ocr_pages"] == "1,2,3")
        #expect(document.segments.map(\.page) == [1, 2, 3])
        let pages = document.segmentTexts
        #expect(pages.count == 3)
        #expect(pages.first?.contains("Page one: boundary layer transition on a flat plate.") == true)
        #expect(pages.dropFirst().first?.contains("Page two: shock waves over a swept wing.") == true)
        #expect(pages.last?.contains("Page three: conclusions and further work.") == true)
    }

    @Test func onlyTheTextlessPageOfAMixedPDFIsReadWithOCR() throws {
        let document = try PDFParser().parse(fileAt: DocumentFixtures.url("mixed-scan.pdf"))
        #expect(document.metadata["ocr_pages"] == "2")
        #expect(document.segments.map(\.page) == [1, 2, 3])
        #expect(document.segmentTexts[0] == "Page one: boundary layer transition on a flat plate.\nSecond line of the first page.")
        #expect(document.segmentTexts[1].contains("shock waves over a swept wing"))
        #expect(document.segmentTexts[2] == "Page three: conclusions and further work.")
    }

    @Test func withOCROffScannedPagesStayEmpty() throws {
        let document = try PDFParser(ocr: OCRConfiguration(enabled: false)).parse(fileAt: DocumentFixtures.url("mixed-scan.pdf"))
        #expect(document.metadata["ocr_pages"] == nil)
        #expect(document.segments.map(\.page) == [1, 3])
    }

    @Test func missingTesseractIsAClearFailureOfTheFile() throws {
        let url = DocumentFixtures.url("scanned.pdf")
        let parser = PDFParser(ocr: OCRConfiguration(tesseractPath: "/nonexistent/tesseract"))
        do {
            _ = try parser.parse(fileAt: url)
            Issue.record("parsed without tesseract")
        } catch let IngestError.unreadable(path, reason) {
            #expect(path == url.path)
            #expect(reason.hasPrefix("tesseract not found at /nonexistent/tesseract: install tesseract-ocr"))
            #expect(reason.contains("--no-ocr"))
        }
    }

    @Test func missingLanguageDataNamesItsPackage() throws {
        let url = DocumentFixtures.url("mixed-scan.pdf")
        let parser = PDFParser(ocr: OCRConfiguration(languages: ["zzz"]))
        #expect(throws: IngestError.unreadable(path: url.path, reason: "tesseract has no data for language 'zzz': install tesseract-ocr-zzz")) {
            try parser.parse(fileAt: url)
        }
    }

    @Test func aPageOverTheTimeLimitFailsTheFile() throws {
        let url = DocumentFixtures.url("mixed-scan.pdf")
        let parser = PDFParser(ocr: OCRConfiguration(pageTimeoutSeconds: 0.001))
        do {
            _ = try parser.parse(fileAt: url)
            Issue.record("parsed within 1 ms per page")
        } catch let IngestError.corrupt(_, parserName, reason) {
            #expect(parserName == "pdf")
            #expect(reason.hasSuffix("took longer than 0.001 s and was stopped"))
        }
    }

    @Test func ocrConfigurationIsValidated() {
        #expect(throws: OCRConfigurationError(key: "languages", reason: "must name at least one language")) {
            try OCRConfiguration(languages: []).validated()
        }
        #expect(throws: OCRConfigurationError(key: "languages", reason: "'eng;rm' is not a tesseract language code (eng, deu, chi_sim...)")) {
            try OCRConfiguration(languages: ["eng;rm"]).validated()
        }
        #expect(throws: OCRConfigurationError(key: "max_processes", reason: "must be 1...64, not 0")) {
            try OCRConfiguration(maxConcurrentProcesses: 0).validated()
        }
        #expect((try? OCRConfiguration(languages: ["eng", "chi_sim"]).validated()) != nil)
    }
}
