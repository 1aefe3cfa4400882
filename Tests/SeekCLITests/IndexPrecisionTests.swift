import Foundation
import GRDB
import SeekKernels
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--precision` end to end through the real binary: the pool's workers embed in the precision
/// asked for (or the CPU's fallback, which the report names), the index records it per file, a
/// later run in another precision leaves unchanged files alone and says so once, `--reembed`
/// embeds them again and records the new precision, and `seek status` / `seek doctor` show it.
@Suite(.serialized)
struct IndexPrecisionTests {
    static let documents = 8

    /// The recorded precision of every indexed file, read straight from SQLite.
    static func recordedPrecisions(_ fixture: CLIFixture, index: String = ".seek") throws -> [String] {
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent("\(index)/index.sqlite").path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String?.fetchAll(db, sql: "SELECT vector_precision FROM files WHERE status = 'indexed' ORDER BY path").map { $0 ?? "NULL" }
        }
    }

    /// What `bf16` runs here: bf16, or fp32 with a note naming what the CPU lacks.
    static func expectedBF16(_ embedder: [String: Any]) -> String {
        if let note = embedder["precision_note"] as? String {
            #expect(note.contains("bf16 needs"), "\(note)")
            return "fp32"
        }
        return "bf16"
    }

    @Test func poolWorkersEmbedInTheAskedPrecisionAndTheIndexRecordsIt() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<Self.documents)
        let docs = fixture.directory.appendingPathComponent("docs").path
        let reference = try fixture.seek("index", "docs", "--index", "reference", "--in-process", "--json")
        try #require(reference.status == 0, "\(reference.standardError)")
        let referenceEmbedder = try #require(try reference.json()["embedder"] as? [String: Any])
        #expect(referenceEmbedder["precision"] as? String == "fp32" && (referenceEmbedder["precision_note"] ?? NSNull()) is NSNull)

        // The pool (the default backend) with 2 workers: both must run what the report says.
        let result = try fixture.seek("index", "docs", "--precision", "bf16", "--workers", "2", "--json")
        try #require(result.status == 0, "\(result.standardError)")
        let report = try result.json()
        let embedder = try #require(report["embedder"] as? [String: Any])
        #expect(embedder["backend"] as? String == "pool")
        let expected = Self.expectedBF16(embedder)
        #expect(embedder["precision"] as? String == expected)
        #expect(report["files_indexed"] as? Int == Self.documents)
        #expect(try Self.recordedPrecisions(fixture) == Array(repeating: expected, count: Self.documents))
        // Close to the fp32 vectors (the accuracy bar itself is the kernels' tests' business).
        let contents = try fixture.contents(ofIndex: ".seek", base: docs)
        #expect(contents.worstCosine(against: try fixture.contents(ofIndex: "reference", base: docs)) > 0.99)

        let status = try fixture.seek("status", "--json").json()
        let precisions = try #require(status["vector_precisions"] as? [String: [String: Int]])
        #expect(precisions.keys.sorted() == [expected])
        #expect(precisions[expected]?["files"] == Self.documents && precisions[expected]?["chunks"] == contents.chunks.count)
    }

    @Test func anotherPrecisionKeepsUnchangedFilesUntilReembed() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<Self.documents)
        let first = try fixture.seek("index", "docs", "--in-process", "--json")
        try #require(first.status == 0, "\(first.standardError)")
        #expect(try Self.recordedPrecisions(fixture) == Array(repeating: "fp32", count: Self.documents))

        // Another precision without --reembed: nothing is embedded again, the report says so once.
        let switched = try fixture.seek("index", "--precision", "bf16", "--in-process", "--json")
        try #require(switched.status == 0, "\(switched.standardError)")
        let report = try switched.json()
        let current = Self.expectedBF16(try #require(report["embedder"] as? [String: Any]))
        #expect(report["files_unchanged"] as? Int == Self.documents)
        #expect(report["files_indexed"] as? Int == 0 && report["chunks_embedded"] as? Int == 0)
        #expect(try Self.recordedPrecisions(fixture) == Array(repeating: "fp32", count: Self.documents))
        let notices = try #require(report["notices"] as? [String])
        if current == "fp32" {
            #expect(notices.isEmpty && (report["files_in_other_precisions"] as? [String: Int])?.isEmpty == true)
            return
        }
        #expect(report["files_in_other_precisions"] as? [String: Int] == ["fp32": Self.documents])
        #expect(notices.count == 1)
        #expect(notices.first.map { $0.contains("fp32") && $0.contains("bf16") && $0.contains("seek index --reembed") } == true, "\(notices)")
        // People see it too (standard error), once.
        let human = try fixture.seek("index", "--precision", "bf16", "--in-process")
        #expect(human.status == 0, "\(human.standardError)")
        #expect(human.standardError.components(separatedBy: "seek index --reembed").count == 2, "\(human.standardError)")

        // A new file in this run is embedded in bf16 (no fp32 vector from the cache), the rest stay.
        try fixture.scratch.write("Swept wings\nA note on swept wings and boundary layers.", to: "docs/zz-new.txt")
        let added = try fixture.seek("index", "--precision", "bf16", "--in-process", "--json").json()
        #expect(added["files_indexed"] as? Int == 1)
        #expect(try Self.recordedPrecisions(fixture) == Array(repeating: "fp32", count: Self.documents) + ["bf16"])

        // Querying in another precision than the vectors' works.
        let search = try fixture.seek("search", "boundary layer", "--precision", "fp32", "--mode", "vector", "--json")
        #expect(search.status == 0, "\(search.standardError)")
        #expect(((try search.json()["results"] as? [[String: Any]]) ?? []).isEmpty == false)

        // --reembed: every file again, in bf16, without the cache; the notice is gone.
        let reembedded = try fixture.seek("index", "--reembed", "--precision", "bf16", "--in-process", "--json")
        try #require(reembedded.status == 0, "\(reembedded.standardError)")
        let again = try reembedded.json()
        #expect(again["files_indexed"] as? Int == Self.documents + 1 && again["cache_hits"] as? Int == 0)
        #expect((again["chunks_embedded"] as? Int ?? 0) > 0)
        #expect((again["notices"] as? [String])?.isEmpty == true)
        #expect(try Self.recordedPrecisions(fixture) == Array(repeating: "bf16", count: Self.documents + 1))
        let status = try fixture.seek("status", "--json").json()
        let precisions = try #require(status["vector_precisions"] as? [String: [String: Int]])
        #expect(precisions.keys.sorted() == ["bf16"] && precisions["bf16"]?["files"] == Self.documents + 1)
        // Back to unchanged afterwards.
        let quiet = try fixture.seek("index", "--precision", "bf16", "--in-process", "--json").json()
        #expect(quiet["files_unchanged"] as? Int == Self.documents + 1 && quiet["chunks_embedded"] as? Int == 0)
    }

    /// `--reembed` commits file by file like any run: killed in the middle, it leaves a valid
    /// index whose files are each wholly in the old or the new precision; a plain run then names
    /// the files still in the old one, and `--reembed` again finishes the job.
    @Test(.enabled(if: PrecisionSupport.current.supports(.bf16),
                   "skipped: this CPU does not run bf16 (no AVX-512 BF16 or AMX), so bf16 runs as fp32 and a re-embed changes no precision"))
    func aKilledReembedLeavesAValidIndexAndCanBeFinished() throws {
        let fixture = try CLIFixture()
        let count = 240
        try fixture.writeCranfield(0..<count)
        let first = try fixture.seek("index", "docs", "--json")
        try #require(first.status == 0, "\(first.standardError)")
        // Workers stop themselves every 2 batches (of 8 chunks), holding the next one: while one is
        // stopped the run cannot end, so it is killed once some files are re-embedded.
        let running = try SeekProcess.start(["index", "--reembed", "--precision", "bf16", "--json", "--batch", "8"], in: fixture.directory,
                                            environment: ["SEEK_EMBEDDER_FAULT": "stop-every:2"])
        let parent = running.process.processIdentifier
        var held = false
        let deadline = ContinuousClock.now + .seconds(300)
        while !held, running.process.isRunning, ContinuousClock.now < deadline {
            if !ProcessTable.stoppedChildren(of: parent).isEmpty {
                let recorded: [String]
                do { recorded = try Self.recordedPrecisions(fixture) } catch {
                    Issue.record("cannot read the index while it is written: \(error)")
                    recorded = []
                }
                let changed = recorded.filter { $0 != "fp32" }.count
                if changed >= 5 { held = true } else { ProcessTable.resumeStoppedChildren(of: parent) }
            }
            if !held { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(held, "no worker was holding the run once 5 files were re-embedded")
        running.kill()
        let killed = running.wait()
        #expect(killed.status != 0, "the run finished before it could be killed; make the corpus larger")

        let validate = try fixture.seek("validate", "--json")
        #expect(validate.status == 0, "\(validate.output)")
        let partial = try Self.recordedPrecisions(fixture)
        let current = partial.first { $0 != "fp32" } ?? "fp32"
        let kept = partial.filter { $0 == "fp32" }.count
        #expect(partial.count == count && kept < count)
        #expect(Set(partial).isSubset(of: ["fp32", current]))
        if current != "fp32" {
            let plain = try fixture.seek("index", "--precision", "bf16", "--json").json()
            #expect(plain["files_unchanged"] as? Int == count && plain["chunks_embedded"] as? Int == 0)
            #expect(plain["files_in_other_precisions"] as? [String: Int] == ["fp32": kept])
        }
        let finished = try fixture.seek("index", "--reembed", "--precision", "bf16", "--json")
        try #require(finished.status == 0, "\(finished.standardError)")
        #expect(try finished.json()["files_indexed"] as? Int == count)
        #expect(try Self.recordedPrecisions(fixture) == Array(repeating: current, count: count))
    }

    @Test func unknownValuesFailNamingTheAllowedOnes() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<1)
        let precision = try fixture.seek("index", "docs", "--precision", "fp8", "--json")
        #expect(precision.status != 0)
        #expect(precision.standardError.contains("--precision") && precision.standardError.contains("auto, fp32, bf16, int8"), "\(precision.standardError)")
        let gemm = try fixture.seek("embed", "--text", "hello", "--gemm", "mkl")
        #expect(gemm.status != 0)
        #expect(gemm.standardError.contains("--gemm") && gemm.standardError.contains("auto, openblas, onednn, reference"), "\(gemm.standardError)")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent(".seek/index.sqlite").path))
    }

    @Test func doctorShowsTheGEMMBackendAndThePrecisionsThisCPURuns() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("doctor", "--json")
        let checks = try #require(try result.json()["checks"] as? [[String: Any]])
        let check = try #require(checks.first { $0["check"] as? String == "precision" })
        let detail = check["detail"] as? String ?? ""
        #expect(check["ok"] as? Bool == true)
        #expect(detail.contains("GEMM ") && detail.contains("this CPU runs fp32") && detail.contains("embedding.precision fp32 runs fp32"), "\(detail)")
    }
}
