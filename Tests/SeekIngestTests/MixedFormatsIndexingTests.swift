import Foundation
import SeekTestSupport
import Testing

/// `seek index` on a folder of every new format (issue 16) plus a corrupt copy of each: the good
/// files are indexed, each corrupt one fails with its reason while the run goes on, `seek files`
/// names parsers and detected encodings, and `seek show` marks OCR text. Runs the real binary.
@Suite(.serialized)
struct MixedFormatsIndexingTests {
    private static let goodFiles = [
        "scanned.pdf": "pdf", "scan-text.png": "image", "guide.doc": "doc", "roster.xls": "xls", "review.ppt": "ppt",
        "roster.ods": "ods", "review.odp": "odp", "budget-meeting.eml": "email", "three-messages.mbox": "mbox",
        "lighthouse.epub": "epub", "rainfall.ipynb": "notebook", "guide.md.gz": "gzip", "text-shiftjis.txt": "text",
        "text-koi8r.txt": "text", "text-utf16le-nobom-cjk.txt": "text",
    ]

    private static func writeFolder(in scratch: TemporaryDirectory) throws -> [String: String] {
        let docs = scratch.file("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for name in goodFiles.keys {
            try FileManager.default.copyItem(at: DocumentFixtures.url(name), to: docs.appendingPathComponent(name))
        }
        func prefix(_ name: String, _ count: Int) throws -> Data { try Data(contentsOf: DocumentFixtures.url(name)).prefix(count) }
        // Corrupt copies, with the parser that must reject each.
        let broken: [String: (Data, String)] = [
            "broken.doc": (Data("plain text".utf8), "doc"), "broken.xls": (try prefix("roster.xls", 600), "xls"),
            "broken.ppt": (Data("slides".utf8), "ppt"), "broken.epub": (try prefix("lighthouse.epub", 300), "epub"),
            "broken.ipynb": (Data("{\"cells\": [".utf8), "notebook"), "broken.eml": (Data("no headers here\n".utf8), "email"),
            "broken.mbox": (Data("Subject: x\n\nbody\n".utf8), "mbox"), "broken.md.gz": (try prefix("guide.md.gz", 100), "gzip"),
            "broken.png": (Data("not an image".utf8), "image"), "broken.pdf": (try prefix("scanned.pdf", 2000), "pdf"),
        ]
        for (name, (data, _)) in broken { try data.write(to: docs.appendingPathComponent(name)) }
        try Data([0, 0, 0, 24] + Array("ftypheic".utf8)).write(to: docs.appendingPathComponent("photo.heic"))
        return broken.mapValues(\.1)
    }

    @Test func everyFormatIsIndexedAndEveryCorruptFileFailsWithItsReason() throws {
        let scratch = try TemporaryDirectory("seek-formats")
        defer { scratch.remove() }
        let broken = try Self.writeFolder(in: scratch)
        let environment = ["SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let run = try SeekProcess.run(["index", "docs", "--in-process", "--json"], in: scratch.url, environment: environment)
        #expect(run.status == 0, "\(run.standardError)")
        let report = try run.json()
        #expect(report["files_indexed"] as? Int == Self.goodFiles.count)
        #expect(report["files_failed"] as? Int == broken.count)
        #expect(report["files_skipped"] as? Int == 1)

        let files = try SeekProcess.run(["files", "--json"], in: scratch.url, environment: environment).jsonArray()
        var byName: [String: [String: Any]] = [:]
        for file in files { byName[((file["path"] as? String) ?? "" as String).components(separatedBy: "/").last ?? ""] = file }
        for (name, parser) in Self.goodFiles {
            #expect(byName[name]?["status"] as? String == "indexed", "\(name): \(byName[name]?["reason"] ?? "")")
            #expect(byName[name]?["parser"] as? String == parser, "\(name)")
            #expect((byName[name]?["chunks"] as? Int ?? 0) > 0, "\(name)")
        }
        for (name, parser) in broken {
            #expect(byName[name]?["status"] as? String == "failed", "\(name)")
            #expect((byName[name]?["reason"] as? String)?.hasPrefix("\(parser) parser failed on ") == true, "\(name): \(byName[name]?["reason"] ?? "")")
        }
        #expect(byName["photo.heic"]?["status"] as? String == "skipped")
        #expect((byName["photo.heic"]?["reason"] as? String)?.hasPrefix("HEIC/HEIF images are not read") == true)
        #expect(byName["text-shiftjis.txt"]?["encoding"] as? String == "shift_jis")
        #expect(byName["text-koi8r.txt"]?["encoding"] as? String == "koi8-r")
        #expect(byName["text-utf16le-nobom-cjk.txt"]?["encoding"] as? String == "utf-16le")
        #expect(byName["guide.doc"]?["encoding"] is NSNull)

        let shown = try SeekProcess.run(["show", "docs/scanned.pdf", "--json"], in: scratch.url, environment: environment).json()
        let chunks = try #require(shown["chunks"] as? [[String: Any]])
        #expect(chunks.compactMap { $0["page"] as? Int } == [1, 2, 3])
        #expect(chunks.allSatisfy { $0["ocr"] as? Bool == true })
        let doc = try SeekProcess.run(["show", "docs/guide.doc", "--json"], in: scratch.url, environment: environment).json()
        #expect((doc["chunks"] as? [[String: Any]])?.allSatisfy { $0["ocr"] == nil } == true)
    }

    @Test func ocrCanBeTurnedOffByFlagOrConfiguration() throws {
        let scratch = try TemporaryDirectory("seek-formats-no-ocr")
        defer { scratch.remove() }
        let docs = scratch.file("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for name in ["scan-text.png", "mixed-scan.pdf"] {
            try FileManager.default.copyItem(at: DocumentFixtures.url(name), to: docs.appendingPathComponent(name))
        }
        let environment = ["SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        for (index, arguments) in [["--no-ocr"], ["--config", "ocr-off.json"]].enumerated() {
            _ = try scratch.write("{\"ocr\": {\"enabled\": false, \"languages\": [\"eng\"]}}", to: "ocr-off.json")
            let indexName = "index-\(index)"
            let run = try SeekProcess.run(["index", "docs", "--index", indexName, "--in-process", "--json"] + arguments, in: scratch.url, environment: environment)
            #expect(run.status == 0, "\(run.standardError)")
            let files = try SeekProcess.run(["files", "--index", indexName, "--json"], in: scratch.url, environment: environment).jsonArray()
            let image = try #require(files.first { ($0["path"] as? String)?.hasSuffix("scan-text.png") == true })
            #expect(image["status"] as? String == "skipped")
            #expect((image["reason"] as? String)?.contains("OCR is off") == true)
            let shown = try SeekProcess.run(["show", "docs/mixed-scan.pdf", "--index", indexName, "--json"], in: scratch.url, environment: environment).json()
            #expect((shown["chunks"] as? [[String: Any]])?.compactMap { $0["page"] as? Int } == [1, 3])
        }
        _ = try scratch.write("{\"ocr\": {\"languages\": \"eng\"}}", to: "bad.json")
        let bad = try SeekProcess.run(["index", "docs", "--config", "bad.json", "--in-process"], in: scratch.url, environment: environment)
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("ocr.languages"))
        #expect(bad.standardError.contains("must be a list of strings"))
    }
}
