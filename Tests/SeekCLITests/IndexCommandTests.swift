import Foundation
import SeekTestSupport
import Testing

@Suite(.serialized)
struct IndexCommandTests {
    @Test func jsonReportHasTheDocumentedKeysAndASecondRunEmbedsNothing() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<40)
        try fixture.scratch.write("", to: "docs/empty.txt")
        let first = try fixture.seek("index", "docs", "--json")
        #expect(first.status == 0, "\(first.standardError)")
        let report = try first.json()
        for key in ["files_indexed", "files_failed", "files_skipped", "files_unchanged", "files_removed", "chunks",
                    "chunks_embedded", "tokens", "seconds"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        #expect(report["files_indexed"] as? Int == 41)
        #expect((report["chunks_embedded"] as? Int ?? 0) > 40)
        #expect(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent(".seek/index.sqlite").path))

        let second = try fixture.seek("index", "--json").json()
        #expect(second["chunks_embedded"] as? Int == 0)
        #expect(second["files_unchanged"] as? Int == 41)
    }

    @Test func killedMidRunThenResumedEqualsAnUninterruptedRun() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<240)
        let docs = fixture.directory.appendingPathComponent("docs").path

        let reference = try fixture.seek("index", "docs", "--index", "reference", "--json")
        #expect(reference.status == 0, "\(reference.standardError)")

        // Kill -9 once some files are committed, then run again. Workers stop themselves every 2
        // batches (of 8 chunks), holding the next one: while one is stopped the run cannot end.
        let running = try SeekProcess.start(["index", "docs", "--index", "killed", "--json", "--batch", "8"], in: fixture.directory,
                                            environment: ["SEEK_EMBEDDER_FAULT": "stop-every:2"])
        let parent = running.process.processIdentifier
        let database = fixture.directory.appendingPathComponent("killed/index.sqlite").path
        var held = false
        let deadline = ContinuousClock.now + .seconds(300)
        while !held, running.process.isRunning, ContinuousClock.now < deadline {
            if !ProcessTable.stoppedChildren(of: parent).isEmpty {
                let committed = (try? fixture.contents(ofIndex: "killed", base: docs).files.count) ?? 0
                if committed >= 30 { held = true } else { ProcessTable.resumeStoppedChildren(of: parent) }
            }
            if !held { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(held, "no worker was holding the run once 30 files were committed")
        running.kill()
        let killed = running.wait()
        #expect(killed.status != 0, "the run finished before it could be killed; make the corpus larger")
        #expect(FileManager.default.fileExists(atPath: database))
        let partial = try fixture.contents(ofIndex: "killed", base: docs)
        #expect(partial.files.count < 240)

        let resumed = try fixture.seek("index", "--index", "killed", "--json")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try resumed.json()["files_unchanged"] as? Int == partial.files.count)

        let expected = try fixture.contents(ofIndex: "reference", base: docs)
        let actual = try fixture.contents(ofIndex: "killed", base: docs)
        #expect(actual.files == expected.files)
        #expect(actual.chunks == expected.chunks)
        #expect(actual.vectors.count == expected.vectors.count)
        #expect(actual.worstCosine(against: expected) > 0.99999)
    }

    @Test func aMissingPathIsAClearErrorAndNothingIsCreated() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("index", "no-such-folder")
        #expect(result.status != 0)
        #expect(result.standardError.contains("no-such-folder"))
    }
}
