import Foundation
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

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

    @Test func twoIndexRunsAtOnceEmbedEverythingOnce() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<80)
        let first = try SeekProcess.start(["index", "docs", "--json", "--in-process"], in: fixture.directory)
        // The second starts once the first holds the writer lock (its live status file exists).
        let live = fixture.directory.appendingPathComponent(".seek/status.json").path
        while first.process.isRunning, !FileManager.default.fileExists(atPath: live) { Thread.sleep(forTimeInterval: 0.01) }
        let second = try SeekProcess.start(["index", "docs", "--json", "--in-process"], in: fixture.directory)
        let firstResult = first.wait(), secondResult = second.wait()
        #expect(firstResult.status == 0 && secondResult.status == 0, "\(firstResult.standardError) \(secondResult.standardError)")
        let a = try firstResult.json(), b = try secondResult.json()
        let total = try #require(try fixture.seek("status", "--json").json()["chunks"] as? Int)
        #expect((a["chunks_embedded"] as? Int ?? -1) + (b["chunks_embedded"] as? Int ?? -1) == total)
        #expect(b["chunks_embedded"] as? Int == 0 && b["files_unchanged"] as? Int == 80)
    }

    @Test func noWaitFailsAtOnceNamingTheOtherProcess() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<200)
        let first = try SeekProcess.start(["index", "docs", "--json", "--in-process"], in: fixture.directory)
        let live = fixture.directory.appendingPathComponent(".seek/status.json").path
        while first.process.isRunning, !FileManager.default.fileExists(atPath: live) { Thread.sleep(forTimeInterval: 0.01) }
        let refused = try fixture.seek("index", "--no-wait", "--json")
        let firstResult = first.wait()
        #expect(firstResult.status == 0)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("another seek process (pid \(first.pid)) is indexing"), "\(refused.standardError)")
    }

    @Test func aRootThatIsADeviceOrAFIFOIsRefusedAndNotSaved() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<2)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        #expect(mkfifo(fixture.directory.appendingPathComponent("fifo").path, 0o644) == 0)
        for bad in ["/dev/zero", "fifo"] {
            let refused = try fixture.seek("index", bad, "--json")
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("not a folder or file"), "\(refused.standardError)")
        }
        let roots = try fixture.seek("status", "--json").json()["roots"] as? [String]
        #expect(roots == [fixture.directory.appendingPathComponent("docs").path])
        let plain = try fixture.seek("index", "--json")
        #expect(plain.status == 0, "\(plain.standardError)")
    }

    @Test func anIndexFolderInsideTheRootIsNotIndexedAndCannotBecomeARoot() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        // `--index docs/index`: the index lives in the folder it indexes, under a name not excluded.
        let first = try fixture.seek("index", "docs", "--index", "docs/index", "--in-process", "--json")
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try first.json()["files_indexed"] as? Int == 3)
        let second = try fixture.seek("index", "--index", "docs/index", "--in-process", "--json")
        let report = try second.json()
        #expect(report["files_indexed"] as? Int == 0 && report["files_unchanged"] as? Int == 3, "\(report)")
        let files = try fixture.seek("files", "--index", "docs/index", "--json").jsonArray()
        #expect(files.count == 3)
        #expect(!files.contains { ($0["path"] as? String ?? "").contains("/docs/index/") })
        for bad in ["docs/index", "docs/index/sub", ""] {
            let refused = try fixture.seek("index", bad, "--index", "docs/index", "--json")
            #expect(refused.status != 0, "\(bad)")
            let expected = bad.isEmpty ? "the path is empty" : "inside the index's own folder"
            #expect(refused.standardError.contains(expected), "\(refused.standardError)")
        }
        let roots = try fixture.seek("status", "--index", "docs/index", "--json").json()["roots"] as? [String]
        #expect(roots == [fixture.directory.appendingPathComponent("docs").path])
    }

    @Test func aMissingRootIsAProblemAndTheOtherRootsAreIndexed() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<2, folder: "kept")
        try fixture.writeCranfield(2..<4, folder: "moved")
        #expect(try fixture.seek("index", "kept", "moved", "--in-process", "--json").status == 0)
        try FileManager.default.moveItem(at: fixture.directory.appendingPathComponent("moved"), to: fixture.directory.appendingPathComponent("away"))
        try fixture.writeCranfield(4..<5, folder: "kept")
        let run = try fixture.seek("index", "--in-process", "--json")
        #expect(run.status == 0)
        let report = try run.json()
        #expect(report["files_indexed"] as? Int == 1)
        let problems = try #require(report["problems"] as? [String])
        #expect(problems.count == 1 && problems[0].contains("moved") && problems[0].contains("kept"))
        #expect(run.standardError.contains("moved"))
        #expect(try fixture.seek("files", "--json").jsonArray().count == 5)
    }

    @Test func linksToTheWholeDiskAreNotFollowedAndFollowStaysInsideTheRoots() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<2)
        let docs = fixture.directory.appendingPathComponent("docs")
        #expect(symlink("/", docs.appendingPathComponent("whole-disk").path) == 0)
        #expect(symlink("/proc/self", docs.appendingPathComponent("proc-self").path) == 0)
        #expect(symlink(docs.appendingPathComponent("\(1).txt").path, docs.appendingPathComponent("again.txt").path) == 0)
        let plain = try fixture.seek("index", "docs", "--in-process", "--json").json()
        #expect(plain["files_indexed"] as? Int == 2)
        #expect(plain["files_skipped"] as? Int == 3)

        let followed = try fixture.seek("index", "docs", "--in-process", "--follow", "--json", "--index", "followed")
        #expect(followed.status == 0)
        let rows = try fixture.seek("files", "--json", "--index", "followed").jsonArray()
        #expect(rows.filter { $0["status"] as? String == "indexed" }.count == 2, "the linked file is indexed once, under its own path")
        let reasons = rows.compactMap { $0["reason"] as? String }
        #expect(reasons.contains { $0.hasPrefix("symlink into a system folder (/proc/") })
        #expect(reasons.contains("symlink to /, outside the indexed roots"))
        #expect(reasons.contains { $0.hasPrefix("same file as ") })
    }
}
