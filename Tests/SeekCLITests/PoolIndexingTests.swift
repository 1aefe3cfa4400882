import Foundation
import SeekTestSupport
import Testing

/// `seek index` through the embedder pool (its default) while workers crash, are killed or
/// choke on a chunk: the run completes and the index equals an undisturbed one.
@Suite(.serialized)
struct PoolIndexingTests {
    static let documents = 120

    @Test func crashingAndKilledWorkersLoseNothing() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<Self.documents)
        let docs = fixture.directory.appendingPathComponent("docs").path
        let reference = try fixture.seek("index", "docs", "--index", "reference", "--in-process", "--json")
        try #require(reference.status == 0, "\(reference.standardError)")
        let expected = try fixture.contents(ofIndex: "reference", base: docs)

        // Every worker SIGKILLs itself after 3 batches.
        let crashing = try SeekProcess.run(["index", "docs", "--index", "crashing", "--json", "--batch", "4"], in: fixture.directory,
                                           environment: ["SEEK_EMBEDDER_FAULT": "crash-after:3"])
        try #require(crashing.status == 0, "\(crashing.standardError)")
        let report = try crashing.json()
        #expect(report["files_indexed"] as? Int == Self.documents && report["files_failed"] as? Int == 0)
        let embedder = try #require(report["embedder"] as? [String: Any])
        #expect(embedder["backend"] as? String == "pool")
        #expect((embedder["restarts"] as? Int ?? 0) >= 1)
        #expect(embedder["workers"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
        #expect(embedder.keys.contains("retried_batches"))
        // The workers said which GEMM embedded (their handshake); the run log records theirs.
        let gemm = try #require(embedder["gemm"] as? String)
        #expect(gemm.contains("known-answer check"))
        let runLog = try String(contentsOf: fixture.directory.appendingPathComponent("crashing/runs.jsonl"), encoding: .utf8)
        let lastRun = try #require(runLog.split(separator: "\n").last)
        #expect((try JSONSerialization.jsonObject(with: Data(lastRun.utf8)) as? [String: Any])?["blas"] as? String == gemm)
        let afterCrashes = try fixture.contents(ofIndex: "crashing", base: docs)
        #expect(afterCrashes.files == expected.files && afterCrashes.chunks == expected.chunks)
        #expect(afterCrashes.worstCosine(against: expected) > 0.9999)

        // An outside `kill -9` of a worker in the middle of the run: workers stop themselves
        // every 3 batches, holding the next one, so the run cannot end before the kill. The first
        // worker found stopped once 5 files are committed is the victim; the others are resumed.
        let running = try SeekProcess.start(["index", "docs", "--index", "killed", "--json", "--batch", "4"], in: fixture.directory,
                                            environment: ["SEEK_EMBEDDER_FAULT": "stop-every:3"])
        let parent = running.process.processIdentifier
        var victim: Int32?
        let deadline = ContinuousClock.now + .seconds(300)
        while victim == nil, running.process.isRunning, ContinuousClock.now < deadline {
            let committed = (try? fixture.contents(ofIndex: "killed", base: docs).files.count) ?? 0
            if let stopped = ProcessTable.stoppedChildren(of: parent).first {
                if committed >= 5 { victim = stopped } else { ProcessTable.resumeStoppedChildren(of: parent) }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let killedPid = try #require(victim, "no stopped worker found while the run was going")
        kill(killedPid, SIGKILL)
        while running.process.isRunning {
            ProcessTable.resumeStoppedChildren(of: parent)
            Thread.sleep(forTimeInterval: 0.02)
        }
        let killed = running.wait()
        try #require(killed.status == 0, "\(killed.standardError)")
        let killedReport = try killed.json()
        #expect(((killedReport["embedder"] as? [String: Any])?["restarts"] as? Int ?? 0) >= 1)
        let afterKill = try fixture.contents(ofIndex: "killed", base: docs)
        #expect(afterKill.files == expected.files && afterKill.chunks == expected.chunks)
        #expect(afterKill.worstCosine(against: expected) > 0.9999)
        // Every worker was reaped: none is left behind.
        #expect(ProcessTable.children(of: parent).isEmpty)
    }

    @Test func onlyTheFileWithThePoisonChunkFails() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<12)
        try fixture.scratch.write("""
            # Field notes

            The first section is harmless and talks about wind tunnels.

            ## Trouble

            This paragraph hides a POISON pill that kills every worker that reads it.
            """, to: "docs/poisoned.md")
        let result = try SeekProcess.run(["index", "docs", "--json"], in: fixture.directory,
                                         environment: ["SEEK_EMBEDDER_FAULT": "crash-on-text:poison"])
        try #require(result.status == 0, "\(result.standardError)")
        let report = try result.json()
        #expect(report["files_indexed"] as? Int == 12)
        #expect(report["files_failed"] as? Int == 1)
        let failures = try #require(report["failures"] as? [[String: String]])
        #expect(failures.count == 1)
        #expect(failures.first?["path"]?.hasSuffix("docs/poisoned.md") == true)
        let reason = failures.first?["reason"] ?? ""
        #expect(reason.hasPrefix("embedder crashed on chunk ") && reason.hasSuffix(": SIGKILL"), "\(reason)")
        let failed = try fixture.seek("files", "--failed", "--json").jsonArray()
        #expect(failed.count == 1 && failed.first?["reason"] as? String == reason)
    }

    /// The pool starts on a run's first batch. A run with nothing to embed — unchanged files, a
    /// renamed one whose chunks come from the cache — starts no worker, so workers that cannot
    /// start do not stop it; the first run with new text starts them and, when they cannot
    /// start, fails saying so, losing nothing.
    @Test func aRunWithNothingToEmbedStartsNoWorker() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<12)
        let first = try fixture.seek("index", "docs", "--json")
        try #require(first.status == 0, "\(first.standardError)")
        let firstEmbedder = try #require(try first.json()["embedder"] as? [String: Any])
        #expect(firstEmbedder["workers_started"] as? Bool == true && firstEmbedder["gemm"] is String)

        // Every worker would exit at start: no worker parses this fault.
        func indexWithBrokenWorkers() throws -> SeekProcess.Result {
            try SeekProcess.run(["index", "--json"], in: fixture.directory, environment: ["SEEK_EMBEDDER_FAULT": "not-a-fault"])
        }
        let unchanged = try indexWithBrokenWorkers()
        try #require(unchanged.status == 0, "\(unchanged.standardError)")
        let report = try unchanged.json()
        #expect(report["files_unchanged"] as? Int == 12 && report["chunks_embedded"] as? Int == 0)
        let embedder = try #require(report["embedder"] as? [String: Any])
        #expect(embedder["backend"] as? String == "pool" && embedder["workers_started"] as? Bool == false && embedder["gemm"] == nil)
        let log = try String(contentsOf: fixture.directory.appendingPathComponent(".seek/runs.jsonl"), encoding: .utf8)
        let lastLine = try #require(log.split(separator: "\n").last)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any])
        #expect((record["processes"] as? [[String: Any]])?.map { $0["role"] as? String } == ["parent"], "\(record)")
        #expect(record["blas"] == nil, "\(record)")

        let docs = fixture.directory.appendingPathComponent("docs")
        try FileManager.default.moveItem(at: docs.appendingPathComponent("1.txt"), to: docs.appendingPathComponent("renamed.txt"))
        let renamed = try indexWithBrokenWorkers()
        try #require(renamed.status == 0, "\(renamed.standardError)")
        let renamedReport = try renamed.json()
        #expect(renamedReport["files_indexed"] as? Int == 1 && renamedReport["files_removed"] as? Int == 1)
        #expect((renamedReport["cache_hits"] as? Int ?? 0) >= 1 && renamedReport["chunks_embedded"] as? Int == 0)

        try "A new note on hypersonic ablation of re-entry shields.".write(to: docs.appendingPathComponent("new.txt"), atomically: true, encoding: .utf8)
        let failing = try indexWithBrokenWorkers()
        #expect(failing.status != 0)
        #expect(failing.standardError.contains("cannot start embedder worker") && failing.standardError.contains("not-a-fault"),
                "\(failing.standardError)")
        let repaired = try fixture.seek("index", "--json")
        try #require(repaired.status == 0, "\(repaired.standardError)")
        let repairedReport = try repaired.json()
        #expect(repairedReport["files_indexed"] as? Int == 1 && (repairedReport["chunks_embedded"] as? Int ?? 0) >= 1)
        #expect((repairedReport["embedder"] as? [String: Any])?["workers_started"] as? Bool == true)
        let search = try fixture.seek("search", "hypersonic ablation re-entry shields", "--mode", "keyword", "--json")
        let hits = String(decoding: search.standardOutput, as: UTF8.self)
        #expect(search.status == 0 && hits.contains("new.txt"), "\(hits)")
        #expect(try fixture.seek("doctor", "--json").json()["ok"] as? Bool == true)
    }
}
