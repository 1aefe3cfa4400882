import Foundation
import SeekTestSupport
import Testing

/// `seek status`, `seek files`, `seek show` and `seek remove` on a real index.
@Suite(.serialized)
struct InspectionCommandsTests {
    @Test func statusFilesShowAndRemove() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<6)
        try fixture.scratch.write("# Notes\n\nA short markdown note about wind tunnels.\n\n## Results\n\nLift rose.", to: "docs/notes.md")
        try fixture.scratch.write("%PDF-1.4 broken", to: "docs/broken.pdf")
        #expect(try fixture.seek("index", "docs", "--json").status == 0)

        let status = try fixture.seek("status", "--json").json()
        #expect(status["roots"] as? [String] == [fixture.directory.appendingPathComponent("docs").standardizedFileURL.path])
        let files = try #require(status["files"] as? [String: Int])
        #expect(files == ["indexed": 7, "failed": 1, "skipped": 0])
        #expect((status["chunks"] as? Int ?? 0) >= 7 && status["chunks"] as? Int == status["vectors"] as? Int)
        #expect((status["db_bytes"] as? Int ?? 0) > 0)
        #expect(status["model"] as? String == "sentence-transformers/all-MiniLM-L6-v2")

        let failed = try fixture.seek("files", "--failed", "--json").jsonArray()
        #expect(failed.count == 1)
        #expect((failed[0]["path"] as? String)?.hasSuffix("broken.pdf") == true)
        #expect(failed[0]["status"] as? String == "failed")
        #expect(!((failed[0]["reason"] as? String) ?? "").isEmpty)
        let all = try fixture.seek("files", "--json").jsonArray()
        #expect(all.count == 8)
        #expect(Set(all.compactMap { $0["parser"] as? String }).isSuperset(of: ["text", "markdown"]))

        let shown = try fixture.seek("show", "docs/notes.md", "--json").json()
        #expect(shown["title"] as? String == "Notes")
        let text = try #require(shown["text"] as? String)
        let chunks = try #require(shown["chunks"] as? [[String: Any]])
        #expect(chunks.count == 2)
        for chunk in chunks {
            let start = try #require(chunk["start"] as? Int), end = try #require(chunk["end"] as? Int)
            let scalars = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == chunk["text"] as? String)
        }
        #expect(try fixture.seek("show", "docs/none.md").status != 0)

        let removed = try fixture.seek("remove", "docs", "--json").json()
        #expect(removed["files_removed"] as? Int == 8)
        let after = try fixture.seek("status", "--json").json()
        #expect(after["chunks"] as? Int == 0 && (after["roots"] as? [String])?.isEmpty == true)
    }

    /// `seek files --json | head -1`: the reader leaves before the output is written; Seek ends
    /// quietly (status 0, nothing on standard error) instead of crashing on the broken pipe.
    @Test func aReaderThatLeavesEarlyEndsTheOutputQuietly() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        for arguments in [["files", "--json"], ["status", "--json"], ["search", "wing", "--json"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try SeekBinary.path())
            process.arguments = arguments
            process.currentDirectoryURL = fixture.directory
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            try output.fileHandleForReading.close() // gone before Seek writes a byte
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(arguments): \(process.terminationStatus) \(said)")
            #expect(!said.contains("Fatal error") && !said.contains("crashed"), "\(arguments): \(said)")
        }
    }

    @Test func commandsWithoutAnIndexSayWhatToDo() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("status")
        #expect(result.status != 0)
        #expect(result.standardError.contains("seek index"))
    }
}
