import Foundation
import SeekCore
import SeekIngest
import Testing

struct ParserRegistryTests {
    private let registry = ParserRegistry.standard

    @Test func extensionsChooseTheirParser() throws {
        let expected = [
            "notes.md": "markdown", "README.markdown": "markdown", "index.HTML": "html", "data.csv": "csv",
            "data.tsv": "csv", "paper.pdf": "pdf", "letter.docx": "docx", "budget.xlsx": "xlsx", "deck.pptx": "pptx",
            "essay.odt": "odt", "old.rtf": "rtf", "main.swift": "text", "tool.py": "text", "app.ts": "text",
            "lib.rs": "text", "query.sql": "text", "config.yaml": "text", "settings.toml": "text", "feed.xml": "text",
            "notes.txt": "text", "package.json": "text", "run.sh": "text", "Main.kt": "text",
            // Issue 16.
            "scan.png": "image", "photo.JPG": "image", "fax.tiff": "image", "shot.webp": "image", "phone.heic": "image",
            "old.doc": "doc", "old.xls": "xls", "old.ppt": "ppt", "macro.xlsm": "xlsx", "sheet.ods": "ods", "deck.odp": "odp",
            "mail.eml": "email", "archive.mbox": "mbox", "book.epub": "epub", "analysis.ipynb": "notebook",
            "notes.md.gz": "gzip", "backup.tgz": "gzip",
        ]
        for (name, parserName) in expected {
            // Extension lookup reads nothing: the files need not exist.
            let parser = try registry.parser(for: URL(fileURLWithPath: "/nonexistent/\(name)"))
            #expect(parser?.name == parserName, "\(name)")
        }
    }

    @Test func unknownExtensionIsSniffed() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let makefile = try DocumentFixtures.write(Array("all:\n\tswift build\n".utf8), named: "Makefile", in: folder)
        #expect(try registry.parser(for: makefile)?.name == "text")
        let pdfCopy = folder.appendingPathComponent("download.bin")
        try FileManager.default.copyItem(at: DocumentFixtures.url("report.pdf"), to: pdfCopy)
        #expect(try registry.parser(for: pdfCopy)?.name == "pdf")
        let empty = try DocumentFixtures.write([], named: "EMPTY", in: folder)
        #expect(try registry.parser(for: empty)?.name == "text")
    }

    @Test func binaryOfUnknownTypeGetsNoParser() throws {
        #expect(try registry.parser(for: DocumentFixtures.url("binary-image")) == nil)
        #expect(try registry.parser(for: DocumentFixtures.url("binary-blob.dat")) == nil)
        #expect(ParserRegistry.unknownBinaryReason == "binary file of unknown type")
        let skipped = IngestError.unsupported(path: "/x/binary-image", reason: ParserRegistry.unknownBinaryReason)
        #expect(skipped.description == "not indexed /x/binary-image: binary file of unknown type")
    }

    @Test func missingFileOfUnknownTypeIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent-seek-folder/mystery")
        #expect(throws: IngestError.self) { try registry.parser(for: url) }
        do {
            _ = try registry.parser(for: url)
        } catch let error as IngestError {
            guard case .unreadable(let path, let reason) = error else {
                Issue.record("expected unreadable, got \(error)")
                return
            }
            #expect(path == url.path)
            #expect(reason.lowercased().contains("no such file"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func everyParserHasANameAndVersion() {
        let names = registry.parsers.map(\.name)
        #expect(names == [
            "csv", "doc", "docx", "email", "epub", "gzip", "html", "image", "markdown", "mbox", "notebook", "odp", "ods", "odt", "pdf",
            "ppt", "pptx", "rtf", "text", "xls", "xlsx",
        ])
        #expect(registry.parsers.allSatisfy { $0.version >= 1 })
        #expect(registry.parser(named: "markdown")?.name == "markdown")
    }
}
